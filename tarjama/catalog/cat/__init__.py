"""Hand-off to CAT tools: inline Markdown as protected codes, XLIFF export and import."""
