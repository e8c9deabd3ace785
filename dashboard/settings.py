"""The environment in, the project's settings out: file locations and every environment variable, read in one place.

``Settings.from_env()`` reads the environment once; the CLI and the app make one per run and pass it on, so
the code below them never looks at ``os.environ``. Variables:

- ``DASHBOARD_DB``: the store: a SQLite file (default ``data/incidents.db``) or a ``postgresql://`` URL;
- ``DASHBOARD_INCIDENTS``: show this incidents CSV instead of the store, read-only;
- ``DASHBOARD_CACHE_DIR``: the on-disk cache (gazetteer index, geocoder cache; default ``data/cache``);
- ``CHROMIUM``: the browser that photographs briefing PNGs (default ``/usr/bin/chromium``);
- ``USER``: recorded as who added an article or imported a CSV from the command line;
- ``DASHBOARD_ARTICLES``: more folders an incidents CSV may cite articles from (separated as PATH is);
- ``DASHBOARD_OPEN_READING``: with sign-in configured, ``1`` lets anyone read the map (dashboard/ui/access.py).

(The online geocoder's ``DASHBOARD_NOMINATIM_*`` are read by ``OnlineGeocoder.from_environment``, which takes
the mapping it reads from.)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
SEED_CSV = DATA_DIR / "incidents.csv"  # the seed article's hand-coded incidents: what `seed` fills a store with
# beside the app script: Streamlit serves it at /app/static
STATIC_DIR = Path(__file__).resolve().parent / "ui" / "static"
DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
STORE_URL_SCHEMES = ("postgresql://", "postgres://")


def store_location(value: str | Path) -> Path | str:
    """What ``DASHBOARD_DB`` or ``--db`` names: a ``postgresql://`` URL as given (a Path would mangle its //),
    else a file path."""
    if isinstance(value, str) and value.startswith(STORE_URL_SCHEMES):
        return value
    return Path(value).expanduser()


@dataclass(frozen=True)
class Settings:
    """Where the data lives and which tools to use; made once per run by ``from_env`` (or by a test, directly)."""

    db: Path | str = DATA_DIR / "incidents.db"  # a SQLite file, or a postgresql:// URL (store/engine.py)
    incidents: Path | None = None  # a CSV shown read-only instead of the store
    cache_dir: Path = DATA_DIR / "cache"
    chromium: Path = DEFAULT_CHROMIUM
    user: str | None = None
    articles: tuple[Path, ...] = ()  # folders beyond data/ and seeds/ that a CSV may cite articles from
    open_reading: str | None = None  # DASHBOARD_OPEN_READING as given; dashboard/ui/access.py parses it

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings ``environ`` (default: this process's environment) asks for; empty values are unset."""
        env = os.environ if environ is None else environ

        def path(name: str) -> Path | None:
            value = env.get(name)
            return Path(value).expanduser() if value else None

        return cls(
            db=store_location(env["DASHBOARD_DB"]) if env.get("DASHBOARD_DB") else cls.db,
            incidents=path("DASHBOARD_INCIDENTS"),
            cache_dir=path("DASHBOARD_CACHE_DIR") or cls.cache_dir,
            chromium=path("CHROMIUM") or cls.chromium,
            user=env.get("USER") or None,
            articles=tuple(
                Path(p).expanduser() for p in env.get("DASHBOARD_ARTICLES", "").split(os.pathsep) if p.strip()
            ),
            open_reading=env.get("DASHBOARD_OPEN_READING") or None,
        )


def cache_dir(settings: Settings | None = None) -> Path:
    """The on-disk cache (gazetteer index, geocoder cache), created if missing; ``DASHBOARD_CACHE_DIR`` moves it."""
    path = (settings or Settings.from_env()).cache_dir
    path.mkdir(parents=True, exist_ok=True)
    return path


def article_dirs(settings: Settings | None = None) -> list[Path]:
    """Folders an incidents CSV may cite articles from: the project's data/ and seeds/, and any named in
    ``DASHBOARD_ARTICLES``. Never wherever the CSV sits: a CSV in /tmp cannot read ~/x.txt."""
    return [DATA_DIR, SEEDS_DIR, *(settings or Settings.from_env()).articles]
