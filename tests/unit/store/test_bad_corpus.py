"""The bad-input corpus (tests/fixtures/bad/) through every command-line entry point: one clear message naming the
file (and row and column where there is one), exit 1, and the store's file byte-for-byte unchanged."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.ingest.articles import MAX_BYTES
from dashboard.store import csvfile
from dashboard.store.sqlite import Store
from tests.conftest import INCIDENTS, ROOT, SEED

BAD = ROOT / "tests" / "fixtures" / "bad"

ARTICLES = {
    "empty.txt": "the file is empty",
    "binary.txt": "looks like a binary file",
    "utf16.txt": "UTF-16 text",
    "latin1.txt": r"not UTF-8 text \(invalid continuation byte at byte \d+",
    "truncated_utf8.txt": r"not UTF-8 text \(unexpected end of data at byte \d+",
    "unclosed_front_matter.txt": "the front matter opened with '---' on line 1 is never closed",
    "published_0001.txt": r"published: '0001-01-01' is outside 1900-01-01\.\.2100-12-31",
    "published_impossible.txt": "published: '2022-02-30' is not a date",
}
CSVS = {
    "impossible_date.csv": "row 3, column start_utc: '2022-13-45T00:00Z' is not an ISO 8601 time",
    "date_9999.csv": "row 3, column end_utc: '9999-12-31T00:00Z' is outside",
    "latitude_95.csv": "row 3, column latitude: '95' is not a latitude",
    "latitude_nan.csv": "row 3, column latitude: 'NaN' is not a latitude",
    "longitude_inf.csv": "row 3, column longitude: 'inf' is not a longitude",
    "fatalities_1e30.csv": "row 3, column fatalities: '1e30' is not a whole number",
    "published_9999.csv": "row 3, column published: '9999-12-31' is outside",
    "article_outside.csv": "row 3, column source_path: '../../../../etc/hostname.txt': an article must be",
    "offset_beyond.csv": "row 3, column excerpt_end: '99999999' is beyond the end",
    "duplicate_ids.csv": r"row 4, column incident_id: '\w+' repeats an earlier row's incident_id",
    "duplicate_column.csv": "row 1, column notes: appears 2 times in the header",
    "empty.csv": "not a readable CSV file",
    "utf16.csv": r"not UTF-8 text \(invalid start byte at byte 0\)",
    "latin1.csv": r"not UTF-8 text \(invalid continuation byte at byte \d+\)",
}
GOOD = ("ok_bom.csv", "ok_crlf.csv", "ok_quoted_newline.csv")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def project(tmp_path, monkeypatch):
    """A store holding the seed, and a data/ + seeds/ layout where the corpus' CSVs find their article."""
    monkeypatch.setenv("DASHBOARD_ARTICLES", str(tmp_path / "seeds"))
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    db = tmp_path / "data" / "incidents.db"
    Store(db).import_csv(INCIDENTS)
    return tmp_path, db


def _one_error(capsys, pattern: str, name: str) -> None:
    import re

    out, err = capsys.readouterr()
    assert err.startswith("Error: ") and err.count("Error: ") == 1, err
    # validate lists each problem on stdout ("file, row N, column C: ..."); the others put it in the error
    said = out + err
    assert name in said and re.search(re.escape(name) + r".*" + pattern, said), said


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_ingest_refuses_each_bad_article(project, capsys, name):
    tmp_path, db = project
    before = _digest(db)
    path = tmp_path / "data" / name
    shutil.copy(BAD / name, path)
    assert main(["ingest", str(path), "--db", str(db)]) == 1
    _one_error(capsys, ARTICLES[name], str(path))
    assert _digest(db) == before


def test_ingest_refuses_generated_ones(project, capsys):
    tmp_path, db = project
    before = _digest(db)
    big = tmp_path / "data" / "over_5mb.txt"
    with big.open("wb") as f:  # generated, not committed
        f.write(b"Troops shelled the village of Sotk. " * (MAX_BYTES // 36 + 10))
    nul = tmp_path / "data" / "nul_after_8kb.txt"
    nul.write_bytes(SEED.read_bytes() + b"\n" + b"More text follows. " * 500 + b"\x00")
    fifo = tmp_path / "data" / "fifo.txt"
    os.mkfifo(fifo)
    for path, pattern in ((big, "over the 5 MB limit"), (nul, "binary"), (fifo, "not a regular file")):
        assert main(["ingest", str(path), "--db", str(db)]) == 1
        _one_error(capsys, pattern, str(path))
    assert _digest(db) == before


@pytest.mark.parametrize("name", sorted(CSVS))
def test_validate_and_import_refuse_each_bad_csv(project, capsys, name):
    tmp_path, db = project
    before = _digest(db)
    path = tmp_path / "data" / name
    shutil.copy(BAD / name, path)
    assert main(["validate", str(path)]) == 1
    _one_error(capsys, CSVS[name], str(path))
    assert main(["import-csv", str(path), "--db", str(db)]) == 1
    _one_error(capsys, CSVS[name], str(path))
    assert _digest(db) == before


@pytest.mark.parametrize("name", GOOD)
def test_bom_crlf_and_quoted_newlines_are_read_as_written(project, name):
    tmp_path, _ = project
    path = tmp_path / "data" / name
    shutil.copy(BAD / name, path)
    df = csvfile.load(path)
    assert list(df.columns[:3]) == ["incident_id", "event_group", "start_utc"]
    assert len(df) == 3 and df.at[0, "incident_id"] == csvfile.read_csv(INCIDENTS).at[0, "incident_id"]
    if name == "ok_quoted_newline.csv":
        assert df.at[1, "notes"] == 'first line\nsecond line, "quoted"'


def test_the_upload_reads_bytes_by_the_same_rules(tmp_path):
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    from dashboard.errors import InputError
    from dashboard.ui.ingest_pages import _upload_text

    for name in ("empty.txt", "binary.txt", "utf16.txt", "latin1.txt", "truncated_utf8.txt"):
        upload = UploadedFile(UploadedFileRec("id", name, "text/plain", (BAD / name).read_bytes()), None)
        with pytest.raises(InputError) as err:
            _upload_text(upload)
        import re

        assert str(err.value).startswith(f"{name}: ") and re.search(ARTICLES[name], str(err.value))
