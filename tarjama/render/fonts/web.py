"""The site's fonts: WOFF2 subsets of the families its pages use, and ``fonts.css``.

The characters are those the publication's inputs hold (:mod:`tarjama.publish.charset`),
so the subsets do not change with the pages a build rewrites; each family is served
only when that text needs it, with ``font-display: swap`` so text shows before the
font arrives.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.render.contract import Edition
from tarjama.render.fonts.coverage import cmap, needed_chars
from tarjama.render.fonts.files import FAMILIES, FontFace, faces
from tarjama.render.fonts.scripts import book_stack, css_names, mono_stack
from tarjama.render.fonts.use import LATIN_TYPE, font_face_css, typography


def _stacks(editions: Sequence[Edition], chars: set[str]) -> dict[str, tuple[str, ...]]:
    return {e.lang: book_stack(e.lang, chars, dict(e.fonts)) for e in editions}


def site_fonts(editions: Sequence[Edition], text: str, assets: Path) -> list[Path]:
    """Write ``assets/fonts/*.woff2``, cut to the characters of *text*, and
    ``assets/fonts.css``; return the files changed."""
    chars = needed_chars([text])
    stacks = _stacks(editions, chars)
    every = tuple(dict.fromkeys(f for stack in stacks.values() for f in stack))
    mono = mono_stack(every)
    points = {ord(c) for c in chars}
    served: list[tuple[FontFace, str]] = []
    changed: list[Path] = []
    for family in mono:
        found = faces(family)
        if not any(points & cmap(face) for face in found if face.style == "normal"):
            continue
        for face in found:
            from tarjama.render.fonts.subset import subset_face

            name = Path(face.file_name).with_suffix(".woff2").name
            target = assets / "fonts" / name
            if write_bytes_atomic(target, subset_face(face, chars, flavor="woff2")):
                changed.append(target)
            served.append((face, f"fonts/{name}"))
    rules = [font_face_css(served, swap=True)]
    for lang, stack in sorted(stacks.items()):
        kind = typography(stack[0]) if stack else LATIN_TYPE
        rules.append(
            f":lang({lang}) {{ font-family: {css_names(stack)}; line-height: {kind.line_height}; }}"
        )
    code = css_names(mono).replace(", serif", ", monospace")
    # :lang() matches every element, so the highlighted spans inside code are named too
    # no ligatures in code: "--strict" stays two hyphens, not a long dash
    rules.append(
        f":root :is(pre, code, kbd, samp) {{ font-family: {code}; font-variant-ligatures: none; }}"
    )
    rules.append(f":root :is(pre, code, kbd, samp) * {{ font-family: {code}; }}\n")
    kept = {url.removeprefix("fonts/") for _, url in served}
    for old in sorted((assets / "fonts").glob("*")):  # fonts an earlier build served
        if old.is_file() and old.name not in kept and old.stem in _shipped_stems():
            old.unlink()  # (a project's own files under templates/assets/fonts/ stay)
    css = assets / "fonts.css"
    if write_text_atomic(css, "\n".join(rules)):
        changed.append(css)
    return changed


@functools.cache
def _shipped_stems() -> frozenset[str]:
    """The names (without extension) the site may have given the fonts tarjama ships."""
    stems: set[str] = set()
    for family in FAMILIES:
        try:
            stems.update(Path(face.file_name).stem for face in faces(family))
        except RenderError:
            continue  # not installed here
    return frozenset(stems)
