"""Core: what every stage shares — configuration, errors, locale data, safe file writes.

In: nothing from the other stages (the core imports none of them). Out: :class:`Config`
(``config``), the :class:`TarjamaError` hierarchy with exit codes (``errors``), CLDR locale
data (``locales``), atomic writes and path checks (``fsutil``) and :class:`Report` (``report``).
"""

__version__ = "0.1.0"
