"""The live preview, driven in a real headless Chromium."""

from __future__ import annotations

import contextlib
import http.client
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest

from tarjama.core.config import load_config
from tarjama.publish.preview import start
from tests.conftest import require_tool


@pytest.fixture
def server(sample: Path) -> Iterator[tuple[Path, int, list[str]]]:
    logs: list[str] = []
    config = load_config(sample)
    httpd, stop = start(config, locales=["en", "ar", "ur"], port=0, log=logs.append)
    try:
        yield sample, httpd.server_port, logs
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()


def get(port: int, path: str) -> tuple[int, bytes]:
    """A raw request: the path is sent exactly as given, without normalisation."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def edit_entry(po_file: Path, startswith: str, new: str) -> None:
    po = polib.pofile(str(po_file))
    entry = next(e for e in po if not e.obsolete and e.msgid.startswith(startswith))
    entry.msgstr = new
    po.save()


def test_only_files_under_the_build_output_are_served(server: tuple[Path, int, list[str]]) -> None:
    _, port, _ = server
    assert get(port, "/ar/index.html")[0] == 200
    status, page = get(port, "/status.html")  # the status page, its links into the overlay
    assert status == 200 and b'href="ar/defense-aid-programs.html"' in page
    for path in (
        "/../pyproject.toml",
        "/..%2ftarjama.toml",
        "/%2e%2e/tarjama.toml",
        "/ar/../../tarjama.toml",
        "/__tarjama/../preview.py",
        "/nope.html",
    ):
        assert get(port, path)[0] == 404, path


@pytest.mark.tools
def test_live_reload_overlay_and_broken_po(server: tuple[Path, int, list[str]]) -> None:
    require_tool("chromium")
    from tests.browser import browser

    sample, port, logs = server
    po_file = sample / "translations" / "ar" / "defense-aid-programs.po"
    with browser() as chromium:
        page = chromium.new_page()
        page.goto(f"http://127.0.0.1:{port}/ar/defense-aid-programs.html")
        assert page.evaluate("document.documentElement.getAttribute('dir')") == "rtl"
        page.evaluate("window.__notReloaded = true")

        # a translator saves a PO entry: the open page shows it without a manual reload
        edit_entry(po_file, "Founded on", "نص جديد من المترجم.")
        page.wait_for_function(
            "document.body.innerText.includes('نص جديد من المترجم')", timeout=10_000
        )
        assert page.evaluate("window.__notReloaded === undefined")  # the page reloaded itself

        # a broken PO: the error shows in the page and the terminal; the server keeps running
        text = po_file.read_text("utf-8")
        po_file.write_text(text.replace('msgstr "', 'msgstr "\\q', 1), "utf-8")
        page.wait_for_selector("#tj-error", timeout=10_000)
        error = page.inner_text("#tj-error")
        assert re.search(r"translations/ar/defense-aid-programs\.po:\d+: ", error), error
        assert any("defense-aid-programs.po" in line for line in logs)
        assert get(port, "/ar/index.html")[0] == 200
        po_file.write_text(text, "utf-8")  # fixing it recovers without a restart
        page.wait_for_function("!document.getElementById('tj-error')", timeout=10_000)

        # the overlay marks segments shown in the source language, with msgid and PO line
        page.goto(f"http://127.0.0.1:{port}/ur/defense-cooperation-strategy.html")
        page.click("#tj-overlay-toggle")
        page.wait_for_selector("[data-tj-state='fallback']", timeout=5_000)
        fallback = page.query_selector("[data-tj-state='fallback']")
        assert fallback is not None
        title = fallback.get_attribute("title") or ""
        assert re.search(r"translations/ur/defense-cooperation-strategy\.po:\d+", title), title
        assert "msgid: " in title
        assert page.query_selector("[data-tj-state='translated']") is not None


def test_the_command_serves_on_loopback_and_stops_cleanly_on_ctrl_c(sample: Path) -> None:
    import os
    import re
    import select
    import signal
    import socket
    import subprocess
    import sys
    import time

    exe = Path(sys.executable).with_name("tarjama")
    # port 0: the server picks a free port and says which, so no other test's server can answer
    process = subprocess.Popen(
        [str(exe), "preview", "--locale", "fr", "--port", "0"],
        cwd=sample,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        # read the raw descriptor: select() cannot see lines already in a text buffer
        port, seen, deadline = None, b"", time.monotonic() + 60
        fd = process.stderr.fileno()
        while port is None and time.monotonic() < deadline:
            if select.select([fd], [], [], 1)[0]:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break  # the process ended
                seen += chunk
                found = re.search(rb"preview on http://127\.0\.0\.1:(\d+)/", seen)
                port = int(found.group(1)) if found else None
        lines = [seen.decode("utf-8", "replace")]
        assert port is not None, "".join(lines)
        assert get(port, "/fr/index.html")[0] == 200
        with socket.create_connection(("127.0.0.1", port)) as sock:
            assert sock.getpeername()[0] == "127.0.0.1"
        process.send_signal(signal.SIGINT)
        try:
            _, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
            pytest.fail(f"preview did not stop on SIGINT; its stderr ends with: {err[-800:]}")
    finally:
        process.kill() if process.poll() is None else None
    assert process.returncode == 0, err
    assert "Traceback" not in err and "stopping preview" in err


def test_a_request_for_another_host_name_is_refused(server: tuple[Path, int, list[str]]) -> None:
    """DNS rebinding: a page of evil.example whose name now points here gets nothing."""
    _, port, _ = server
    for host, status in (
        (f"127.0.0.1:{port}", 200),
        (f"localhost:{port}", 200),
        (f"evil.example:{port}", 421),
        ("127.0.0.1", 421),
        ("", 421),
    ):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.putrequest("GET", "/ar/index.html", skip_host=True)
        if host:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == status, host
        connection.close()


def test_two_hundred_clients_at_once_are_all_served(server: tuple[Path, int, list[str]]) -> None:
    import socket
    import threading

    _, port, _ = server
    sockets = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(200)]
    results: list[int] = []

    def ask(sock: socket.socket) -> None:
        sock.sendall(f"GET /ar/index.html HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        head = sock.recv(64)
        results.append(int(head.split()[1]))
        sock.close()

    threads = [threading.Thread(target=ask, args=(s,)) for s in sockets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results.count(200) == 200


def test_a_long_path_segment_is_a_plain_404(server: tuple[Path, int, list[str]]) -> None:
    _, port, _ = server
    for path in ("/" + "a" * 300, "/ar/" + "b" * 300 + ".html", "/ar/" + "%41" * 400):
        assert get(port, path)[0] == 404, path
    assert get(port, "/ar/index.html")[0] == 200


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One preview of the sample's source locale whose limits the tests shorten."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("limits") / "sample")
    httpd, stop = start(load_config(project), locales=["en"], port=0, log=lambda s: None)
    try:
        yield httpd
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()


def test_a_silent_client_times_out(limited: Any) -> None:
    import socket
    import time

    from tarjama.publish import preview

    assert preview.PreviewServer.request_queue_size >= 200
    limited.request_timeout = 1.0  # 30 s in use; 1 s to test it
    try:
        with socket.create_connection(("127.0.0.1", limited.server_port), timeout=10) as idle:
            idle.sendall(b"GET /en/index.html HTTP/1.1\r\n")  # and never finishes it
            began = time.monotonic()
            assert idle.recv(1024) == b""  # the server hangs up on it
            assert time.monotonic() - began < 5
    finally:
        limited.request_timeout = 30.0


def test_the_watcher_survives_any_failure_and_shows_it(
    server: tuple[Path, int, list[str]],
) -> None:
    """An unexpected failure (the output folder replaced by a file) is shown, and the
    watcher keeps going: fixing it rebuilds without a restart."""
    import shutil
    import time

    sample, port, logs = server
    out = sample / ".cache" / "preview"
    shutil.rmtree(out)
    out.write_text("not a folder", "utf-8")
    article = sample / "source" / "defense-aid-programs.md"
    article.write_text(article.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    deadline = time.monotonic() + 20
    while not any(line.startswith("error: ") for line in logs) and time.monotonic() < deadline:
        time.sleep(0.1)
    errors = [line for line in logs if line.startswith("error: ")]
    assert errors and "Traceback" not in errors[0], logs
    out.unlink()
    article.write_text(article.read_text("utf-8") + "\nAnd another.\n", "utf-8")
    deadline = time.monotonic() + 20
    while get(port, "/en/defense-aid-programs.html")[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    status, page = get(port, "/en/defense-aid-programs.html")
    assert status == 200 and b"And another." in page


@pytest.mark.tools
def test_search_works_in_the_preview(server: tuple[Path, int, list[str]]) -> None:
    require_tool("chromium")
    from tests.browser import browser

    _, port, _ = server
    with browser() as chromium:
        page = chromium.new_page()
        page.goto(f"http://127.0.0.1:{port}/ar/index.html")
        page.fill("#search-input", "الدبلوماسية")
        page.wait_for_selector("#search-results li a", timeout=10_000)
        hrefs = [a.get_attribute("href") for a in page.query_selector_all("#search-results a")]
        assert f"http://127.0.0.1:{port}/ar/defense-aid-programs.html" in hrefs, hrefs


def _raw(port: int) -> Any:
    import socket

    return socket.create_connection(("127.0.0.1", port), timeout=10)


def test_slow_headers_are_cut_off_however_they_trickle(limited: Any) -> None:
    """A client that sends its headers a byte at a time (each byte in time for the socket
    timeout) is hung up on when the request deadline passes, and the limit on handler
    threads holds while such clients wait."""
    import threading
    import time

    httpd = limited
    httpd.request_timeout, slots = 1.5, httpd.slots
    httpd.slots = threading.BoundedSemaphore(4)
    before = threading.active_count()
    slow = [_raw(httpd.server_port) for _ in range(12)]
    try:
        began = time.monotonic()
        closed = 0
        while time.monotonic() - began < 8 and closed < len(slow):
            assert threading.active_count() <= before + 4 + 1  # the reaper aside
            for client in slow:
                with contextlib.suppress(OSError):
                    client.send(b"G")
            time.sleep(0.4)
            closed = sum(1 for c in slow if _drained(c))
        assert closed == len(slow), closed
        assert time.monotonic() - began < 8
        assert get(httpd.server_port, "/en/index.html")[0] == 200
    finally:
        for client in slow:
            client.close()
        httpd.request_timeout, httpd.slots = 30.0, slots


def test_silent_event_streams_end_and_reconnecting_misses_nothing(limited: Any) -> None:
    """300 pages that keep the event stream open and read nothing are all let go after
    the stream's lifetime; at most MAX_STREAMS are open at once; a page that reconnects
    after a rebuild it missed gets that rebuild's event."""
    import time

    from tarjama.publish import server

    httpd = limited
    httpd.stream_lifetime, httpd.keep_alive = 1.5, 0.5
    host = f"127.0.0.1:{httpd.server_port}".encode()
    request = b"GET /__tarjama/events HTTP/1.1\r\nHost: " + host + b"\r\n\r\n"
    clients = []
    try:
        for _ in range(300):
            client = _raw(httpd.server_port)
            client.sendall(request)
            clients.append(client)
        time.sleep(0.5)
        assert get(httpd.server_port, "/en/index.html")[0] == 200  # still served
        assert 0 < len(httpd.streams) <= server.MAX_STREAMS
        began = time.monotonic()
        while time.monotonic() - began < 10 and not all(map(_drained, clients)):
            time.sleep(0.2)
        assert all(map(_drained, clients))
        with _raw(httpd.server_port) as stale:  # a page that saw version 0, reconnecting
            stale.sendall(request.replace(b"\r\n\r\n", b"\r\nLast-Event-ID: 0\r\n\r\n"))
            received = b""
            while b"event: reload" not in received and (chunk := stale.recv(4096)):
                received += chunk
            assert b"event: reload" in received
    finally:
        for client in clients:
            client.close()
        httpd.stream_lifetime, httpd.keep_alive = 30.0, 15.0


def _drained(client: Any) -> bool:
    """Whether the server has hung up on *client* (all it sent read)."""
    client.setblocking(False)
    try:
        while True:
            data = client.recv(65536)
            if not data:
                return True
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        client.setblocking(True)
