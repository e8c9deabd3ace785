"""A paragraph's first words in, what they are out: a dateline ("YEREVAN, Sept 13 (Reuters) -", "Baku, September 13
(AZERTAC)."), a byline ("By Staff Reporter"), or no reporting at all (a caption, a wire credit, a link)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Dateline:
    """ "Berita Baru, Yerevan –" or "YEREVAN, Sept 13 (Reuters) -": where the report was filed, not where fighting was."""

    start: int
    end: int
    text: str
    names: tuple[str, ...]  # capitalised parts in order ("Berita Baru", "Yerevan")
    agency: str | None  # "Reuters", "KOMPAS.com"
    date_text: str = ""  # "Sept 13": the day the report was filed, when the dateline gives it


_MONTHS_RE = (
    r"(?:jan(?:uary|uari)?|feb(?:ruary|ruari)?|mar(?:ch|et)?|apr(?:il)?|may|mei|june?|juni|july?|juli|"
    r"aug(?:ust)?|agu(?:stus)?|sept?(?:ember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"des(?:ember)?)\.?"
)
_DATELINE = re.compile(
    r"(?P<pre>(?:[A-Z0-9][\w.&'’/-]*(?:[ ][\w.&'’/-]+){0,4}|\([^()\n]{2,40}\))"
    r"(?:\s*,\s*(?:[A-Z0-9][\w.&'’/-]*(?:[ ][\w.&'’/-]+){0,4})|\s*\([^()\n]{2,40}\)){0,3})"
    r"\s*(?:[–—]|--?)\s*(?=\S)"
)


# Paragraphs that are not the report: photo captions ("FILE PHOTO: …", "Foto: …"), wire credits ("Reporting by …;
# Editing by …", "(Reporting by …)"), links to other stories ("Baca juga: …", "Read more: …"), page furniture.
NOT_REPORTING = re.compile(
    r"^\s*\(?\s*(?:(?:additional\s+)?reporting by|writing by|editing by|scroll to continue)\b"
    r"|^\s*(?:file photo|photo|foto|caption|keterangan foto|baca juga|simak juga|lihat juga|read more|read also|"
    r"related|see also)\s*:"
    r"|^\s*(?:advertisement|iklan)\s*$",
    re.I,
)
_BYLINE = re.compile(
    r"^\s*(?:by|oleh|reporting by|laporan(?:\s+(?:wartawan|reporter|koresponden))?|penulis|reporter|editor|"
    r"kontributor|wartawan)\b[\s:]",
    re.I,
)


def is_byline(line: str) -> bool:
    """ "By Staff Reporter", "Laporan Wartawan Tribun-Papua.com, Yulianus": a short credit line, never an incident."""
    return _BYLINE.match(line) is not None and len(line.split()) <= 12 and not re.search(r"[.!?]\s*$", line)


# The agencies' style with no dash: "YEREVAN, SEPTEMBER 13, ARMENPRESS.", "YEREVAN, September 13. /TASS/.",
# "Baku, September 13 (AZERTAC)."
_DATED_DATELINE = re.compile(
    r"(?P<city>[A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+)?),\s*(?P<date>"
    + _MONTHS_RE
    + r"\s+\d{1,2}|\d{1,2}\s+"
    + _MONTHS_RE
    + r")(?:,?\s*\d{4})?[.,]?\s*(?:\((?P<a1>[^()\n]{2,30})\)|/(?P<a2>[A-Z][\w .-]{1,20})/|(?P<a3>[A-Z][A-Z.-]{2,20}))"
    r"\s*\.\s+(?=\S)",
    re.I,
)


def find_dateline(text: str, a: int, b: int) -> Dateline | None:
    """The dateline at the start of a paragraph (``text[a:b]``), if any."""
    lead = len(text[a:b]) - len(text[a:b].lstrip())
    dated = _DATED_DATELINE.match(text, a + lead, min(b, a + lead + 80))
    if dated and (dated["a1"] or dated["a2"] or dated["a3"].isupper()):
        agency = (dated["a1"] or dated["a2"] or dated["a3"]).strip()
        return Dateline(a + lead, dated.end(), text[a + lead : dated.end()], (dated["city"],), agency, dated["date"])
    m = _DATELINE.match(text, a + lead, min(b, a + lead + 120))
    if not m:
        return None
    pre = m["pre"]
    agencies = [g.strip() for g in re.findall(r"\(([^()]*)\)", pre)]
    names, dates = [], []
    for part in re.sub(r"\([^()]*\)", ",", pre).split(","):
        part = part.strip()
        if not part:
            continue
        if re.search(r"\d", part) and (re.search(_MONTHS_RE, part, re.I) or re.fullmatch(r"[\d/.-]+", part)):
            dates.append(part)
        elif re.search(r"\.(?:com|co|id|net|org)\b", part, re.I):
            agencies.append(part)
        else:
            names.append(part.strip(" -–—"))  # "Jakarta, CNN Indonesia --": not "CNN Indonesia -"
    if not names and not agencies:
        return None
    # A dateline is short and names things; a sentence that merely contains a dash is not one.
    if len(names) > 3 or any(len(n.split()) > 4 or not n[0].isupper() for n in names):
        return None
    return Dateline(
        a + lead,
        m.end(),
        text[a + lead : m.end()],
        tuple(names),
        agencies[0] if agencies else None,
        dates[0] if dates else "",
    )
