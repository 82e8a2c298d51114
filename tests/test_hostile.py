"""The hostile-translator corpus (``tests/hostile.py``) against a real build.

One project, one paragraph per case, built for fr (the hostile catalog) and ar (a clean
one) in HTML, EPUB and PDF with the real pandoc and Typst. For every case: nothing of the
payload reaches the outputs as markup, no file outside the project and no URL is read,
``check`` reports it at the entry's line, and the other locale still builds.
"""

from __future__ import annotations

import http.server
import io
import json
import re
import threading
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import copy_project
from tests.hostile import CASES

Run = Callable[..., tuple[int, str, str]]
SLUG = "corpus"
MSGID = (
    "Paragraph {i} cites [the report](https://example.org/r{i}) and ![the map](images/map.png), "
    "runs `tool {i}`, adds a note[^f{i}] and breaks a line\\\nhere."
)
MSGSTR = (
    "Le paragraphe {i} cite [le rapport](https://example.org/r{i}) et ![la carte](images/map.png), "
    "lance `tool {i}`, ajoute une note[^f{i}] et coupe une ligne\\\nici. "
)
CONTROL = "The nations cooperate in peace."
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "style", "svg", "video", "audio", "form"}
BAD_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)


def _png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (7, 5), colour).save(out, "PNG")
    return out.getvalue()


class _Canary(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared by the handler instances on purpose
    body = b""

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    from tarjama.cli import main

    base = tmp_path_factory.mktemp("hostile")
    secret = base / "outside" / "secret.png"
    secret.parent.mkdir()
    secret.write_bytes(_png((201, 13, 77)))
    _Canary.body = _png((13, 201, 77))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Canary)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    project = copy_project(base / "project", translations=False)
    config = (project / "tarjama.toml").read_text("utf-8")
    config = config.replace('locales = ["ar", "fr", "tr", "ur", "ms"]', 'locales = ["fr", "ar"]')
    (project / "tarjama.toml").write_text(
        config.replace("min_translated = 70", "min_translated = 0")
    )
    for article in (project / "source").glob("*.md"):
        article.unlink()
    (project / "source" / "images").mkdir(exist_ok=True)
    (project / "source" / "images" / "map.png").write_bytes(_png((1, 2, 3)))
    # the author's raw HTML may name anything; pandoc's sandbox still reads and fetches none
    author = f'<p><img src="{url}/author.png" alt="a"> <img src="{secret}" alt="b"></p>'
    body = [MSGID.format(i=i) for i in range(len(CASES))] + [CONTROL, author]
    notes = [f"[^f{i}]: Note {i}." for i in range(len(CASES))]
    (project / "source" / f"{SLUG}.md").write_text(
        "---\ntitle: Corpus\nsummary: Hostile translations\ndate: 2026-01-01\n---\n\n"
        + "\n\n".join(body + notes)
        + "\n",
        "utf-8",
    )
    assert main(["-C", str(project), "-q", "extract"]) == 0
    assert main(["-C", str(project), "-q", "update"]) == 0
    po_file = project / "translations" / "fr" / f"{SLUG}.po"
    po = polib.pofile(str(po_file))
    by_msgid = {e.msgid: e for e in po}
    by_msgid["Corpus"].msgstr = "Corpus"
    by_msgid["Hostile translations"].msgstr = "Traductions hostiles"
    by_msgid[CONTROL].msgstr = "Les nations coopèrent en paix."
    for i in range(len(CASES)):
        by_msgid[f"Note {i}."].msgstr = f"Note {i}."
    for i, case in enumerate(CASES):
        payload = case.payload.format(secret=secret.as_posix(), url=url)
        by_msgid[MSGID.format(i=i)].msgstr = MSGSTR.format(i=i) + payload
    po.save()
    lines = {e.msgid: e.linenum for e in polib.pofile(str(po_file))}
    code = main(["-C", str(project), "-q", "build", "-l", "fr", "-l", "ar"])
    yield {
        "project": project,
        "code": code,
        "secret": secret,
        "lines": [lines[MSGID.format(i=i)] for i in range(len(CASES))],
        "hits": list(_Canary.hits),
        "canary": _Canary.body,
        "author": (f"{url}/author.png", secret.as_posix()),
    }
    server.shutdown()
    server.server_close()


def _outputs(project: Path) -> Iterator[tuple[str, bytes]]:
    """Every output file, and every member of every EPUB."""
    for path in sorted((project / "build").rglob("*")):
        if not path.is_file():
            continue
        yield path.relative_to(project).as_posix(), path.read_bytes()
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    yield f"{path.name}!{name}", book.read(name)


def test_the_build_succeeds_for_every_locale(corpus: dict[str, object]) -> None:
    project = corpus["project"]
    assert isinstance(project, Path)
    assert corpus["code"] == 0
    for locale in ("fr", "ar"):
        for name in (f"{SLUG}.html", "defence-cooperation.epub", "defence-cooperation.pdf"):
            assert (project / "build" / locale / name).is_file(), (locale, name)


def test_nothing_from_the_machine_reaches_the_outputs(corpus: dict[str, object]) -> None:
    project, secret = corpus["project"], corpus["secret"]
    assert isinstance(project, Path) and isinstance(secret, Path)
    assert corpus["hits"] == [], "the build fetched a URL (pandoc ran outside its sandbox)"
    secret_bytes, canary = secret.read_bytes(), corpus["canary"]
    assert isinstance(canary, bytes)
    for name, data in _outputs(project):
        assert secret_bytes not in data and canary not in data, name
    with zipfile.ZipFile(project / "build" / "fr" / "defence-cooperation.epub") as book:
        media = [n for n in book.namelist() if n.startswith(("EPUB/media/", "EPUB/text/"))]
    images = [n for n in media if not n.endswith(".xhtml") and n != "EPUB/media/cover.png"]
    assert images == ["EPUB/text/images/map.png"], images  # the article's own map, nothing else


