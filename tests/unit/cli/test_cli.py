"""The command line: every verb documented, errors as ``Error: ...`` with exit 1, ``validate`` and ``geocode-incidents``.

Verbs run in this process through ``main(argv)``; one test runs the installed commands for real.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from dashboard.cli import build_parser
from tests.conftest import INCIDENTS, ROOT
from tests.helpers import run_cli, set_cell


def verbs() -> dict[str, tuple[argparse.ArgumentParser, str | None]]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "verb")
    return {
        name: (sub.choices[name], next((c.help for c in sub._choices_actions if c.dest == name), None))
        for name in sub.choices
    }


def test_every_verb_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    table = set(re.findall(r"^\| `([a-z-]+)", readme, flags=re.MULTILINE))  # the README's table of verbs
    found = verbs()
    assert {"prepare", "seed", "validate", "geocode-incidents", "geocode", "ingest", "snapshot"} <= set(found)
    for name, (parser, help_text) in found.items():
        assert help_text and len(help_text) > 20, f"verb {name} has no help text"
        assert name in table, f"verb {name} is not in the README's table of verbs"
        assert parser.description, f"verb {name} has no description for '{name} --help'"
        undocumented = [a.dest for a in parser._actions if not a.help]
        assert not undocumented, f"verb {name}: options without help: {undocumented}"
    # and the program's own description names every verb
    description = build_parser().description
    assert all(name in description for name in found), description


def test_usage_mistakes_are_errors_like_any_other(capsys):
    r = run_cli(capsys, "synthetic", "--n", "many", "--out", "x.csv")
    assert r.code == 1 and r.out == ""
    assert r.err == ("Error: argument --n: invalid int value: 'many' (see 'python -m dashboard synthetic --help')\n")
    r = run_cli(capsys, "no-such-verb")
    assert r.code == 1 and r.err.startswith("Error: argument VERB: invalid choice: 'no-such-verb'")
    r = run_cli(capsys)
    assert (
        r.code == 1
        and r.err == "Error: the following arguments are required: VERB (see 'python -m dashboard --help')\n"
    )


def test_validate_ok_and_bad(capsys, incidents_copy):
    ok = run_cli(capsys, "validate", INCIDENTS)
    assert ok.code == 0 and ok.out == f"{INCIDENTS}: 10 incidents, no problems\n"
    set_cell(incidents_copy, 5, "latitude", "north")
    bad = run_cli(capsys, "validate", incidents_copy)
    assert bad.code == 1
    assert f"{incidents_copy}, row 5, column latitude: 'north' is not a latitude" in bad.out
    assert bad.err == f"Error: 1 problem(s) in {incidents_copy}\n"


def test_missing_file_is_an_error_not_a_traceback(capsys, tmp_path):
    r = run_cli(capsys, "validate", tmp_path / "nope.csv")
    assert r.code == 1 and r.err.startswith(f"Error: {tmp_path / 'nope.csv'}") and "Traceback" not in r.err


def test_geocode_incidents_writes_nothing_when_a_place_does_not_resolve(capsys, incidents_copy):
    set_cell(incidents_copy, 5, "location", "Qwzxvbn Plkjh")
    before = incidents_copy.read_bytes()
    r = run_cli(capsys, "geocode-incidents", incidents_copy, "--context", "AM,AZ")
    assert r.code == 1 and r.err.startswith(f"Error: {incidents_copy}: nothing written;")
    assert "row 5, column location: 'Qwzxvbn Plkjh' is unresolved" in r.err
    assert incidents_copy.read_bytes() == before


def test_geocode_incidents_rewrites_the_file_whole_and_keeps_its_permissions(capsys, incidents_copy):
    incidents_copy.chmod(0o644)
    r = run_cli(capsys, "geocode-incidents", incidents_copy, "--context", "AM,AZ")
    assert r.code == 0, r.err
    assert incidents_copy.read_bytes() == INCIDENTS.read_bytes()  # the committed file is the geocoder's output
    assert incidents_copy.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in incidents_copy.parent.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_the_installed_commands_run():
    """``python -m dashboard`` and the ``dashboard`` console script (pyproject.toml) both start the CLI."""
    script = Path(sys.executable).parent / "dashboard"
    registered = verbs()  # the verbs in registration order, as the description names them
    for command in ([sys.executable, "-m", "dashboard", "--help"], [str(script), "--help"]):
        r = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, (command, r.stderr)
        assert r.stdout.startswith("usage: python -m dashboard")
        text = re.sub(r"-\s+", "-", " ".join(r.stdout.split()))  # argparse wraps "import-events" at its hyphen
        named = text.split("Verbs: ", 1)[1].split(".", 1)[0]
        assert named.split(", ") == list(registered)
