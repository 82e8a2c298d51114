"""What a command did: files written, messages for the user, errors met."""

from __future__ import annotations

from dataclasses import dataclass, field

from tarjama.core.errors import TarjamaError


@dataclass
class Report:
    """What a command did: files written, messages for the user, errors met.

    Commands collect errors here instead of stopping at the first, so one broken
    article or PO file does not stop the others; the CLI prints them and picks
    the exit code.
    """

    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[TarjamaError] = field(default_factory=list)
    # what a user should fix but did not stop the command (``--strict`` makes them fail)
    warnings: list[TarjamaError] = field(default_factory=list)
    # one record per item a command went through, for ``--format json`` (update: each
    # entry's fate)
    rows: list[dict[str, object]] = field(default_factory=list)

    def extend(self, other: Report) -> None:
        """Add what *other* did to this report."""
        self.written.extend(other.written)
        self.notes.extend(other.notes)
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)
        self.rows.extend(other.rows)
