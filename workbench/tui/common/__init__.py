"""Shared by every area: the dialogs and the base of the panels under the rows."""
