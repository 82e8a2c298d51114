"""The live preview, driven in a real headless Chromium."""

from __future__ import annotations

import http.client
import re
from collections.abc import Iterator
from pathlib import Path

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
    for path in (
        "/../pyproject.toml",
        "/..%2ftarjama.toml",
        "/%2e%2e/tarjama.toml",
        "/ar/../../tarjama.toml",
        "/__tarjama/../preview.py",
        "/nope.html",
    ):
        assert get(port, path)[0] == 404, path


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
