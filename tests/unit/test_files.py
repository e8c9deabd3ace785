"""The atomic write: the whole new text or the old file, never half; permissions kept, no temporary left behind."""

from __future__ import annotations

import pytest

from dashboard.files import write_text_atomic


def test_writes_a_new_file_and_replaces_an_old_one_keeping_its_mode(tmp_path):
    path = tmp_path / "sub" / "incidents.csv"
    assert write_text_atomic(path, "a,b\n1,2\n") == path
    assert path.read_bytes() == b"a,b\n1,2\n"
    path.chmod(0o644)
    write_text_atomic(path, "a,b\r\n3,4\n")  # written as given: no newline translation
    assert path.read_bytes() == b"a,b\r\n3,4\n" and path.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in path.parent.iterdir()) == ["incidents.csv"]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_text("old\n")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(path, "new \udcff text")  # a lone surrogate cannot be written as UTF-8
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incidents.csv"]
