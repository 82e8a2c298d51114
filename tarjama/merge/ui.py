"""A locale's interface translations (``translations/<locale>/ui.po``) for the templates."""

from __future__ import annotations

from tarjama.catalog.allowlist import clean_plain
from tarjama.catalog.paths import UI_DOMAIN, po_path, read_catalog
from tarjama.catalog.uichecks import placeholders, usable
from tarjama.core import plurals
from tarjama.core.config import Config
from tarjama.merge.pseudo import TRANSFORMS

_ENGLISH = plurals.parse("nplurals=2; plural=(n != 1);")


class UiStrings(dict[str, str]):
    """A locale's interface translations, callable as ``gettext`` (and picklable); its
    ``ngettext`` picks the plural form the catalog's ``Plural-Forms`` gives a count."""

    def __init__(
        self,
        singular: dict[str, str] | None = None,
        forms: dict[str, tuple[str, ...]] | None = None,
        plural_forms: plurals.PluralForms = _ENGLISH,
    ) -> None:
        super().__init__(singular or {})
        self.forms = forms or {}
        self.plural_forms = plural_forms
        self.notice = ""  # why the catalog's Plural-Forms is not the one counted with

    def __call__(self, message: str) -> str:
        return self.get(message) or message

    def __reduce__(self) -> tuple[object, ...]:
        return (UiStrings, (dict(self), self.forms, self.plural_forms), {"notice": self.notice})

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The translated form for *n*, or the source's when a form is missing."""
        forms = self.forms.get(singular)
        if forms and len(forms) == self.plural_forms.count and all(forms):
            return forms[self.plural_forms.form(n)]
        return singular if n == 1 else plural


def ui_translations(config: Config, locale: str) -> UiStrings:
    """Translated, non-fuzzy interface strings of ``translations/<locale>/ui.po``."""
    if locale in TRANSFORMS:
        from tarjama.catalog.uistrings import extract_ui  # reads the templates: only here

        pot = extract_ui(config)
        entries = [e for e in pot or [] if not e.msgid_plural]
        forms: dict[str, tuple[str, ...]] = {
            e.msgid: (TRANSFORMS[locale](e.msgid), TRANSFORMS[locale](e.msgid_plural))
            for e in pot or []
            if e.msgid_plural
        }
        return UiStrings({e.msgid: TRANSFORMS[locale](e.msgid) for e in entries}, forms)
    path = po_path(config, locale, UI_DOMAIN)
    if locale == config.source_locale or not path.exists():
        return UiStrings()
    po = read_catalog(config, path)
    # the templates have gettext and ngettext, no pgettext: an entry with a msgctxt is no
    # template's (check warns), and must not stand in for the string without one
    entries = [e for e in po if e.translated() and not e.obsolete and not e.msgctxt]
    plural_forms, notice = plurals.usable(po.metadata.get("Plural-Forms", ""), locale)
    strings = UiStrings(
        {
            e.msgid: clean_plain(e.msgid, e.msgstr).text or e.msgid
            for e in entries
            if e.msgstr
            # a msgstr that loses or renames a placeholder would break the page: keep the
            # msgid (check reports it); everything else is text, escaped by the templates
            and usable(e.msgid, e.msgstr)
        },
        {
            e.msgid: tuple(
                clean_plain(e.msgid_plural, e.msgstr_plural[k]).text or e.msgid_plural
                for k in sorted(e.msgstr_plural)
            )
            for e in entries
            if e.msgid_plural
            # a form may leave the count out ("one article"), not add a placeholder
            and all(
                placeholders(form) <= placeholders(e.msgid_plural)
                for form in e.msgstr_plural.values()
            )
        },
        plural_forms,
    )
    strings.notice = f"{config.rel(path)}:1: {notice}" if notice else ""
    return strings
