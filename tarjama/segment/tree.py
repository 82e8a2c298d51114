"""The source folder as a tree: articles in nested folders, each folder a section.

An article's slug is its path below the source folder without ``.md``
(``history/early-years``); a folder's ``index.md`` (slug ``history/index``) gives the
section its title and introduction. Translations mirror the tree
(``translations/history/early-years.pot``, ``translations/fr/history/early-years.po``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

_PART = re.compile(r"^[a-z0-9][a-z0-9-]*$")
INDEX = "index"


def in_publication_order(orders: Mapping[str, float]) -> list[str]:
    """Slugs (with their front matter ``order``) in publication order: the tree, each
    section's ``index`` first, then its articles and sections by ``order`` (a section's
    is its index's), then name.

    >>> in_publication_order({"b": 1, "a": 2, "s/index": 0, "s/x": 5, "t/y": 1})
    ['s/index', 's/x', 'b', 'a', 't/y']
    """
    inf = float("inf")
    sections = {section_of(s): order for s, order in orders.items() if is_index(s)}

    def key(slug: str) -> list[tuple[float, str]]:
        parts = slug.split("/")
        path = [
            (sections.get("/".join(parts[: depth + 1]), inf), part)
            for depth, part in enumerate(parts[:-1])
        ]
        last = (float("-inf"), "") if is_index(slug) else (orders[slug], parts[-1])
        return [*path, last]

    return sorted(orders, key=key)


def source_files(source: Path) -> list[Path]:
    """Every article below *source*, sorted; hidden files and folders (``.git``) aside."""
    if not source.is_dir():
        return []
    return sorted(
        path
        for path in source.rglob("*.md")
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(source).parts)
    )


def slug_of(path: Path, source: Path | None) -> str:
    """The default slug of the article at *path*: its path below *source* without ``.md``.

    >>> slug_of(Path("/p/source/history/early-years.md"), Path("/p/source"))
    'history/early-years'
    """
    if source is None:
        return path.stem
    return path.relative_to(source).with_suffix("").as_posix()


def valid_slug(slug: str) -> bool:
    """Whether every part of *slug* is lowercase letters, digits and '-'.

    >>> valid_slug("history/early-years"), valid_slug("History/x"), valid_slug("a//b")
    (True, False, False)
    """
    return all(_PART.match(part) for part in slug.split("/"))


def is_index(slug: str) -> bool:
    """Whether *slug* is a section's ``index.md``.

    >>> is_index("index"), is_index("history/index"), is_index("history/indexes")
    (True, True, False)
    """
    return slug.rpartition("/")[2] == INDEX


def section_of(slug: str) -> str:
    """The section an article belongs to ("" for the top); a section's index belongs to
    the section it introduces.

    >>> section_of("history/early-years"), section_of("history/index"), section_of("a")
    ('history', 'history', '')
    """
    return slug.rpartition("/")[0]


def parent_of(section: str) -> str | None:
    """The section that holds *section* (None for the top).

    >>> parent_of("a/b"), parent_of("a"), parent_of("")
    ('a', '', None)
    """
    return None if not section else section.rpartition("/")[0]


def page_of(slug: str) -> str:
    """The HTML page of *slug* below the locale's folder (a section's index is its
    ``index.html``, which is where the section page lives).

    >>> page_of("history/early-years"), page_of("history/index")
    ('history/early-years.html', 'history/index.html')
    """
    return f"{slug}.html"


def humanize(name: str) -> str:
    """A section title from its folder name, for a section without ``index.md``.

    >>> humanize("early-years")
    'Early years'
    """
    return name.replace("-", " ").strip().capitalize() or name
