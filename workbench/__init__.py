"""workbench: a bilingual sentence-alignment workbench (core, CLI, Textual UI)."""

__version__ = "0.1.0"
