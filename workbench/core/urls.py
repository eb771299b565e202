"""URLs, e-mail addresses and domain names in a text, found in linear time.

The spelling check leaves them out. The pattern it used had no anchor before an e-mail
address's name part, so on a long run of letters the regex engine tried every start and read
to the end of the run from each: a 100,000-letter "word" took a minute. Here each alternative
can start only where a run of its characters starts (a lookbehind), so every character is read
a bounded number of times. The spans found are the same on ordinary text.
"""

from __future__ import annotations

import re

_TLDS = "com|org|net|info|io|edu|gov|ru|kz|ua|uk|de|fr|eu"
URL_RE = re.compile(
    r"(?:https?|ftp)://\S+|www\.\S+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?<![\w-])(?<![\w-]\.)[\w-]+(?:\.[\w-]+)*\.(?:{_TLDS})\b(?:/\S*)?",
    re.IGNORECASE)


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every URL, e-mail address and domain name in ``text``."""
    if "." not in text and "@" not in text:
        return []
    return [(m.start(), m.end()) for m in URL_RE.finditer(text)]
