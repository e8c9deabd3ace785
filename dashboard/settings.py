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
