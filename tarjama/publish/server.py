"""The preview's HTTP side: files, the live-reload event stream, and limits on clients.

Nothing a client does can hold the preview: a request's line and headers must arrive
within :data:`REQUEST_TIMEOUT` seconds in all (however slowly they trickle in), at most
:data:`MAX_HANDLERS` requests are handled at once (more wait in the backlog), and an
event stream lasts :data:`STREAM_LIFETIME` seconds, after which the browser's
``EventSource`` connects again, missing nothing (each event carries the build's
version, which a new stream compares with the ``Last-Event-ID`` it is sent); at most
:data:`MAX_STREAMS` streams are open, a new one ending the oldest.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from tarjama.publish.preview import PreviewSite

ASSETS = Path(__file__).parent / "preview_assets"
REQUEST_TIMEOUT = 30.0  # seconds a request's line and headers may take, in all
STREAM_LIFETIME = 30.0  # seconds an event stream lasts before the browser reconnects
KEEP_ALIVE = 15.0  # seconds between comments on a quiet event stream
MAX_HANDLERS = 64  # requests handled at once (threads); more wait in the backlog
MAX_STREAMS = 32  # event streams open at once; a new one ends the oldest
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".ttf": "font/ttf",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".epub": "application/epub+zip",
    ".pdf": "application/pdf",
}


def resolve(root: Path, url_path: str) -> Path | None:
    """The file under *root* that *url_path* names, or None (never outside *root*).

    >>> resolve(Path("/srv"), "/../etc/passwd") is None
    True
    """
    parts = [p for p in unquote(url_path).split("/") if p not in ("", ".")]
    if any(p == ".." or "\\" in p or "\0" in p or len(p) > 255 for p in parts):
        return None
    path = root.joinpath(*parts)
    try:
        if path.is_dir():
            path = path / "index.html"
        path.resolve().relative_to(root.resolve())
        return path if path.is_file() else None
    except (ValueError, OSError):  # outside root, a name too long, a loop of links
        return None


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The Host headers the preview answers (None: any, when it listens on every address).
    Anything else is a page of another site whose name was rebound to this address.

    >>> sorted(allowed_hosts("127.0.0.1", 8000) or ())
    ['127.0.0.1:8000', 'localhost:8000']
    """
    if host in ("", "0.0.0.0", "::"):
        return None
    names = {host, "localhost"} if host in ("127.0.0.1", "::1", "localhost") else {host}
    return frozenset(f"[{n}]:{port}" if ":" in n else f"{n}:{port}" for n in names)


class _Reaper:
    """Closes the connections whose deadline has passed (one thread for all of them)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.heap: list[tuple[float, int, socket.socket]] = []
        self.live: dict[int, float] = {}  # id(connection) -> its deadline
        self.count = itertools.count()
        threading.Thread(target=self.run, daemon=True, name="tarjama-reaper").start()

    def watch(self, connection: socket.socket, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        with self.lock:
            self.live[id(connection)] = deadline
            heapq.heappush(self.heap, (deadline, next(self.count), connection))

    def forget(self, connection: socket.socket) -> None:
        with self.lock:
            self.live.pop(id(connection), None)

    def run(self) -> None:
        while True:
            time.sleep(0.25)
            now, due = time.monotonic(), []
            with self.lock:
                while self.heap and self.heap[0][0] <= now:
                    deadline, _, connection = heapq.heappop(self.heap)
                    if self.live.get(id(connection)) == deadline:
                        del self.live[id(connection)]
                        due.append(connection)
            for connection in due:
                with contextlib.suppress(OSError):  # closed already
                    connection.shutdown(socket.SHUT_RDWR)


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server: a backlog for many clients at once, a bounded number of handler
    threads, a deadline on each request's headers, one line per failed request."""

    daemon_threads = True
    request_queue_size = 256  # the default 5 refuses connections under a burst of clients
    hosts: frozenset[str] | None = None  # see allowed_hosts

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the limits, from the module's defaults (a test shortens them on its server)
        self.request_timeout, self.stream_lifetime = REQUEST_TIMEOUT, STREAM_LIFETIME
        self.keep_alive, self.max_streams = KEEP_ALIVE, MAX_STREAMS
        self.slots = threading.BoundedSemaphore(MAX_HANDLERS)
        self.reaper = _Reaper()
        self.streams: list[socket.socket] = []  # open event streams, oldest first
        self.streams_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        slots = self.slots
        slots.acquire()  # the accept loop waits here: the backlog holds the rest
        self.reaper.watch(request, self.request_timeout)
        threading.Thread(
            target=self._serve, args=(request, client_address, slots), daemon=True
        ).start()

    def _serve(self, request: Any, client_address: Any, slots: threading.Semaphore) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            self.reaper.forget(request)
            slots.release()

    def open_stream(self, connection: socket.socket) -> None:
        """Count *connection* as an event stream; end the oldest beyond the limit."""
        with self.streams_lock:
            self.streams.append(connection)
            oldest = self.streams.pop(0) if len(self.streams) > self.max_streams else None
        if oldest is not None:
            with contextlib.suppress(OSError):
                oldest.shutdown(socket.SHUT_RDWR)

    def close_stream(self, connection: socket.socket) -> None:
        with self.streams_lock:
            if connection in self.streams:
                self.streams.remove(connection)

    def handle_error(self, request: Any, client_address: Any) -> None:
        kind, value = sys.exc_info()[:2]
        if kind is not None and not issubclass(kind, (ConnectionError, TimeoutError)):
            print(f"preview: request failed: {kind.__name__}: {value}", file=sys.stderr)


