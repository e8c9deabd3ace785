"""An article file or pasted text in, an ``Article`` out: metadata, headline, dateline and sentences with offsets.

Offsets count characters of the text exactly as ``Path.read_text`` returns it (newlines normalised the
way Python's text mode does), so ``text[start:end]`` is what ``dashboard.store.csvfile.validate`` checks.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from dashboard.errors import InputError
from dashboard.ingest.datelines import NOT_REPORTING, Dateline, find_dateline, is_byline
from dashboard.ingest.decode import MAX_BYTES, decode
from dashboard.ingest.language import detect_language
from dashboard.models import EARLIEST_DATE, LATEST_DATE

# Extraction runs at roughly 20-35 µs a character whatever the text's shape (benchmarks/bench_ingest.py,
# worst_case_*): 500,000 characters (a news article is rarely 20,000) stays well under 30 s; longer is refused.
MAX_CHARS = 500_000
LANGUAGES = ("id", "en")
METADATA_KEYS = ("title", "publisher", "source_url", "published", "language")
_KEY_ALIASES = {"url": "source_url", "source": "publisher", "date": "published", "lang": "language"}


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == article.text[start:end]``; ``paragraph`` counts from 0."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    is_headline: bool = False


@dataclass(frozen=True)
class Article:
    text: str
    source_path: str = ""
    title: str = ""
    publisher: str = ""
    source_url: str = ""
    published: date | None = None
    language: str = "id"
    language_how: str = ""
    headline: Sentence | None = None
    dateline: Dateline | None = None
    sentences: tuple[Sentence, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def body(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if not s.is_headline)


# -- reading ---------------------------------------------------------------------------------------


def load_article(path: str | Path, *, source_path: str | None = None, **overrides) -> Article:
    """Read ``path`` (UTF-8, ≤ 5 MB) and parse it; ``overrides`` (title, published, …) beat the front matter."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # /dev/zero never ends, a FIFO waits for a writer: never read them
            raise InputError(f"{path}: not a regular file (a device, pipe or socket); expected an article file (.txt)")
        size = info.st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{path}: {size:,} bytes is over the 5 MB limit ({MAX_BYTES:,} bytes); "
                "split it into one file per article"
            )
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise InputError(f"{path}: no such file") from err
    except IsADirectoryError as err:
        raise InputError(f"{path}: is a folder, expected an article file (.txt)") from err
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from err
    return parse_article(
        decode(data, str(path)), source_path=str(path) if source_path is None else source_path, **overrides
    )


def parse_article(
    text: str,
    *,
    source_path: str = "",
    title: str | None = None,
    publisher: str | None = None,
    source_url: str | None = None,
    published: str | date | None = None,
    language: str | None = None,
) -> Article:
    """Text (front matter optional) → Article. Arguments that are not None override the front matter."""
    if not isinstance(text, str):
        raise InputError(f"article text {text!r:.40} is a {type(text).__name__}, expected a string")
    if not text.strip():
        raise InputError(f"{source_path or 'article'}: the text is empty (expected a news article)")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"{source_path or 'article'}: {len(text):,} characters is longer than one article (at most "
            f"{MAX_CHARS:,} are extracted at once, so that adding it takes seconds, not minutes); "
            "split it into one file per article"
        )
    meta, body_start = front_matter(text, source_path or "article")
    given = {
        "title": title,
        "publisher": publisher,
        "source_url": source_url,
        "published": published,
        "language": language,
    }
    meta.update({k: v for k, v in given.items() if v not in (None, "")})
    pub = parse_date(meta.get("published"), f"{source_path or 'article'}, published")
    sentences, headline, dateline = structure(text, body_start)
    if not any(not s.is_headline for s in sentences):
        raise InputError(f"{source_path or 'article'}: no sentences after the front matter (expected article text)")
    lang, how = meta.get("language", "auto"), "given"
    if lang in ("auto", "", None):
        lang, how = detect_language(text[body_start:])
    if lang not in LANGUAGES:
        raise InputError(f"language {lang!r} is not supported (expected one of {', '.join(LANGUAGES)}, or auto)")
    extra = {k: v for k, v in meta.items() if k not in METADATA_KEYS}
    return Article(
        text=text,
        source_path=source_path,
        title=str(meta.get("title") or (headline.text if headline else "")),
        publisher=str(meta.get("publisher") or ""),
        source_url=str(meta.get("source_url") or ""),
        published=pub,
        language=lang,
        language_how=how,
        headline=headline,
        dateline=dateline,
        sentences=tuple(sentences),
        extra=extra,
    )


def with_metadata(article: Article, **changes) -> Article:
    """A copy with some metadata replaced (the dateline's publisher, an inferred date)."""
    return replace(article, **changes)