def test_no_markup_from_a_translation_reaches_html_or_epub(corpus: dict[str, object]) -> None:
    project, author = corpus["project"], corpus["author"]
    assert isinstance(project, Path) and isinstance(author, tuple)
    pages = 0
    for name, data in _outputs(project):
        if not name.endswith((".html", ".xhtml")):
            continue
        pages += 1
        parser = _Tags()
        parser.feed(data.decode("utf-8"))
        for tag, attrs in parser.tags:
            assert tag not in FORBIDDEN_TAGS, (name, tag)
            for key, value in attrs:
                assert not key.startswith("on"), (name, tag, key)
                assert not (key in ("href", "src", "poster") and BAD_SCHEMES.match(value or "")), (
                    name,
                    tag,
                    value,
                )
            if tag == "img":
                src = (dict(attrs).get("src") or "").removeprefix("../")
                assert src.endswith("map.png") or src.startswith(("media/", *author)), src
        text = data.decode("utf-8")
        for heading in ("Titre injecté",):
            assert not re.search(rf"<h\d[^>]*>{heading}", text), name
        assert "<dl" not in text and "<pre" not in text and "<blockquote" not in text, name
        assert "\u202e" not in text and "\u2066" not in text and "\u202b" not in text, name
    assert pages >= 4


def test_typst_receives_translations_as_text(corpus: dict[str, object]) -> None:
    import pypdfium2 as pdfium

    project = corpus["project"]
    assert isinstance(project, Path)
    pdf = pdfium.PdfDocument(project / "build" / "fr" / "defence-cooperation.pdf")
    text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    assert "Les nations coopèrent en paix." in " ".join(text.split())  # no show rule applied
    assert "40pt" in text or "set text" in text  # the attempt is printed, not run


def test_check_reports_every_case_at_its_line(corpus: dict[str, object], run: Run) -> None:
    project, lines = corpus["project"], corpus["lines"]
    assert isinstance(project, Path) and isinstance(lines, list)
    code, out, _ = run(project, "check", "-l", "fr", "--format", "json")
    assert code == 1
    found: dict[int, set[str]] = {}
    for finding in json.loads(out):
        assert finding["path"] == f"translations/fr/{SLUG}.po"
        found.setdefault(finding["line"], set()).add(finding["code"])
    missing = {
        case.name: sorted(case.codes - found.get(line, set()))
        for case, line in zip(CASES, lines, strict=True)
        if case.codes - found.get(line, set())
    }
    assert not missing, json.dumps(missing, indent=1)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_case_is_inert(case: object) -> None:
    """Unit level, per case: the sanitized Markdown renders with no tag or attribute that
    the faithful translation alone does not have."""
    from tarjama.merge.sanitize import sanitize
    from tarjama.render.pandoc import to_html

    assert hasattr(case, "payload")
    msgid = MSGID.format(i=1)
    payload = case.payload.format(secret="/tmp/secret.png", url="http://127.0.0.1:9")
    safe = sanitize(msgid, MSGSTR.format(i=1) + payload)
    baseline, rendered = _Tags(), _Tags()
    baseline.feed(to_html(MSGSTR.format(i=1) if safe is not None else msgid))
    rendered.feed(to_html(safe if safe is not None else msgid))
    extra = Counter(map(str, rendered.tags)) - Counter(map(str, baseline.tags))
    # the most a payload adds: a hard break, or again a code span the msgid has
    assert set(extra) <= {"('br', [])", *map(str, baseline.tags)}, (safe, extra)


_PIECES = [
    *"<>[](){}*_`$~^|#:!&;=-+. \n\\\"'/aZ1",
    "javascript:",
    "{=html}",
    "{=typst}",
    "<script>",
    "](",
    "\\\n",
    "&#x3C;",
    "[^f1]",
    "`tool 1`",
    "(https://example.org/r1)",
    "(images/map.png)",
    "    ",
    "\u202e",
    "{onclick=x}",
    "<img src=x onerror=y>",
    "<javascript:alert(1)>",
    "`<b onclick=x>b</b>`",
    "[x]",
    "\\{",
    "onclick=x}",
    "\\\n---",
    "\\\n: ",
    "\\\n# ",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_no_random_msgstr_renders_markup_the_msgid_lacks(pieces: list[str]) -> None:
    """Property: whatever a msgstr is made of, its HTML has only elements and attributes
    that the msgid's own markup produces (or a hard break), and nothing but the msgid's
    targets."""
    from tarjama.merge.sanitize import sanitize
    from tarjama.render.pandoc import to_html

    msgid = MSGID.format(i=1)
    safe = sanitize(msgid, "".join(pieces))
    rendered = _Tags()
    rendered.feed(to_html(safe if safe is not None else msgid))
    allowed = {"p", "a", "img", "code", "em", "strong", "br", "sup"}
    for tag, attrs in rendered.tags:
        assert tag in allowed, (safe, tag)
        for key, value in attrs:
            assert key in {"href", "src", "alt", "class", "id", "role", "title"}, (safe, key)
            if key in ("href", "src"):
                assert value in {"https://example.org/r1", "images/map.png"} or (
                    value or ""
                ).startswith("#fn"), (safe, value)
