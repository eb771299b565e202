"""The vocabulary of review flags: MQM categories, severities, flag statuses, and how each
severity is shown. Shared by flags, the QA checks, the MQM score and the front ends.
"""

from __future__ import annotations

#: The MQM typology as used at WMT (NOTES.md): "Dimension/Subcategory" or a bare dimension.
CATEGORIES: tuple[str, ...] = (
    "Accuracy/Mistranslation", "Accuracy/Addition", "Accuracy/Omission", "Accuracy/Untranslated",
    "Fluency/Grammar", "Fluency/Spelling", "Fluency/Punctuation", "Fluency/Register",
    "Fluency/Inconsistency", "Fluency/Character encoding",
    "Terminology/Inappropriate for context", "Terminology/Inconsistent",
    "Style/Awkward", "Locale convention", "Other", "Source issue", "Non-translation",
)
#: Severities from least to most severe.
SEVERITIES: tuple[str, ...] = ("neutral", "minor", "major", "critical")
#: How each severity is shown: a hex colour in HTML reports, a style name in the terminal.
SEVERITY_COLOURS = {"neutral": "#9aa0a6", "minor": "#f2c94c", "major": "#f2994a",
                    "critical": "#d64545"}
SEVERITY_STYLES = {"neutral": "dim", "minor": "yellow", "major": "red",
                   "critical": "bold reverse red"}
FLAG_STATUSES: tuple[str, ...] = ("open", "resolved", "dismissed")
SIDES = ("src", "tgt")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def near_categories(text: str) -> list[str]:
    """Categories ``text`` may have meant: prefix matches, else close spellings."""
    import difflib

    return category_choices(text) or difflib.get_close_matches(text, CATEGORIES, n=3, cutoff=0.75)


def category_choices(prefix: str) -> list[str]:
    """Categories matching ``prefix`` case-insensitively ("acc/om" finds Accuracy/Omission)."""
    want = prefix.casefold().split("/")
    out = []
    for cat in CATEGORIES:
        parts = cat.casefold().split("/")
        if len(want) <= len(parts) and all(p.startswith(w) for p, w in zip(parts, want)):
            out.append(cat)
    return out
