"""Incidents CSV in, validated pandas DataFrame out; every problem is reported as ``row N, column X: ...``."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard import settings
from dashboard.errors import InputError
from dashboard.models import (
    COLUMNS,
    EARLIEST_DATE,
    EVENT_TYPES,
    GEO_PRECISIONS,
    LATEST_DATE,
    MAX_FATALITIES,
    MAX_TEXT_CHARS,
    OPTIONAL_COLUMNS,
    REQUIRED,
    TIME_PRECISIONS,
    iana_zone,
)

MAX_PROBLEMS_SHOWN = 20
_ZONED = r"(?:Z|[+-]\d{2}:?\d{2})$"
_RANGE = f"{EARLIEST_DATE}..{LATEST_DATE}"
_EARLIEST = pd.Timestamp(EARLIEST_DATE, tz="UTC")
_LATEST = pd.Timestamp(LATEST_DATE, tz="UTC") + pd.Timedelta(days=1)
_DATE = re.compile(r"\s*(\d{4,})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*")


@dataclass(frozen=True)
class Problem:
    """One validation problem. ``row`` counts as a spreadsheet does: the header is row 1."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ", ".join(
            p for p in (f"row {self.row}" if self.row else "", f"column {self.column}" if self.column else "") if p
        )
        return f"{where}: {self.message}" if where else self.message


# OWASP's CSV injection advice: a text cell a spreadsheet would run as a formula gets a leading single quote.
NUMERIC_COLUMNS = ("geonameid", "latitude", "longitude", "geo_precision", "fatalities", "excerpt_start", "excerpt_end")
TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in NUMERIC_COLUMNS)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(value: str) -> bool:
    # A cell already starting with quotes before a formula character gets one more, so reading back is exact.
    stripped = value.lstrip("'")
    return stripped.startswith(_FORMULA_START)


def protect(value: str) -> str:
    """A text cell as written to an exported CSV: ``'=1+1`` for ``=1+1`` (undone by ``unprotect``)."""
    return "'" + value if isinstance(value, str) and _needs_quote(value) else value


def unprotect(value: str) -> str:
    """A cell as read back: the quote ``protect`` added is removed; every other cell is left exactly as written."""
    return value[1:] if value.startswith("'") and _needs_quote(value[1:]) else value


def read_csv(path: Path) -> pd.DataFrame:
    """The file's cells as strings, exactly as written (no NaN guessing), text cells ``unprotect``-ed."""
    path = Path(path)
    try:
        if path.exists() and not path.is_file() and not path.is_dir():  # never read /dev/zero or wait on a FIFO
            raise InputError(f"{path}: not a regular file (a device, pipe or socket); expected an incidents CSV")
        _refuse_duplicate_columns(path)
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError as err:
        raise InputError(f"{path}: no such file (set DASHBOARD_INCIDENTS to an incidents CSV)") from err
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as err:
        raise InputError(f"{path}: not a readable CSV file ({err})") from err
    except IsADirectoryError as err:
        raise InputError(f"{path}: is a folder, expected an incidents CSV file") from err
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from err
    for column in df.columns.intersection(TEXT_COLUMNS):
        quoted = df[column].str.startswith("'")
        if quoted.any():
            df.loc[quoted, column] = df.loc[quoted, column].map(unprotect)
    return df


def _refuse_duplicate_columns(path: Path) -> None:
    """pandas renames a repeated column ('notes.1') and the validator would never see it: say so instead."""
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f), [])
    counts: dict[str, int] = {}
    for name in header:
        counts[name] = counts.get(name, 0) + 1
    repeated = [
        f"{path}, row 1, column {n}: appears {c} times in the header (each column once)"
        for n, c in counts.items()
        if c > 1
    ]
    if repeated:
        raise InputError("\n".join(repeated))


def _utc(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series.where(series != ""), utc=True, format="ISO8601", errors="coerce")


def _numbers(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.where(series != ""), errors="coerce")


