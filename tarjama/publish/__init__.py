"""Publish stage: a project in, every locale's outputs in ``build/`` out.

``build`` runs a build: ``plan`` decides which articles each locale publishes (merging in
the worker pool, ``merging``), ``jobs`` lists every output with the key of its inputs and
runs the ones that changed through the renderers; ``state`` keeps digests, merge records and
output keys between builds (``records`` are its typed entries), ``fingerprint`` lets a no-op
build return at once, ``workers`` is the process pool and the progress bar, ``preview`` the
live preview server.
"""
