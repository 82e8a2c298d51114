"""The EPUB: the book (``book``), its package metadata (``meta``), links between its
documents (``links``) and its zip, written the same way every time (``zip``)."""
