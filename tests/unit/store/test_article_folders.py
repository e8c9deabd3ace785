"""Articles are read only from the project's data/ and seeds/ folders, or from folders named in
DASHBOARD_ARTICLES: never from wherever a CSV happens to sit."""

from __future__ import annotations

import shutil

import pytest

from dashboard.cli import main
from dashboard.errors import InputError
from dashboard.store import csvfile
from dashboard.store.sqlite import Store
from tests.conftest import INCIDENTS, SEED
from tests.helpers import rows, write_rows


@pytest.fixture()
def stray(tmp_path, monkeypatch):
    """The seed CSV and its article copied to a folder nobody configured (as /tmp would be)."""
    monkeypatch.delenv("DASHBOARD_ARTICLES", raising=False)
    (tmp_path / "data").mkdir()
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    shutil.copy(INCIDENTS, tmp_path / "data" / "incidents.csv")
    return tmp_path / "data" / "incidents.csv"


def test_a_csv_outside_the_project_cannot_cite_articles_beside_it(stray, tmp_path):
    with pytest.raises(InputError) as err:
        csvfile.load(stray)
    message = str(err.value)
    assert f"{stray}, row 2, column source_path: '../seeds/{SEED.name}': an article must be a .txt file" in message
    assert "DASHBOARD_ARTICLES" in message
    with pytest.raises(InputError, match="DASHBOARD_ARTICLES"):
        Store(tmp_path / "db" / "incidents.db").import_csv(stray)
    assert main(["import-csv", str(stray), "--db", str(tmp_path / "db" / "x.db")]) == 1


def test_a_secret_txt_elsewhere_is_never_read(stray, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the analyst's private notes", encoding="utf-8")
    data = rows(stray)
    data[0]["source_path"] = "../secret.txt"
    write_rows(stray, data)
    problems = csvfile.validate(csvfile.read_csv(stray), stray.parent, article_dirs=[tmp_path / "seeds"])
    assert [str(p) for p in problems if p.row == 2][0].startswith("row 2, column source_path: '../secret.txt'")


def test_a_configured_folder_is_allowed(stray, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_ARTICLES", str(tmp_path / "seeds"))
    assert len(csvfile.load(stray)) == len(rows(stray))
    monkeypatch.delenv("DASHBOARD_ARTICLES")
    db = tmp_path / "db" / "incidents.db"
    assert main(["import-csv", str(stray), "--db", str(db), "--articles", str(tmp_path / "seeds")]) == 0
    assert len(Store(db).load(background=True)) == len(rows(stray))


def test_the_project_seed_csv_needs_no_configuration(monkeypatch):
    monkeypatch.delenv("DASHBOARD_ARTICLES", raising=False)
    assert len(csvfile.load(INCIDENTS)) == len(rows(INCIDENTS))
