"""Articles: a Markdown file's front matter and body become an :class:`Article` of segments.

The front matter is YAML (as pandoc reads it); the body is segmented by
:mod:`tarjama.segment.blocks`; the article also lists its local images and links.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown_it.token import Token

from tarjama.core.errors import SourceError, UnsafePathError
from tarjama.core.fsutil import inside
from tarjama.segment.blocks import Segment, block_parser, segment_body, verbatim_lines
from tarjama.segment.codespans import blank_code_spans
from tarjama.segment.dialects import MAX_DEPTH, TooDeep, has_dialect, read_dialects
from tarjama.segment.links import local_links
from tarjama.segment.nodes import normalize_label
from tarjama.segment.structure import check_depth, no_aliases, reference_images
from tarjama.segment.tree import slug_of, valid_slug

# As pandoc reads it: a YAML block opens with "---" directly followed by a non-blank line;
# "---" and a blank line is a thematic break.
_FRONT = re.compile(r"\A---[ \t]*\n(?![ \t]*\n)(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY = re.compile(r"^([^\s#:'\"-][^:]*?)\s*:(?:\s|$)")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed


@dataclass(frozen=True)
class Article:
    """A source article: slug, path, front matter, segments and the raw lines."""

    slug: str
    path: Path
    meta: dict[str, Any]
    segments: tuple[Segment, ...]
    lines: tuple[str, ...]
    body_start: int
    images: tuple[tuple[str, int], ...] = ()  # local image targets and their lines (1-based)
    links: tuple[tuple[str, int], ...] = ()  # links to other articles' files, and their lines
    title_segment: int | None = None  # the heading that gives the title (no title field)
    # what the body's inline text may refer to: reference definitions (normalised label
    # -> target) and footnote labels, as the inline reader resolves them
    references: tuple[tuple[str, str], ...] = ()
    footnotes: frozenset[str] = frozenset()
    # the file's line (0-based) of each of *lines*, when the ecosystem's admonitions and
    # tabs were rewritten as pandoc's divs (see :mod:`tarjama.segment.dialects`); () when
    # *lines* are the file's own
    origin: tuple[int, ...] = ()

    def file_line(self, index: int) -> int:
        """The line of the file (1-based) that line *index* (0-based) of *lines* comes from."""
        return self.origin[index] + 1 if self.origin else index + 1

    @property
    def order(self) -> float:
        value = self.meta.get("order")
        return float(value) if isinstance(value, int | float) else float("inf")


_PEEK = re.compile(r"^(slug|order):[ \t]*['\"]?([^'\"\n]*?)['\"]?[ \t]*$", re.M)


def peek(path: Path, source: Path | None = None) -> tuple[str, float]:
    """An article's slug (its path below *source*) and order from its front matter,
    without parsing it all (for listing catalogs; the full parse validates them).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.md"
    >>> _ = p.write_text("---\\ntitle: x\\norder: 2\\n---\\nBody\\n")
    >>> peek(p)
    ('a', 2.0)
    """
    head = path.read_text("utf-8", "replace")[:4096]
    match = _FRONT.match(head.replace("\r\n", "\n"))
    fields = dict(_PEEK.findall(match.group(1) or "")) if match else {}
    try:
        order = float(fields.get("order", "inf"))
    except ValueError:
        order = float("inf")
    return _with_name(slug_of(path, source), fields.get("slug")), order


def _with_name(slug: str, name: object) -> str:
    """*slug* with its last part replaced by front matter's ``slug`` (when it has one)."""
    if name is None or name == "":
        return slug
    folder = slug.rpartition("/")[0]
    return f"{folder}/{name}" if folder else str(name)


def read_article(
    path: Path,
    *,
    fields: tuple[str, ...] = ("title", "summary"),
    display: str | None = None,
    source: Path | None = None,
    root: Path | None = None,
) -> Article:
    """Read and segment the article at *path*; *display* is the path used in messages,
    *source* the source folder (the slug is the path below it; default: the file name).
    With *root*, an article that is a link to a file outside that folder is refused."""
    where = display or path.as_posix()
    if root is not None:
        try:
            inside(root, path, what="article")
        except UnsafePathError as exc:
            exc.path, exc.message = where, f"links outside the project; {exc.message}"
            raise
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise SourceError(
            "not valid UTF-8; save the file as UTF-8", path=where, line=line
        ) from None
    slug = slug_of(path, source)
    return parse_article(text, slug=slug, path=path, fields=fields, display=where)


def parse_article(
    text: str,
    *,
    slug: str,
    path: Path,
    fields: tuple[str, ...] = ("title", "summary"),
    display: str | None = None,
) -> Article:
    """Segment article *text* (front matter + Markdown body)."""
    where = display or path.as_posix()
    text = text.replace("\r\n", "\n")
    meta, meta_lines, body_start = _front_matter(text, where)
    slug = _slug(slug, meta, meta_lines, where)
    segments = [
        Segment(str(meta[key]).strip(), f"front matter: {key}", meta_lines[key], field=key)
        for key in fields
        if isinstance(meta.get(key), str) and str(meta[key]).strip()
    ]
    lines, origin, read, titles = _dialects(text.split("\n"), body_start, where)
    env: dict[str, Any] = {}
    tokens = block_parser().parse(read, env)
    try:
        check_depth(tokens, lines, offset=body_start, where=where)
        segments.extend(segment_body(read, lines=lines, offset=body_start, tokens=tokens))
    except SourceError as exc:
        if origin and exc.line:
            exc.line = origin[exc.line - 1] + 1
        raise
    images = local_images(tokens, lines, offset=body_start, env=env)
    links = local_links(tokens, lines, offset=body_start)
    if origin:  # messages and PO references name the file's lines
        segments = [_placed(segment, origin, titles) for segment in segments]
        images = tuple((target, origin[line - 1] + 1) for target, line in images)
        links = tuple((target, origin[line - 1] + 1) for target, line in links)
    title_segment = None
    if "title" in fields and "title" not in meta:  # no front matter: the first heading
        title_segment = next(
            (i for i, s in enumerate(segments) if s.kind.startswith("heading")), None
        )
    references, footnotes = _definitions(env)
    return Article(
        slug,
        path,
        meta,
        tuple(segments),
        lines,
        body_start,
        images,
        links,
        title_segment,
        references,
        footnotes,
        origin,
    )


