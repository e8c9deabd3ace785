"""Settings: every environment variable read in one place, empty values as unset, defaults inside the project."""

from __future__ import annotations

from pathlib import Path

from dashboard.settings import DATA_DIR, Settings, cache_dir


def test_defaults_when_nothing_is_set():
    s = Settings.from_env({})
    assert s == Settings(
        db=DATA_DIR / "incidents.db",
        incidents=None,
        cache_dir=DATA_DIR / "cache",
        chromium=Path("/usr/bin/chromium"),
        user=None,
    )
    assert Settings.from_env({"DASHBOARD_DB": "", "DASHBOARD_INCIDENTS": "", "USER": ""}) == s


def test_each_variable_sets_its_field(tmp_path):
    s = Settings.from_env(
        {
            "DASHBOARD_DB": str(tmp_path / "x.db"),
            "DASHBOARD_INCIDENTS": "~/incidents.csv",
            "DASHBOARD_CACHE_DIR": str(tmp_path / "cache"),
            "CHROMIUM": "/opt/chromium",
            "USER": "analyst",
            "UNRELATED": "ignored",
        }
    )
    assert s.db == tmp_path / "x.db" and s.incidents == Path.home() / "incidents.csv"
    assert s.cache_dir == tmp_path / "cache" and s.chromium == Path("/opt/chromium") and s.user == "analyst"
    assert cache_dir(s) == tmp_path / "cache" and (tmp_path / "cache").is_dir()  # made when first asked for
