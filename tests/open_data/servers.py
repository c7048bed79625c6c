"""Real HTTP servers on 127.0.0.1, one per way a portal can fail, for the link check tests."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LocalServer:
    """A threaded HTTP server on a free local port; a context manager that always stops it."""

    def __init__(self, handler_class: type[BaseHTTPRequestHandler]):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
        self.httpd.daemon_threads = True
        self.httpd.requests = []
        self.httpd.release = threading.Event()
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05})

    @property
    def requests(self) -> list[tuple[str, str]]:
        """(path, User-Agent) of every request received so far."""
        return self.httpd.requests

    def url(self, path: str = "/", scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.httpd.server_port}{path}"

    def __enter__(self) -> "LocalServer":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.httpd.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def unused_port() -> int:
    """A local port nothing listens on: connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuietHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:
        """Keep the test output clean."""

    def do_GET(self) -> None:
        self.server.requests.append((self.path, self.headers.get("User-Agent", "")))
        self.answer()

    def send_body(self, status: int, body: bytes = b"<!doctype html><title>Portal</title>") -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class OkHandler(QuietHandler):
    def answer(self) -> None:
        self.send_body(200)


class NotFoundHandler(QuietHandler):
    def answer(self) -> None:
        self.send_body(404, b"not found")


class ServerErrorHandler(QuietHandler):
    def answer(self) -> None:
        self.send_body(500, b"server error")


class RedirectChainHandler(QuietHandler):
    """/start → /step-2 (301) → /final (302) → 200."""

    NEXT = {"/start": ("/step-2", 301), "/step-2": ("/final", 302)}

    def answer(self) -> None:
        if self.path in self.NEXT:
            self.redirect(*self.NEXT[self.path])
        else:
            self.send_body(200)


class RedirectLoopHandler(QuietHandler):
    """/a → /b → /a → …"""

    def answer(self) -> None:
        self.redirect("/b" if self.path == "/a" else "/a")


class SlowHandler(QuietHandler):
    """Answers after 10 s, long after any sensible timeout; hangs up without answering when the test ends."""

    def answer(self) -> None:
        if not self.server.release.wait(timeout=10):
            self.send_body(200)


class HugeBodyHandler(QuietHandler):
    """Streams up to 256 MiB, stopping as soon as the client hangs up."""

    CHUNK = b"x" * 65536

    def answer(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(self.CHUNK) * 4096))
        self.end_headers()
        try:
            for _chunk in range(4096):
                if self.server.release.is_set():
                    break
                self.wfile.write(self.CHUNK)
        except (BrokenPipeError, ConnectionResetError):
            return
