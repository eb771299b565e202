"""The Textual UI: widgets and screens that call core operations (never the other way)."""
