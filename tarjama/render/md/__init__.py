"""The ``md`` format: each translated article as a Markdown file (``markdown``)."""
