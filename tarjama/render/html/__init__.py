"""The HTML site: pages from the templates (``pages``), tables of contents (``toc``),
sitemap, robots.txt and Atom feeds (``site``) and the Pagefind index (``search``)."""
