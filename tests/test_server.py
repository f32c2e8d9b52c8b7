"""The real server (waitress) in front of the app, on loopback only."""

import http.client
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings
from waitress.server import create_server

from kindvoice.ops import server

pytestmark = pytest.mark.django_db(transaction=True)


def serve_until_closed(httpd) -> None:
    try:
        httpd.run()
    except (OSError, ValueError):
        pass  # closing the socket from the test's thread is how the loop ends


@contextmanager
def running(**setting_overrides) -> Iterator[int]:
    with override_settings(**setting_overrides):
        # A fresh handler, so middleware reads the overridden settings.
        app = WSGIHandler()
        httpd = create_server(app, host="127.0.0.1", port=0, threads=2, **server.options())
        thread = threading.Thread(target=serve_until_closed, args=(httpd,), daemon=True)
        thread.start()
        try:
            yield httpd.effective_port  # type: ignore[union-attr]
        finally:
            httpd.close()
            thread.join(timeout=5)


def get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_the_landing_page_is_served_with_its_security_headers() -> None:
    with running() as port:
        response = get(port, "/")
    assert response.status == 200
    assert "script-src 'self'" in response.getheader("Content-Security-Policy")


def test_behind_a_tls_proxy_the_forwarded_scheme_is_believed_and_there_is_no_redirect_loop() -> None:
    with running(BEHIND_HTTPS_PROXY=True, SECURE_SSL_REDIRECT=True, TRUSTED_PROXY="127.0.0.1") as port:
        through_proxy = get(port, "/", {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
        direct = get(port, "/")
    assert through_proxy.status == 200
    assert direct.status == 301 and direct.getheader("Location").startswith("https://")


def test_an_untrusted_proxy_cannot_claim_https() -> None:
    with running(BEHIND_HTTPS_PROXY=True, SECURE_SSL_REDIRECT=True, TRUSTED_PROXY="192.0.2.1") as port:
        response = get(port, "/", {"X-Forwarded-Proto": "https"})
    assert response.status == 301
