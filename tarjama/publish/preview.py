"""Live preview: serve the HTML site on loopback, rebuild on change, reload the browser.

The preview builds into ``.cache/preview`` (never into ``build/``) with every
segment annotated, so the translator overlay can show each one's status, msgid
and ``translations/<locale>/<slug>.po:<line>``. Open pages hold a server-sent
events connection; after a rebuild they reload themselves, and a broken PO file
shows its error in the page and the terminal while the server keeps running.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tarjama.core.config import Config
from tarjama.core.errors import TarjamaError

ASSETS = Path(__file__).parent / "preview_assets"
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


class PreviewSite:
    """The preview's build state: what is built, the errors per locale, a change counter."""

    def __init__(
        self,
        config: Config,
        locales: list[str],
        *,
        log: Callable[[str], None],
        books: bool = False,
    ) -> None:
        self.config = config
        # with books, each rebuild also makes the EPUB and PDF, in this process: its
        # converted chapters and its Typst compiler stay warm between rebuilds
        self.formats = ("html", "epub", "pdf") if books else ("html",)
        self.locales = locales
        self.out = config.root / ".cache" / "preview"
        self.log = log
        self.errors: dict[str, str] = {}
        self.version = 0
        self.changed = threading.Condition()
        self.lock = threading.Lock()

    def build(self) -> None:
        """(Re)build the preview: only pages whose inputs changed are rendered again."""
        from tarjama.publish.build import build

        with self.lock:
            report = build(
                self.config,
                locales=self.locales,
                formats=self.formats,
                jobs=1,
                progress=False,
                out=self.out,
                annotate=True,
            )
            errors = {self._locale_of(error): str(error) for error in report.errors}
            for error in report.errors:
                self.log(f"error: {error}")
            if self.errors and not errors:
                self.log("errors fixed")
            self.errors = errors
            for path in report.written:
                self.log(f"rebuilt {path}")
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def _locale_of(self, error: TarjamaError) -> str:
        parts = Path(str(error.path or "")).parts
        return next((p for p in parts if p in self.locales), "*")

    def wait(self, version: int, timeout: float) -> int:
        """Block until the version passes *version* (or *timeout*); return the version."""
        with self.changed:
            self.changed.wait_for(lambda: self.version > version, timeout=timeout)
            return self.version


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


REQUEST_TIMEOUT = 30.0  # seconds a client may stay silent


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


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server: a backlog for many clients at once, one line per failed request."""

    daemon_threads = True
    request_queue_size = 256  # the default 5 refuses connections under a burst of clients
    hosts: frozenset[str] | None = None  # see allowed_hosts

    def handle_error(self, request: Any, client_address: Any) -> None:
        kind, value = sys.exc_info()[:2]
        if kind is not None and not issubclass(kind, (ConnectionError, TimeoutError)):
            print(f"preview: request failed: {kind.__name__}: {value}", file=sys.stderr)


def handler(site: PreviewSite) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to *site*."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "tarjama-preview"
        timeout = REQUEST_TIMEOUT  # a client that sends nothing does not hold a thread forever

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
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            try:
                for chunk in _event_stream(site):
                    self.wfile.write(chunk.encode("utf-8"))
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


def _event_stream(site: PreviewSite) -> Iterator[str]:
    """Server-sent events: the current errors first, then one event per rebuild."""
    version = site.version
    yield f"event: hello\ndata: {json.dumps(site.errors)}\n\n"
    while True:
        new = site.wait(version, timeout=15)
        if new == version:
            yield ": keep-alive\n\n"
            continue
        version = new
        kind = "failed" if site.errors else "reload"
        yield f"event: {kind}\ndata: {json.dumps(site.errors, ensure_ascii=False)}\n\n"


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


def watch(site: PreviewSite, stop: threading.Event) -> None:
    """Rebuild whenever source, translations or templates change."""
    import watchfiles

    folders = [
        p
        for p in (
            site.config.source_dir,
            site.config.translations_dir,
            site.config.templates_dir,
            site.config.file,
        )
        if p is not None and p.exists()
    ]
    for changes in watchfiles.watch(
        *folders, stop_event=stop, debounce=150, step=50, raise_interrupt=False
    ):
        names = sorted({site.config.rel(Path(p)) for _, p in changes})
        site.log(f"changed: {', '.join(names)}")
        try:
            site.build()
        except Exception as exc:  # the watcher must outlive any failure, and show it
            message = str(exc) if isinstance(exc, TarjamaError) else _internal(exc)
            site.errors = {"*": message}
            site.log(f"error: {message}")
            with site.changed:
                site.version += 1
                site.changed.notify_all()


def _internal(exc: Exception) -> str:
    """One line for an unexpected failure: what it is and where in tarjama it happened."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"internal error: {type(exc).__name__}: {exc}{where}; the preview keeps watching"


def start(
    config: Config,
    *,
    locales: list[str],
    host: str = "127.0.0.1",
    port: int = 8000,
    log: Callable[[str], None] | None = None,
    books: bool = False,
) -> tuple[ThreadingHTTPServer, threading.Event]:
    """Build, then serve and watch in background threads; returns the server and a stop event."""
    site = PreviewSite(
        config,
        locales,
        log=log or (lambda s: print(s, file=sys.stderr, flush=True)),
        books=books,
    )
    site.build()
    server = PreviewServer((host, port), handler(site))
    server.hosts = allowed_hosts(host, server.server_port)
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True, name="tarjama-http").start()
    threading.Thread(target=watch, args=(site, stop), daemon=True, name="tarjama-watch").start()
    return server, stop


def serve(
    config: Config,
    *,
    locale: str | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    books: bool = False,
) -> None:
    """Run the preview until Ctrl-C (SIGINT) or SIGTERM."""
    chosen = (
        [config.source_locale, *config.locales]
        if locale is None
        else list(dict.fromkeys([config.source_locale, locale]))
    )
    # The handlers only set an event that the main thread polls: this works even when SIGINT
    # was inherited as ignored (background jobs, test runners) or arrives during start-up.
    stopping = threading.Event()
    signal.signal(signal.SIGINT, lambda signum, frame: stopping.set())
    signal.signal(signal.SIGTERM, lambda signum, frame: stopping.set())
    server, stop = start(config, locales=chosen, host=host, port=port, books=books)
    first = chosen[-1] if locale else config.source_locale
    print(
        f"preview on http://{host}:{server.server_port}/{first}/ (Ctrl-C to stop)", file=sys.stderr
    )
    try:
        while not stopping.wait(0.5):
            pass
        print("stopping preview", file=sys.stderr)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
