"""Reports with their events (and the articles' text) in, per report: its outlet, the outlet its text came from, and why.

An event is corroborated by *independent* outlets. A report does not count as one when its article

* says where it took its text from: a strong cue (*disadur dari*, *dikutip dari*, *dilansir dari*,
  *diterjemahkan dari*, *translated from*, *adapted from*, *republished from*) names the origin whatever it
  is; a weak cue (*citing*, *via*, *according to*, *menurut*, "<Agency> reports") only when the name is an
  outlet we hold articles from (otherwise "citing the defence ministry" would make a ministry an outlet);
* or repeats, about this event, what an earlier stored article said: in the same language a near-copy
  (rapidfuzz ``ratio`` ≥ ``COPY_RATIO`` on normalised text); across languages a translation, seen in the
  language-independent skeleton: numbers, clock times, places and claimant sides, of which the later
  article's must be almost all (``SKELETON_SHARE``) in the earlier one's, with at least two numbers or times
  (independent reports of one night share its place and side, rarely all its figures).

The relaying report's *origin* is then the relayed one's origin, so ``n_outlets`` counts origins: a wire
story and two portals that adapted it count once.
"""

from __future__ import annotations

import re

import pandas as pd
from anyascii import anyascii
from rapidfuzz import fuzz

from dashboard.events.vocab import claimant_side, outlet_key, outlet_labels

COPY_RATIO = 85.0
SKELETON_SHARE = 0.8
MIN_SKELETON = 5
COLUMNS = ("incident_id", "outlet", "outlet_key", "origin", "origin_key", "relay_of", "relay_reason")

# An outlet's name: capitalised words on one line ("Meridian Press Agency", "KOMPAS.com", "The Jakarta Post").
_NAME = r"((?:[A-Z][\w&'’-]*(?:\.[a-z]{2,3})*)(?:[ \t]+(?:[A-Z][\w&'’-]*(?:\.[a-z]{2,3})*|of|de|al))*)"
_STRONG = re.compile(
    r"\b(?:disadur|dikutip|dilansir|diterjemahkan|diolah|bersumber)\s+dari\s+(?:kantor berita\s+)?"
    + _NAME
    + r"|\b(?:translated|adapted|republished|reproduced)[ \t]+from[ \t]+(?:the[ \t]+)?"
    + _NAME
    + r"|\b(?:originally published by|sebagaimana dilansir|seperti dilansir)\s+"
    + _NAME
)
_WEAK = re.compile(
    r"\b(?:citing|via|according to|menurut|kata|as reported by|reported by|laporan)\s+(?:the\s+|a report by\s+)?"
    + _NAME
)
# "<Outlet> reported": found from the verb, then the words before it are tried as a known outlet.
_REPORTS = re.compile(r"\b(?:reports|reported|melaporkan|memberitakan)\b")
_CUE_WORDS = (
    "dari",
    "from",
    "published by",
    "citing",
    "via",
    "according",
    "menurut",
    "kata",
    "reported",
    "reports",
    "melaporkan",
    "memberitakan",
    "laporan",
)  # a cheap test before the regular expressions: most articles name no source of their text
_NUMBER_WORDS = {
    w: str(n)
    for n, words in enumerate(
        (
            "",
            "",  # "one", "seorang": an article, not a figure
            "two dua",
            "three tiga",
            "four empat",
            "five lima",
            "six enam",
            "seven tujuh",
            "eight delapan",
            "nine sembilan",
            "ten sepuluh",
            "eleven sebelas",
            "twelve",
        )
    )
    for w in words.split()
}


# One pass over the lower-cased text: a date (12/6/2024), a clock time (23.40, 02:15), a number, a word.
_TOKEN = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}[.:]\d{2}(?!\d)|\d+|[a-z]+")