def front_matter(text: str, name: str = "article") -> tuple[dict, int]:
    """``key: value`` lines between two ``---`` lines at the top → (metadata, offset where the body starts)."""
    m = re.match(r"\ufeff?[ \t]*---[ \t]*\n", text)
    if not m:
        return {}, 0
    close = re.compile(r"^[ \t]*---[ \t]*$", re.M).search(text, m.end())
    if not close:
        raise InputError(
            f"{name}: the front matter opened with '---' on line 1 is never closed "
            "(expected a second '---' line after the key: value lines)"
        )
    meta: dict[str, str] = {}
    for number, line in enumerate(text[m.end() : close.start()].split("\n"), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower().replace("-", "_")
        if not sep or not re.fullmatch(r"[a-z_]+", key):
            raise InputError(
                f"{name}, front matter line {number}: {line.strip()!r} is not 'key: value' "
                f"(keys: {', '.join(METADATA_KEYS)})"
            )
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[_KEY_ALIASES.get(key, key)] = value
    return meta, close.end()


def parse_date(value: str | date | None, label: str) -> date | None:
    """ "2022-09-13" (or a datetime's date part) → date; None stays None; anything else is an InputError."""
    if value in (None, ""):
        return None
    text = value.isoformat() if isinstance(value, date) else str(value)
    m = re.fullmatch(r"\s*(\d{4,})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*", text)
    # Bounded as every incident time is (models.EARLIEST_DATE..LATEST_DATE): the year inference steps a
    # year back and forth, which overflows at 0001 and 9999, and the map cannot show such dates anyway.
    if m and not int(EARLIEST_DATE[:4]) <= int(m[1]) <= int(LATEST_DATE[:4]):
        raise InputError(
            f"{label}: {text!r} is outside {EARLIEST_DATE}..{LATEST_DATE} (the dates this dashboard accepts)"
        )
    try:
        if not m:
            raise ValueError
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as err:
        raise InputError(f"{label}: {text!r} is not a date (expected YYYY-MM-DD, e.g. 2022-09-13)") from err


# -- structure -------------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "approx",
        "est",
        "lt.col",
        "brig",
        "adm",
        "gov",
        "pres",
        "rep",
        "sen",
        "jl",
        "bpk",
        "dll",
        "dsb",
        "tsb",
        "kol",
        "letjen",
        "mayjen",
        "brigjen",
        "jend",
        "kapt",
    ]
)
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)|[\"”’][.!?](?=\s)")


def structure(text: str, body_start: int = 0) -> tuple[list[Sentence], Sentence | None, Dateline | None]:
    """Sentences with offsets, the headline (a short first line without final punctuation) and the dateline."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text[body_start:])]
    paragraphs = [
        (body_start + a, body_start + b) for a, b in paragraphs if text[body_start + a : body_start + b].strip()
    ]
    sentences: list[Sentence] = []
    headline = dateline = None
    bylines = 0
    for number, (a, b) in enumerate(paragraphs):
        line = text[a:b]
        if NOT_REPORTING.match(line):
            continue  # a caption, a credit, a link to another story: none of it is this article's reporting
        if number == 0 and len(paragraphs) > 1 and _looks_like_headline(line):
            s, e = _strip(text, a, b)
            headline = Sentence(0, s, e, text[s:e], 0, True)
            sentences.append(headline)
            continue
        if dateline is None and number <= (1 if headline else 0) + bylines:
            if is_byline(line):
                bylines += 1  # "By Staff Reporter", "Laporan Wartawan X": the dateline is in the next paragraph
            else:
                dateline = find_dateline(text, a, b)
                a = dateline.end if dateline else a
        for s, e in split_sentences(text, a, b):
            sentences.append(Sentence(len(sentences), s, e, text[s:e], number))
    return sentences, headline, dateline


def _looks_like_headline(line: str) -> bool:
    stripped = line.strip()
    words = stripped.split()
    return 1 < len(words) <= 25 and not re.search(r"[.!?:;,]['\"”’]?$", stripped) and stripped[0].isupper()


def split_sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[a:b]``: ends at . ! ? (after a closing quote), not after abbreviations."""
    spans, start = [], a
    for m in _END.finditer(text, a, b):
        end = m.end()
        word = re.search(r"([\w.]+)[.]$", text[start : m.start() + 1] if text[m.start()] == "." else "")
        if word and (word[1].lower().rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word[1].rstrip("."))):
            continue
        nxt = re.match(r"\s*(\S)", text[end:b])
        if nxt and (nxt[1].islower() or nxt[1].isdigit()):
            continue  # "5 a.m. on Tuesday", "No. 3": the next word does not start a sentence
        s, e = _strip(text, start, end)
        if e > s:
            spans.append((s, e))
        start = end
    s, e = _strip(text, start, b)
    if e > s:
        spans.append((s, e))
    return spans


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] == "\ufeff"):
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
