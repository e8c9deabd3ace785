"""Indonesian and English date and time phrases as regular expressions (patterns only; ``timeparse`` reads them)."""

from __future__ import annotations

import re

from dashboard.ingest.timewords import MONTHS

WD = r"(?P<wd>senin|selasa|rabu|kamis|jum'?at|sabtu|(?<=hari )minggu|(?-i:Minggu)|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# A range of days ("12-13 September", "malam 12 hingga 13 September", "Sept. 12 to 13"): the first day, and d2.
TO = r"\s*(?:-|–|—|/|to|and|hingga|sampai|ke|dan)\s*"
RANGE_PATTERNS = (
    re.compile(r"(?:tanggal\s+)?(?P<d>\d{1,2})" + TO + r"(?P<d2>\d{1,2})\s+" + MON + r"(?:,?\s+(?P<y>\d{4}))?\b", re.I),
    re.compile(
        MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?" + TO + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4}))?",
        re.I,
    ),
)
DATE_PATTERNS = (
    *RANGE_PATTERNS,
    re.compile(WD + r"\s*,?\s*\((?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2,4}))?\)", re.I),  # Senin (12/9)
    re.compile(r"(?:" + WD + r",?\s+)?(?:tanggal\s+)?(?P<d>\d{1,2})\s+" + MON + r"(?:,?\s+(?P<y>\d{4}))?\b", re.I),
    re.compile(r"(?:" + WD + r",?\s+)?" + MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4}))?", re.I),
    re.compile(r"\b" + WD + r"\b", re.I),
)
RELATIVE = re.compile(
    r"\b(?P<rel>kemarin|yesterday|hari ini|today|tadi malam|semalam|last night|tonight|malam ini)\b", re.I
)
REL_DAYS = {
    "kemarin": -1,
    "yesterday": -1,
    "hari ini": 0,
    "today": 0,
    "tadi malam": -1,
    "semalam": -1,
    "last night": -1,
    "tonight": 0,
    "malam ini": 0,
}
ZONED = re.compile(r"\b(?P<h>[012]?\d)[:.]?(?P<mi>[0-5]\d)\s*(?:hrs\s*)?(?P<z>GMT|UTC|WIB|WITA|WIT)\b")
CLOCK = re.compile(
    r"(?:\b(?:pukul|jam|at|around|about|sekitar)\s+)(?P<h>[012]?\d)(?:[:.](?P<mi>[0-5]\d))?(?!\d|[.,]\d)"
    r"(?!\s*(?:km|kilomet\w*|miles?|met(?:er|re)s?|persen|percent|%)(?!\w))"
    r"(?:\s*(?P<ap>a\.?m\.?|p\.?m\.?|pagi|siang|sore|petang|malam|dini hari))?"
    r"|\b(?P<h2>1[0-2]|[1-9])(?:[:.](?P<mi2>[0-5]\d))?\s*(?P<ap2>a\.m\.|p\.m\.|am\b|pm\b)",
    re.I,
)
PART = re.compile(
    r"\b((?:(?:soon|shortly|just) )?after midnight|since midnight|(?:lewat|sejak|selepas|setelah) tengah malam|"
    r"dini hari|tengah malam|early hours|early morning|pre-dawn|before dawn|(?:(?:soon|shortly|just) )?after dawn|"
    r"at dawn|dawn|subuh|fajar|pagi|siang|sore|petang|"
    r"malam|morning|midday|noon|afternoon|evening|overnight|night|midnight|late|early)\b",
    re.I,
)
YEAR = re.compile(
    r"\b(?:tahun|pada|in|of|the|perang|war)\s+(?P<y>(?:19|20)\d\d)\b|\b(?P<y2>(?:19|20)\d\d)\s+(?:war|conflict|perang)",
    re.I,
)
MONTH_ONLY = re.compile(r"\b(?:bulan|in|pada|early|late|awal|akhir)\s+" + MON + r"(?:\s+(?P<y>\d{4}))?\b", re.I)
