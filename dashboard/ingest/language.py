"""Article text in, its language out ("id" or "en"): counts of each language's commonest function words."""

from __future__ import annotations

import re

_ID_WORDS = frozenset(
    [
        "yang",
        "dan",
        "di",
        "dengan",
        "pada",
        "untuk",
        "dari",
        "ini",
        "itu",
        "tidak",
        "akan",
        "telah",
        "dalam",
        "kata",
        "menurut",
        "oleh",
        "sebuah",
        "bahwa",
        "juga",
        "atas",
        "ke",
        "mereka",
        "kami",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "on",
        "was",
        "were",
        "said",
        "that",
        "by",
        "with",
        "from",
        "this",
        "is",
        "it",
        "has",
        "have",
        "for",
        "its",
        "after",
        "at",
    ]
)


def detect_language(text: str) -> tuple[str, str]:
    """("id" or "en", how): counts of each language's commonest function words."""
    words = re.findall(r"[a-z]+", text[:20000].lower())
    ind = sum(w in _ID_WORDS for w in words)
    eng = sum(w in _EN_WORDS for w in words)
    lang = "en" if eng > ind else "id"
    return lang, f"detected from function words (Indonesian {ind}, English {eng})"
