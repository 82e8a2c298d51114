"""The hostile-translator corpus (``tests/hostile.py``) against a real build.

One project, one paragraph per case, built for fr (the hostile catalog) and ar (a clean
one) in HTML, EPUB and PDF with the real pandoc and Typst, and the French page opened in
Chromium. For every case: nothing of the payload reaches the outputs as markup or code,
no file outside the project and no URL is read (Typst's package downloads go to the
canary server, standing in for the network), ``check`` reports it at the entry's line,
and the other locale still builds. The front matter is hostile too: a title that is
blank once cleaned, a summary with noncharacters.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

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
# the site's own scripts, from the templates (search, table of contents): files, never inline
OWN_SCRIPT = re.compile(r"^(\.\./)+assets/(site|search)\.js$")


def _png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (7, 5), colour).save(out, "PNG")
    return out.getvalue()


class _Canary(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared by the handler instances on purpose
    body = b""

    def do_CONNECT(self) -> None:  # a proxied HTTPS request (Typst's package download)
        self.hits.append(f"CONNECT {self.path}")
        self.send_response(502)
        self.end_headers()

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
    body = [MSGID.format(i=i) for i in range(len(CASES))] + [CONTROL]
    notes = [f"[^f{i}]: Note {i}." for i in range(len(CASES))]
    (project / "source" / "zz-author.md").write_text(
        f"---\ntitle: Author\n---\n\n{author}\n", "utf-8"
    )
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
    by_msgid["Corpus"].msgstr = " \u200b\x00 "  # blank once cleaned: the source is shown
    by_msgid["Hostile translations"].msgstr = "Traductions\uffff hostiles\ufdd0"
    by_msgid[CONTROL].msgstr = "Les nations coopèrent en paix."
    for i in range(len(CASES)):
        by_msgid[f"Note {i}."].msgstr = f"Note {i}."
    for i, case in enumerate(CASES):
        payload = case.payload.format(secret=secret.as_posix(), url=url, i=i)
        by_msgid[MSGID.format(i=i)].msgstr = (
            payload[1:] if payload.startswith("=") else MSGSTR.format(i=i) + payload
        )
    po.save()
    lines = {e.msgid: e.linenum for e in polib.pofile(str(po_file))}
    proxy = os.environ.get("TARJAMA_TYPST_PROXY")
    os.environ["TARJAMA_TYPST_PROXY"] = url  # Typst's network is the canary
    try:
        code = main(["-C", str(project), "-q", "build", "-l", "fr", "-l", "ar"])
    finally:
        os.environ.pop("TARJAMA_TYPST_PROXY")
        if proxy is not None:
            os.environ["TARJAMA_TYPST_PROXY"] = proxy
    yield {
        "project": project,
        "code": code,
        "secret": secret,
        "lines": [lines[MSGID.format(i=i)] for i in range(len(CASES))],
        "title_line": lines["Corpus"],
        "url": url,
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
            if tag == "script" and OWN_SCRIPT.match(dict(attrs).get("src") or ""):
                continue
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


def test_the_reproducer_publishes_the_link_and_the_script_as_text(
    corpus: dict[str, object],
) -> None:
    """Issue 20's reproducer: a line end in a link's title, spelt as an entity."""
    project = corpus["project"]
    assert isinstance(project, Path)
    index = next(i for i, c in enumerate(CASES) if c.name == "title-entity-newline")
    page = (project / "build" / "fr" / f"{SLUG}.html").read_text("utf-8")
    expected = (
        f'<a href="https://example.org/r{index}" '
        'title="x&amp;#10;&lt;script&gt;alert(1)&lt;/script&gt;">le rapport</a>'
    )
    assert expected in page


def test_the_front_matter_is_cleaned_and_a_blank_title_is_not_used(
    corpus: dict[str, object], run: Run
) -> None:
    project = corpus["project"]
    assert isinstance(project, Path)
    page = (project / "build" / "fr" / f"{SLUG}.html").read_text("utf-8")
    assert re.search(
        r'<h1[^>]*><span lang="en"[^>]*>Corpus</span>|<h1[^>]*lang="en"[^>]*>Corpus', page
    )
    for name, data in _outputs(project):
        if name.endswith((".html", ".xhtml", ".xml", ".opf", ".ncx")):
            text = data.decode("utf-8")
            assert "\uffff" not in text and "\ufdd0" not in text and "\x00" not in text, name
    _, out, _ = run(project, "check", "-l", "fr", "--format", "json")
    found = {(f["line"], f["code"]) for f in json.loads(out)}
    assert (corpus["title_line"], "blank") in found


def test_typst_makes_no_request_and_runs_no_translated_code(corpus: dict[str, object]) -> None:
    import pypdfium2 as pdfium

    project = corpus["project"]
    assert isinstance(project, Path)
    assert not [h for h in corpus["hits"] if str(h).startswith("CONNECT")]  # type: ignore[attr-defined]
    pdf = pdfium.PdfDocument(project / "build" / "fr" / "defence-cooperation.pdf")
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in pdf)
    # shown as text (with the typographic quotes of any translated text)
    assert "#read(“main.typ”)" in text and "#import “@preview/cetz:0.2.2”" in text
    assert "#set page(fill: red)" in text and "passwd" in text
    for number in range(1, len(pdf)):  # no page was filled (the first is the cover)
        image = pdf[number].render(scale=0.2).to_pil().convert("RGB")
        corner = image.getpixel((2, 2))
        assert corner == (255, 255, 255), (number, corner)


@pytest.mark.tools
def test_the_hostile_epub_passes_epubcheck(corpus: dict[str, object]) -> None:
    from tests.test_render_epub_pdf import epubcheck

    project = corpus["project"]
    assert isinstance(project, Path)
    book = project / "build" / "fr" / "defence-cooperation.epub"
    with zipfile.ZipFile(book) as files:
        author = [n for n in files.namelist() if b"author.png" in files.read(n)]
    # the author's own raw HTML (not XHTML, naming a URL and a file) is the author's
    # business, and in a chapter of its own: every message is about that chapter
    assert len(author) == 1
    found = epubcheck(book)
    assert all(author[0] in message or "exit code" in message for message in found), found


@pytest.mark.tools
def test_chromium_runs_nothing_and_fetches_nothing(corpus: dict[str, object]) -> None:
    from tests.browser import browser
    from tests.conftest import require_tool

    require_tool("chromium")
    project, url = corpus["project"], corpus["url"]
    assert isinstance(project, Path) and isinstance(url, str)
    requested: list[str] = []
    dialogs: list[str] = []
    with browser() as chromium:
        page = chromium.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto((project / "build" / "fr" / f"{SLUG}.html").as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        inline = page.evaluate("document.querySelectorAll('script:not([src])').length")
        handlers = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
            ".filter(a => a.name.startsWith('on')).length"
        )
    assert dialogs == [] and inline == 0 and handlers == 0
    fetched = [r for r in requested if r.startswith(url) and "author.png" not in r]
    assert fetched == [], fetched


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_case_is_inert(case: object) -> None:
    """Unit level, per case: the merged paragraph renders with no tag or attribute that
    the faithful translation (or the source) does not have."""
    from tests.test_trust import _tags

    assert hasattr(case, "payload")
    payload = case.payload.format(secret="/tmp/secret.png", url="http://127.0.0.1:9", i=1)
    msgstr = payload[1:] if payload.startswith("=") else MSGSTR.format(i=1) + payload
    baseline = _tags(_paragraph_html(MSGSTR.format(i=1))) | _tags(_paragraph_html(None))
    titles = {"a title", "img title"}  # a translator may give a link or image a title
    extra = set(_tags(_paragraph_html(msgstr))) - set(baseline) - titles
    assert not extra, extra


def _paragraph_html(msgstr: str | None) -> str:
    """The HTML of the corpus paragraph translated as *msgstr* (None: untranslated)."""
    from tarjama.merge import merge
    from tarjama.render.document.pandoc import to_html
    from tarjama.segment import parse_article

    text = f"---\ntitle: T\n---\n\n{MSGID.format(i=1)}\n\n[^f1]: Note.\n"
    article = parse_article(text, slug="a", path=Path("a.md"))
    po = polib.POFile()
    if msgstr is not None:
        po.append(polib.POEntry(msgid=MSGID.format(i=1), msgstr=msgstr))
    return to_html(merge(article, po, locale="fr").body)
