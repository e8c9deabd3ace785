"""The smaller defects of issue 16: each reproduced here first, then fixed."""

from __future__ import annotations

import os
import re

import pytest

from dashboard.cli import main
from dashboard.errors import InputError
from dashboard.ingest.articles import decode, load_article
from dashboard.store import csvfile
from tests.conftest import ARTICLES, SEED
from tests.helpers import rows, write_rows

WIRE = ARTICLES / "en_wire_border_clashes.txt"


def test_a_nul_byte_after_the_first_8_kb_is_refused(tmp_path):
    data = SEED.read_bytes()
    data = data + b"\n" + b"Lorem ipsum dolor sit amet. " * 400 + b"\x00tail"
    assert data.index(b"\x00") > 8192
    with pytest.raises(InputError, match="binary"):
        decode(data, "padded.txt")
    path = tmp_path / "padded.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=f"{path}: .*binary"):
        load_article(path)


@pytest.mark.timeout(20)
def test_a_device_is_refused_without_reading_it():
    with pytest.raises(InputError, match="/dev/zero: not a regular file"):
        load_article("/dev/zero")
    with pytest.raises(InputError, match="/dev/zero: not a regular file"):
        csvfile.read_csv("/dev/zero")


@pytest.mark.timeout(20)
def test_a_fifo_is_refused_without_waiting_on_it(tmp_path, capsys):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=f"{fifo}: not a regular file"):
        load_article(fifo)
    with pytest.raises(InputError, match=f"{fifo}: not a regular file"):
        csvfile.read_csv(fifo)
    assert main(["ingest", str(fifo), "--db", str(tmp_path / "x.db")]) == 1
    assert main(["import-csv", str(fifo), "--db", str(tmp_path / "x.db")]) == 1
    assert "not a regular file" in capsys.readouterr().err


def test_a_duplicated_column_is_reported(incidents_copy):
    data = rows(incidents_copy)
    header = list(data[0]) + ["notes"]
    with incidents_copy.open("w", encoding="utf-8", newline="") as f:
        import csv

        w = csv.writer(f)
        w.writerow(header)
        for r in data:
            w.writerow(list(r.values()) + ["again"])
    with pytest.raises(InputError, match=f"{incidents_copy}, row 1, column notes: appears 2 times in the header"):
        csvfile.load(incidents_copy)


def test_the_cli_prints_only_the_ids_it_stored(tmp_path, capsys):
    db = tmp_path / "data" / "incidents.db"
    assert main(["ingest", str(WIRE), "--db", str(db)]) == 0
    stored = set(re.findall(r"^  ([0-9a-f]{12}) ", capsys.readouterr().out, re.M))
    assert stored
    assert main(["ingest", str(WIRE), "--db", str(db)]) == 0
    again = capsys.readouterr().out
    assert "already in the store" in again and not stored & set(re.findall(r"[0-9a-f]{12}", again))
    assert main(["ingest", str(WIRE), "--dry-run"]) == 0
    dry = capsys.readouterr().out
    assert "nothing stored" in dry and not re.search(r"^  [0-9a-f]{12} ", dry, re.M)


def test_rows_written_back_keep_their_columns(incidents_copy):
    write_rows(incidents_copy, rows(incidents_copy))
    assert len(csvfile.load(incidents_copy))


def test_a_snapshot_window_wider_than_the_data_is_the_window_asked_for(tmp_path, capsys):
    from tests.conftest import INCIDENTS

    out = tmp_path / "briefing.html"
    # The seed's first incident starts at 01:00 on the 12th: a briefing for "12-13 September" covers it all.
    args = ["snapshot", "--incidents", str(INCIDENTS), "--out", str(out)]
    assert main([*args, "--start", "2022-09-12T00:00Z", "--end", "2022-09-13T23:59Z"]) == 0
    assert "Error" not in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert "12 Sep 2022 00:00 – 13 Sep 2022 23:59 UTC" in page
    # a window with no data at all is still an error
    assert main([*args, "--start", "2023-01-01T00:00Z", "--end", "2023-01-02T00:00Z"]) == 1
    assert "holds no incidents" in capsys.readouterr().err
