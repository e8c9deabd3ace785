"""A changed text at the same path is a new version: its incidents are stored, the old version's are superseded
(kept, audited, off the map) and analysts' corrections on incidents that still exist carry over."""

from __future__ import annotations

import re
import shutil

from dashboard.cli import main
from dashboard.cli.ingest import ingest_file
from tests.conftest import ARTICLES, TODAY

WIRE = ARTICLES / "en_wire_border_clashes.txt"
CORRECTION = "This report was updated to correct the spelling of a name.\n"


def _versions(store, tmp_path):
    path = tmp_path / "data" / "wire.txt"
    shutil.copy(WIRE, path)
    first = ingest_file(path, store=store).stored
    target = store.load().iloc[0]
    store.correct(target["incident_id"], {"claimed_by": "Armenia MoD (verified)"}, who="ra", reason="checked")
    path.write_text(WIRE.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
    second = ingest_file(path, store=store).stored
    return first, second, target


def test_a_changed_text_is_a_new_version_with_its_incidents(store, tmp_path):
    first, second, _ = _versions(store, tmp_path)
    assert not second.already_stored and second.added >= first.added > 0
    assert second.supersedes == (first.article_id,)
    assert not set(first.incident_ids) & set(second.incident_ids)
    shown = store.load()
    assert set(shown["article_id"]) == {second.article_id}  # the map shows the current version only
    everything = store.load(superseded=True)
    assert set(everything["incident_id"]) == set(first.incident_ids) | set(second.incident_ids)
    articles = store.articles().set_index("article_id")
    assert articles.at[first.article_id, "superseded_by"] == second.article_id
    assert articles.at[second.article_id, "superseded_by"] == ""
    assert store.problems() == []


def test_corrections_carry_over_to_the_incidents_that_still_exist(store, tmp_path):
    first, second, target = _versions(store, tmp_path)
    now = store.load().set_index("incident_id")
    same = now[(now["location"] == target["location"]) & (now["excerpt"] == target["excerpt"])]
    assert len(same) == 1 and same.iloc[0]["claimed_by"] == "Armenia MoD (verified)" and same.iloc[0]["corrected"]
    carried = store.audit(same.index[0])
    assert list(carried["who"]) == ["ra"] and "carried over from " + target["incident_id"] in carried.iloc[0]["reason"]
    assert len(store.audit(target["incident_id"])) == 1  # the old version keeps its own trail
    assert store.versions([same.index[0], target["incident_id"]]) == {same.index[0]: 2, target["incident_id"]: 2}


def test_the_same_text_again_is_still_nothing_new(store, tmp_path):
    _, second, _ = _versions(store, tmp_path)
    assert ingest_file(tmp_path / "data" / "wire.txt", store=store).stored.already_stored
    assert len(store.load()) == second.added


def test_the_cli_stores_the_new_version(tmp_path, capsys):
    path, db = tmp_path / "data" / "wire.txt", tmp_path / "data" / "incidents.db"
    path.parent.mkdir()
    shutil.copy(WIRE, path)
    assert main(["ingest", str(path), "--db", str(db)]) == 0
    path.write_text(WIRE.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    added = re.search(r"\((\d+) added to .*; supersedes the earlier version \w{12}\)", out)
    assert added and int(added[1]) > 0, out


def test_ids_keyed_on_the_path_do_not_swallow_the_new_version(store, resolver):
    """As ``extract`` keys ids on a repository path: the same key for both texts, yet both versions are stored."""
    from dashboard.ingest.articles import parse_article
    from dashboard.ingest.extract import extract

    text = WIRE.read_text(encoding="utf-8")
    old = extract(parse_article(text), resolver=resolver, today=TODAY, key="articles/wire.txt", source_path="wire.txt")
    new = extract(
        parse_article(text + CORRECTION),
        resolver=resolver,
        today=TODAY,
        key="articles/wire.txt",
        source_path="wire.txt",
    )
    assert {i.row["incident_id"] for i in old.incidents} & {i.row["incident_id"] for i in new.incidents}
    first, second = store.ingest(old), store.ingest(new)
    assert second.added == len(new.incidents) and not set(first.incident_ids) & set(second.incident_ids)
    assert len(store.load(superseded=True)) == len(old.incidents) + len(new.incidents)
    assert set(store.load()["article_id"]) == {second.article_id}
