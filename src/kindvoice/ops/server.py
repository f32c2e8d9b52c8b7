"""Serve the app with waitress: a production-grade, pure-Python WSGI server."""

from __future__ import annotations

from collections.abc import Callable

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


def serve(host: str, port: int, announce: Callable[[str], None], threads: int = 8) -> None:
    """Bind, then announce the URL (only once it is really listening), then serve."""
    from waitress.server import create_server

    from kindvoice.web.wsgi import application

    try:
        server = create_server(
            application,
            host=host,
            port=port,
            threads=threads,
            # Twice our own limit, so requests a little over it get our clear message
            # from Django rather than waitress's bare one.
            max_request_body_size=settings.MAX_BODY_BYTES * 2,
            ident="kindvoice",
        )
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
