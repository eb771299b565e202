"""Shared by every area: the dialogs, the help screen, the panels base, help and theme keys."""
