"""rowcheck.row_problems remembers rows it found clean (an ingest's rows are validated, then loaded again): what
it remembers must never hide a problem, including the one rule across rows, a repeated incident_id."""

from __future__ import annotations

import pandas as pd

from dashboard.models import COLUMNS
from dashboard.settings import ROOT
from dashboard.store import rowcheck
from dashboard.store.csvfile import read_csv, validate


def _seed_rows() -> pd.DataFrame:
    return read_csv(ROOT / "data" / "incidents.csv").reindex(columns=list(COLUMNS), fill_value="")


def test_remembered_rows_give_the_validators_answer_again():
    df = _seed_rows()
    assert rowcheck.row_problems(df) == {}  # the hand-coded seed is clean, and is now remembered
    bad = df.copy()
    bad.loc[1, "latitude"] = "91"  # a remembered row with one cell changed is a new row
    first = rowcheck.row_problems(bad)
    assert list(first) == [1] and "latitude" in first[1][0]
    assert rowcheck.row_problems(bad) == first  # a row with a problem is never remembered as clean


def test_a_repeated_id_is_found_even_when_both_rows_were_clean_before():
    df = _seed_rows()
    rowcheck.row_problems(df)
    twice = pd.concat([df.iloc[[0]], df.iloc[[0]]], ignore_index=True)
    found = rowcheck.row_problems(twice)
    assert list(found) == [1] and "incident_id" in found[1][0]


def test_the_same_answer_as_the_validator_with_nothing_remembered():
    df = _seed_rows()
    mixed = df.copy()
    mixed.loc[0, "time_precision"] = "fortnight"
    mixed.loc[2, "local_tz"] = "Mars/Olympus"
    rowcheck._CLEAN.clear()
    cold = rowcheck.row_problems(mixed)
    warm = rowcheck.row_problems(mixed)
    direct = {p.row - 2 for p in validate(mixed.assign(source_path=""), ROOT)}
    assert cold == warm and set(cold) == direct == {0, 2}
