"""Embedding models that workbench builds locally from installed packages (no downloads)."""
