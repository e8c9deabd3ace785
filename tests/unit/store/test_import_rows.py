"""import-csv of an article already in the store: new rows are imported and named, never silently dropped."""

from __future__ import annotations

from dashboard.cli import main
from dashboard.store.sqlite import Store
from tests.helpers import rows, write_rows


def _add_row(path, new_id: str) -> int:
    """Append a copy of the second row under a new id (a hand-coder's second place for the same sentence)."""
    data = rows(path)
    data.append(dict(data[1], incident_id=new_id, location="Sotk", notes="second coder"))
    write_rows(path, data)
    return len(data) + 1  # its row number as the validator counts (header is row 1)


def test_new_rows_of_a_stored_article_are_imported(incidents_copy, tmp_path):
    store = Store(tmp_path / "db" / "incidents.db")
    first = store.import_csv(incidents_copy)[0]
    row = _add_row(incidents_copy, "added000001")
    again = store.import_csv(incidents_copy)[0]
    assert again.article_id == first.article_id and again.already_stored
    assert again.added == 1 and again.incident_ids == ("added000001",)
    assert again.rows == (row,)
    assert "added000001" in set(store.load()["incident_id"])
    assert store.import_csv(incidents_copy)[0].added == 0  # still idempotent


def test_the_cli_names_the_rows_it_added(incidents_copy, tmp_path, capsys):
    db = tmp_path / "db" / "incidents.db"
    assert main(["import-csv", str(incidents_copy), "--db", str(db)]) == 0
    capsys.readouterr()
    row = _add_row(incidents_copy, "added000002")
    assert main(["import-csv", str(incidents_copy), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"1 new incident(s) added (row {row})" in out and "added000002" in out
    assert main(["import-csv", str(incidents_copy), "--db", str(db)]) == 0
    assert "already in the store, nothing new" in capsys.readouterr().out
