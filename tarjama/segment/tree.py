"""The source folder as a tree: articles in nested folders, each folder a section.

An article's slug is its path below the source folder without ``.md``, each part made
lowercase letters, digits and '-' (``History/Early_Years.md`` is ``history/early-years``);
a folder's ``index.md`` (else ``README.md``, else ``_index.md``: mkdocs', GitHub's and
Hugo's names) has slug ``history/index`` and gives the section its title and
introduction. Translations mirror the tree (``translations/history/early-years.pot``,
``translations/fr/history/early-years.po``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

_PART = re.compile(r"^[a-z0-9][a-z0-9-]*$")
INDEX = "index"
INDEX_NAMES = ("index.md", "readme.md", "_index.md")  # a section's index, first found wins


def in_publication_order(orders: Mapping[str, float]) -> list[str]:
    """Slugs (with their front matter ``order``) in publication order: the tree, each
    section's ``index`` first, then its articles and sections by ``order`` (a section's
    is its index's), then name.

    >>> in_publication_order({"b": 1, "a": 2, "s/index": 0, "s/x": 5, "t/y": 1.5})
    ['s/index', 's/x', 'b', 't/y', 'a']
    >>> in_publication_order({"b": 3, "s/x": 1, "s/y": 2, "z": float("inf")})
    ['s/x', 's/y', 'b', 'z']
    """
    inf = float("inf")
    sections: dict[str, float] = {}  # a section's order: its index's, else its first article's
    for slug, order in orders.items():
        parts = slug.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            path = "/".join(parts[:depth])
            sections[path] = min(sections.get(path, inf), order)
    sections.update({section_of(s): order for s, order in orders.items() if is_index(s)})

    def key(slug: str) -> list[tuple[float, str]]:
        parts = slug.split("/")
        path = [
            (sections.get("/".join(parts[: depth + 1]), inf), part)
            for depth, part in enumerate(parts[:-1])
        ]
        last = (float("-inf"), "") if is_index(slug) else (orders[slug], parts[-1])
        return [*path, last]

    return sorted(orders, key=key)


def source_files(source: Path, translated: Iterable[str] = ()) -> list[Path]:
    """Every article below *source*, sorted; hidden files and folders (``.git``) aside, and
    the translated copies ``name.<locale>.md`` for each locale of *translated* (as
    mkdocs-static-i18n keeps them beside ``name.md``: ``tarjama import`` reads them)."""
    if not source.is_dir():
        return []
    suffixes = tuple(f".{tag}".lower() for tag in translated) + tuple(
        f".{tag.replace('_', '-')}".lower() for tag in translated
    )
    return sorted(
        path
        for path in source.rglob("*.md")
        if path.is_file()
        and not any(p.startswith(".") for p in path.relative_to(source).parts)
        and not (suffixes and path.stem.lower().endswith(suffixes))
    )


def slug_part(name: str) -> str:
    """A file or folder name as a slug part: lowercase ASCII letters, digits and '-'
    (accents dropped, anything else a '-'); a name with none of those gets a short digest
    of itself, stable from build to build.

    >>> slug_part("API_Reference"), slug_part("_drafts"), slug_part("Ça va"), slug_part("a.b")
    ('api-reference', 'drafts', 'ca-va', 'a-b')
    >>> slug_part("مرحبا")
    'page-80eff1a7'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    part = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if part:
        return part
    return "page-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def is_index_file(path: Path) -> bool:
    """Whether *path* is its folder's index: ``index.md``, else ``README.md``, else
    ``_index.md`` (names compared without case)."""
    name = path.name.lower()
    if name not in INDEX_NAMES:
        return False
    siblings = {p.name.lower() for p in path.parent.glob("*.md")} if name != "index.md" else set()
    return not any(other in siblings for other in INDEX_NAMES[: INDEX_NAMES.index(name)])


def slug_of(path: Path, source: Path | None) -> str:
    """The default slug of the article at *path*: its path below *source*, without
    ``.md``, each part made a slug part (:func:`slug_part`); a folder's index is
    ``<folder>/index``.

    >>> slug_of(Path("/p/source/History/Early_Years.md"), Path("/p/source"))
    'history/early-years'
    """
    if source is None:
        return slug_part(path.stem)
    parts = path.relative_to(source).with_suffix("").parts
    folders = [slug_part(part) for part in parts[:-1]]
    last = INDEX if is_index_file(path) else slug_part(parts[-1])
    return "/".join([*folders, last])


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
