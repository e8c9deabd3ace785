"""export-acled: ACLED's current layout and order, formula neutralising, and the round trip through import-events."""

from __future__ import annotations

import csv

import pandas as pd

from dashboard.cli import main
from dashboard.export.acled import from_incidents, neutralise
from dashboard.store.imports.acled import CURRENT
from tests.conftest import INCIDENTS, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "acled"


def rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_acled_rows_round_trip_unchanged(tmp_path, capsys):
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    files = [FIXTURES / n for n in ("acled_current.csv", "acled_api_pre2023.csv", "acled_r_na_bom_crlf.csv")]
    assert main(["import-events", *map(str, files), "--db", str(first)]) == 0
    assert main(["export-acled", "--db", str(first), "--out", str(tmp_path / "out.csv")]) == 0
    assert main(["import-events", str(tmp_path / "out.csv"), "--db", str(second)]) == 0
    keep = ["incident_id", "origin", "start_utc", "end_utc", "time_precision", "latitude", "longitude"]
    keep += ["geo_precision", "fatalities", "notes", "source", "actor1", "actor2", "inter1", "interaction", "tags"]
    from dashboard.store.sqlite import Store

    a = Store(first).imported_events().sort_values("incident_id").reset_index(drop=True)
    b = Store(second).imported_events().sort_values("incident_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(
        a[keep + ["source_timestamp", "event_date"]], b[keep + ["source_timestamp", "event_date"]]
    )
    # ACLED's own cells go out as they came in (the pre-2023 file's "28 December 2022" as an ISO date)
    out = {r["event_id_cnty"]: r for r in rows(tmp_path / "out.csv")}
    assert out["KEN80001"]["event_date"] == "2022-12-28" and out["KEN80001"]["timestamp"] == "1672500000"
    assert out["NGA60001"]["inter1"] == "State forces" and out["NGA60001"]["fatalities"] == ""


def test_header_is_acleds_current_layout_in_order(tmp_path, capsys):
    db = tmp_path / "s.db"
    main(["import-events", str(FIXTURES / "ucdp_ged.csv"), "--db", str(db)])
    main(["export-acled", "--db", str(db), "--out", str(tmp_path / "out.csv")])
    header = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(CURRENT) and len(CURRENT) == 31
    out = {r["event_id_cnty"]: r for r in rows(tmp_path / "out.csv")}
    # UCDP's week (24–30 April) goes out as ACLED codes a week: its middle day, precision 2
    assert (out["900002"]["event_date"], out["900002"]["time_precision"]) == ("2021-04-27", "2")
    assert out["900002"]["tags"] == "origin: ucdp" and out["900002"]["iso"] == "231"


def test_our_reports_carry_excerpt_claimant_and_precision(store):
    store.import_csv(INCIDENTS)
    ours = store.load(background=False, typed_columns=False)
    out, left_out = from_incidents(ours)
    assert left_out == int(((ours["latitude"] == "") | (ours["time_precision"] == "unknown")).sum()) > 0
    sotk = out.set_index("event_id_cnty").loc["e0d85b518f5b"]
    # 20:05 UTC on 12 September is 00:05 on the 13th in Yerevan: ACLED's date is the local one
    assert (sotk.event_date, sotk.time_precision, sotk.geo_precision) == ("2022-09-13", "1", "2")
    assert (sotk.location, sotk.latitude, sotk.country, sotk.iso) == ("Sotk", "40.20007", "Armenia", "51")
    assert 'Excerpt: "Dalam sebuah pernyataan' in sotk.notes and sotk.notes.endswith("Claimed by: Armenia MoD.")
    assert sotk.tags == "origin: csv" and sotk.disorder_type == "Political violence"


def test_our_reports_come_back_with_their_origin_and_claimant(tmp_path, store, capsys):
    store.import_csv(INCIDENTS)
    out = tmp_path / "ours.csv"
    assert main(["export-acled", "--db", str(store.path), "--out", str(out), "--claimant", "Armenia MoD"]) == 0
    again = tmp_path / "again.db"
    assert main(["import-events", str(out), "--db", str(again)]) == 0
    from dashboard.store.sqlite import Store

    back = Store(again).imported_events().set_index("incident_id")
    assert set(back["origin"]) == {"csv"} and set(back["claimed_by"]) == {"Armenia MoD"}
    assert back.loc["e0d85b518f5b", ["start_utc", "end_utc", "time_precision"]].tolist() == [
        "2022-09-13T00:00Z",
        "2022-09-14T00:00Z",
        "day",
    ]


def test_formula_cells_are_neutralised_numbers_stay_numbers():
    df = pd.DataFrame(
        {
            "source": ['=HYPERLINK("x")', "+1", "-cmd", "@SUM(A1)", "\tx", "\rx", "plain", "a=b"],
            "longitude": ["-1.7833", "2", "-0.5", "=1+1", "3", "4", "5", "6"],
        }
    )
    out = neutralise(df)
    assert out["source"].tolist() == [
        '\'=HYPERLINK("x")',
        "'+1",
        "'-cmd",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "plain",
        "a=b",
    ]
    assert out["longitude"].tolist() == ["-1.7833", "2", "-0.5", "'=1+1", "3", "4", "5", "6"]


def test_neutralised_cells_read_back_as_they_were(tmp_path, capsys):
    db, again = tmp_path / "a.db", tmp_path / "b.db"
    main(["import-events", str(FIXTURES / "acled_current.csv"), "--db", str(db)])
    main(["export-acled", "--db", str(db), "--out", str(tmp_path / "out.csv")])
    written = {r["event_id_cnty"]: r for r in rows(tmp_path / "out.csv")}["GEO90004"]
    assert (written["source"], written["notes"][:2]) == ("'=Invented Agency", "'@")
    main(["import-events", str(tmp_path / "out.csv"), "--db", str(again)])
    from dashboard.store.sqlite import Store

    back = Store(again).imported_events().set_index("external_id").loc["GEO90004"]
    assert back.source == "=Invented Agency" and back.notes.startswith("@Invented")
