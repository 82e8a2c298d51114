"""The local files of an article: its images, found in its Markdown and checked to be
files inside the source folder (an image elsewhere, or missing, is an error naming the
article's line), their per-locale variants, and the articles it links to."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from tarjama.core.config import Config
from tarjama.core.errors import SourceError
from tarjama.segment.links import split_target
from tarjama.segment.markdown import Article

_NOT_MEDIA = {".md", ".html", ".htm", ".xhtml", ".epub", ".pdf", ".json", ".po", ".pot"}


def article_media(config: Config, article: Article) -> list[str]:
    """The local images of *article*, as paths relative to the source folder (checked to
    exist inside it): the build copies them next to the pages and into the books."""
    where = config.rel(article.path)
    source = config.source_dir.resolve()
    found = []
    for target, line in article.images:
        relative = unquote(target.split("#", 1)[0].split("?", 1)[0])
        path = (article.path.parent / relative).resolve()
        if source not in path.parents:
            raise SourceError(
                f"image {target!r} is outside {config.rel(config.source_dir)}/; "
                "keep images inside the source folder",
                path=where,
                line=line,
            )
        if path.suffix.lower() in _NOT_MEDIA:
            raise SourceError(
                f"image {target!r} is not an image file; link to it instead", path=where, line=line
            )
        if not path.is_file():
            raise SourceError(
                f"image {target!r} not found; add the file or fix the path", path=where, line=line
            )
        found.append(path.relative_to(source).as_posix())
    return sorted(set(found))


def article_links(config: Config, article: Article) -> tuple[tuple[str, str], ...]:
    """The other articles *article* links to: (the path as written, the file below the
    source folder), checked to exist there; a link to a missing article is an error
    naming its line."""
    where = config.rel(article.path)
    source = config.source_dir.resolve()
    found = set()
    for target, line in article.links:
        written = split_target(target)[0]
        path = (article.path.parent / unquote(written)).resolve()
        if source not in path.parents:
            raise SourceError(
                f"link {target!r} leads outside {config.rel(config.source_dir)}/; "
                "link only to articles of the publication",
                path=where,
                line=line,
            )
        if not path.is_file():
            raise SourceError(
                f"link {target!r}: there is no article {config.rel(path)}; "
                "fix the link or add the article",
                path=where,
                line=line,
            )
        found.add((written, path.relative_to(source).as_posix()))
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
