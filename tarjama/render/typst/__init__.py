"""Typst: the compiler, offline and kept warm (``run``), the markup tarjama writes
(``markup``) and the generated cover both books use (``cover``)."""
