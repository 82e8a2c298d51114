"""Live preview: serve the HTML site on loopback, rebuild on change, reload the browser.

The preview builds into ``.cache/preview`` (never into ``build/``) with every
segment annotated, so the translator overlay can show each one's status, msgid
and ``translations/<locale>/<slug>.po:<line>``. Open pages hold a server-sent
events connection; after a rebuild they reload themselves, and a broken PO file
shows its error in the page and the terminal while the server keeps running.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path

from tarjama.core.config import Config
from tarjama.core.errors import TarjamaError
from tarjama.publish.server import PreviewServer, allowed_hosts, handler


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

    def status_page(self) -> None:
        """Write the status page (/status.html), its links leading into the overlay: on
        request, so that a rebuild does not pay for it."""
        from tarjama.publish.statuspage import write_status_page

        targets = [locale for locale in self.locales if locale in self.config.locales]
        with self.lock:
            try:
                write_status_page(self.config, self.out / "status.html", locales=targets)
            except TarjamaError as exc:  # a broken catalog: the pages show it already
                self.log(f"status page: {exc}")

    def _locale_of(self, error: TarjamaError) -> str:
        parts = Path(str(error.path or "")).parts
        return next((p for p in parts if p in self.locales), "*")

    def wait(self, version: int, timeout: float) -> int:
        """Block until the version passes *version* (or *timeout*); return the version."""
        with self.changed:
            self.changed.wait_for(lambda: self.version > version, timeout=timeout)
            return self.version


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