def handler(site: PreviewSite) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to *site*."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "tarjama-preview"
        timeout = REQUEST_TIMEOUT  # a client that sends nothing does not hold a thread forever

        def parse_request(self) -> bool:
            parsed = super().parse_request()
            # the line and the headers are in: the deadline is for them only
            getattr(self.server, "reaper", _NO_REAPER).forget(self.connection)
            return parsed

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the terminal shows rebuilds and errors, not every request

        def do_GET(self) -> None:
            hosts = getattr(self.server, "hosts", None)
            if hosts is not None and self.headers.get("Host", "") not in hosts:
                self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "unknown Host")
                return
            path = urlsplit(self.path).path
            if path == "/__tarjama/events":
                self._events()
            elif path.startswith("/__tarjama/"):
                self._file(resolve(ASSETS, path.removeprefix("/__tarjama/")))
            elif path == "/status.html":
                site.status_page()  # made when asked for, from the catalogs as they are
                self._file(resolve(site.out, path))
            else:
                self._file(resolve(site.out, path))

        def _file(self, path: Path | None) -> None:
            if path is None:
                self.send_error(HTTPStatus.NOT_FOUND, "not found")
                return
            try:
                data = path.read_bytes()
            except OSError:  # removed by a rebuild since it was found
                self.send_error(HTTPStatus.NOT_FOUND, "not found")
                return
            if path.suffix == ".html":
                data = _inject(data, site, path)
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", TYPES.get(path.suffix, "application/octet-stream"))
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _events(self) -> None:
            _serve_events(self, site)

    return Handler


def _serve_events(request: BaseHTTPRequestHandler, site: PreviewSite) -> None:
    """Answer *request* with the event stream, counted among the server's streams."""
    request.send_response(HTTPStatus.OK)
    request.send_header("Content-Type", "text/event-stream")
    request.send_header("Cache-Control", "no-store")
    request.end_headers()
    server = request.server
    assert isinstance(server, PreviewServer)
    server.open_stream(request.connection)
    request.connection.settimeout(server.keep_alive)  # a client that reads nothing: dropped
    last = request.headers.get("Last-Event-ID", "")
    stream = _event_stream(
        site,
        last=int(last) if last.isdigit() else None,
        lifetime=server.stream_lifetime,
        keep_alive=server.keep_alive,
    )
    try:
        for chunk in stream:
            request.wfile.write(chunk.encode("utf-8"))
            request.wfile.flush()
    except OSError:  # gone, dropped for being slow, or ended for a newer stream
        pass
    finally:
        server.close_stream(request.connection)


def _event_stream(
    site: PreviewSite, *, last: int | None, lifetime: float, keep_alive: float
) -> Iterator[str]:
    """Server-sent events for *lifetime* seconds: the current errors first (or the rebuild
    a reconnecting page missed), then one event per rebuild, a comment every
    *keep_alive* seconds in between."""
    end = time.monotonic() + lifetime
    version = site.version
    yield f"retry: 1000\nid: {version}\nevent: hello\ndata: {json.dumps(site.errors)}\n\n"
    if last is not None and last < version:  # a rebuild while the page was reconnecting
        yield _event(site, version)
    while (left := end - time.monotonic()) > 0:
        new = site.wait(version, timeout=min(keep_alive, left))
        if new == version:
            yield ": keep-alive\n\n"
            continue
        version = new
        yield _event(site, version)


def _event(site: PreviewSite, version: int) -> str:
    kind = "failed" if site.errors else "reload"
    data = json.dumps(site.errors, ensure_ascii=False)
    return f"id: {version}\nevent: {kind}\ndata: {data}\n\n"


def _inject(data: bytes, site: PreviewSite, path: Path) -> bytes:
    """Add the live-reload script and overlay styles (and any build error) to a page."""
    locale = path.parent.name
    error = site.errors.get(locale) or site.errors.get("*")
    banner = ""
    if error:
        from html import escape

        banner = f'<div id="tj-error" role="alert">{escape(error)}</div>'
    tags = (
        f'{banner}<link rel="stylesheet" href="/__tarjama/overlay.css">'
        '<script src="/__tarjama/live.js"></script></body>'
    )
    return data.replace(b"</body>", tags.encode("utf-8"), 1)


class _NoReaper:
    def forget(self, connection: socket.socket) -> None:
        pass


_NO_REAPER = _NoReaper()
