"""Serve the app with waitress: a production-grade, pure-Python WSGI server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kindvoice import keys
from kindvoice.errors import ConfigurationError


def check_ready() -> None:
    keys.load()  # raises a clear KeyFileError if the key file is missing
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise ConfigurationError("The database is not set up yet. Run `kindvoice migrate` first.")
    connection.close()


def options() -> dict[str, Any]:
    """waitress settings that follow kindvoice's configuration."""
    opts: dict[str, Any] = {
        # Well above our own limit, so requests over it still get Django's clear message;
        # waitress's bare refusal only meets bodies far beyond it.
        "max_request_body_size": settings.MAX_BODY_BYTES * 16,
        "ident": "kindvoice",
    }
    if settings.BEHIND_HTTPS_PROXY:
        # Without this, waitress drops X-Forwarded-Proto: every request would look like
        # plain http (an endless redirect to https) and come from the proxy's address
        # (one person's failed logins would pause everyone's).
        opts.update(
            trusted_proxy=settings.TRUSTED_PROXY,
            trusted_proxy_headers={"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"},
            clear_untrusted_proxy_headers=True,
        )
    return opts


def serve(host: str, port: int, announce: Callable[[str], None], threads: int = 8) -> None:
    """Bind, then announce the URL (only once it is really listening), then serve."""
    from waitress.server import create_server

    from kindvoice.web.wsgi import application

    try:
        server = create_server(application, host=host, port=port, threads=threads, **options())
    except OSError as error:
        raise ConfigurationError(
            f"Cannot listen on {host}:{port}: {error.strerror}. "
            "Is kindvoice already running? Choose another with --port or KINDVOICE_PORT."
        ) from None
    announce(f"http://{host}:{port}/")
    try:
        server.run()
    finally:
        server.close()
