"""The PDF: chapters written as Typst and compiled as PDF/UA-1 (``book``)."""
