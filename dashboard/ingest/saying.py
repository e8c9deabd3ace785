"""A sentence in, the time its speaker *said* it out: "said on Tuesday", "said in a statement late on Monday",
"told Reuters on Sunday", "mengatakan pada Selasa bahwa", "dalam pernyataan pada Senin malam".

When a statement was made is an upper bound on the event it reports, not the event's time: ``extract`` reads the
event's time from the rest of the sentence (or a neighbouring one, or the article's first clash) and falls back to
the statement's day only when nothing else dates the event. Wire copy puts the statement's day next to the verb
("the army said on Tuesday it had repelled an attack"), so that phrase is blanked before the event time is read.
"""

from __future__ import annotations

import re

from dashboard.ingest.timepatterns import MON, WD

# Written out here rather than derived from timeparse's patterns: those find any date, these only the one glued to
# a speech verb (a date after "that", or elsewhere in the clause, is the event's).
_DAY_EN = (
    r"(?:(?:late|early)\s+)?(?:on\s+)?(?:"
    + WD
    + r"(?:\s*,?\s*(?:"
    + MON.replace("?P<mon>", "?:")
    + r"\s+\d{1,2}|\d{1,2}\s+"
    + MON.replace("?P<mon>", "?:")
    + r"))?|"
    + MON.replace("?P<mon>", "?:")
    + r"\s+\d{1,2}|\d{1,2}\s+"
    + MON.replace("?P<mon>", "?:")
    + r"|yesterday)(?:\s+(?:morning|afternoon|evening|night))?"
)
_DAY_ID = (
    r"(?:pada\s+)?(?:hari\s+)?" + WD + r"(?:\s*\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\))?(?:\s+(?:pagi|siang|sore|malam))?"
)
_ADJUNCT = (
    r"(?:\s+(?:in|on|at|via|through|during)\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?!(?:late|early)\b)"
    r"[\w'’-]+(?:\s+(?!on\b|late\b|early\b)[\w'’-]+){0,3}?)"
)
_OBJECT = r"(?:\s+(?:the\s+)?(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|reporters|journalists|a news conference))"
_STATEMENT_TIME = re.compile(
    r"\b(?:said|says|announced|reported|wrote|posted|stated|claimed|confirmed|denied|added|"
    r"(?:issued|released|published)(?=\s+(?:late|early|on)\b)|told" + _OBJECT + r")"
    r"(?:" + _ADJUNCT + r"){0,2}\s+(?P<en>" + _DAY_EN.replace("?P<wd>", "?:") + r")\b(?!\s+(?:that|bahwa)\s+\w+\s+"
    r"(?:on|pada)\b)"
    r"|\b(?:mengatakan|menyatakan|mengumumkan|menyebutkan|melaporkan|menegaskan|menjelaskan)\s+"
    r"(?P<id>" + _DAY_ID.replace("?P<wd>", "?:") + r")(?=\s+bahwa\b|\s*,)"
    r"|(?P<id3>\b" + _DAY_ID.replace("?P<wd>", "?:") + r")\s+(?:mengatakan|menyatakan|mengumumkan|menyebutkan|"
    r"melaporkan|menegaskan|menjelaskan|membantah)\b"
    r"|\b(?:ministry|minister|army|military|spokes\w+|officials?|government)\s+(?P<en2>on\s+"
    + WD.replace("?P<wd>", "?:")
    + r")\s+(?:said|denied|announced|reported|stated|claimed|confirmed|accused|rejected)\b"
    r"|\b(?:dalam|melalui)\s+(?:sebuah\s+)?(?:keterangan|pernyataan|siaran pers|konferensi pers|rilis|unggahan)"
    r"(?:\s+(?:tertulis|resmi|pers|di\s+[\w-]+))?,?\s+(?P<id2>" + _DAY_ID.replace("?P<wd>", "?:") + r")",
    re.I,
)


def said_when(text: str) -> tuple[str, str]:
    """The sentence with its statement-time phrase blanked (same length, offsets kept), and that phrase ("")."""
    m = _STATEMENT_TIME.search(text)
    if not m:
        return text, ""
    group = next(g for g in ("en", "id", "id2", "id3", "en2") if m[g])
    a, b = m.span(group)
    return text[:a] + " " * (b - a) + text[b:], text[a:b]
