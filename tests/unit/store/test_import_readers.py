"""The ACLED and UCDP readers on files written in each variant's exact layout (invented events, no ACLED rows)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.errors import InputError
from dashboard.store.imports import open_events
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "acled"


def read(name: str):
    events = open_events(FIXTURES / name)
    parts = list(events.chunks())
    rows = pd.concat([r for r, _ in parts], ignore_index=True)
    problems = [p for _, found in parts for p in found]
    return events, rows.set_index("external_id", drop=False), problems


def test_current_layout_is_recognised_and_each_precision_is_its_acled_interval():
    events, rows, problems = read("acled_current.csv")
    assert events.variant == "ACLED, current 31-column layout" and not problems
    day, week, month = rows.loc["KEN90001"], rows.loc["KEN90002"], rows.loc["MLI90003"]
    # 1: the day itself; 2: the week around the date (ACLED codes a week to its middle day); 3: the month
    assert (day.start_utc, day.end_utc, day.time_precision) == ("2023-04-03T00:00Z", "2023-04-04T00:00Z", "day")
    assert (week.start_utc, week.end_utc, week.time_precision) == ("2023-04-09T00:00Z", "2023-04-16T00:00Z", "week")
    assert (month.start_utc, month.end_utc, month.time_precision) == (
        "2023-05-01T00:00Z",
        "2023-06-01T00:00Z",
        "month",
    )
    assert (month.latitude, month.longitude, month.geo_precision) == ("15.0500", "-1.7833", "2")
    assert (month.fatalities, month.country_code, month.claimed_by, month.origin) == ("2", "ML", "ACLED", "acled")
    assert month.incident_id == "acled:MLI90003" and month.source_timestamp == 1686000000
    assert month.notes.startswith("Invented: a roadside device") and month.source == "Invented Radio"
    assert (day.actor1, day.actor2, day.inter1, day.interaction) == (
        "Military Forces of Kenya (2022-)",
        "Al Shabaab",
        "1",
        "12",
    )
    assert rows.loc["GEO90004", "fatalities"] == ""  # unknown stays unknown, not 0


def test_pre_2023_api_layout_with_export_tool_dates():
    events, rows, problems = read("acled_api_pre2023.csv")
    assert events.variant == "ACLED, API layout before March 2023" and not problems
    assert rows.loc["KEN80001", "start_utc"] == "2022-12-28T00:00Z"  # "28 December 2022"
    assert rows.loc["KEN80002", "event_date"] == "2023-01-03"  # "3 January 2023", week → 31 Dec – 6 Jan
    assert rows.loc["KEN80002", ["start_utc", "end_utc"]].tolist() == ["2022-12-31T00:00Z", "2023-01-07T00:00Z"]
    assert rows.loc["KEN80001", "country_code"] == "KE"


def test_hdx_file_with_hxl_row_and_no_fatalities_admin3_or_iso():
    events, rows, problems = read("acled_hdx.csv")
    assert events.variant == "ACLED, HDX country file (HXL hashtag row)" and not problems
    assert list(rows.index) == ["SOM70001", "SOM70002"]  # the hashtag row is not an event
    assert rows.loc["SOM70001", "time_precision"] == "day"  # no time_precision column: an exact day
    assert rows.loc["SOM70002", ["fatalities", "admin3", "country_code"]].tolist() == ["", "", "SO"]
    assert (rows.loc["SOM70001", "latitude"], rows.loc["SOM70001", "longitude"]) == ("4.7358", "45.2036")


def test_r_written_file_with_na_bom_crlf_and_text_inter_codes():
    events, rows, problems = read("acled_r_na_bom_crlf.csv")
    assert events.describe() == "ACLED, current 31-column layout; UTF-8 BOM; CRLF line ends"
    assert not problems
    first = rows.loc["NGA60001"]
    assert first.external_id == "NGA60001"  # the BOM is not part of the first column's name
    assert (first.fatalities, first.assoc_actor_1, first.tags) == ("", "", "")  # NA is empty
    assert (first.inter1, first.inter2, first.interaction) == (
        "State forces",
        "Rebel group",
        "State forces-Rebel group",
    )
    assert not rows["notes"].str.contains("\r").any()


def test_ucdp_ged_dates_precisions_and_fatalities():
    events, rows, problems = read("ucdp_ged.csv")
    assert events.variant == "UCDP GED, 49 columns" and not problems
    one, week = rows.loc["900001"], rows.loc["900002"]
    assert (one.start_utc, one.end_utc, one.time_precision) == ("2021-03-14T00:00Z", "2021-03-15T00:00Z", "day")
    # date_end is the last possible day, so the interval runs to the end of it
    assert (week.start_utc, week.end_utc, week.time_precision) == ("2021-04-24T00:00Z", "2021-05-01T00:00Z", "week")
    assert (one.geo_precision, week.geo_precision) == ("1", "3")  # where_prec 1 → 1, 4 (province) → 3
    assert (one.fatalities, one.fatalities_low, one.fatalities_high) == ("8", "6", "12")
    assert "best 8, low 6, high 12" in one.notes
    assert (one.actor1, one.actor2, one.incident_id) == ("Government of Ethiopia", "Invented Front", "ucdp:900001")
    assert (week.event_type, week.sub_event_type) == ("Violence against civilians", "Attack")


def test_ucdp_hdx_variant_with_hxl_row():
    events, rows, problems = read("ucdp_hdx.csv")
    assert events.variant == "UCDP GED, HDX file (HXL hashtag row)" and not problems
    assert list(rows.index) == ["900003"]
    assert rows.loc["900003", ["start_utc", "end_utc"]].tolist() == ["2021-05-02T00:00Z", "2021-05-04T00:00Z"]


def test_each_bad_cell_is_named_by_file_row_and_column():
    _, rows, problems = read("acled_bad_rows.csv")
    messages = sorted(str(p).split("acled_bad_rows.csv, ")[1] for p in problems)
    assert messages == [
        "row 3, column event_date: '2023-13-40' is not a date (expected 2022-12-28 or 28 December 2022)",
        "row 4, column latitude: '95.0' is not a latitude (-90 to 90)",
        "row 4, column time_precision: '4' is not an ACLED time_precision (1 day, 2 week, 3 month)",
        "row 5, column event_id_cnty: 'KEN90001' repeats an earlier row's id",
    ]
    assert list(rows.index) == ["KEN90001"]  # the good rows only


def test_rows_are_counted_across_chunks(tmp_path):
    events = open_events(FIXTURES / "acled_bad_rows.csv")
    problems = [p for _, found in events.chunks(chunk_rows=1) for p in found]
    assert sorted(p.row for p in problems) == [3, 4, 4, 5]


def test_an_unknown_header_is_refused_with_what_is_accepted(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("date,place,count\n2023-01-01,Here,1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"other.csv, row 1: not an ACLED or UCDP GED header .*event_id_cnty"):
        open_events(path)


def test_a_row_with_the_wrong_number_of_cells_is_a_problem_and_later_rows_keep_their_numbers(tmp_path):
    lines = (FIXTURES / "acled_current.csv").read_text(encoding="utf-8").splitlines()
    bad_date = lines[1].replace("KEN90001", "KEN90008").replace("2023-04-03", "2023-99-03")
    path = tmp_path / "ragged.csv"
    path.write_text("\n".join([*lines, "KEN99999,2023-04-03,2023,1", bad_date]) + "\n", encoding="utf-8")
    events = open_events(path)
    parts = list(events.chunks(chunk_rows=2))
    problems = sorted((p for _, found in parts for p in found), key=lambda p: p.row)
    assert [(p.row, p.column, p.kind) for p in problems] == [
        (6, "event_id_cnty", "wrong number of cells"),
        (7, "event_date", "bad event_date"),
    ]
    assert "the row has 4 cells, the header 31" in str(problems[0])
    assert sum(len(rows) for rows, _ in parts) == 4


def test_upper_case_headers_of_old_exports_are_read_by_name(tmp_path):
    lines = (FIXTURES / "acled_api_pre2023.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "upper.csv"
    path.write_text("\n".join([lines[0].upper(), *lines[1:]]) + "\n", encoding="utf-8")
    events = open_events(path)
    rows = pd.concat([r for r, _ in events.chunks()])
    assert rows["external_id"].tolist() == ["KEN80001", "KEN80002"]
    assert rows["start_utc"].tolist() == ["2022-12-28T00:00Z", "2022-12-31T00:00Z"]


def test_files_that_are_not_csv_text_are_refused(tmp_path):
    empty, binary = tmp_path / "empty.csv", tmp_path / "latin1.csv"
    empty.write_bytes(b"")
    # the bad byte after the first rows: Arrow's reader meets it, not the header sniffing
    rows = "".join(f"X{i},2023-01-01,1,2,Battles\n" for i in range(2000))  # past the header reader's buffer
    body = "event_id_cnty,event_date,latitude,longitude,event_type\n" + rows
    binary.write_bytes(body.encode() + "X,2023-01-01,1,2,Bogot\xe1\n".encode("latin-1"))
    with pytest.raises(InputError, match="empty.csv: empty file"):
        open_events(empty)
    with pytest.raises(InputError, match="latin1.csv: not UTF-8 text"):
        events = open_events(binary)
        list(events.chunks())


def test_date_styles_of_acled_and_ged_files():
    from dashboard.store.imports.reader import dates

    written = ["2022-12-28", "28 December 2022", "28 Dec 2022", "28/12/2022", "28-12-2022", "2022-12-28 00:00:00.000"]
    assert dates(pd.Series(written, dtype="str")).dt.strftime("%Y-%m-%d").tolist() == ["2022-12-28"] * 6
    # month-first (12/28/2022) and impossible dates are not guessed
    assert dates(pd.Series(["12/28/2022", "2022-02-30", "yesterday"], dtype="str")).isna().all()
