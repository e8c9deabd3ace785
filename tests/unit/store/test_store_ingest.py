"""store.py against real SQLite files: idempotent ingest, provenance, CSV import, corrections and their audit."""

from __future__ import annotations

import os

import pytest

from dashboard.cli.ingest import ingest_file, ingest_text
from dashboard.errors import InputError, StoreError
from dashboard.geocoding import get_resolver
from dashboard.store import sqlite as store_module
from dashboard.store.csvfile import load as load_csv
from tests.conftest import ARTICLES as FIXTURES
from tests.conftest import INCIDENTS, ROOT, SEED, TODAY

WIRE = FIXTURES / "en_wire_border_clashes.txt"


def test_same_article_twice_adds_nothing(store):
    first = ingest_file(SEED, store=store)
    second = ingest_file(SEED, store=store)
    assert first.stored.added == 11 and not first.stored.already_stored
    assert second.stored.added == 0 and second.stored.already_stored
    assert len(store.load()) == 11
    # the same text pasted (no path) is the same article too
    assert ingest_text(SEED.read_text(encoding="utf-8"), store=store).stored.already_stored


def test_load_is_shaped_like_the_csv_loader(store):
    ingest_file(SEED, store=store)
    from_store = store.load(background=False)
    from_csv = load_csv(INCIDENTS)
    assert set(from_csv.columns) <= set(from_store.columns)
    assert {"background", "corrected", "article_id", "origin"} <= set(from_store.columns)
    for column in ("start", "end", "latitude", "geo_precision", "fatalities", "mapped"):
        assert from_store[column].dtype == from_csv[column].dtype, column
    assert sorted(from_store["incident_id"]) == sorted(from_csv["incident_id"])
    assert len(store.load()) == len(from_store) + 1  # the background row, kept but off by default


def test_provenance_and_excerpts_checkable_from_the_store(store):
    ingest_file(WIRE, store=store, who="analyst-a")
    articles = store.articles()
    assert articles.loc[0, "added_by"] == "analyst-a" and articles.loc[0, "origin"] == "ingest"
    assert articles.loc[0, "source_path"] == os.path.relpath(WIRE, store.folder)  # relative to the store's folder
    text = store.article_text(articles.loc[0, "article_id"])
    for _, row in store.load().iterrows():
        assert text[int(row["excerpt_start"]) : int(row["excerpt_end"])] == row["excerpt"]
    assert store.problems() == []


def test_import_csv_is_idempotent_and_the_seed_ingest_then_adds_nothing(store):
    assert store.import_csv(INCIDENTS)[0].added == 10
    assert store.import_csv(INCIDENTS)[0].already_stored
    assert ingest_file(SEED, store=store).stored.already_stored  # the hand-coding stays authoritative
    assert len(store.load()) == 10 and store.problems() == []


def test_corrections_are_audited_and_survive_reingest(store):
    ingest_file(SEED, store=store)
    target = store.load().query("location == 'Sok'").iloc[0]
    audit = store.correct(
        target["incident_id"],
        {"claimed_by": "Armenia MoD (verified)", "fatalities": "2"},
        who="ra",
        reason="second source",
    )
    assert [(a["field"], a["old"], a["new"], a["who"]) for a in audit] == [
        ("claimed_by", "Armenia MoD", "Armenia MoD (verified)", "ra"),
        ("fatalities", "", "2", "ra"),
    ]
    ingest_file(SEED, store=store)
    ingest_text(SEED.read_text(encoding="utf-8"), store=store)
    row = store.load().set_index("incident_id").loc[target["incident_id"]]
    assert row["claimed_by"] == "Armenia MoD (verified)" and row["fatalities"] == 2 and row["corrected"]
    log = store.audit(target["incident_id"])
    assert list(log["field"]) == ["fatalities", "claimed_by"] and set(log["who"]) == {"ra"}


def test_bad_corrections_store_nothing(store):
    ingest_file(SEED, store=store)
    iid = store.load().iloc[0]["incident_id"]
    with pytest.raises(InputError, match="is not an ACLED event type"):
        store.correct(iid, {"event_type": "Skirmish"}, who="ra")
    with pytest.raises(InputError, match="cannot correct 'excerpt'"):
        store.correct(iid, {"excerpt": "x"}, who="ra")
    with pytest.raises(InputError, match="needs 'who'"):
        store.correct(iid, {"notes": "x"}, who=" ")
    with pytest.raises(InputError, match="no incident"):
        store.correct("nope", {"notes": "x"}, who="ra")
    assert store.audit().empty


def test_background_can_be_corrected(store):
    ingest_file(SEED, store=store)
    iid = store.load().query("background").iloc[0]["incident_id"]
    store.correct(iid, {"background": "false"}, who="ra")
    assert iid in set(store.load(background=False)["incident_id"])


def test_a_failing_ingest_stores_nothing(store):
    from dashboard.ingest.articles import load_article
    from dashboard.ingest.extract import extract

    result = extract(load_article(SEED), resolver=get_resolver(), today=TODAY, root=ROOT, source_path="x")
    broken = result.incidents[-1]
    broken.row["excerpt"] = "not the text"  # the last row fails the excerpt check, after the others were inserted
    with pytest.raises(InputError, match="nothing stored"):
        store.ingest(result)
    assert store.load().empty and store.articles().empty


def test_not_a_database(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("not sqlite")
    with pytest.raises(StoreError, match="x.db"):
        store_module.Store(bad)


def test_no_places_is_a_clear_error(store):
    with pytest.raises(InputError, match="no places found"):
        ingest_text("Sebuah judul\nRapat kabinet membahas anggaran pendidikan tahun depan.", store=store)
    assert store.articles().empty
