"""A locale's interface translations (``translations/<locale>/ui.po``) for the templates."""

from __future__ import annotations

from tarjama.catalog.allowlist import clean_plain
from tarjama.catalog.project import UI_DOMAIN, po_path, read_catalog
from tarjama.catalog.uichecks import usable
from tarjama.core.config import Config
from tarjama.merge.pseudo import TRANSFORMS


class UiStrings(dict[str, str]):
    """A locale's interface translations, callable as ``gettext`` (and picklable)."""

    def __call__(self, message: str) -> str:
        return self.get(message) or message


def ui_translations(config: Config, locale: str) -> UiStrings:
    """Translated, non-fuzzy interface strings of ``translations/<locale>/ui.po``."""
    if locale in TRANSFORMS:
        from tarjama.catalog.uistrings import extract_ui  # reads the templates: only here

        pot = extract_ui(config)
        return UiStrings({e.msgid: TRANSFORMS[locale](e.msgid) for e in pot or []})
    path = po_path(config, locale, UI_DOMAIN)
    if locale == config.source_locale or not path.exists():
        return UiStrings()
    po = read_catalog(config, path)
    return UiStrings(
        {
            e.msgid: clean_plain(e.msgid, e.msgstr).text or e.msgid
            for e in po
            if e.translated()
            and not e.obsolete
            and e.msgstr
            # a msgstr that loses or renames a placeholder would break the page: keep the
            # msgid (check reports it); everything else is text, escaped by the templates
            and usable(e.msgid, e.msgstr)
        }
    )
