"""The evaluate verb's scoring: places within 10 km, claimant sides, local days, and the gold file's checks."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.errors import InputError
from dashboard.ingest.evaluate import day_right, km, load_gold, score_article, side_of

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"


def _row(lat="", lon="", claimed_by="Ukraine MoD", start="", end="", tz="Europe/Kyiv", source="Kyiv Ledger"):
    return dict(
        latitude=lat,
        longitude=lon,
        claimed_by=claimed_by,
        start_utc=start,
        end_utc=end or start,
        local_tz=tz,
        source=source,
    )


GOLD = dict(
    article="a.txt",
    location="Nikopol",
    latitude="47.56826",
    longitude="34.39126",
    claimant_side="UA",
    claimant="Ukraine MoD",
    local_day="2025-03-09",
)


def test_distance_is_great_circle():
    assert km((0.0, 0.0), (0.0, 1.0)) == pytest.approx(111.19, abs=0.1)


def test_a_place_counts_within_ten_km_not_beyond():
    near = _row("47.60", "34.45", start="2025-03-08T23:30Z")  # ~5.6 km away; 01:30 local on the 9th
    far = _row("47.75", "34.39", start="2025-03-08T23:30Z")  # ~20 km north
    assert score_article([GOLD], [near]).place_recall == 1.0
    s = score_article([GOLD], [far])
    assert (s.place_recall, s.place_precision, s.claim_accuracy) == (0.0, 0.0, 0.0)


def test_claim_needs_side_and_local_day():
    right = _row("47.56826", "34.39126", start="2025-03-08T23:30Z")  # 01:30 on 9 March in Kyiv (UTC+2)
    assert score_article([GOLD], [right]).claim_accuracy == 1.0
    wrong_day = _row("47.56826", "34.39126", start="2025-03-09T22:30Z")  # 00:30 on the 10th
    assert score_article([GOLD], [wrong_day]).claim_accuracy == 0.0
    wrong_side = _row("47.56826", "34.39126", claimed_by="Russia MoD", start="2025-03-08T23:30Z")
    s = score_article([GOLD], [wrong_side])
    assert (s.claim_accuracy, s.day_accuracy) == (0.0, 1.0)


def test_no_time_is_counted_and_never_a_right_day():
    s = score_article([GOLD], [_row("47.56826", "34.39126")])
    assert (s.no_time, s.no_time_share, s.day_accuracy) == (1, 1.0, 0.0)


def test_a_month_long_interval_does_not_name_a_day():
    assert not day_right(_row(start="2025-03-01T00:00Z", end="2025-04-01T00:00Z"), date(2025, 3, 9))
    assert day_right(_row(start="2025-03-08T16:00Z", end="2025-03-09T04:00Z"), date(2025, 3, 9))  # a night


def test_sides_of_labels():
    assert side_of("Ukraine MoD", "X") == "UA"
    assert side_of("Azerbaijani media", "X") == "AZ"
    assert side_of("anonymous source", "X") == "anonymous"
    assert side_of("Kyiv Ledger", "Kyiv Ledger") == "outlet"
    assert side_of("the Syrian Observatory", "X") == "syrian observatory"
    assert side_of("Kyiv Ledger", "Kyiv Ledger via AFP") == "outlet"


def test_gold_file_errors_name_row_and_column(tmp_path):
    bad = tmp_path / "g.csv"
    bad.write_text("article,location,latitude,longitude,claimant_side,local_day\na.txt,X,1,2,UA,13/9\n")
    with pytest.raises(InputError, match=r"g.csv, row 2, column local_day: '13/9' is not a day"):
        load_gold(bad)
    bad.write_text("article,location\na.txt,X\n")
    with pytest.raises(InputError, match="missing column"):
        load_gold(bad)


def test_corpus_gold_has_a_file_per_article_and_ten_indonesian():
    articles = sorted(CORPUS.glob("*.txt"))
    gold = load_gold(CORPUS)
    assert len(articles) >= 24 and sorted(gold) == [p.name for p in articles]
    assert sum(p.name.startswith("id_") for p in articles) >= 10


def test_cli_prints_overall_figures_and_json(capsys):
    assert main(["evaluate", str(CORPUS), str(CORPUS), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["articles"]) == {p.name for p in CORPUS.glob("*.txt")}
    assert data["overall"]["claims"] == sum(len(v) for v in load_gold(CORPUS).values())
    assert main(["evaluate", str(CORPUS / "missing.csv"), str(CORPUS)]) == 1
    assert "Error:" in capsys.readouterr().err
