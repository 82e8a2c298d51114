"""Catalog stage: segments in, gettext catalogs out — and the translator's side of a project.

``pofile`` reads and writes PO files exactly as GNU gettext formats them (``linebreak`` holds
its Unicode line-breaking tables, ``poparse`` the fast reader); ``update`` builds templates and
merges them into catalogs the way ``msgmerge`` does; ``checks`` compares a msgstr's markup with
its msgid's; ``stats`` counts progress; ``uistrings`` extracts the templates' interface
strings; ``project`` runs extract, update, check and stats over a whole project. Nothing here
knows an output format.
"""
