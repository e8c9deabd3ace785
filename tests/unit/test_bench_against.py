"""benchmarks.against refuses what it cannot compare before it checks anything out or installs anything."""

import pytest

from benchmarks import against


def test_a_ref_that_is_no_commit_is_named_in_the_error(tmp_path, monkeypatch):
    monkeypatch.setattr(against, "TREES", tmp_path / "trees")
    with pytest.raises(SystemExit) as exc:
        against.main(["no-such-commit-xyz", "--sizes", "10"])
    assert str(exc.value) == "Error: 'no-such-commit-xyz' is not a commit in " + str(against.ROOT)
    assert not (tmp_path / "trees").exists()  # nothing checked out, no environment made


def test_every_move_dropped_is_refused(capsys):
    with pytest.raises(SystemExit) as exc:
        against.main(["HEAD", "--moves", "2", "--drop", "2"])
    assert exc.value.code == 2
    assert "--moves must be more than --drop" in capsys.readouterr().err
