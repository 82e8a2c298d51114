"""The settings a Weblate component needs to work on a tarjama project without a fight.

Weblate commits the PO files it edits back to the repository; tarjama's ``update`` and
Weblate must then agree on what a file looks like, or each rewrites the other's work on
every commit. ``tarjama weblate`` prints the settings for this project's paths: one
component per catalog (found by a file mask), gettext PO files as gettext writes them,
no msgmerge add-on (tarjama updates the files, with its own suggestions), obsolete
entries kept (tarjama revives them), and new languages off (a locale is added in
``tarjama.toml``, where its fonts, numbers and direction are settled).
"""

from __future__ import annotations

from tarjama.core.config import Config


def settings(config: Config) -> str:
    """The Weblate settings for *config*'s project, as text to copy into its forms."""
    translations = config.rel(config.translations_dir)
    source = config.rel(config.source_dir)
    return f"""\
Weblate settings for {config.title} (tarjama {", ".join(config.locales) or "no locales yet"})

Component discovery add-on (Add-ons > Component discovery), one component per catalog:
  Regular expression to match translation files:
    {translations}/(?P<language>[^/.]*)/(?P<component>.*)\\.po
  File format: gettext PO file
  Customize the component name: {{{{ component|title }}}}
  Define the monolingual base filename: (empty: PO files are bilingual)
  Define the base file for new translations: {translations}/{{{{ component }}}}.pot
  Language filter: ^({"|".join(config.locales) or ".*"})$

Each component:
  File format: gettext PO file
  Source language: {config.source_locale}
  Translation license, contributor agreement: as the project has them
  Adding new translation: None (add the locale to tarjama.toml, then run tarjama update)
  Language code style: POSIX style using underscore as a separator (pt_BR)
  Push on commit: on, to the branch tarjama update runs on

Add-ons: do NOT install "Update PO files to match POT (msgmerge)": tarjama update does
that, keeps obsolete entries (#~) and offers its own suggestions; msgmerge would make
fuzzy what tarjama keeps. "Customize gettext output": leave the default; Weblate's
writer (translate-toolkit) writes these files byte for byte as tarjama does.

Weblate writes French plurals as "plural=n > 1;": tarjama update keeps it (it computes
what gettext's conventional formula computes), so a Weblate commit comes back unchanged.
After Weblate commits, run in the repository:
  tarjama update && tarjama check && tarjama build
The articles live in {source}/; authors edit them there, never in Weblate.
"""
