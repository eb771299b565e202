"""The review report: the terminal summary and the self-contained HTML page."""

import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from workbench.launcher import main
from workbench.core import review, store
from workbench.core.mqm import Weights
from workbench.core.operations import History
from workbench.core.review import Span
from workbench.core.export.html_report import html_report

ROOT = Path(__file__).resolve().parent.parent
EVIL = '<script>alert("x")</script> & «ёлки»'


def flagged_bakai():
    doc = store.load(ROOT / "alignments" / "bakai.yaml")
    h = History(doc)
    sid = doc.beads[9].tgt[0]
    h.do(review.add_flag(doc, 9, "Fluency/Spelling", "minor", comment=EVIL,
                         span=Span("tgt", sid, 0, 9), suggestion="<b>Initially</b>",
                         author="<img src=x onerror=alert(1)>", now="2026-01-05T10:00:00+00:00"))
    h.do(review.add_flag(doc, 20, "Accuracy/Mistranslation", "major", comment="один в один",
                         author="anna"))
    h.do(review.add_flag(doc, 66, "Accuracy/Omission", "critical", comment="explanation dropped",
                         author="boris", origin="qa:length", key="length|s72|t80|omission"))
    h.do(review.add_flag(doc, 30, "Fluency/Punctuation", "minor", comment="a false alarm",
                         author="anna"))
    h.do(review.dismiss_flag(doc, 4))
    return doc


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_report_shows_every_flag_and_escapes_user_text():
    doc = flagged_bakai()
    page = html_report(doc, "bakai")
    for f in review.flags(doc):
        assert f'#{f.id} {f.category}' in page
    assert "один в один" in page and "explanation dropped" in page and "a false alarm" in page
    # user text is escaped: no live script, image or tag from a comment, author or suggestion
    assert "<script" not in page and "<img" not in page and "<b>Initially" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «ёлки»" in page
    parser = _Collect()
    parser.feed(page)
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "img", "link", "iframe", "object"}
    # self-contained: no external assets
    for _, attrs in parser.tags:
        for key in ("src", "href"):
            assert not attrs.get(key, "").startswith(("http", "//")), attrs
    assert "@import" not in page and "url(" not in page
    # the flagged span is highlighted with its category and comment as the tooltip
    mark = re.search(r'<mark class="sev-minor" title="([^"]*)">([^<]*)</mark>', page)
    assert mark and mark.group(2) == doc.target.get(doc.beads[9].tgt[0]).text[:9]
    assert "Fluency/Spelling" in mark.group(1) and "&lt;script&gt;" in mark.group(1)
    # score table and chart: the dismissed flag does not count (1 + 5 + 25 = 31)
    assert "<svg" in page and "Accuracy/Omission" in page.split("<svg", 1)[1]
    assert '<td>total</td><td>0</td><td>1</td><td>1</td><td>1</td><td>3</td><td>31</td>' in page
    # every row is there, both columns side by side
    assert page.count('<tr id="row') == len(doc.beads)


def test_html_report_only_flagged_and_wmt_weights():
    doc = flagged_bakai()
    page = html_report(doc, "bakai", Weights.wmt(), only_flagged=True)
    assert page.count('<tr id="row') == 4


def test_report_cli(tmp_path):
    path = tmp_path / "bakai.yaml"
    store.save(flagged_bakai(), path)
    out = tmp_path / "report.html"
    res = CliRunner().invoke(main, ["report", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "Accuracy/Omission" in res.output and "per 1,000 words" in res.output
    assert "31" in res.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    res = CliRunner().invoke(main, ["report", str(path), "--weights", "major=10"])
    assert res.exit_code == 0 and "36" in res.output
    res = CliRunner().invoke(main, ["report", str(path), "--weights", "enormous=3"])
    assert res.exit_code == 2 and "bad weight" in res.output
