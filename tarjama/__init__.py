"""tarjama: translate Markdown publications through gettext and publish every locale.

The package follows the pipeline: :mod:`tarjama.segment` (Markdown to segments),
:mod:`tarjama.catalog` (POT/PO update), :mod:`tarjama.merge` (translated Markdown),
:mod:`tarjama.render` (HTML, EPUB, PDF) and :mod:`tarjama.publish` (build plan).
"""

__version__ = "0.1.0"
