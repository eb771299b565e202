"""The review report as a self-contained HTML page (``workbench report -o``, and the UI's
export dialog).

The page has no external assets (inline CSS, an inline SVG chart, no scripts): the score
table, a bar chart of findings by category (stacked by severity), then the alignment as two
columns side by side, each flagged span highlighted (hover: category and comment) and the
row's flags listed beside it. Every piece of user text is escaped.
"""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import datetime, timezone

from ..document import Document
from ..mqm import Score, Weights, score as mqm_score
from ..review import SEVERITIES, SEVERITY_COLOURS, Flag, RowIndex, flags as doc_flags, severity_rank


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _fmt(x: float) -> str:
    return f"{x:.1f}" if abs(x - round(x)) > 1e-9 else str(int(round(x)))


# ---------------------------------------------------------------- HTML

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#57606a;margin-bottom:16px}
.top{display:flex;gap:40px;flex-wrap:wrap;align-items:flex-start}.top>div:first-child .meta{max-width:600px}
table{border-collapse:collapse}
table.score td,table.score th{border-bottom:1px solid #d0d7de;padding:4px 10px;text-align:right}
table.score td:first-child,table.score th:first-child{text-align:left}
table.score tfoot td{font-weight:600;border-top:2px solid #57606a}
.big{font-size:28px;font-weight:600}
table.align{width:100%;table-layout:fixed}
table.align th{position:sticky;top:0;background:#f6f8fa;text-align:left;padding:6px 8px;border-bottom:2px solid #d0d7de}
table.align td{vertical-align:top;padding:6px 8px;border-bottom:1px solid #e5e7eb;overflow-wrap:anywhere}
table.align col.n{width:3.2em}table.align col.k{width:3.4em}table.align col.f{width:30%}
td.n,td.k{color:#57606a;font-size:12px}
tr.sev-minor td.n{box-shadow:inset 4px 0 #f2c94c}tr.sev-major td.n{box-shadow:inset 4px 0 #f2994a}
tr.sev-critical td.n{box-shadow:inset 4px 0 #d64545}tr.sev-neutral td.n{box-shadow:inset 4px 0 #9aa0a6}
p.s{margin:0 0 4px}p.s.heading{font-weight:600;font-size:1.1em}p.s.footnote,p.s.caption{font-size:.9em;color:#57606a}
mark{border-radius:3px;padding:0 1px}
mark.sev-neutral{background:#e8eaed}mark.sev-minor{background:#fdf0c2}
mark.sev-major{background:#fcd9bd}mark.sev-critical{background:#f7c1c1}
sup.fid{font-size:10px;color:#57606a}
ul.flags{list-style:none;margin:0;padding:0}
ul.flags li{margin:0 0 6px;padding:4px 6px;border-radius:4px;background:#f6f8fa;font-size:13px}
ul.flags li.dismissed{opacity:.55;text-decoration:line-through}
.badge{display:inline-block;font-size:11px;padding:0 5px;border-radius:8px;color:#1f2328;margin-right:4px}
.cat{font-weight:600}.who{color:#57606a;font-size:11px}
.sugg{color:#1a7f37}
.legend span{display:inline-block;margin-right:12px;font-size:12px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
"""


def _highlight(text: str, marks: list[tuple[int, int, Flag]]) -> str:
    """The sentence with its flagged spans in <mark>; overlapping spans after the first are
    left to the flag list."""
    out, pos = [], 0
    for start, end, f in sorted(marks, key=lambda m: (m[0], -m[1])):
        start, end = max(start, 0), min(end, len(text))
        if start < pos or start >= end:
            continue
        out.append(_e(text[pos:start]))
        tip = f"#{f.id} {f.category} ({f.severity})" + (f": {f.comment}" if f.comment else "")
        out.append(f'<mark class="sev-{_e(f.severity)}" title="{_e(tip)}">{_e(text[start:end])}'
                   f'</mark><sup class="fid">{f.id}</sup>')
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)


def _flag_item(f: Flag) -> str:
    colour = SEVERITY_COLOURS.get(f.severity, "#ccc")
    parts = [f'<span class="badge" style="background:{colour}">{_e(f.severity)}</span>'
             f'<span class="cat">#{f.id} {_e(f.category)}</span> '
             f'<span class="who">{_e(f.status)}</span>']
    if f.comment:
        parts.append(f"<div>{_e(f.comment)}</div>")
    if f.suggestion:
        parts.append(f'<div class="sugg">&rarr; {_e(f.suggestion)}</div>')
    origin = "" if f.origin == "manual" else f" &middot; {_e(f.origin)}"
    parts.append(f'<div class="who">{_e(f.author)} &middot; {_e(f.created)}{origin}</div>')
    return f'<li class="{_e(f.status)}">{"".join(parts)}</li>'


def chart_svg(sc: Score, width: int = 520) -> str:
    """Horizontal bars of counted findings per category, stacked by severity."""
    cats = list(sc.by_category.items())
    if not cats:
        return '<p class="meta">No findings to chart.</p>'
    label_w, bar_h, gap, top = 210, 18, 8, 4
    most = max(cs.count for _, cs in cats)
    scale = (width - label_w - 40) / most
    height = top + len(cats) * (bar_h + gap)
    rows = []
    for k, (cat, cs) in enumerate(cats):
        y = top + k * (bar_h + gap)
        rows.append(f'<text x="{label_w - 8}" y="{y + 13}" text-anchor="end" font-size="12" '
                    f'fill="#1f2328">{_e(cat)}</text>')
        x = float(label_w)
        for s in SEVERITIES:
            n = cs.by_severity[s]
            if not n:
                continue
            w = n * scale
            rows.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                        f'fill="{SEVERITY_COLOURS[s]}"><title>{_e(cat)}: {n} {s}</title></rect>')
            x += w
        rows.append(f'<text x="{x + 6:.1f}" y="{y + 13}" font-size="12" fill="#57606a">'
                    f'{cs.count}</text>')
    legend = "".join(f'<span><i style="background:{SEVERITY_COLOURS[s]}"></i>{s}</span>'
                     for s in SEVERITIES)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="findings by category">'
            + "".join(rows) + f'</svg><div class="legend">{legend}</div>')


def score_table_html(sc: Score, weights: Weights) -> str:
    head = "".join(f"<th>{s}<br><small>&times;{_fmt(weights.severity[s])}</small></th>"
                   for s in SEVERITIES)
    body = []
    for cat, cs in sc.by_category.items():
        cells = "".join(f"<td>{cs.by_severity[s] or ''}</td>" for s in SEVERITIES)
        body.append(f"<tr><td>{_e(cat)}</td>{cells}<td>{cs.count}</td><td>{_fmt(cs.penalty)}</td></tr>")
    foot = "".join(f"<td>{sc.by_severity[s]}</td>" for s in SEVERITIES)
    return (f'<table class="score"><thead><tr><th>category</th>{head}<th>flags</th>'
            f'<th>penalty</th></tr></thead><tbody>{"".join(body)}</tbody>'
            f'<tfoot><tr><td>total</td>{foot}<td>{sc.count}</td><td>{_fmt(sc.total)}</td></tr>'
            f'</tfoot></table>')


def html_report(doc: Document, title: str = "alignment", weights: Weights | None = None,
                only_flagged: bool = False) -> str:
    """The whole report page as one string."""
    weights = weights or Weights()
    items = doc_flags(doc)
    sc = mqm_score(doc, items, weights)
    index = RowIndex(doc)
    by_row: dict[int | None, list[Flag]] = defaultdict(list)
    for f in items:
        by_row[index.row(f)].append(f)
    overrides = ", ".join(f"{c} {s} &times;{_fmt(w)}" for (c, s), w in weights.overrides.items())
    src_lang, tgt_lang = _e(doc.source.lang), _e(doc.target.lang)
    open_n = sum(f.status == "open" for f in items)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="en"><head><meta charset="utf-8"><title>Review report: {_e(title)}</title>',
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head><body>',
        f"<h1>Review report: {_e(title)}</h1>",
        f'<div class="meta">{src_lang} &rarr; {tgt_lang} &middot; {len(doc.beads)} rows, '
        f"{doc.confirmed_count} confirmed &middot; {len(items)} flags ({open_n} open) &middot; "
        f"generated {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}</div>",
        '<div class="top"><div>',
        f'<div class="big">{sc.per_1000:.2f}</div><div class="meta">MQM penalty points per '
        f"1,000 source words ({_fmt(sc.total)} points, {sc.words:,} words; open and resolved "
        f"flags count, dismissed ones do not{'; overrides: ' + overrides if overrides else ''})</div>",
        score_table_html(sc, weights),
        "</div><div><h2 style=\"margin-top:0\">Findings by category</h2>",
        chart_svg(sc),
        "</div></div>",
        "<h2>Alignment</h2>",
        '<table class="align"><colgroup><col class="n"><col class="k"><col><col><col class="f">'
        f'</colgroup><thead><tr><th>#</th><th>type</th><th>{src_lang}</th><th>{tgt_lang}</th>'
        "<th>flags</th></tr></thead><tbody>",
    ]
    from ..sources import sentence_kinds

    kinds = {side: sentence_kinds(doc, side) for side in ("src", "tgt")}  # headings, cues ...
    for i, b in enumerate(doc.beads):
        row_flags = by_row.get(i, [])
        if only_flagged and not row_flags:
            continue
        live = [f for f in row_flags if f.status != "dismissed"]
        cls = ""
        if live:
            worst = max(live, key=lambda f: severity_rank(f.severity)).severity
            cls = f' class="sev-{_e(worst)}"'
        cells = []
        for side, ids in (("src", b.src), ("tgt", b.tgt)):
            paras = []
            for sid in ids:
                s = doc.side(side).get(sid)
                marks = [(f.span.start, f.span.end, f) for f in live
                         if f.span is not None and f.span.side == side and f.span.sid == sid]
                kind = kinds[side].get(sid)
                cls_s = f"s {_e(kind)}" if kind else "s"
                paras.append(f'<p class="{cls_s}">{_highlight(s.text, marks)}</p>')
            cells.append("".join(paras))
        flag_list = "".join(_flag_item(f) for f in row_flags)
        status = "&#10003;" if b.confirmed else ""
        parts.append(f'<tr id="row{i + 1}"{cls}><td class="n">{i + 1}</td>'
                     f'<td class="k">{_e(b.kind)} {status}</td><td>{cells[0]}</td>'
                     f'<td>{cells[1]}</td><td><ul class="flags">{flag_list}</ul></td></tr>')
    parts.append("</tbody></table>")
    detached = by_row.get(None, [])
    if detached:
        parts.append("<h2>Detached flags</h2><p class=\"meta\">Their sentences were split or "
                     "removed since they were raised.</p><ul class=\"flags\">"
                     + "".join(_flag_item(f) for f in detached) + "</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
