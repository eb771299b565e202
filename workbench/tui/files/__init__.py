"""The files area: save, save as, merging with someone else's save, autosave, recovery, quit."""
