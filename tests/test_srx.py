"""SRX segmentation: the engine, workbench's own rules on the Bakai cases where OmegaT and razdel
differ, a user's rules file, OmegaT's own rules read by our engine, and broken rules files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from workbench.core.errors import InputError
from workbench.core.srx import java_to_python, load_rules, parse_rules

ROOT = Path(__file__).resolve().parent.parent
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")


def split(text: str, lang: str, rules=None) -> list[str]:
    return load_rules(rules).splitter(lang).split(text)


def test_our_rules_break_where_omegat_does_on_the_bakai_cases():
    # razdel keeps these together; OmegaT's defaults (and so ours) split them
    assert split("Документ за подписью судоисполнителя З. Арстановой, адресованный РУВД.", "ru") \
        == ["Документ за подписью судоисполнителя З.", "Арстановой, адресованный РУВД."]
    assert split("12 мая 2006 г. в Бакае произошло сражение.", "ru") == \
        ["12 мая 2006 г.", "в Бакае произошло сражение."]
    assert split("1. ОПОН — отряд полиции особого назначения.", "ru") == \
        ["1.", "ОПОН — отряд полиции особого назначения."]
    # ... and keep "т.е." and a quotation's inner "?" as OmegaT does
    assert split("РУВД — управление, т.е. районный отдел милиции. Всё.", "ru") == \
        ["РУВД — управление, т.е. районный отдел милиции.", "Всё."]
    assert split("Она заявила: «Почему мы должны?» Стражи закона ушли.", "ru") == \
        ["Она заявила: «Почему мы должны?» Стражи закона ушли."]


def test_english_abbreviations_and_white_space():
    assert split("Mr. Smith met Dr. Jones at 5 p.m. yesterday. They left.  Then?  Yes!", "en") == \
        ["Mr. Smith met Dr. Jones at 5 p.m. yesterday.", "They left.", "Then?", "Yes!"]
    assert split("It was signed by Z. Arstanova. Then...  we left... Done.", "en") == \
        ["It was signed by Z. Arstanova.", "Then...  we left...", "Done."]
    # a no-break space is not white space to a CAT tool (Java): no break, and it is kept
    assert split("One.\u00a0Two. Three.", "en") == ["One.\u00a0Two.", "Three."]


def test_java_regex_syntax_is_translated():
    assert java_to_python(r"\s\d\w") == r"[ \t\n\x0B\f\r][0-9][a-zA-Z_0-9]"
    assert java_to_python(r"[\s,]\S") == r"[ \t\n\x0B\f\r,][^ \t\n\x0B\f\r]"
    assert java_to_python(r"\Qa.b\E\p{javaLowerCase}") == r"a\.b\p{Ll}"


USER_RULES = """<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header cascade="no"/>
  <body><languagerules>
    <languagerule languagerulename="semicolons">
      <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\\s</afterbreak></rule>
    </languagerule>
    <languagerule languagerulename="never"/>
  </languagerules><maprules>
    <languagemap languagepattern="RU.*" languagerulename="semicolons"/>
    <languagemap languagepattern=".*" languagerulename="never"/>
  </maprules></body></srx>"""


def test_a_users_rules_file_and_cascade_no(tmp_path):
    rules = tmp_path / "mine.srx"
    rules.write_text(USER_RULES, encoding="utf-8")
    assert split("Раз; два. Три.", "ru", rules) == ["Раз;", "два. Три."]
    assert split("One; two. Three.", "en", rules) == ["One; two. Three."]


@pytest.mark.parametrize("text, words", [
    ("<srx><body><maprules/></body>", "not well-formed XML"),
    ("<?xml version='1.0'?><!DOCTYPE srx [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><srx>&x;</srx>",
     "declares entities"),
    ("<rules/>", "not an SRX rules file"),
    (USER_RULES.replace(";</beforebreak>", "(;</beforebreak>"), "has a rule"),
])
def test_broken_rules_files_are_input_errors(tmp_path, text, words):
    rules = tmp_path / "bad.srx"
    rules.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=words):
        load_rules(rules)
    with pytest.raises(InputError, match="file not found"):
        load_rules(tmp_path / "missing.srx")


@pytest.mark.skipif(not OMEGAT_JAR.exists(), reason="OmegaT is not installed (Debian: omegat)")
def test_omegat_default_rules_read_by_our_engine_split_bakai_as_ours_do(tmp_path):
    """OmegaT's own rules file (GPL, read from the installed jar, never shipped) through our
    engine gives the same Russian segments of Bakai as workbench's rules."""
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        data = jar.read("org/omegat/core/segmentation/defaultRules.srx")
    omegat = parse_rules(data, "defaultRules.srx")
    ours = load_rules()
    paras = [p.strip() for p in (ROOT / "texts/ru/bakai.txt").read_text(encoding="utf-8")
             .splitlines() if p.strip()]
    for para in paras:
        assert omegat.splitter("ru").split(para) == ours.splitter("ru").split(para)
    assert sum(len(ours.splitter("ru").split(p)) for p in paras) == 77
