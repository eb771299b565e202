"""The Textual UI. ``app.py`` holds the open document (a core session) and the main screen;
``keys.py`` is the one table of keys, each naming the method it runs in one of the areas, a
folder each: ``rows``, ``navigation``, ``terms``, ``review``, ``files``, ``general`` (and
``common``, what they share). The UI calls the core, never the other way.
"""
