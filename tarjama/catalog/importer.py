"""``tarjama import``: translations that exist already become PO entries.

Two sources. A tree of translated Markdown files, kept as mkdocs-static-i18n keeps them
(``page.fr.md`` beside ``page.md``) or as a folder per language (``docs/fr/page.md``),
is aligned with the source block by block: both files are segmented as ``extract``
segments them, and their sequences of blocks (each block's kind: heading level,
paragraph, list item, table cell, admonition title...; code blocks and images by
their content, as anchors) are matched as ``diff`` matches lines. A block matched to a
block of its kind is a translation; one matched across a change of structure, or whose
markup differs from its msgid's (``tarjama check`` would reject it), is fuzzy, with a
translator comment naming the file and line it came from; so is one that is the
source's own text, unless it is as short as a name. A translated block matched to
nothing is reported, with its line.

And PO files made by other tools (po4a, mdpo, Sphinx, Weblate), as a translation
memory: an untranslated msgid found there whole, or sentence by sentence, gets that
translation as a fuzzy suggestion.

A reviewed translation (neither empty nor fuzzy) is never replaced without
*overwrite*; running an import twice changes nothing the second time.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib

from tarjama.catalog.allowlist import Context
from tarjama.catalog.checks import check_pair
from tarjama.catalog.matcher import Matcher, SentenceIndex, Source
from tarjama.catalog.paths import po_path, read_catalog
from tarjama.catalog.pofile import write_po
from tarjama.catalog.project import update
from tarjama.catalog.update import IMPORTED
from tarjama.core.config import Config
from tarjama.core.errors import CatalogError, SourceError, TarjamaError, UsageError
from tarjama.core.report import Report
from tarjama.segment import Article, Segment, parse_article, read_article
from tarjama.segment.tree import source_files

SAME_WORDS = 3  # a block the same as the source's and this short is translated as it is
MARK = IMPORTED  # starts the translator comment of an imported fuzzy entry
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")


@dataclass
class FileReport:
    """What the import of one translated file did."""

    file: str  # the translated file, from the project's root
    source: str  # the source article
    aligned: int = 0  # entries translated
    fuzzy: int = 0  # entries made fuzzy suggestions
    kept: int = 0  # reviewed translations left as they are (no --overwrite)
    same: int = 0  # blocks identical to the source's (fuzzy when longer than a name)
    missing: int = 0  # source blocks with no translated block
    left_out: list[int] = field(default_factory=list)  # lines of translated blocks not used

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def __str__(self) -> str:
        tail = f", left out: line {', '.join(map(str, self.left_out))}" if self.left_out else ""
        return (
            f"{self.file}: {self.aligned} translated, {self.fuzzy} fuzzy, {self.kept} kept,"
            f" {self.missing} without a translation{tail}"
        )


@dataclass(frozen=True)
class Pair:
    """A source segment and the translated block aligned with it."""

    segment: Segment
    text: str
    line: int
    doubt: str = ""  # why it is only a suggestion ("" when it is a translation)


def translated_file(config: Config, folder: Path, article: Path, locale: str) -> Path | None:
    """The translation of *article* in *folder*: ``name.<locale>.md`` beside where the
    article is (mkdocs-static-i18n's suffix layout), else the same path in *folder* (a
    folder per language)."""
    relative = article.relative_to(config.source_dir)
    for tag in dict.fromkeys((locale, locale.replace("_", "-"))):
        beside = folder / relative.parent / f"{relative.stem}.{tag}.md"
        if beside.is_file():
            return beside
    mirrored = folder / relative
    same = mirrored.resolve() == article.resolve()
    return mirrored if mirrored.is_file() and not same else None


def import_tree(
    config: Config,
    locale: str,
    folder: Path | None,
    *,
    overwrite: bool = False,
    memory: Sequence[Path] = (),
) -> tuple[list[FileReport], Report]:
    """Import the translations of *locale* found in *folder* (see the module's text;
    None for none) and those the PO files *memory* suggest; returns a report per
    translated file."""
    report = Report()
    if locale not in config.locales:
        raise UsageError(f"locale {locale!r} is not in 'locales'; add it to tarjama.toml first")
    if folder is not None and not folder.is_dir():
        raise UsageError(f"{folder}: not a folder of translated Markdown files")
    # the catalogs first made or brought up to date with the templates, as update does
    report.extend(update(config, [locale]))
    rows: list[FileReport] = []
    if folder is not None:
        rows = _import_folder(config, locale, folder, overwrite, report)
    if memory:
        _suggest_from(config, locale, memory, report)
    return rows, report


def _import_folder(
    config: Config, locale: str, folder: Path, overwrite: bool, report: Report
) -> list[FileReport]:
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder of translated Markdown files")
    rows: list[FileReport] = []
    for path in source_files(config.source_dir, config.locales):
        found = translated_file(config, folder, path, locale)
        if found is None:
            continue
        try:
            rows.append(_import_file(config, locale, path, found, overwrite, report))
        except TarjamaError as exc:
            report.errors.append(exc)
    return rows


def _import_file(
    config: Config, locale: str, path: Path, found: Path, overwrite: bool, report: Report
) -> FileReport:
    fields = config.front_matter
    where = config.rel(path)
    source = read_article(path, fields=fields, display=where, source=config.source_dir)
    shown = config.rel(found)
    try:
        text = found.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError("not valid UTF-8; save the file as UTF-8", path=shown) from None
    translated = parse_article(text, slug=source.slug, path=found, fields=fields, display=shown)
    row = FileReport(shown, where)
    pairs, row.missing, row.left_out = align(source, translated, locale)
    po_file = po_path(config, locale, source.slug)
    if not po_file.is_file():
        raise CatalogError(
            f"no catalog for {source.slug!r} yet; run 'tarjama update --locale {locale}' first",
            path=config.rel(po_file),
        )
    po = read_catalog(config, po_file)
    entries: dict[tuple[str | None, str], polib.POEntry] = {
        (e.msgctxt, e.msgid): e for e in po if not e.obsolete and not e.msgid_plural
    }
    context = Context(source.references, source.footnotes)
    done: set[tuple[str | None, str]] = set()
    for pair in pairs:
        at = (pair.segment.context, pair.segment.text)
        entry = entries.get(at)
        if entry is None or at in done:
            continue
        done.add(at)
        doubt = _doubt(pair, context) or pair.doubt
        if pair.text == pair.segment.text:  # a name, a short heading; or left in English
            row.same += 1
            if len(pair.text.split()) > SAME_WORDS:
                doubt = doubt or "the same text as the source's"
        outcome = _fill(entry, pair.text, f"{shown}:{pair.line}", doubt, overwrite)
        row.aligned += outcome == "translated"
        row.fuzzy += outcome == "fuzzy"
        row.kept += outcome == "kept"
    if write_po(po_file, po):
        report.written.append(config.rel(po_file))
    return row


def _doubt(pair: Pair, context: Context) -> str:
    """Why *pair* is only a suggestion: the markup ``check`` finds wrong ("" if none)."""
    problems = check_pair(
        pair.segment.text, pair.text, context=context, field=pair.segment.field is not None
    )
    errors = sorted({code for code, severity, _ in problems if severity == "error"})
    return f"check finds {', '.join(errors)}" if errors else ""


def _fill(entry: polib.POEntry, text: str, where: str, doubt: str, overwrite: bool) -> str:
    """Put *text* in *entry*: "translated", "fuzzy" (*doubt* says why), or "kept" (a
    reviewed translation, without *overwrite*)."""
    reviewed = bool(entry.msgstr) and "fuzzy" not in entry.flags
    if reviewed and not overwrite:
        return "kept" if entry.msgstr != text else "translated"
    entry.msgstr = text
    comments = [c for c in entry.tcomment.split("\n") if c and not c.startswith(MARK)]
    if doubt:
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        comments.append(f"{MARK}{where}: {doubt}")
    elif "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.tcomment = "\n".join(comments)
    return "fuzzy" if doubt else "translated"


def align(source: Article, translated: Article, locale: str) -> tuple[list[Pair], int, list[int]]:
    """The source segments paired with the translated blocks, the number of source
    segments left without one, and the lines of the translated blocks left out."""
    pairs: list[Pair] = []
    theirs = {s.field: s for s in translated.segments if s.field}
    for segment in (s for s in source.segments if s.field):
        if segment.field in theirs:
            other = theirs[segment.field]
            pairs.append(Pair(segment, _local_links(other.text, locale), other.line))
    ours, mine = _blocks(source), _blocks(translated)
    matcher = difflib.SequenceMatcher(None, [k for k, _ in ours], [k for k, _ in mine], False)
    used: set[int] = set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            doubt = "" if tag == "equal" else "the structure differs from the source's here"
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                a, b = ours[i][1], mine[j][1]
                if a is not None and b is not None:
                    pairs.append(Pair(a, _local_links(b.text, locale), b.line, doubt))
                    used.add(j)
    pairs = _weigh(pairs)
    segments = [s for s in source.segments if not s.field]
    matched = {id(p.segment) for p in pairs}
    missing = sum(1 for s in segments if id(s) not in matched)
    left_out = [b.line for j, (_, b) in enumerate(mine) if b is not None and j not in used]
    return pairs, missing, left_out


# what a translation keeps of its source: numbers, and names written with a capital
# inside or in capitals (FastAPI, JSON, OAuth2), and words in quotes or backquotes
_ANCHOR = re.compile(
    r"\d+(?:[.,]\d+)*|\b[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*\b|\b[A-Z][A-Z0-9]+\b"
    r"|`[^`]+`|\"[^\"]{1,40}\""
)
_SENTENCE = re.compile(r"[.!?\u061f\u06d4\u3002](?=\s+\S)")
LONG = 40  # characters: a block this long has length and sentences to compare


def _anchors(text: str) -> set[str]:
    return set(_ANCHOR.findall(text))


def _weigh(pairs: list[Pair]) -> list[Pair]:
    """Doubt the pairs whose content says they are not each other's translation, though
    the structure matched them: the names, numbers and code of one missing from the
    other, a number of sentences that differs, or a length far from the file's usual
    ratio of translation to source (a translation of an older version of the page)."""
    ratios = sorted(len(p.text) / len(p.segment.text) for p in pairs if len(p.segment.text) >= LONG)
    usual = ratios[len(ratios) // 2] if ratios else 1.0
    weighed = []
    for pair in pairs:
        if not pair.doubt and pair.segment.kind != "image":
            pair = dataclasses.replace(pair, doubt=_mismatch(pair.segment.text, pair.text, usual))
        weighed.append(pair)
    return weighed


def _mismatch(source: str, text: str, usual: float) -> str:
    """Why *text* seems not to translate *source* ("" if nothing says so)."""
    ours, theirs = _anchors(source), _anchors(text)
    both, either = len(ours & theirs), len(ours | theirs)
    if (ours and not both) or (either >= 3 and both * 3 < either):
        return "its names, numbers or quoted words differ from the source's"
    if len(source) >= LONG and len(text) >= LONG:
        if not 0.6 <= len(text) / len(source) / usual <= 1.6:
            return "its length is far from the source's"
        if abs(len(_SENTENCE.findall(source)) - len(_SENTENCE.findall(text))) > 1:
            return "its number of sentences differs from the source's"
    return ""


def _blocks(article: Article) -> list[tuple[tuple[str, str], Segment | None]]:
    """The body's blocks in order: each segment by its kind (an image by its target), and
    each code block by a digest of its content (an anchor, with no segment)."""
    found: list[tuple[int, tuple[str, str], Segment | None]] = []
    for segment in article.segments:
        if segment.field or segment.span is None:
            continue
        key = segment.kind
        image = _IMAGE.fullmatch(segment.text.strip()) if key == "image" else None
        found.append((segment.span.start, (key, image.group(1) if image else ""), segment))
    lines = article.lines
    index = article.body_start
    while index < len(lines):
        fence = _FENCE.match(lines[index])
        if not fence:
            index += 1
            continue
        start, marker = index, fence.group(1)
        index += 1
        while index < len(lines) and not lines[index].strip().startswith(marker):
            index += 1
        code = "\n".join(line.strip() for line in lines[start + 1 : index])
        found.append((start, ("code", hashlib.sha256(code.encode()).hexdigest()[:12]), None))
        index += 1
    return [(key, segment) for _, key, segment in sorted(found, key=lambda f: f[0])]


def _local_links(text: str, locale: str) -> str:
    """*text* with links to translated files (``page.fr.md``) made links to the source's
    (``page.md``), which is what the msgid has and what the build rewrites per locale."""
    tags = "|".join(re.escape(t) for t in {locale, locale.replace("_", "-")})
    return re.sub(rf"\.(?:{tags})\.md\b", ".md", text)


def _suggest_from(config: Config, locale: str, files: Sequence[Path], report: Report) -> None:
    """Untranslated entries of *locale* that the PO files *files* translate, whole or
    sentence by sentence, as fuzzy suggestions naming the file."""
    pairs: list[tuple[str, str, str]] = []
    for path in files:
        try:
            other = read_catalog(config, path)
        except TarjamaError as exc:
            report.errors.append(exc)
            continue
        pairs.extend(
            (entry.msgid, entry.msgstr, config.rel(path))
            for entry in other
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
        )
    suggest_from_pairs(config, locale, pairs, report)


def suggest_from_pairs(
    config: Config,
    locale: str,
    pairs: Iterable[tuple[str, str, str]],
    report: Report,
    *,
    why: str = "from the translation memory",
) -> int:
    """Untranslated entries of *locale* that the (source, translation, origin) *pairs*
    translate, whole or sentence by sentence (the project memory's matching), as fuzzy
    suggestions naming the origin; how many were filled."""
    index = SentenceIndex()
    for source, translation, origin in pairs:
        index.add(Source.of(" ".join(source.split()), translation, origin))
    matcher = Matcher([], index)
    filled = 0
    for po_file in sorted((config.translations_dir / locale).rglob("*.po")):
        po = read_catalog(config, po_file)
        for entry in _untranslated(po):
            suggestion = matcher.suggest(entry.msgid)
            if suggestion is None or suggestion.how == "similar":
                continue
            origins = ", ".join(sorted(suggestion.origins))
            _fill(entry, suggestion.msgstr, origins, why, False)
            filled += 1
        if write_po(po_file, po):
            report.written.append(config.rel(po_file))
    return filled


def _untranslated(po: Iterable[polib.POEntry]) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and not e.msgstr and not e.msgid_plural]
