"""The command line: every verb documented, errors as ``Error: ...`` with exit 1, and ``validate``."""

from __future__ import annotations

import subprocess
import sys

from dashboard.cli import build_parser
from tests.conftest import INCIDENTS, ROOT
from tests.helpers import set_cell


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def verbs() -> dict:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "verb")
    return {
        name: (sub.choices[name], next((c.help for c in sub._choices_actions if c.dest == name), None))
        for name in sub.choices
    }


def test_every_verb_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    found = verbs()
    assert {"prepare", "validate", "geocode-incidents", "geocode"} <= set(found)
    for name, (parser, help_text) in found.items():
        assert help_text, f"verb {name} has no help text"
        assert f"`{name}" in readme, f"verb {name} is not in the README"
        assert parser.format_help()


def test_validate_ok_and_bad(incidents_copy):
    ok = cli("validate", str(INCIDENTS))
    assert ok.returncode == 0 and "no problems" in ok.stdout
    set_cell(incidents_copy, 5, "latitude", "north")
    bad = cli("validate", str(incidents_copy))
    assert bad.returncode == 1
    assert f"{incidents_copy}, row 5, column latitude: 'north' is not a latitude" in bad.stdout
    assert bad.stderr.startswith("Error: 1 problem(s)")


def test_missing_file_is_an_error_not_a_traceback(tmp_path):
    r = cli("validate", str(tmp_path / "nope.csv"))
    assert r.returncode == 1 and r.stderr.startswith("Error: ") and "Traceback" not in r.stderr


def test_geocode_incidents_writes_nothing_when_a_place_does_not_resolve(incidents_copy):
    set_cell(incidents_copy, 5, "location", "Qwzxvbn Plkjh")
    before = incidents_copy.read_bytes()
    r = cli("geocode-incidents", str(incidents_copy), "--context", "AM,AZ")
    assert r.returncode == 1 and "row 5, column location: 'Qwzxvbn Plkjh' is unresolved" in r.stderr
    assert incidents_copy.read_bytes() == before


def test_geocode_incidents_rewrites_the_file_whole_and_keeps_its_permissions(incidents_copy):
    incidents_copy.chmod(0o644)
    r = cli("geocode-incidents", str(incidents_copy), "--context", "AM,AZ")
    assert r.returncode == 0, r.stderr
    assert incidents_copy.read_bytes() == INCIDENTS.read_bytes()  # the committed file is the geocoder's output
    assert incidents_copy.stat().st_mode & 0o777 == 0o644
