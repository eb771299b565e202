"""The command palette (ctrl+p) offers every action of the main screen by name.

Built from :data:`.keys.BINDINGS`, so a new key is in the palette without more code, and each
hit says its key (the one in effect, after a user keymap), which is how a translator learns
the keyboard.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .keys import BINDINGS


def _title(binding) -> str:
    return binding.tooltip or binding.description


def _highlighted(title: str, query: str) -> Content:
    """The title as plain text (never markup: "[ and ]" must stay), the query's letters
    marked in order where they occur, as the palette's own highlighting does."""
    content = Content(title)
    low, at = title.lower(), 0
    for ch in query.lower():
        if ch.isspace():
            continue
        at = low.find(ch, at)
        if at < 0:
            break
        content = content.stylize("bold underline", at, at + 1)
        at += 1
    return content


class BindingCommands(Provider):
    """Every main-screen binding as a palette command: its sentence, and its key as help.

    The app provides ``key_labels(binding)`` and ``run_command_action(action)``.
    """

    def _commands(self):
        app = self.app
        for binding in BINDINGS:
            keys = ", ".join(app.key_labels(binding))
            yield _title(binding), f"key: {keys}", partial(app.run_command_action, binding.action)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlighted(title, query), callback, help=help_text)
