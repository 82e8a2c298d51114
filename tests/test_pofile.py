"""Our PO writer against the real GNU gettext: msgcat must leave our output byte-identical."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tarjama.catalog.pofile import format_po, read_po, read_po_text, write_po
from tarjama.core.errors import CatalogError
from tests.conftest import require_tool

ARABIC_PLURALS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);"
)
LONG_EN = (
    "Tarjama keeps every translation in a gettext catalog, so that translators can work "
    "with the tools they already know, and the build never loses a sentence: a paragraph "
    "whose source changed is marked fuzzy until someone reviews it."
)
LONG_AR = (
    "تحتفظ ترجمة بكل ترجمة في فهرس gettext، حتى يتمكن المترجمون من العمل بالأدوات التي "
    "يعرفونها؛ وإذا تغيّر النص الأصلي لفقرة ما، فإنها تُعلَّم بأنها غير مؤكدة حتى يراجعها أحد؟"
)
LONG_UR = (
    "ترجمہ ہر ترجمے کو gettext فہرست میں محفوظ رکھتا ہے، تاکہ مترجم اپنے جانے پہچانے اوزاروں "
    "کے ساتھ کام کر سکیں۔ اگر کسی پیراگراف کا اصل متن بدل جائے تو وہ مبہم نشان زد ہو جاتا ہے۔"
)
LONG_FR = (
    "Tarjama conserve chaque traduction dans un catalogue gettext\u00a0: les traducteurs "
    "travaillent avec leurs outils habituels\u202f; « et si la source change\u00a0? » — "
    "le paragraphe est marqué « à revoir » jusqu’à sa relecture\u00a0!"
)
LONG_TR = (
    "Tarjama her çeviriyi bir gettext kataloğunda saklar; böylece çevirmenler alıştıkları "
    "araçlarla çalışır. İçeriği değişen bir paragraf, biri gözden geçirene kadar şüpheli "
    "olarak işaretlenir — ığdır, şişe, dağ."
)
MARKDOWN = (
    'Use **bold**, _emphasis_, inline `code --with-options`, a "quoted" word, a back\\slash, '
    "a\ttab and [a link](https://example.com/a/very/long/path-with-hyphens/and-more-hyphens"
    "/index.html) in one paragraph."
)


def _catalog(
    *entries: polib.POEntry,
    plurals: str = "nplurals=2; plural=(n != 1);",
    header: str = "Test catalog.\nCopyright (C) 2024 The Tarjama authors.",
    fuzzy_header: bool = False,
) -> polib.POFile:
    po = polib.POFile()
    po.header = header
    po.metadata_is_fuzzy = fuzzy_header
    po.metadata = {
        "Project-Id-Version": "tarjama-sample 1.0",
        "Report-Msgid-Bugs-To": "https://example.com/issues",
        "POT-Creation-Date": "2024-05-01 12:00+0000",
        "PO-Revision-Date": "2024-05-02 09:30+0000",
        "Last-Translator": "Test Translator <translator@example.com>",
        "Language-Team": "Test <team@example.com>",
        "Language": "ar",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plurals,
    }
    for entry in entries:
        po.append(entry)
    return po


def _refs(count: int) -> list[tuple[str, str]]:
    return [
        (f"source/chapter-{n:02d}/section-with-a-long-name.md", str(n * 7)) for n in range(count)
    ]


E = polib.POEntry
HAND_WRITTEN = {
    "arabic": _catalog(
        E(msgid=LONG_EN, msgstr=LONG_AR, occurrences=_refs(7), comment="Paragraph 1."),
        E(
            msgid="One file",
            msgid_plural="%d files",
            msgstr_plural=dict.fromkeys(range(6), "%d ملف"),
            flags=["c-format"],
        ),
        E(msgid="Title", msgctxt="heading", msgstr="العنوان", tcomment="Keep it short.\nReally."),
        E(msgid=LONG_EN + " Edited.", msgstr=LONG_AR, flags=["fuzzy"], previous_msgid=LONG_EN),
        E(
            msgid="Old paragraph that was removed from the book a long time ago, in a galaxy far",
            msgstr=LONG_AR,
            obsolete=True,
            previous_msgid="Old paragraph",
        ),
        plurals=ARABIC_PLURALS,
    ),
    "urdu": _catalog(
        E(msgid=LONG_EN, msgstr=LONG_UR, occurrences=[("source/a.md", "1")]),
        E(msgid="Line one\nLine two\nLine three\n", msgstr="پہلی سطر\nدوسری سطر\nتیسری سطر\n"),
        E(
            msgid="Short",
            msgstr="مختصر",
            flags=["fuzzy"],
            previous_msgid="Shorter",
            previous_msgctxt="old",
        ),
    ),
    "french": _catalog(
        E(msgid=LONG_EN, msgstr=LONG_FR, occurrences=_refs(3)),
        E(msgid="Note: see the chapter?", msgstr="Note\u00a0: voir le chapitre\u00a0?"),
        E(msgid=MARKDOWN, msgstr=MARKDOWN.replace("one paragraph", "un seul paragraphe")),
        E(
            msgid="Obsolete but translated",
            msgstr="Obsolète mais traduit",
            obsolete=True,
            flags=["fuzzy"],
            previous_msgid="Obsolete",
            comment="Old note.",
        ),
        plurals="nplurals=2; plural=(n > 1);",
    ),
    "turkish": _catalog(
        E(msgid=LONG_EN, msgstr=LONG_TR),
        E(msgid='Quotes "inside", a\\backslash\tand a tab\n', msgstr='Tırnak "içinde"\n'),
        E(msgid="Untranslated paragraph " * 6, msgstr="", occurrences=_refs(12)),
        header="",
        fuzzy_header=True,
    ),
    "template": _catalog(
        E(msgid=LONG_EN, occurrences=_refs(2), comment="First paragraph of chapter 1."),
        E(msgid=MARKDOWN),
        E(msgid="Apple", msgid_plural="Apples", msgstr_plural={0: "", 1: ""}, msgctxt="fruit"),
    ),
}


def _run(*args: str, text: str, tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    path = tmp_path / "in.po"
    path.write_text(text, encoding="utf-8")
    return subprocess.run([*args, str(path)], capture_output=True, check=False, timeout=60)


@pytest.fixture
def gettext_tools() -> None:
    """Skip (fail under CI=true) before Hypothesis starts when GNU gettext is missing."""
    require_tool("msgcat")
    require_tool("msgfmt")


def _msgcat(text: str, tmp_path: Path, width: int = 79) -> str:
    require_tool("msgcat")
    done = _run("msgcat", f"--width={width}", text=text, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8")


@pytest.mark.tools
@pytest.mark.usefixtures("gettext_tools")
@pytest.mark.parametrize("name", sorted(HAND_WRITTEN))
def test_hand_written_catalogs_match_msgcat(name: str, tmp_path: Path) -> None:
    text = format_po(HAND_WRITTEN[name])
    assert _msgcat(text, tmp_path) == text
    done = _run("msgfmt", "--check", "-o", "/dev/null", text=text, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr.decode()


@pytest.mark.tools
@pytest.mark.usefixtures("gettext_tools")
@pytest.mark.parametrize("width", [40, 60, 100])
def test_other_widths_match_msgcat(width: int, tmp_path: Path) -> None:
    text = format_po(HAND_WRITTEN["french"], width=width)
    assert _msgcat(text, tmp_path, width=width) == text


def test_gettext_normalisations() -> None:
    po = _catalog(
        E(msgid="a", msgstr="", flags=["fuzzy", "c-format", "bogus", "no-c-format"]),
        E(msgid="b", msgstr="", obsolete=True),
        E(
            msgid="c",
            msgstr="x",
            occurrences=[("./x.md", "07"), ("x.md", "7"), ("y", ""), ("x.md", "07")],
        ),
    )
    text = format_po(po)
    assert '#, no-c-format\nmsgid "a"\nmsgstr ""\n' in text
    assert '"b"' not in text
    assert "#: x.md:7 x.md:7 y\n" in text  # duplicates are found before "./" goes
    assert text.endswith('msgstr "x"\n') and not text.endswith("\n\n")


def test_references_wrap_like_gettext() -> None:
    refs = [(f"source/ch-{n:02d}.md", str(10 + n)) for n in range(10)]  # 19 columns each
    text = format_po(_catalog(E(msgid="a", occurrences=refs)))
    lines = [line for line in text.splitlines() if line.startswith("#:")]
    assert [len(line) for line in lines] == [78, 78, 40]


# ---------------------------------------------------------------- property

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789      "
    ".,;:!?'\"()[]*_`-/#\n\t\\"
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوية"
    "،؛؟۔\u00a0\u202f«»–—éèàçùâêôîïÉÇıİşŞğĞüÜöÖ"
)
texts = st.text(ALPHABET, max_size=300)
words = st.lists(
    st.text(ALPHABET.replace(" ", "").replace("\n", ""), min_size=1, max_size=12), max_size=40
).map(" ".join)
strings = st.one_of(texts, words)
# polib strips comment lines; gettext reads a backslash at the end of a line as a continuation.
comment_lines = (
    st.text(ALPHABET.replace("\n", ""), max_size=60)
    .map(str.strip)
    .filter(lambda line: not line.endswith("\\"))
)
comments = st.lists(comment_lines.filter(bool), max_size=3).map("\n".join)
occurrences = st.lists(
    st.tuples(
        st.from_regex(r"[a-z][a-z0-9_/-]{0,30}\.md", fullmatch=True),
        st.integers(0, 9999).map(lambda n: str(n) if n else ""),
    ),
    max_size=8,
)


@st.composite
def entries(draw: st.DrawFn, msgid: str) -> polib.POEntry:
    plural = draw(st.booleans())
    msgstr = draw(strings)
    forms = {i: draw(strings) for i in range(draw(st.integers(2, 6)))} if plural else {}
    translated = (forms[0] if plural else msgstr) != ""
    flags = [f for f in ("fuzzy", "python-format", "no-wrap") if draw(st.booleans())]
    previous = draw(st.none() | strings)
    if not translated:
        flags = [f for f in flags if f != "fuzzy"]
    return polib.POEntry(
        msgid=msgid,
        msgstr="" if plural else msgstr,
        msgid_plural=draw(strings.filter(bool)) if plural else "",
        msgstr_plural=forms,
        msgctxt=draw(st.none() | strings),
        tcomment=draw(comments),
        comment=draw(comments),
        occurrences=draw(occurrences),
        flags=flags,
        previous_msgctxt=draw(st.none() | strings) if previous is not None else None,
        previous_msgid=previous,
        previous_msgid_plural=draw(st.none() | strings) if previous is not None else None,
        obsolete=translated and draw(st.integers(0, 4)) == 0,
    )


@st.composite
def catalogs(draw: st.DrawFn) -> polib.POFile:
    msgids = draw(st.lists(strings.filter(bool), min_size=1, max_size=6, unique=True))
    return _catalog(*(draw(entries(msgid)) for msgid in msgids), header=draw(comments))


def _fields(entry: polib.POEntry) -> tuple[object, ...]:
    occurrences = list(dict.fromkeys(entry.occurrences))
    return (
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        entry.msgstr,
        {int(k): v for k, v in entry.msgstr_plural.items()},
        entry.tcomment,
        entry.comment,
        occurrences,
        entry.flags,
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
        bool(entry.obsolete),
    )


@pytest.mark.tools
@pytest.mark.usefixtures("gettext_tools")
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(po=catalogs(), width=st.sampled_from([79, 79, 79, 50]))
def test_random_catalogs_match_msgcat_and_round_trip(
    po: polib.POFile, width: int, tmp_path: Path
) -> None:
    text = format_po(po, width=width)
    assert _msgcat(text, tmp_path, width=width) == text
    back = read_po_text(text)
    expected = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
    assert [_fields(e) for e in back] == [_fields(e) for e in expected]
    assert back.metadata == po.metadata and back.header == po.header
    assert format_po(back, width=width) == text


# ---------------------------------------------------------------- reading and writing


def test_write_po_writes_only_changes(tmp_path: Path) -> None:
    path = tmp_path / "ar.po"
    po = HAND_WRITTEN["arabic"]
    assert write_po(path, po) is True
    assert write_po(path, po) is False
    assert path.read_text(encoding="utf-8") == format_po(po)
    assert [e.msgid for e in read_po(path)] == [e.msgid for e in po]


GOOD = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD + 'msgid "a"\nmsgstr "b\n', 5, "unterminated string"),
        (GOOD + 'msgid "a"\nmsgstr "b"c"\n', 5, "unescaped double quote"),
        (GOOD + 'msgid "a"\nmsgstr\n', 5, "msgstr needs a quoted string"),
        (GOOD + '#: x.md:1\nmsgid "a"\n"b\\q"\nmsgstr ""\n', 6, "unsupported escape \\q"),
        (GOOD + 'msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 6, "misplaced keyword"),
        (GOOD + 'msgid "a"\nmsgstr "b"\n\nthis is not PO\n', 7, "misplaced keyword"),
        (GOOD + '#| msgfoo "x"\nmsgid "a"\nmsgstr "b"\n', 4, "unknown keyword"),
    ],
)
def test_syntax_errors_give_the_line(text: str, line: int, words: str, tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as info:
        read_po_text(text, path=Path("fr.po"))
    assert (info.value.line, info.value.path) == (line, Path("fr.po"))
    assert words in info.value.message and "syntax error in PO file" in info.value.message
    path = tmp_path / "fr.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as again:
        read_po(path)
    assert again.value.line == line
    if shutil.which("msgcat"):  # gettext rejects these files too
        assert subprocess.run(["msgcat", str(path)], capture_output=True).returncode != 0


def test_invalid_utf8_gives_the_line(tmp_path: Path) -> None:
    path = tmp_path / "tr.po"
    path.write_bytes(GOOD.encode() + b'msgid "a"\nmsgstr "\xc4\x9f \xff"\n')
    with pytest.raises(CatalogError, match="not valid UTF-8") as info:
        read_po(path)
    assert info.value.line == 5


def test_missing_file_is_a_catalog_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="cannot read"):
        read_po(tmp_path / "missing.po")


def test_read_po_text_keeps_line_separators_inside_strings() -> None:
    po = read_po_text(GOOD + 'msgid "a\u2028b\u0085c"\nmsgstr "x"\n')
    assert po[0].msgid == "a\u2028b\u0085c"


PLAIN_TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcXYZ019 .,;:!?'\"()[]{}*_`-/#$%&+<=>@|~\\\t")
        + list("éçğışİ«»–—’“”\u00a0\u202f")
        + list("عربي،؛؟۔٣")
    ),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(PLAIN_TEXT, st.integers(min_value=10, max_value=100), st.integers(min_value=0, max_value=12))
def test_plain_fast_path_breaks_exactly_like_the_full_algorithm(
    text: str, width: int, column: int
) -> None:
    from tarjama.catalog.linebreak import exact_linebreaks as _exact_linebreaks
    from tarjama.catalog.linebreak import width_linebreaks as _width_linebreaks
    from tarjama.catalog.pofile import _escape

    chars, locked = _escape(text) if text else ([], [])
    assert _width_linebreaks(chars, locked, width, column) == _exact_linebreaks(
        chars, locked, width, column
    )


def _catalog_fields(po: polib.POFile) -> list[object]:
    entries = [
        (
            e.msgctxt,
            e.msgid,
            e.msgid_plural,
            e.msgstr,
            dict(e.msgstr_plural),
            e.comment,
            e.tcomment,
            e.occurrences,
            e.flags,
            e.previous_msgctxt,
            e.previous_msgid,
            e.previous_msgid_plural,
            e.obsolete,
            e.linenum,
        )
        for e in po
    ]
    return [po.header, dict(po.metadata), po.metadata_is_fuzzy, entries]


def _rewrite(text: str) -> str:
    """What read_po_text hands to either parser: ``#~|`` read as ``#|``."""
    from tarjama.catalog.pofile import _OBSOLETE_PREVIOUS

    return _OBSOLETE_PREVIOUS.sub(r"\1#|", text)