def cited_names(text: str, known: set[str]) -> list[tuple[str, str]]:
    """(outlet key, the words that say so) for each source the text says it took its text from."""
    out = []
    for m in _STRONG.finditer(text):
        name = next(g for g in m.groups() if g)
        out.append((_known_prefix(name, known) or outlet_key(name), m.group(0)))
    for m in _WEAK.finditer(text):
        key = _known_prefix(m.group(1), known)
        if key:
            out.append((key, m.group(0)))
    for m in _REPORTS.finditer(text):
        words = text[max(0, m.start() - 80) : m.start()].split()[-5:]
        for k in range(len(words)):
            key = outlet_key(" ".join(words[k:]))
            if key in known and words[k][:1].isupper():
                out.append((key, " ".join(words[k:]) + " " + m.group(0)))
                break
    return out


def _known_prefix(name: str, known: set[str]) -> str:
    """The longest leading run of words that is a known outlet ("Caspian Wire said" → "caspian wire")."""
    words = name.split()
    for k in range(len(words), 0, -1):
        key = outlet_key(" ".join(words[:k]))
        if key in known:
            return key
    return ""


def normalised(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).strip()


def skeleton(text: str, places: set[str], sides: set[str]) -> set[str]:
    """The language-independent facts of a text: numbers (``n2``), clock times (``t2340``), places, sides.

    Dates and years are left out: one outlet writes "Rabu (12/6/2024)" where another writes "on Wednesday".
    """
    items = set()
    for token in _TOKEN.findall(text.lower()):
        first = token[0]
        if first.isdigit():
            if "/" in token or (len(token) == 4 and token[:2] in ("19", "20")):
                continue  # a date or a year
            if "." in token or ":" in token:
                hour, minute = token.replace(":", ".").split(".")
                if int(hour) < 24 and int(minute) < 60:
                    items.add(f"t{int(hour):02d}{minute}")
                continue
            items.add(f"n{int(token)}")
        elif token in _NUMBER_WORDS:
            items.add(f"n{_NUMBER_WORDS[token]}")
    return items | {f"p:{p}" for p in places if p} | {f"s:{s}" for s in sides if s}


def outlets(sources) -> tuple[dict[str, str], set[str]]:
    """(outlet key → label, the keys known as outlets) of a store's report sources: what ``independence``
    reads beyond an event's own reports (a label is the most common spelling in the whole store)."""
    sources = [str(s) for s in sources]
    return outlet_labels(sources), {k for k in (outlet_key(s) for s in sources) if k}


def independence(
    reports: pd.DataFrame,
    links: pd.DataFrame,
    texts: dict[str, str] | None = None,
    known: tuple[dict[str, str], set[str]] | None = None,
) -> pd.DataFrame:
    """One row per report: ``COLUMNS``. ``texts`` maps article_id → article text (excerpts stand in without it);
    ``known``: ``outlets()`` of the whole store when ``reports`` are only some of its events (default: theirs).
    Each event is judged on its own reports and ``known`` only, so some events can be judged again alone."""
    texts = texts or {}
    df = reports.reset_index(drop=True).merge(links[["incident_id", "event_id"]], on="incident_id", how="left")
    n = len(df)
    if n == 0:
        return pd.DataFrame(columns=list(COLUMNS))
    col = {c: (df[c].fillna("").astype(str).tolist() if c in df.columns else [""] * n) for c in _NEEDED}
    keys = [outlet_key(s) for s in col["source"]]
    labels, known = known or outlets(col["source"])
    unit_of = [
        col["article_id"][i] or "|".join((col["source"][i], col["source_url"][i], col["published"][i]))
        for i in range(n)
    ]
    origin, relay_of, reason = list(keys), [""] * n, [""] * n
    # An origin we hold no article from is named as the relaying article wrote it ("disadur dari Reuters").
    origin_name = [labels.get(k, "") for k in keys]
    cited_cache: dict[str, list[tuple[str, str]]] = {}

    index = {iid: i for i, iid in enumerate(col["incident_id"])}
    members_of: dict[str, list[int]] = {}
    for i, event_id in enumerate(df["event_id"].fillna("").tolist()):
        members_of.setdefault(event_id, []).append(i)
    for members in members_of.values():
        units: dict[str, list[int]] = {}
        for i in members:
            units.setdefault(unit_of[i], []).append(i)
        if len(units) < 2 or len({keys[i] for i in members}) < 2:
            continue  # one article, or one outlet: nothing to tell apart
        ordered = [
            _Unit(rows, " ".join(dict.fromkeys(col["excerpt"][i] for i in rows)), col)
            for rows in sorted(units.values(), key=lambda rows: (col["published"][rows[0]], rows[0]))
        ]
        for k, unit in enumerate(ordered):
            aid = col["article_id"][unit.first] or unit.excerpt
            if aid not in cited_cache:
                text = texts.get(aid) or unit.excerpt
                low = text.lower()
                cited_cache[aid] = cited_names(text, known) if any(w in low for w in _CUE_WORDS) else []
            found = _relay(unit, keys, origin, ordered, ordered[:k], cited_cache[aid], col, labels)
            if found:
                src, new_origin, why, name = found
                name = name or (origin_name[index[src]] if src in index else "")
                for i in unit.rows:
                    origin[i], relay_of[i], reason[i], origin_name[i] = new_origin, src, why, name
    return pd.DataFrame(
        {
            "incident_id": df["incident_id"].astype(str),
            "outlet": [labels.get(k, col["source"][i]) for i, k in enumerate(keys)],
            "outlet_key": keys,
            "origin": [labels.get(k) or origin_name[i] or k for i, k in enumerate(origin)],
            "origin_key": origin,
            "relay_of": relay_of,
            "relay_reason": reason,
        }
    )


