"""The local images of an article: found in its Markdown, checked to be files inside the
source folder (an image elsewhere, or missing, is an error naming the article's line)."""

from __future__ import annotations

from urllib.parse import unquote

from tarjama.core.config import Config
from tarjama.core.errors import SourceError
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
