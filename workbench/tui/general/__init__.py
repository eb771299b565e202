"""The general area: the keys about the app rather than the document (help, theme)."""
