"""The document layer every format shares: pandoc conversions of a merged document
(``pandoc``), its JSON AST (``ast``), chapters converted once and kept by content
(``chapters``), sections as book parts (``parts``), left-to-right runs isolated in
right-to-left text (``bidi``) and the sandboxed Jinja environment (``jinja``)."""