def _slug(slug: str, meta: dict[str, Any], meta_lines: dict[str, int], where: str) -> str:
    """*slug* with the last part front matter's ``slug`` gives (checked) in its place."""
    name = meta.get("slug")
    if name is not None and (not isinstance(name, str) or "/" in name):
        raise SourceError(
            f"slug {name!r} must be one name of lowercase letters, digits and '-'"
            " (the article's folder is its section)",
            path=where,
            line=meta_lines.get("slug", 1),
        )
    slug = _with_name(slug, name)
    if not valid_slug(slug):
        raise SourceError(
            f"slug {slug!r} must be lowercase letters, digits and '-' (it names output files)",
            path=where,
            line=meta_lines.get("slug", 1),
        )
    return slug


def _dialects(
    lines: list[str], body_start: int, where: str
) -> tuple[tuple[str, ...], tuple[int, ...], str, dict[int, str]]:
    """The file's *lines* with the ecosystem's admonitions and tabs as pandoc's divs: the
    lines, each one's origin (() when nothing was rewritten), the body as the block parser
    reads it (fence lines blank) and the title lines (index -> "admonition"/"tab")."""
    body = lines[body_start:]
    if not has_dialect("\n".join(body)):
        return tuple(lines), (), "\n".join(body), {}
    try:
        found = read_dialects(body, start=body_start)
    except TooDeep as exc:
        raise SourceError(
            f"admonitions or tabs nested more than {MAX_DEPTH} deep; flatten them",
            path=where,
            line=exc.origin + 1,
        ) from None
    if not found.fences and found.lines == body:  # nothing rewritten
        return tuple(lines), (), "\n".join(body), {}
    read = ["" if i in found.fences else line for i, line in enumerate(found.lines)]
    origin = (*range(body_start), *found.origin)
    titles = {body_start + i: kind for i, kind in found.titles.items()}
    return (*lines[:body_start], *found.lines), origin, "\n".join(read), titles


def _placed(segment: Segment, origin: tuple[int, ...], titles: dict[int, str]) -> Segment:
    """*segment* at its line of the file, a title's kind said."""
    if segment.span is None:
        return segment
    kind = f"{titles[segment.span.start]} title" if segment.span.start in titles else segment.kind
    return dataclasses.replace(segment, line=origin[segment.span.start] + 1, kind=kind)


def _definitions(env: dict[str, Any]) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    """The reference definitions (normalised label -> target) and the footnote labels the
    block parse found."""
    references = tuple(
        sorted(
            (normalize_label(k), str(v.get("href", "")))
            for k, v in env.get("references", {}).items()
        )
    )
    refs = env.get("footnotes", {}).get("refs", {})
    return references, frozenset(str(k)[1:] for k in refs if str(k).startswith(":"))


def _front_matter(text: str, where: str) -> tuple[dict[str, Any], dict[str, int], int]:
    match = _FRONT.match(text)
    if not match:
        return {}, {}, 0
    raw = match.group(1) or ""
    try:
        if "*" in raw:  # an alias: refused before anything is built from it
            no_aliases(raw, where, loader=_LOADER)
        meta = yaml.load(raw, Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        # the context mark is where the broken construct starts, which is what to fix
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SourceError(
            f"front matter: {problem}; fix the YAML between the --- lines", path=where, line=line
        ) from None
    if not isinstance(meta, dict):
        raise SourceError(
            "front matter must be a mapping of 'key: value' lines", path=where, line=2
        )
    lines: dict[str, int] = {}
    for number, text in enumerate(raw.split("\n"), start=2):
        key = _KEY.match(text)
        if key:
            lines.setdefault(key.group(1), number)
    body_start = match.group(0).count("\n")
    return meta, lines, body_start


_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]+)")
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|#)")  # "/etc/x" is a local file


def local_images(
    tokens: list[Token],
    lines: tuple[str, ...],
    *,
    offset: int = 0,
    env: dict[str, Any] | None = None,
) -> tuple[tuple[str, int], ...]:
    """Targets of the images in the body that are files next to the article (not URLs),
    with their lines; code blocks and raw HTML aside.

    >>> md = "![a](img/a.png)\\n\\n    ![no](code.png)\\n\\n![b](https://x.example/b.png) `![c](c)`"
    >>> local_images(block_parser().parse(md), tuple(md.split("\\n")))
    (('img/a.png', 1),)
    """
    skip = verbatim_lines(tokens, offset=offset)
    found = []
    for number in range(offset, len(lines)):
        if number in skip or "![" not in lines[number]:
            continue
        text = blank_code_spans(lines[number])  # an image in a code span is code
        for match in _IMAGE.finditer(text):
            target = match.group(1).strip("<>")
            if target and not _REMOTE.match(target):
                found.append((target, number + 1))
    for target, line in reference_images(env or {}, lines, offset=offset, skip=skip):
        if target and not _REMOTE.match(target):
            found.append((target, line))
    return tuple(sorted(found, key=lambda f: f[1]))
