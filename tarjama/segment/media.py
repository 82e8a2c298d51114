"""The local files of an article: its images, the articles and files it links to, the
anchors it links to, its per-locale image variants; and what is wrong with them.

Targets are read as mkdocs reads them: relative to the article's file, or from the top
of the source folder when they start with ``/``; a query (``?raw=true``) is dropped.
A target that is missing, or outside the source folder, is a :class:`Finding` of a kind
that ``[validation]`` gives a level (ignore, warn, error); whatever its level, the build
shows such a link as its text and such an image as its description, and goes on.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from tarjama.core.config import Config
from tarjama.core.keys import digest
from tarjama.segment.links import article_target, split_target
from tarjama.segment.markdown import Article
from tarjama.segment.skeleton import heading_anchors

_NOT_MEDIA = {".md", ".html", ".htm", ".xhtml", ".epub", ".pdf", ".json", ".po", ".pot"}
_EXPLICIT = re.compile(r"\{[^{}\n]*?#([^\s{}#.]+)[^{}\n]*\}")
_HTML_ID = re.compile(r"""<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']""")
KINDS = ("links", "anchors", "images", "outside")  # the [validation] keys


@dataclass(frozen=True)
class Finding:
    """A target that is missing or outside the source folder (*kind*: one of
    :data:`KINDS`), at *line* of the article."""

    kind: str
    line: int
    message: str


@dataclass
class Targets:
    """What an article's targets are (paths relative to the source folder)."""

    media: list[str] = field(default_factory=list)  # its images
    files: list[str] = field(default_factory=list)  # other files it links to (the site has them)
    links: set[tuple[str, str]] = field(default_factory=set)  # (path as written, article file)
    # links with an anchor: (the target as written, the anchor, the article file or "" for
    # this one, line)
    anchored: list[tuple[str, str, str, int]] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)  # image as written -> relative path
    broken: set[str] = field(default_factory=set)  # targets as written, shown as text
    findings: list[Finding] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)  # every file looked for (in the source)


def article_targets(config: Config, article: Article) -> Targets:
    """*article*'s images and links, resolved and checked."""
    found = Targets()
    source = config.source_dir.resolve()
    folder = article.path.parent.resolve()
    for target, line in article.images:
        path = _resolve(source, folder, target)
        if source in path.parents:
            found.checked.add(path.relative_to(source).as_posix())
        problem = _image_problem(config, source, path, target)
        if problem is not None:
            found.findings.append(Finding(problem[0], line, problem[1]))
            found.broken.add(target)
            continue
        relative = path.relative_to(source).as_posix()
        found.media.append(relative)
        if target.startswith("/") or "?" in target:  # the page's own relative path
            found.moved[target] = posixpath.relpath(relative, folder.relative_to(source).as_posix())
    for target, line in article.links:
        _link(config, source, folder, target, line, found)
    found.media = sorted(set(found.media))
    found.files = sorted(set(found.files))
    return found


def _resolve(source: Path, folder: Path, target: str) -> Path:
    """The file *target* names: from the source folder's top when it starts with '/'."""
    written = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if written.startswith("/"):
        return (source / written.lstrip("/")).resolve()
    return (folder / written).resolve()


def _image_problem(config: Config, source: Path, path: Path, target: str) -> tuple[str, str] | None:
    where = config.rel(config.source_dir)
    if source not in path.parents:
        return (
            "outside",
            f"image {target!r} is outside {where}/; keep images inside the source folder",
        )
    if path.suffix.lower() in _NOT_MEDIA:
        return "images", f"image {target!r} is not an image file; link to it instead"
    if not path.is_file():
        return "images", f"image {target!r} not found; add the file or fix the path"
    return None


def _link(
    config: Config, source: Path, folder: Path, target: str, line: int, found: Targets
) -> None:
    written, anchor = split_target(target)
    if not written.split("?", 1)[0]:  # an anchor of this page
        if anchor:
            found.anchored.append((target, unquote(anchor), "", line))
        return
    path = _resolve(source, folder, target)
    where = config.rel(config.source_dir)
    if source not in path.parents:
        message = f"link {target!r} leads outside {where}/; it is shown as its text"
        found.findings.append(Finding("outside", line, message))
        found.broken.add(target)
        return
    found.checked.add(path.relative_to(source).as_posix())
    if not path.is_file():
        what = "article" if article_target(target) else "file"
        message = f"link {target!r}: there is no {what} {config.rel(path)}; it is shown as its text"
        found.findings.append(Finding("links", line, message))
        found.broken.add(target)
        return
    relative = path.relative_to(source).as_posix()
    if article_target(target):
        found.links.add((written, relative))
        if anchor:
            found.anchored.append((target, unquote(anchor), relative, line))
    else:
        found.files.append(relative)


def presence(source: Path, checked: Iterable[str]) -> str:
    """A digest of which of the files *checked* (below *source*) exist: what an article's
    merge depends on besides its text (an image added later is shown from then on)."""
    names = sorted(checked)
    return digest([(name, (source / name).is_file()) for name in names]) if names else ""


def article_anchors(article: Article) -> tuple[str, ...]:
    """Every anchor a link may lead to in *article*: its headings' identifiers (as every
    locale has them), explicit ``{#id}`` attributes and raw HTML's ``id``/``name``."""
    found = set(heading_anchors(article).values())
    for line in article.lines[article.body_start :]:
        if "{" in line:
            found.update(match.group(1) for match in _EXPLICIT.finditer(line))
        if "id" in line or "name" in line:
            found.update(match.group(1) for match in _HTML_ID.finditer(line))
    return tuple(sorted(found))


def localized_media(source: Path, relative: str, locale: str) -> str:
    """The file that stands for image *relative* in *locale*: ``images/map.ar.png`` when
    it exists beside ``images/map.png``, else the image itself.

    >>> localized_media(Path("/nowhere"), "images/map.png", "ar")
    'images/map.png'
    """
    path = PurePosixPath(relative)
    variant = path.with_name(f"{path.stem}.{locale}{path.suffix}").as_posix()
    return variant if (source / variant).is_file() else relative