_NEEDED = (
    "incident_id",
    "source",
    "source_url",
    "published",
    "language",
    "excerpt",
    "article_id",
    "place",
    "location",
    "claimed_by",
)


def _name_in(words: str, key: str) -> str:
    """An outlet we hold no article from, named as the citing text wrote it ("disadur dari Reuters" → "Reuters")."""
    for m in re.finditer(_NAME, words):
        if outlet_key(m.group(1)) == key:
            return m.group(1)
    return key


class _Unit:
    """One article's reports in one event; its normalised text and skeleton are made only when compared."""

    def __init__(self, rows: list[int], excerpt: str, col: dict):
        self.rows, self.first, self.excerpt, self._col = rows, rows[0], excerpt, col
        self._text: str | None = None
        self._items: set[str] | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = normalised(self.excerpt)
        return self._text

    @property
    def items(self) -> set[str]:
        if self._items is None:
            col = self._col
            places = {col["place"][i] or col["location"][i] for i in self.rows}
            sides = {claimant_side(col["claimed_by"][i]) for i in self.rows}
            self._items = skeleton(self.excerpt, places, sides)
        return self._items


def _relay(unit, keys, origin, units, earlier_units, cited, col, labels):
    """(relayed report id, its origin key, why, the origin's name when no report of it is stored) for an
    article's unit, or None when it is independent."""
    own = keys[unit.first]
    for key, words in cited:
        if key == own:
            continue
        for other in units:
            if keys[other.first] == key and other is not unit:
                src = col["incident_id"][other.first]
                return src, origin[other.first], f"says it took its text from {labels.get(key, key)} ({words!r})", ""
        name = _name_in(words, key)
        return "", key, f"says it took its text from {name} ({words!r}); no report of it stored here", name
    lang = col["language"][unit.first]
    for earlier in earlier_units:
        if keys[earlier.first] == own:
            continue
        src = col["incident_id"][earlier.first]
        name = labels.get(keys[earlier.first], keys[earlier.first])
        if lang == col["language"][earlier.first]:
            score = fuzz.ratio(unit.text, earlier.text, score_cutoff=COPY_RATIO)
            if score:
                return src, origin[earlier.first], f"near-copy of {name}'s report (similarity {score:.0f}/100)", ""
            continue
        items = unit.items
        shared = items & earlier.items
        figures_shared = sum(1 for s in shared if s[0] in "nt")
        if items and len(shared) >= MIN_SKELETON and figures_shared >= 2 and len(shared) >= SKELETON_SHARE * len(items):
            return (
                src,
                origin[earlier.first],
                f"translation of {name}'s report ({col['language'][earlier.first]} → {lang}: "
                f"{len(shared)} of {len(items)} places, numbers, times and sides shared)",
                "",
            )
    return None
