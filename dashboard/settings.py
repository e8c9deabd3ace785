"""Where the project's files live: the repository root, data/ and the on-disk cache."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"
STATIC_DIR = (
    Path(__file__).resolve().parent / "ui" / "static"
)  # beside the app script: Streamlit serves it at /app/static


def cache_dir() -> Path:
    """The on-disk cache (gazetteer index, geocoder cache); ``DASHBOARD_CACHE_DIR`` overrides it."""
    path = Path(os.environ.get("DASHBOARD_CACHE_DIR") or DATA_DIR / "cache")
    path.mkdir(parents=True, exist_ok=True)
    return path


def article_dirs() -> list[Path]:
    """Folders an incidents CSV may cite articles from: the project's data/ and seeds/, and any named in
    ``DASHBOARD_ARTICLES`` (separated as PATH is). Never wherever the CSV sits: a CSV in /tmp cannot read ~/x.txt."""
    extra = [Path(p).expanduser() for p in os.environ.get("DASHBOARD_ARTICLES", "").split(os.pathsep) if p.strip()]
    return [DATA_DIR, SEEDS_DIR, *extra]