def _articles(df: pd.DataFrame, base: Path, roots: list[Path]) -> dict[str, str | None]:
    texts: dict[str, str | None] = {}
    for rel in df.get("source_path", pd.Series(dtype=str)).unique():
        if not rel or not article_allowed(base, rel, roots):
            continue
        try:
            texts[rel] = (base / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            texts[rel] = None
    return texts


def validate(df: pd.DataFrame, base: Path, *, article_dirs: list[Path] | None = None) -> list[Problem]:
    """Every problem in ``df`` (cells as strings); ``base`` is the folder that ``source_path`` is relative to, and
    ``article_dirs`` the folders articles may be read from (default ``settings.article_dirs()``)."""
    missing = [c for c in COLUMNS if c not in df.columns and c not in OPTIONAL_COLUMNS]
    if missing:
        return [Problem(1, c, "missing from the header (expected the columns of dashboard/models.py)") for c in missing]
    problems: list[Problem] = []

    def bad(mask: pd.Series, column: str, message) -> None:
        for idx in df.index[mask.fillna(False).astype(bool)]:
            value = df.at[idx, column]
            problems.append(Problem(idx + 2, column, message(value) if callable(message) else message))

    for column in REQUIRED:
        bad(df[column].str.strip() == "", column, "is empty (it is required)")
    dup = df["incident_id"].duplicated(keep="first") & (df["incident_id"] != "")
    bad(dup, "incident_id", lambda v: f"{v!r} repeats an earlier row's incident_id (ids must be unique)")

    times = {}
    for column in ("start_utc", "end_utc"):
        parsed = _utc(df[column])
        unread = parsed.isna() & (df[column] != "")
        years = pd.to_numeric(
            df.loc[unread, column].str.extract(r"^\s*(\d{4,})-", expand=False), errors="coerce"
        ).reindex(df.index)
        outside = (parsed.notna() & ((parsed < _EARLIEST) | (parsed >= _LATEST))) | (
            parsed.isna() & ((years < _EARLIEST.year) | (years > _LATEST.year - 1))
        )
        bad(outside, column, lambda v: f"{v!r} is outside {_RANGE} (the dates this dashboard accepts)")
        bad(
            parsed.isna() & (df[column] != "") & ~outside,
            column,
            lambda v: f"{v!r} is not an ISO 8601 time (expected e.g. 2022-09-12T20:05Z)",
        )
        times[column] = parsed.where(~outside)
    start, end = times["start_utc"], times["end_utc"]
    for column, parsed in (("start_utc", start), ("end_utc", end)):
        bad(
            parsed.notna() & ~df[column].str.strip().str.contains(_ZONED),
            column,
            lambda v: (
                f"{v!r} has no UTC offset; write it in UTC with a Z (e.g. 2022-09-12T20:05Z), "
                "so a local time is never read as UTC"
            ),
        )
    known_time = df["time_precision"] != "unknown"
    bad(
        known_time & ((df["start_utc"] == "") | (df["end_utc"] == "")),
        "start_utc",
        "is empty; give start_utc and end_utc, or set time_precision to 'unknown'",
    )
    bad(start > end, "end_utc", lambda v: f"{v!r} is before start_utc (an interval must not run backwards)")
    bad(
        ~df["time_precision"].isin(TIME_PRECISIONS),
        "time_precision",
        lambda v: f"{v!r} is not one of {', '.join(TIME_PRECISIONS)}",
    )
    bad(
        df["local_tz"].map(lambda z: not _is_zone(z)),
        "local_tz",
        lambda v: f"{v!r} is not an IANA time zone (expected e.g. Asia/Yerevan)",
    )

    bad(
        ~df["event_type"].isin(EVENT_TYPES) & (df["event_type"] != ""),
        "event_type",
        lambda v: f"{v!r} is not an ACLED event type ({', '.join(EVENT_TYPES)})",
    )
    sub_ok = [s in EVENT_TYPES.get(e, ()) for e, s in zip(df["event_type"], df["sub_event_type"])]
    bad(
        ~pd.Series(sub_ok, index=df.index) & df["event_type"].isin(EVENT_TYPES) & (df["sub_event_type"] != ""),
        "sub_event_type",
        lambda v: f"{v!r} is not a sub-event type of its row's event_type",
    )

    lat, lon = _numbers(df["latitude"]), _numbers(df["longitude"])
    bad(
        (lat.isna() & (df["latitude"] != "")) | ~lat.between(-90, 90) & lat.notna(),
        "latitude",
        lambda v: f"{v!r} is not a latitude (a number from -90 to 90)",
    )
    bad(
        (lon.isna() & (df["longitude"] != "")) | ~lon.between(-180, 180) & lon.notna(),
        "longitude",
        lambda v: f"{v!r} is not a longitude (a number from -180 to 180)",
    )
    bad(
        (df["latitude"] == "") != (df["longitude"] == ""),
        "longitude",
        "latitude and longitude must be given together, or both left empty for an incident with no specific place",
    )
    located = df["latitude"] != ""
    precision = _numbers(df["geo_precision"])
    bad(
        (located | (df["geo_precision"] != "")) & ~precision.isin(list(GEO_PRECISIONS)),
        "geo_precision",
        lambda v: f"{v!r} is not an ACLED geo_precision (1 the place itself, 2 near it or its district, 3 a region)",
    )
    bad(
        located & ~df["country_code"].str.fullmatch(r"[A-Z]{2}"),
        "country_code",
        lambda v: f"{v!r} is not an ISO 3166-1 alpha-2 code (expected e.g. AM)",
    )

    bad(
        (df["fatalities"] != "") & ~_whole(df["fatalities"], MAX_FATALITIES),
        "fatalities",
        lambda v: f"{v!r} is not a whole number of 0 to {MAX_FATALITIES} (leave it empty when the source gives none)",
    )
    bad(
        (df["geonameid"] != "") & ~df["geonameid"].str.fullmatch(r"\d{1,10}"),
        "geonameid",
        lambda v: f"{v!r} is not a GeoNames id (a whole number, e.g. 616052; empty when there is no place)",
    )
    published = {v: _published_problem(v) for v in df["published"].unique()}  # a few dates, many rows
    bad(df["published"].map(published) != "", "published", published.get)
    for column in ("excerpt_start", "excerpt_end"):
        cells = df[column]
        digits = cells.str.fullmatch(r"\d{1,12}")
        bad(
            (cells != "") & ~digits,
            column,
            lambda v: f"{v!r} is not a character offset (a whole number of 0 or more)",
        )
        bad(
            digits & (_numbers(cells.where(digits, "")) > MAX_TEXT_CHARS),
            column,
            lambda v: f"{v!r} is beyond the end of any article (at most {MAX_TEXT_CHARS:,} characters)",
        )
    offsets = _offsets(df)
    bad(
        offsets.notna().all(axis=1) & (offsets["excerpt_start"] > offsets["excerpt_end"]),
        "excerpt_end",
        lambda v: f"{v!r} is before excerpt_start (an excerpt must not run backwards)",
    )

    problems.extend(_excerpt_problems(df, base, settings.article_dirs() if article_dirs is None else article_dirs))
    return sorted(problems, key=lambda p: (p.row or 0, COLUMNS.index(p.column) if p.column in COLUMNS else 0))


def _whole(cells: pd.Series, ceiling: int) -> pd.Series:
    """Digits only (no '1e3', '2.0', '-1', 'NaN'), at most ``ceiling``: what an Int64 column holds as written."""
    digits = cells.str.fullmatch(r"\d{1,12}")
    return digits & (_numbers(cells.where(digits, "")) <= ceiling)


def _offsets(df: pd.DataFrame) -> pd.DataFrame:
    """Both offsets as numbers where they are valid (digits, within 5 MB); NaN elsewhere."""
    return pd.DataFrame(
        {c: _numbers(df[c].where(_whole(df[c], MAX_TEXT_CHARS), "")) for c in ("excerpt_start", "excerpt_end")}
    )


def _published_problem(value: str) -> str:
    """'' for an empty or valid publication date, else what is wrong with it (bounded as the incidents' times)."""
    if not value:
        return ""
    m = _DATE.fullmatch(value)
    if m and not _EARLIEST.year <= int(m[1]) < _LATEST.year:
        return f"{value!r} is outside {_RANGE} (the dates this dashboard accepts)"
    try:
        date(int(m[1]), int(m[2]), int(m[3]))
    except (TypeError, ValueError):
        return f"{value!r} is not a date (expected YYYY-MM-DD, e.g. 2022-09-13)"
    return ""


def _is_zone(name: str) -> bool:
    return iana_zone(name) is not None


def article_allowed(base: Path, rel: str, roots: list[Path]) -> bool:
    """A data file may cite only .txt articles inside the configured folders: never /etc/passwd or ~/notes.txt."""
    if "\x00" in rel:
        return False  # no file name holds a NUL (and pathlib refuses one with ValueError)
    target = (base / rel).resolve()
    return target.suffix.lower() == ".txt" and any(target.is_relative_to(Path(r).resolve()) for r in roots)


def _excerpt_problems(df: pd.DataFrame, base: Path, roots: list[Path]) -> list[Problem]:
    cited = df[df["source_path"] != ""]
    if cited.empty:
        return []
    texts = _articles(cited, base, roots)
    offsets = _offsets(cited)
    problems = []
    for idx, row in cited.iterrows():
        rel = row["source_path"]
        if not article_allowed(base, rel, roots):
            problems.append(
                Problem(
                    idx + 2,
                    "source_path",
                    f"{rel!r}: an article must be a .txt file inside {', '.join(str(r) for r in roots)} "
                    "(the project's data/ or seeds/ folder, or a folder named in DASHBOARD_ARTICLES)",
                )
            )
            continue
        text = texts.get(rel)
        if text is None:
            problems.append(
                Problem(idx + 2, "source_path", f"{rel!r}: the article cannot be read (relative to {base})")
            )
            continue
        if offsets.loc[idx].isna().any():
            if not row["excerpt_start"] or not row["excerpt_end"]:
                problems.append(
                    Problem(idx + 2, "excerpt_start", "is empty; an excerpt of an article needs both of its offsets")
                )
            continue  # a malformed offset is reported above
        start, end = int(offsets.at[idx, "excerpt_start"]), int(offsets.at[idx, "excerpt_end"])
        if end > len(text):
            problems.append(
                Problem(
                    idx + 2,
                    "excerpt_end",
                    f"{row['excerpt_end']!r} is beyond the end of {rel} ({len(text):,} characters)",
                )
            )
        elif text[start:end] != row["excerpt"]:
            problems.append(
                Problem(idx + 2, "excerpt", f"is not the article's text at characters {start}-{end} of {rel}")
            )
    return problems


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """Validated string cells → typed columns: ``start``/``end`` (UTC timestamps), numbers, ``mapped``."""
    out = df.copy()
    out["start"], out["end"] = _utc(df["start_utc"]), _utc(df["end_utc"])
    for column in ("latitude", "longitude", "geo_precision", "fatalities", "excerpt_start", "excerpt_end"):
        out[column] = _numbers(df[column])
    out["geo_precision"] = out["geo_precision"].astype("Int64")
    out["fatalities"] = out["fatalities"].astype("Int64")
    out["mapped"] = out["latitude"].notna()
    return out


def data_version(path: str | Path) -> str:
    """A short id of the file's content: a link made on other data can say so."""
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:8]


def load(path: str | Path) -> pd.DataFrame:
    """Read, validate and type an incidents CSV; raises InputError listing the problems (file, row, column)."""
    path = Path(path)
    df = read_csv(path)
    problems = validate(df, path.resolve().parent)
    if problems:
        shown = "\n".join(f"{path}, {p}" for p in problems[:MAX_PROBLEMS_SHOWN])
        more = len(problems) - MAX_PROBLEMS_SHOWN
        raise InputError(
            f"{len(problems)} problem(s) in {path}:\n{shown}" + (f"\n… and {more} more" if more > 0 else "")
        )
    return typed(df.assign(**{c: "" for c in OPTIONAL_COLUMNS if c not in df.columns}))
