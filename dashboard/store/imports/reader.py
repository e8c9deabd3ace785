"""An event file's path in, its variant (from the header) and its rows in chunks of string cells out.

Shared by the ACLED and UCDP readers: a UTF-8 BOM, CRLF line ends, a second row of HXL hashtags (HDX),
``NA`` for an empty cell (R's ``write.csv``), upper-case headers (ACLED's old exports) and our own
export's formula-neutralising quote are all undone here, so the readers see plain cells.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.errors import InputError

CHUNK_ROWS = 100_000
# What export-acled puts before a text cell that a spreadsheet would run as a formula; undone on import.
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")


@dataclass(frozen=True)
class Problem:
    """One bad cell or row: ``file, row N, column X: message`` (the header is row 1, as in a spreadsheet)."""

    file: str
    row: int
    column: str
    message: str
    kind: str  # a short name for the count --skip-bad prints, e.g. "bad event_date"

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}, column {self.column}: {self.message}"


@dataclass
class Header:
    """The first line(s) of a file: column names (lower case), HXL tags if any, where data begins."""

    columns: list[str]
    hxl: list[str] = field(default_factory=list)
    bom: bool = False
    crlf: bool = False

    @property
    def first_data_row(self) -> int:
        return 3 if self.hxl else 2


def read_header(path: Path) -> Header:
    """The header row and, when the second row is all hashtags, the HXL row."""
    try:
        with open(path, "rb") as raw:
            head = raw.read(65536)
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            columns = next(reader, None)
            second = next(reader, None)
    except FileNotFoundError as err:
        raise InputError(f"{path}: no such file") from err
    except IsADirectoryError as err:
        raise InputError(f"{path}: is a folder, expected a CSV file") from err
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    except csv.Error as err:
        raise InputError(f"{path}: not a readable CSV file ({err})") from err
    if not columns:
        raise InputError(f"{path}: empty file (expected a header row of ACLED or UCDP GED columns)")
    names = [c.strip().lower() for c in columns]
    hxl = []
    if second and all(c.strip().startswith("#") or not c.strip() for c in second) and any(second):
        hxl = [c.strip() for c in second]
    first_line = head.split(b"\n", 1)[0]
    return Header(names, hxl, bom=head.startswith(b"\xef\xbb\xbf"), crlf=first_line.endswith(b"\r"))


def chunks(
    path: Path, header: Header, chunk_rows: int = CHUNK_ROWS, invalid: list[Problem] | None = None
) -> Iterator[pd.DataFrame]:
    """The data rows as string cells, ``NA`` read as empty, with a ``_row`` column (the spreadsheet row).

    Arrow's streaming CSV reader, not pandas': about 5× less CPU for the same string cells, in blocks, so a
    million rows never sit in memory at once. A row with the wrong number of cells comes out with
    ``_cells`` set to how many it had (the readers report it), not as an exception for the whole file.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    width = len(header.columns)
    skipped: list[int] = []  # spreadsheet row numbers of the rows left out, so the others keep theirs
    problems = invalid if invalid is not None else []

    def on_invalid(row) -> str:
        skipped.append(row.number)
        problems.append(
            Problem(
                str(path),
                row.number,
                header.columns[0],
                f"the row has {row.actual_columns} cells, the header {width}: {row.text[:80]!r}",
                "wrong number of cells",
            )
        )
        return "skip"

    reader = None
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=[f"c{i}" for i in range(width)],
                skip_rows=2 if header.hxl else 1,
                block_size=32 << 20,
                use_threads=False,  # the rows must stay in file order to be numbered
            ),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(
                column_types={f"c{i}": pa.string() for i in range(width)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        first = header.first_data_row
        for batch in reader:
            table = batch.to_pandas()
            table.columns = header.columns
            for start in range(0, len(table), chunk_rows):
                chunk = table.iloc[start : start + chunk_rows].copy()
                chunk = chunk.replace("NA", "")
                for column in header.columns:
                    col = chunk[column]
                    if col.str.startswith("'").any():
                        chunk[column] = col.str.replace(_NEUTRALISED, "", regex=True)
                numbers = np.arange(first, first + len(chunk) + len(skipped) + 1)
                numbers = numbers[~np.isin(numbers, skipped)][: len(chunk)]
                chunk["_row"] = numbers
                first = int(numbers[-1]) + 1 if len(numbers) else first
                yield chunk
    except pa.ArrowInvalid as err:
        if "UTF8" in str(err) or "utf8" in str(err).lower():
            raise InputError(f"{path}: not UTF-8 text ({err})") from err
        if "Empty CSV file" in str(err):
            return
        raise InputError(f"{path}: not a readable CSV file ({err})") from err
    finally:
        if reader is not None:
            reader.close()
    if problems and invalid is None:
        raise InputError("; ".join(map(str, problems[:5])))


def dates(values: pd.Series) -> pd.Series:
    """ISO dates (``2022-12-28``, with or without a time), export-tool dates (``28 December 2022``, ``28 Dec 2022``)
    or older exports' day-first dates (``28/12/2022``, ``28-12-2022``)."""
    text = values.str.strip()
    iso = pd.to_datetime(text.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    for fmt in ("%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%d/%m/%Y", "%d-%m-%Y"):
        missing = iso.isna() & (text != "")
        if not missing.any():
            break
        iso = iso.fillna(pd.to_datetime(text.where(missing), format=fmt, errors="coerce"))
    return iso


def day_strings(values: pd.Series) -> pd.Series:
    """Midnight UTC of each date as ``YYYY-MM-DDT00:00Z`` (empty where there is no date)."""
    out = values.dt.strftime("%Y-%m-%dT00:00Z")
    return out.fillna("")


def seen_before(ids: pd.Series, seen: set[str]) -> pd.Series:
    """Which ids an earlier chunk had, then remember these (a set look-up: Arrow's isin would copy the set)."""
    values = ids.tolist()
    before = pd.Series(np.fromiter((v in seen for v in values), bool, count=len(values)), index=ids.index)
    seen.update(values)
    return before


def numbers(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.where(values.str.strip() != ""), errors="coerce")


class Checker:
    """Collects one problem per bad cell and marks its row bad; ``message(value)`` echoes the bad cell."""

    def __init__(self, chunk: pd.DataFrame, file: str):
        self.chunk, self.file = chunk, file
        self.bad = pd.Series(False, index=chunk.index)
        self.problems: list[Problem] = []

    def __call__(self, mask: pd.Series, column: str, kind: str, message) -> None:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        self.bad |= mask
        values = self.chunk[column] if column in self.chunk else pd.Series("", index=self.chunk.index)
        self.problems += [
            Problem(self.file, int(row), column, message(value) if callable(message) else message, kind)
            for row, value in zip(self.chunk.loc[mask, "_row"], values[mask])
        ]
