"""Interface strings (``ui.po``) are text: escaped, placeholders checked, ``%`` allowed;
templates render sandboxed and their errors are one line with the template's line."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import polib

Run = Callable[..., tuple[int, str, str]]


def _translate(sample: Path, locale: str, changes: dict[str, str]) -> dict[str, int]:
    """Set msgstrs of ``translations/<locale>/ui.po``; return their PO lines."""
    path = sample / "translations" / locale / "ui.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in changes:
            entry.msgstr = changes[entry.msgid]
    po.save()
    return {e.msgid: e.linenum for e in polib.pofile(str(path)) if e.msgid in changes}


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, key) for key, _ in attrs]


def _elements(html: str) -> list[tuple[str, str]]:
    parser = _Attributes()
    parser.feed(html)
    return parser.found


def test_a_percent_sign_in_an_interface_string_is_a_percent_sign(sample: Path, run: Run) -> None:
    _translate(
        sample,
        "fr",
        {"Contents": "Sommaire, 100 % gratuit", "Published on %(date)s": "À 100 % le %(date)s"},
    )
    code, _, err = run(sample, "build", "--format", "html", "-l", "fr", "-l", "tr")
    assert code == 0, err
    index = (sample / "build" / "fr" / "index.html").read_text("utf-8")
    assert "Sommaire, 100 % gratuit" in index and re.search(r"À 100 % le <time [^>]*>\w", index)
    assert (sample / "build" / "index.html").is_file() and (sample / "build" / "tr").is_dir()
    code, out, _ = run(sample, "check", "-l", "fr", "--format", "json")
    assert not [f for f in json.loads(out) if f["path"].endswith("ui.po")]


def test_markup_in_interface_strings_is_escaped_and_reported(sample: Path, run: Run) -> None:
    lines = _translate(
        sample,
        "fr",
        {
            "Contents": "<img src=x onerror=alert(1)>Sommaire",
            "Languages": '" onmouseover="alert(1)',
            "Downloads": "<ScRiPt>alert(1)</ScRiPt>",
        },
    )
    assert run(sample, "build", "--format", "html", "-l", "fr")[0] == 0
    for page in (sample / "build" / "fr").glob("*.html"):
        html = page.read_text("utf-8")
        elements = _elements(html)
        assert not [e for e in elements if e[1].startswith("on")], page
        assert ("img", "src") not in elements, page
        scripts = re.findall(r"<script\b[^>]*>", html, re.I)
        assert all('src="../assets/' in tag for tag in scripts), page  # the site's own only
    index = (sample / "build" / "fr" / "index.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;Sommaire" in index
    code, out, _ = run(sample, "check", "-l", "fr")
    assert code == 1
    for msgid in ("Contents", "Languages", "Downloads"):
        assert f"translations/fr/ui.po:{lines[msgid]}: raw-html: " in out, (msgid, out)


def test_a_broken_placeholder_is_ignored_and_reported(sample: Path, run: Run) -> None:
    lines = _translate(sample, "fr", {"Published on %(date)s": "Publié le %(dat)s"})
    assert run(sample, "build", "--format", "html", "-l", "fr")[0] == 0
    index = (sample / "build" / "fr" / "index.html").read_text("utf-8")
    assert "Published on " in index and "%(dat)s" not in index
    code, out, _ = run(sample, "check", "-l", "fr")
    assert code == 1
    assert re.search(
        # the entry is python-format, so msgfmt's own check (code "format") reports it
        rf"^translations/fr/ui\.po:{lines['Published on %(date)s']}: format: .*%\(dat\)s",
        out,
        re.M,
    ), out


def own_template(project: Path, name: str) -> Path:
    """The project's own copy of the package's template *name* (which then overrides it)."""
    from tarjama.core.templates import PACKAGE_TEMPLATES

    target = project / "templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE_TEMPLATES / name, target)
    return target


def test_a_template_runtime_error_is_one_line_with_the_template_line(
    sample: Path, run: Run
) -> None:
    template = own_template(sample, "html/index.html")
    lines = template.read_text("utf-8").split("\n")
    at = lines.index("{% block main %}") + 1  # inside the block: a child renders nothing else
    lines.insert(at, "{{ (edition.title | length) // 0 }}")
    template.write_text("\n".join(lines), "utf-8")
    code, _, err = run(sample, "build", "--format", "html", "-l", "fr")
    assert code == 6, err
    assert "Traceback" not in err
    where = rf"templates/html/index\.html:{at + 1}: template error: ZeroDivisionError"
    assert re.search(where, err), err


def test_templates_are_sandboxed(sample: Path, run: Run) -> None:
    template = own_template(sample, "html/index.html")
    lines = template.read_text("utf-8").split("\n")
    lines.insert(
        lines.index("{% block main %}") + 1, "{{ edition.__class__.__init__.__globals__ }}"
    )
    template.write_text("\n".join(lines), "utf-8")
    code, _, err = run(sample, "build", "--format", "html", "-l", "fr")
    assert code == 6 and "Traceback" not in err
    assert re.search(r"templates/html/index\.html:\d+: template error: .*unsafe", err), err


def test_an_interface_entry_in_a_context_no_template_uses_is_ignored(
    sample: Path, run: Run
) -> None:
    """Issue 20: a msgctxt entry stood in for the string without one."""
    path = sample / "translations" / "fr" / "ui.po"
    po = polib.pofile(str(path))
    po.append(polib.POEntry(msgctxt="menu", msgid="Contents", msgstr="PIÈGE"))
    po.save()
    line = next(e.linenum for e in polib.pofile(str(path)) if e.msgctxt == "menu")
    code, _, err = run(sample, "build", "--format", "html", "-l", "fr")
    assert code == 0, err
    pages = [p.read_text("utf-8") for p in (sample / "build" / "fr").glob("*.html")]
    assert not any("PIÈGE" in page for page in pages)
    assert any("Sommaire" in page or "Table des matières" in page for page in pages)
    code, out, _ = run(sample, "check", "-l", "fr", "--format", "json")
    found = [(f["line"], f["code"], f["severity"]) for f in json.loads(out)]
    assert (line, "context", "warning") in found
