"""The pandoc binary shipped by ``pypandoc_binary``, called with one dialect everywhere."""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

from tarjama.errors import RenderError

READER = "commonmark_x"


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    """Path of the pandoc executable bundled with pypandoc_binary."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError) as exc:  # pragma: no cover - install problem
        raise RenderError(f"pandoc not found ({exc}); run 'make build' to install it") from None


def run_pandoc(
    args: list[str], *, text: str = "", cwd: Path | None = None, what: str = "pandoc"
) -> bytes:
    """Run pandoc with *args*, *text* on stdin; raise RenderError with its message on failure."""
    result = subprocess.run(
        [pandoc_path(), *args],
        input=text.encode("utf-8"),
        capture_output=True,
        cwd=cwd,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"{what}: pandoc failed: {message[-1] if message else result.returncode}")
    return result.stdout


@lru_cache(maxsize=4096)
def to_html(markdown: str, *, what: str = "pandoc") -> str:
    """An HTML5 fragment of *markdown* (``commonmark_x``); remembered, so a rebuild in
    the same process (preview) runs pandoc only for the articles that changed."""
    return run_pandoc(
        ["-f", READER, "-t", "html5", "--wrap=none"], text=markdown, what=what
    ).decode("utf-8")
