"""The import-events verb: says which layout it found, one line per bad cell, refuse or --skip-bad with counts."""

from __future__ import annotations

from dashboard.cli import main
from dashboard.store.sqlite import Store
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "acled"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import-events", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_each_file_says_which_layout_it_is(tmp_path, capsys):
    names = ["acled_current.csv", "acled_api_pre2023.csv", "acled_hdx.csv", "acled_r_na_bom_crlf.csv"]
    names += ["ucdp_ged.csv", "ucdp_hdx.csv"]
    code, out, err = run(capsys, *(str(FIXTURES / n) for n in names), "--db", str(tmp_path / "s.db"))
    assert code == 0 and err == ""
    for expected in (
        "acled_current.csv: ACLED, current 31-column layout\n",
        "acled_api_pre2023.csv: ACLED, API layout before March 2023\n",
        "acled_hdx.csv: ACLED, HDX country file (HXL hashtag row)\n",
        "acled_r_na_bom_crlf.csv: ACLED, current 31-column layout; UTF-8 BOM; CRLF line ends\n",
        "ucdp_ged.csv: UCDP GED, 49 columns\n",
        "ucdp_hdx.csv: UCDP GED, HDX file (HXL hashtag row)\n",
    ):
        assert expected in out
    assert len(Store(tmp_path / "s.db").imported_events()) == 4 + 2 + 2 + 2 + 2 + 1


def test_importing_twice_adds_nothing(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    run(capsys, str(FIXTURES / "acled_current.csv"), "--db", db, "--accessed", "2026-11-30")
    code, out, _ = run(capsys, str(FIXTURES / "acled_current.csv"), "--db", db)
    assert code == 0 and "4 events read: 0 added, 0 updated, 4 already stored" in out


def test_bad_rows_are_listed_and_nothing_is_stored(tmp_path, capsys):
    db = tmp_path / "s.db"
    code, out, err = run(capsys, str(FIXTURES / "acled_bad_rows.csv"), "--db", str(db))
    assert code == 1
    lines = [line for line in err.splitlines() if ", row " in line]
    assert [line.split("acled_bad_rows.csv, ")[1].split(":")[0] for line in lines] == [
        "row 3, column event_date",
        "row 4, column time_precision",
        "row 4, column latitude",
        "row 5, column event_id_cnty",
    ]
    assert "Error: " in err and "nothing imported" in err
    assert Store(db).imported_events().empty


def test_skip_bad_stores_the_good_rows_and_prints_counts(tmp_path, capsys):
    db = tmp_path / "s.db"
    code, out, _ = run(capsys, str(FIXTURES / "acled_bad_rows.csv"), "--db", str(db), "--skip-bad")
    assert code == 0
    assert "1 events read: 1 added" in out and "3 bad row(s) skipped:" in out
    for kind in ("bad event_date", "bad latitude", "bad time_precision", "repeated event_id_cnty"):
        assert f"    1 × {kind}\n" in out
    assert Store(db).imported_events()["external_id"].tolist() == ["KEN90001"]


def test_a_bad_access_date_or_an_unknown_file_is_an_error(tmp_path, capsys):
    code, _, err = run(capsys, str(FIXTURES / "ucdp_ged.csv"), "--db", str(tmp_path / "s.db"), "--accessed", "30/11/26")
    assert code == 1 and "Error: --accessed '30/11/26' is not a date (expected YYYY-MM-DD" in err
    code, _, err = run(capsys, str(tmp_path / "missing.csv"), "--db", str(tmp_path / "s.db"))
    assert code == 1 and "missing.csv: no such file" in err
