"""The Hunspell dictionaries, loaded once per language and shared by every checker.

``en_US`` and ``ru`` (the ones the ``spylls`` wheel ships, so nothing is downloaded) run in
libhunspell through ``chunspell``: on Bakai it loads in 0.1-0.25 s (spylls 2-2.4 s), checks
all 2,424 words in ~10 ms (spylls 100-210 ms) and suggests ~3x faster (bench/spelling.py).
spylls' pure Python engine is the fallback when chunspell cannot be imported (same
dictionaries, same verdicts). Other languages are not checked (``sv`` is also in the spylls
data).
"""

from __future__ import annotations

import threading
from pathlib import Path

_HUNSPELL_NAMES = {"en": "en/en_US", "ru": "ru/ru", "sv": "sv/sv_SE"}


class Engine:
    """One Hunspell dictionary behind ``spell``/``suggest``; chunspell, else spylls."""

    def __init__(self, lang: str, base: Path):
        self.lang = lang
        self._lock = threading.Lock()
        try:
            import hunspell  # chunspell's module

            self._h = hunspell.Hunspell(base.name, hunspell_data_dir=str(base.parent))
            self.backend = "chunspell"
            self._spell, self._suggest = self._h.spell, self._h.suggest
        except ImportError:  # pragma: no cover - the wheel is pinned; this is the fallback
            from spylls.hunspell import Dictionary

            self._d = Dictionary.from_files(str(base))
            self.backend = "spylls"
            self._spell = self._d.lookup
            self._suggest = lambda w: list(self._d.suggest(w))

    def spell(self, word: str) -> bool:
        with self._lock:
            return bool(self._spell(word))

    def suggest(self, word: str) -> list[str]:
        with self._lock:
            return list(self._suggest(word))


_engines: dict[str, Engine | None] = {}
_engines_lock = threading.Lock()


def dictionary_base(lang: str) -> Path | None:
    """The path (without .aff/.dic) of the Hunspell dictionary used for ``lang``, if any."""
    import spylls.hunspell

    data = Path(spylls.hunspell.__file__).parent / "data"
    name = _HUNSPELL_NAMES.get(lang)
    if name and (data / f"{name}.aff").exists():
        return data / name
    return None


def engine(lang: str) -> Engine | None:
    """The shared Hunspell engine of ``lang`` (loaded once: ~0.1 s), or None if unknown."""
    if lang not in _engines:
        with _engines_lock:
            if lang not in _engines:
                base = dictionary_base(lang)
                _engines[lang] = Engine(lang, base) if base is not None else None
    return _engines[lang]
