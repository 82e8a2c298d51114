"""The registry of output kinds: the only list of what a build can make.

Each entry is an :class:`~tarjama.publish.outputs.base.Output`: it lists its jobs with
their keys, gathers each job's typed data, and names its format and its lane in the
runner. A new format is one render package, one output module and one line here.
"""

from __future__ import annotations

from tarjama.publish.outputs.base import BuildJob, Context, JobData, Output
from tarjama.publish.outputs.books import Epub, Pdf
from tarjama.publish.outputs.index import Index, NotFound
from tarjama.publish.outputs.markdown import Markdown
from tarjama.publish.outputs.pages import ArticlePage, Media, SectionPage
from tarjama.publish.outputs.search import Feed, Search, SearchBundles
from tarjama.publish.outputs.site import Assets, Robots, Root, Sitemap

OUTPUTS: tuple[Output, ...] = (
    Assets(),
    Media(),
    ArticlePage(),
    SectionPage(),
    Index(),
    NotFound(),
    Search(),
    SearchBundles(),
    Feed(),
    Root(),
    Sitemap(),
    Robots(),
    Markdown(),
    Epub(),
    Pdf(),
)
BY_KIND = {output.kind: output for output in OUTPUTS}
FORMATS = tuple(dict.fromkeys(output.format for output in OUTPUTS))

__all__ = ["BY_KIND", "FORMATS", "OUTPUTS", "BuildJob", "Context", "JobData", "Output"]
