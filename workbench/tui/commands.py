"""The command palette (ctrl+p) offers every action of the main screen by name.

Built from :data:`.keys.BINDINGS`, so a new binding is in the palette without more code, and
each hit says its key, which is how a translator learns the keyboard.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .keys import BINDINGS, key_labels


def _title(binding) -> str:
    return binding.tooltip or binding.description


class BindingCommands(Provider):
    """Every main-screen binding as a palette command: its sentence, and its key as help."""

    def _commands(self):
        for binding in BINDINGS:
            keys = ", ".join(key_labels(self.app, binding))
            run = getattr(self.app, "run_command_action", self.app.run_action)
            yield _title(binding), f"key: {keys}", partial(run, binding.action)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
