"""Serve the WSGI app for real on 127.0.0.1 with a threaded stdlib server, and in-process via httpx.

A small WSGI gateway on ``BaseHTTPRequestHandler`` (HTTP/1.1, keep-alive) instead of wsgiref, for
one reason: a ``drop`` fault must close the socket *after* the request was applied and *without*
writing a byte, which wsgiref's error handling would turn into a 500. The request body is read in
full before the app runs so a keep-alive connection stays in sync whatever the app reads.
"""

from __future__ import annotations

import contextlib
import io
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from .app import FakeNotion
from .faults import DropConnection


class _Gateway(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes; don't stall on delayed ACKs
    timeout = 30  # idle keep-alive connections end instead of pinning a thread forever
    app: FakeNotion  # set on the per-server subclass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        environ = {
            "REQUEST_METHOD": self.command,
            "PATH_INFO": unquote(parts.path),
            "QUERY_STRING": parts.query,
            "CONTENT_LENGTH": str(len(raw)),
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "SERVER_NAME": self.server.server_address[0],
            "SERVER_PORT": str(self.server.server_address[1]),
            "SERVER_PROTOCOL": self.request_version,
            "wsgi.input": io.BytesIO(raw),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        for key, value in self.headers.items():
            environ["HTTP_" + key.upper().replace("-", "_")] = value
        captured: dict = {}

        def start_response(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers

        try:
            body = b"".join(self.app(environ, start_response))
        except DropConnection:
            self._drop()
            return
        code, _, reason = captured["status"].partition(" ")
        self.log_request(int(code))
        self.send_response_only(int(code), reason)  # the app sends Date, from its own clock
        self.send_header("Server", self.version_string())
        for name, value in captured["headers"]:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _drop(self) -> None:
        """Lose the response: close the socket without sending anything."""
        self.close_connection = True
        with contextlib.suppress(OSError):  # the client may already be gone
            self.connection.shutdown(socket.SHUT_RDWR)

    do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = do_HEAD = _serve

    def log_message(self, format, *args) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the app keeps its own request log."""


class FakeServer:
    """A running emulator: ``base_url``, ``app``; ``close()`` stops it."""

    def __init__(self, app: FakeNotion | None = None, port: int = 0) -> None:
        self.app = app or FakeNotion()
        handler = type("Gateway", (_Gateway,), {"app": self.app})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, args=(0.01,), name="fakenotion", daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def transport(app: FakeNotion):
    """An httpx transport running ``app`` in-process; a dropped response becomes a connection error."""
    import httpx

    class _Transport(httpx.WSGITransport):
        def handle_request(self, request):
            try:
                return super().handle_request(request)
            except DropConnection as exc:
                raise httpx.RemoteProtocolError(
                    "Server disconnected without sending a response.", request=request
                ) from exc

    return _Transport(app=app)
