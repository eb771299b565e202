"""Which files of a corpus make a pair (``workbench corpus align``): the same relative path in
two folders, names that differ only by a language tag (``basic-defs.ru.html`` and
``basic-defs.en.html``, in two folders or in one, as a translated manual ships), or the lines
of a pairs file; and the names the documents get.

A folder as a website or a manual ships holds its pictures, style sheets and scripts beside
the pages: those are left out before pairing (:data:`NOT_DOCUMENTS`), and said once.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, WorkbenchError
from .langtags import base_lang, same_language, standard
from .textio import DEFAULT_LANGS


@dataclass(frozen=True)
class Pair:
    """One document to make: ``name`` is its path under OUT_DIR without ``.yaml``."""

    name: str
    source: Path
    target: Path

    def document(self, out_dir: Path) -> Path:
        return out_dir / f"{self.name}.yaml"


#: file types that are never a text to align: images, style sheets, scripts, fonts, media,
#: archives (a .docx, .odt or .epub is a ZIP file too, but is named as itself)
NOT_DOCUMENTS = frozenset(
    ".png .jpg .jpeg .gif .svg .webp .bmp .ico .tif .tiff .css .js .mjs .map .woff .woff2 "
    ".ttf .otf .eot .mp3 .mp4 .m4a .wav .ogg .oga .webm .avi .mov .mkv .flac .zip .gz .tgz "
    ".bz2 .xz .7z .rar .tar .exe .dll .so .pyc .class .jar".split())


@dataclass
class Pairing:
    """What :func:`pair_folders` found."""

    pairs: list[Pair]
    #: files that found no partner, one line each (to warn about)
    alone: list[str] = field(default_factory=list)
    #: files left out unread: not documents (pictures, style sheets ...), or, in one folder,
    #: in languages other than the pair's (a line that says how many, and which)
    left_out: list[str] = field(default_factory=list)
    #: the languages the file names tell, when the pairs were made by language tags
    #: (standard tags: "zh-CN", "en"), else None each
    langs: tuple[str | None, str | None] = (None, None)


def _files_under(folder: Path, exclude: Path | None = None) -> dict[str, Path]:
    found = {}
    skip = exclude.resolve() if exclude is not None else None
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and (skip is None or (Path(root) / d).resolve() != skip))
        for f in files:
            if f.startswith(".") or f.endswith("~"):
                continue
            p = Path(root) / f
            found[p.relative_to(folder).as_posix()] = p
    return found


def pair_folders(source_dir: Path, target_dir: Path, source_lang: str | None = None,
                 target_lang: str | None = None, exclude: Path | None = None) -> Pairing:
    """The pairs of files with the same relative path under both folders, or whose names
    differ only by a language tag. ``source_lang`` / ``target_lang`` (the user's, None when
    not given) choose among the tags when the names carry several languages; one folder given
    twice pairs only by tags. ``exclude``: a folder inside them left out (the output's)."""
    for folder in (source_dir, target_dir):
        if not folder.is_dir():
            raise WorkbenchError("is not a folder", path=str(folder),
                                 hint="give the folders of source and target texts, or --pairs")
    one_folder = source_dir.resolve() == target_dir.resolve()
    src, tgt = _files_under(source_dir, exclude), _files_under(target_dir, exclude)
    out = Pairing([])
    skipped = {**{rel: p for rel, p in tgt.items() if _not_document(rel)},
               **{rel: p for rel, p in src.items() if _not_document(rel)}}
    if skipped:
        kinds = ", ".join(sorted({Path(rel).suffix.lower() for rel in skipped}))
        out.left_out.append(f"{len(skipped)} files that are not texts ({kinds}), e.g. "
                            f"{skipped[min(skipped)]}")
        src = {rel: p for rel, p in src.items() if rel not in skipped}
        tgt = {rel: p for rel, p in tgt.items() if rel not in skipped}
    same = [] if one_folder else [rel for rel in sorted(src) if rel in tgt]
    pairs = [Pair(_name_of(rel), src[rel], tgt[rel]) for rel in same]
    tagged, tags = _tag_pairs([rel for rel in sorted(src) if rel not in same],
                              [rel for rel in sorted(tgt) if rel not in same],
                              source_lang, target_lang, one_folder)
    pairs += [Pair(name, src[s], tgt[t]) for name, s, t in tagged]
    out.pairs = pairs
    if tags:
        out.langs = (_standard_or_none(tags[0]), _standard_or_none(tags[1]))
    paired_s = set(same) | {s for _, s, _ in tagged}
    paired_t = set(same) | {t for _, _, t in tagged}
    if one_folder:  # a file in the pair's languages without its partner; the others, counted
        rest = []
        for rel in sorted(set(src) - paired_s - paired_t):
            mine = {tag.lower() for _, tag in _tag_keys(rel)}
            if tags and tags[0] in mine:
                out.alone.append(f"{source_dir / rel}: no partner in {tags[1]}")
            elif tags and tags[1] in mine:
                out.alone.append(f"{source_dir / rel}: no partner in {tags[0]}")
            else:
                rest.append(rel)
        if rest:
            out.left_out.append(f"{len(rest)} files in other languages or with no language "
                                f"tag in their names, e.g. {source_dir / rest[0]}")
    else:
        out.alone = [f"{source_dir / rel}: no {target_dir / rel}" for rel in sorted(src)
                     if rel not in paired_s]
        out.alone += [f"{target_dir / rel}: no {source_dir / rel}" for rel in sorted(tgt)
                      if rel not in paired_t]
    _check_names(pairs)
    return out


def _name_of(rel: str) -> str:
    p = Path(rel)
    return p.with_suffix("").as_posix() if p.suffix else p.as_posix()


#: a language tag as a part of a file name: "ru", "eng", "zh-cn", "pt_BR"
_TAG = r"[A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?"


def _tag_keys(rel: str) -> list[tuple[str, str]]:
    """(key, tag) for each part of the file name that may be a language tag (between dots,
    underscores or hyphens; the extension is not one): the path without that part and
    without the extension ("ch/basic-defs.ru.html" -> "ch/basic-defs", "ru")."""
    folder, _, file = rel.rpartition("/")
    stem = Path(file).stem if Path(file).suffix else file
    parts = re.split(r"([._-])", stem)  # names at even places, separators at odd ones
    out = []
    for i in range(0, len(parts), 2):
        for j in (i, i + 2):  # the tag alone, or with the part after it as its region
            if j >= len(parts) or j > i and parts[i + 1] == ".":
                continue
            tag = "".join(parts[i:j + 1])
            if not re.fullmatch(_TAG, tag):
                continue
            rest = "".join(parts[:i - 1] + parts[j + 1:] if i else parts[j + 2:])
            if rest:
                out.append((f"{folder}/{rest}" if folder else rest, tag))
    return out


def _fits(tag: str, lang: str) -> bool:
    """Whether a file name's tag is the language asked for: the same tag, or the same
    language when the user named none of its regions ("zh" takes "zh-cn", "zh-CN" not
    "zh-tw")."""
    if "-" in lang or "_" in lang:
        return tag.lower().replace("_", "-") == lang.lower().replace("_", "-")
    return same_language(tag, lang)


def _not_document(rel: str) -> bool:
    return Path(rel).suffix.lower() in NOT_DOCUMENTS


def _tag_pairs(sources: list[str], targets: list[str], source_lang: str | None,
               target_lang: str | None, one_folder: bool
               ) -> tuple[list[tuple[str, str, str]], tuple[str, str] | None]:
    """(document name, source, target) for the files whose names differ only by a language
    tag, with the tags one pair of languages throughout; and that pair of tags (lower case).
    The pair is the languages asked for, else the commonest (a file pair tagged "old" and
    "new" among "ru" and "en" ones stays unpaired); where several are as common (one folder
    of many languages) the default languages (ru, en) decide, or the user must. A name that
    fits more than one file on a side pairs none of them."""
    by_key: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for side, files in enumerate((sources, targets)):
        for rel in files:
            for key, tag in _tag_keys(rel):
                by_key[key][side].append((rel, tag.lower()))
    counts = Counter((ts, tt) for s, t in by_key.values()
                     for ts in {tag for _, tag in s} for tt in {tag for _, tag in t} if ts != tt)
    asked = [(ts, tt) for ts, tt in counts
             if (source_lang is None or _fits(ts, source_lang))
             and (target_lang is None or _fits(tt, target_lang))]
    if not asked:
        return [], None
    top = max(counts[p] for p in asked)

    def defaults(p: tuple[str, str]) -> int:  # how many of its unasked sides are the defaults
        return (source_lang is None and _fits(p[0], DEFAULT_LANGS[0])) + \
            (target_lang is None and _fits(p[1], DEFAULT_LANGS[1]))

    best = sorted(p for p in asked if counts[p] == top)
    best = [p for p in best if defaults(p) == max(map(defaults, best))]
    if len(best) > 1 and one_folder:
        choices = ", ".join(f"{a} -> {b}" for a, b in best[:6])
        raise WorkbenchError(f"the file names carry more than two languages ({choices}"
                             f"{' ...' if len(best) > 6 else ''}): which are source and target?",
                             hint="give --source-lang and --target-lang, e.g. "
                                  f"--source-lang {best[0][0]} --target-lang {best[0][1]}")
    ls, lt = best[0]
    out, used = [], set()
    for key, (s, t) in sorted(by_key.items()):
        s = [rel for rel, tag in s if tag == ls]
        t = [rel for rel, tag in t if tag == lt]
        if len(s) != 1 or len(t) != 1 or s[0] in used or t[0] in used:
            continue
        used |= {s[0], t[0]}
        out.append((key, s[0], t[0]))
    return out, (ls, lt)


def _standard_or_none(tag: str) -> str | None:
    """A file name's tag as a language, when it surely is one: a two-letter code, with or
    without its region ("fr", "zh-cn", "pt_BR"), or a three-letter one that has a two-letter
    form ("eng"); "src", "old", "new" are codes too, of languages nobody means by them."""
    try:
        tag = standard(tag)
    except WorkbenchError:
        return None
    return tag if len(base_lang(tag)) == 2 else None


def pair_langs(source: Path, target: Path) -> tuple[str | None, str | None]:
    """The languages two files' names tell: names that differ only by a language tag
    ("a.fr.txt" and "a.en.txt"), else the same name in folders named by a tag
    ("texts/de/a.txt" and "texts/fr/a.txt"); (None, None) when they tell none."""
    _, tags = _tag_pairs([source.name], [target.name], None, None, False)
    if tags is None and source.name == target.name:
        tags = (source.parent.name, target.parent.name)
    if tags is None:
        return None, None
    langs = (_standard_or_none(tags[0]), _standard_or_none(tags[1]))
    return langs if all(langs) and langs[0] != langs[1] else (None, None)


def read_pairs_file(path: Path) -> list[Pair]:
    """Pairs from a TSV file: source path, target path, optional document name; relative
    paths are relative to the file's folder; blank lines and lines starting with # are skipped."""
    from .errors import decode_utf8, read_bytes

    text = decode_utf8(read_bytes(path), str(path))
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) not in (2, 3) or not all(c.strip() for c in cells):
            raise InputError("needs source path, target path and an optional name, separated "
                             "by tabs", path=str(path), line=number)
        source, target = (path.parent / c.strip() for c in cells[:2])
        name = cells[2].strip() if len(cells) == 3 else _name_of(Path(cells[0].strip()).name)
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise InputError(f"the name {name!r} must stay inside the output folder",
                             path=str(path), line=number)
        pairs.append(Pair(name, source, target))
    _check_names(pairs)
    return pairs


def _check_names(pairs: list[Pair]) -> None:
    """No two pairs write one document, and none writes over the project's glossary or
    dictionary (which sit among the documents) or the run's own files."""
    from .dictionary import DICTIONARY_NAME
    from .glossary.project import GLOSSARY_NAME

    seen: dict[str, Pair] = {}
    for p in pairs:
        if f"{Path(p.name).name}.yaml" in (GLOSSARY_NAME, DICTIONARY_NAME):
            raise WorkbenchError(f"the pair {p.source} would write {p.name}.yaml, the name of the "
                                 "project's own glossary or dictionary",
                                 hint="rename the files, or give the pair another name in --pairs")
        if p.name in seen:
            raise WorkbenchError(f"two pairs would both write {p.name}.yaml: {seen[p.name].source} "
                                 f"and {p.source}", hint="rename one, or name them in --pairs")
        seen[p.name] = p


__all__ = ["NOT_DOCUMENTS", "Pair", "Pairing", "pair_folders", "pair_langs", "read_pairs_file"]
