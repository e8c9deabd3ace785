"""Capitalised names beside a place that are people or speakers, not places: "Menteri Pertahanan Armenia Suren
Papikyan", "denied claims by Baku", "Yerevan said"."""

from __future__ import annotations

import re

from dashboard.ingest.lexicon import capital_country, country_spans

_METONYM_BEFORE = re.compile(
    r"\b(?:claims?|statements?|accusations?|allegations?|denials?|tuduhan|klaim|pernyataan|bantahan)\s+"
    r"(?:made\s+)?(?:by|from|of|oleh|dari)\s+$",
    re.I,
)
_METONYM_AFTER = re.compile(
    r"(?:['’]s\s+(?:\w+\s+)?(?:claims?|statements?|accusations?|allegations?|account|version|denials?|position)\b"
    r"|\s+(?:has\s+|had\s+|also\s+)?(?:said|says|claimed|claims|denied|denies|accused|accuses|blamed|blames|"
    r"insisted|insists|rejected|rejects|menyebut|mengatakan|menyatakan|membantah|menuding|menuduh|mengklaim)\b)",
    re.I,
)


def speaks_for_its_state(text: str, start: int, name: str) -> bool:
    """ "denied claims by Baku", "Yerevan said", "Moscow's account": a capital standing for its government is the
    speaker, not where anything happened (attribution reads it as the claimant)."""
    if not capital_country(f"in {name}"):
        return False
    return bool(
        _METONYM_BEFORE.search(text, max(0, start - 40), start) or _METONYM_AFTER.match(text, start + len(name))
    )


def is_person_context(text: str, start: int) -> bool:
    """ "Suren Papikyan" after another capitalised word that is a title or a country ("Menteri Pertahanan Armenia Suren")."""
    before = text[max(0, start - 40) : start].split()
    if before and re.search(r"['’]s$", before[-1]):
        return False  # "Armenia's Syunik province": a possessive country owns a place, it is no title
    return bool(before) and (before[-1][:1].isupper() and country_spans(before[-1]) != [])
