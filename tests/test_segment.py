"""Sentence splitting edge cases in both languages."""

from workbench.core.segment import segment_text, split_paragraph
from workbench.core.textio import paragraphs


def test_russian_initials_and_abbreviations_do_not_split():
    para = ("Документ подписан судоисполнителем З. Арстановой и адресован начальнику РУВД. "
            "Снос назначен на 22–24 мая 2006 г. в микрорайонах Шанырак-1 и Шанырак-2. "
            "ОПОН, т.е. отряд милиции особого назначения, прибыл в 11:00.")
    assert split_paragraph(para, "ru") == [
        "Документ подписан судоисполнителем З. Арстановой и адресован начальнику РУВД.",
        "Снос назначен на 22–24 мая 2006 г. в микрорайонах Шанырак-1 и Шанырак-2.",
        "ОПОН, т.е. отряд милиции особого назначения, прибыл в 11:00.",
    ]


def test_russian_quotes_and_dialogue_dashes():
    para = "«Земля — народу!» — кричали люди. — Уходите! — сказала женщина. Милиция ушла."
    out = split_paragraph(para, "ru")
    assert out[0] == "«Земля — народу!» — кричали люди."
    assert out[-1] == "Милиция ушла."
    assert len(out) == 3


def test_english_abbreviations_times_and_initials():
    para = ("By 12.05pm the cops gave up. The letter was signed by Z. Arstanova and Mr. Smith "
            "on May 22-24, 2006. They left at 2:30pm.")
    assert split_paragraph(para, "en") == [
        "By 12.05pm the cops gave up.",
        "The letter was signed by Z. Arstanova and Mr. Smith on May 22-24, 2006.",
        "They left at 2:30pm.",
    ]


def test_english_quotes_stay_with_their_sentence():
    para = 'Askarova stated that, "since the parents didn\'t spare their own offspring, then why should we." Then she left.'
    out = split_paragraph(para, "en")
    assert len(out) == 2 and out[1] == "Then she left."


def test_numbered_notes_are_their_own_paragraphs():
    text = "Main text.\n\n1. OPON - militarized police troops, riot cop types\n2. RUVD - district police center"
    segs = segment_text(text, "en")
    assert [s.text for s in segs] == ["Main text.", "1. OPON - militarized police troops, riot cop types",
                                      "2. RUVD - district police center"]
    assert [s.para for s in segs] == [0, 1, 2]


def test_paragraphs_ignore_blank_lines_and_whitespace():
    assert paragraphs("  a b \n\n\n c \r\n") == ["a b", "c"]


def test_presegmented_never_resplits():
    text = "One. Two. Three.\n\nFour\n"
    segs = segment_text(text, "en", presegmented=True)
    assert [s.text for s in segs] == ["One. Two. Three.", "Four"]


def test_other_languages_use_their_rules():
    out = split_paragraph("Der Weg ist z. B. steil. Wir gingen weiter.", "de")
    assert out == ["Der Weg ist z. B. steil.", "Wir gingen weiter."]
    assert len(split_paragraph("Il est parti. Elle est restée.", "fr")) == 2


def test_bakai_pair_segments_stably(bakai_paths):
    from workbench.core.pipeline import read_side

    ru, en, _ = bakai_paths
    src, tgt = read_side(ru, "ru"), read_side(en, "en")
    assert len(src.sentences) == 74 and len(tgt.sentences) == 82
    assert tgt.sentences[0].text == "Skip to content or view screen version"
    assert [s.id for s in src.sentences] == list(range(74))