def _polib_read(text: str) -> polib.POFile:
    from tarjama.catalog.pofile import _PoText

    return polib.pofile(_PoText(_rewrite(text) + "\0"), wrapwidth=79, encoding="utf-8")


ROOT_DIR = Path(__file__).resolve().parent.parent
COMMITTED = sorted((ROOT_DIR / "translations").rglob("*.po*")) + sorted(
    (ROOT_DIR / "tests" / "golden").rglob("*.pot")
)


@pytest.mark.parametrize("path", COMMITTED, ids=[p.name for p in COMMITTED])
def test_fast_reader_equals_polib_on_real_catalogs(path: Path) -> None:
    from tarjama.catalog.poparse import parse_po

    text = path.read_text("utf-8")
    fast = parse_po(_rewrite(text).split("\n"))
    assert fast is not None
    assert _catalog_fields(fast) == _catalog_fields(_polib_read(text))


@settings(max_examples=150, deadline=None)
@given(catalogs())
def test_fast_reader_equals_polib_on_random_catalogs(po: polib.POFile) -> None:
    from tarjama.catalog.poparse import parse_po

    text = format_po(po)
    fast = parse_po(_rewrite(text).split("\n"))
    assert fast is not None
    assert _catalog_fields(fast) == _catalog_fields(_polib_read(text))
