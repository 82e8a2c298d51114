"""The pandoc binary shipped by ``pypandoc_binary``, and this process's long-lived worker.

Two stages use pandoc: the segment stage reads an article's (trusted) skeleton with it,
and the render stage writes every format with it; both share one worker per process.
"""

from __future__ import annotations

import atexit
import json
import subprocess
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from tarjama.core.errors import RenderError

READER = "commonmark_x"
# Link rewrites: (the target's path as written, the new target, its language or "")
Links = tuple[tuple[str, str, str], ...]


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    """Path of the pandoc executable bundled with pypandoc_binary."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError) as exc:  # pragma: no cover - install problem
        raise RenderError(f"pandoc not found ({exc}); run 'make build' to install it") from None


def run_pandoc(
    args: list[str],
    *,
    text: str = "",
    cwd: Path | None = None,
    what: str = "pandoc",
    env: dict[str, str] | None = None,
) -> bytes:
    """Run pandoc with *args*, *text* on stdin; raise RenderError with its message on failure."""
    result = subprocess.run(
        [pandoc_path(), *args],
        input=text.encode("utf-8"),
        capture_output=True,
        cwd=cwd,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"{what}: pandoc failed: {message[-1] if message else result.returncode}")
    return result.stdout


class Worker:
    """One long-lived ``pandoc lua`` process converting documents.

    A pandoc process costs 15-20 ms before it does any work; this one is started
    once per Python process and reused (calls are serialised by a lock). A request is a
    JSON header line followed by the document's bytes, a reply the same: the document
    (often pandoc JSON itself) is never escaped into a JSON string and parsed twice.
    """

    SCRIPT = Path(__file__).with_name("pandoc_server.lua")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [pandoc_path(), "lua", str(self.SCRIPT)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        return self.process

    def convert(
        self,
        text: str,
        *,
        to: str,
        options: dict[str, Any] | None = None,
        what: str = "pandoc",
        links: Links = (),
        source: str = READER,
    ) -> str:
        """*text* (in format *source*, ``commonmark_x`` by default) converted to format *to*
        with pandoc writer *options*; *links* rewrites link targets (see :data:`Links`)."""
        data = text.encode("utf-8", "surrogatepass")
        request: dict[str, Any] = {"from": source, "to": to, "length": len(data)}
        request["options"] = options or {}
        if links:
            request["links"] = {
                path: {"href": href, **({"lang": lang} if lang else {})}
                for path, href, lang in links
            }
        with self.lock:
            process = self._start()
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(json.dumps(request).encode("utf-8") + b"\n" + data)
            process.stdin.flush()
            line = process.stdout.readline()
            reply = json.loads(line) if line else None
            out = process.stdout.read(reply["length"]) if reply and reply["ok"] else b""
        if reply is None:
            raise RenderError(f"{what}: the pandoc worker stopped unexpectedly")
        if not reply["ok"]:
            raise RenderError(f"{what}: pandoc failed: {reply['error']}")
        return out.decode("utf-8")

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=10)


@lru_cache(maxsize=1)
def worker() -> Worker:
    """This process's pandoc worker, closed at exit."""
    instance = Worker()
    atexit.register(instance.close)
    return instance
