"""An ACLED or UCDP GED file in, its variant (said from the header) and validated event rows in chunks out.

Pure: no store, no printing. ``open_events(path)`` reads the header and says which layout it is;
``EventFile.chunks()`` yields, per chunk of rows, our rows for the good ones and a problem for each bad cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.errors import InputError
from dashboard.store.imports import acled, ucdp
from dashboard.store.imports.fields import FIELDS, ORIGINS
from dashboard.store.imports.reader import CHUNK_ROWS, Header, Problem, chunks, read_header

__all__ = ["FIELDS", "ORIGINS", "EventFile", "Problem", "open_events"]


@dataclass
class EventFile:
    path: Path
    header: Header
    kind: str  # "acled" or "ucdp"
    variant: str

    def describe(self) -> str:
        """What was found, e.g. ``ACLED, current 31-column layout; UTF-8 BOM; CRLF``."""
        extras = [x for x, on in (("UTF-8 BOM", self.header.bom), ("CRLF line ends", self.header.crlf)) if on]
        return "; ".join([self.variant, *extras])

    def chunks(self, chunk_rows: int = CHUNK_ROWS) -> Iterator[tuple[pd.DataFrame, list[Problem]]]:
        """(our rows for the good rows, problems) per chunk; ids are checked for repeats across chunks."""
        seen: set[str] = set()
        convert = acled.convert if self.kind == "acled" else ucdp.convert
        invalid: list[Problem] = []
        for chunk in chunks(self.path, self.header, chunk_rows, invalid):
            rows, check = convert(chunk, str(self.path), seen)
            yield rows, check.problems
        if invalid:  # rows with too few or too many cells: never stored, each reported
            yield pd.DataFrame(columns=list(FIELDS)), invalid


def open_events(path: str | Path) -> EventFile:
    """Recognise the file's layout from its header; InputError when it is neither ACLED nor UCDP GED."""
    path = Path(path)
    header = read_header(path)
    hxl = bool(header.hxl)
    if acled.matches(header.columns):
        return EventFile(path, header, "acled", acled.variant(header.columns, hxl))
    if ucdp.matches(header.columns):
        return EventFile(path, header, "ucdp", ucdp.variant(header.columns, hxl))
    raise InputError(
        f"{path}, row 1: not an ACLED or UCDP GED header (ACLED needs {', '.join(acled.REQUIRED)}; "
        f"UCDP GED needs {', '.join(ucdp.REQUIRED)}); found {', '.join(header.columns[:12])}"
        + (" …" if len(header.columns) > 12 else "")
    )
