"""Small helpers shared by tests: editing a CSV cell, untrusted text, colours, running a CLI verb in-process."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SCRIPT = "<script>window.__xss=2</script>"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, data: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(data[0]))
        w.writeheader()
        w.writerows(data)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set a cell; ``row`` counts as the validator does (header is row 1, first data row is 2)."""
    data = rows(path)
    data[row - 2][column] = value
    write_rows(path, data)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """``#0072B2`` as the (r, g, b) a screenshot's pixel holds."""
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


@dataclass(frozen=True)
class Ran:
    """What one CLI verb did: its exit status and what it printed."""

    code: int
    out: str
    err: str


def run_cli(capsys, *args, settings=None) -> Ran:
    """``main(argv)`` in this process (no subprocess): exit status, stdout and stderr as captured by ``capsys``."""
    from dashboard.cli import main

    capsys.readouterr()  # what earlier steps printed is not this verb's
    code = main([str(a) for a in args], settings=settings)
    out, err = capsys.readouterr()
    return Ran(code, out, err)
