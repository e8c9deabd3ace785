"""Extraction time is linear in the text, and an article too long to extract in time is refused at once."""

from __future__ import annotations

import time

import pytest

from dashboard.cli.ingest import ingest_file, ingest_text
from dashboard.errors import InputError
from dashboard.ingest.articles import MAX_BYTES, MAX_CHARS, parse_article
from dashboard.ingest.extract import extract
from tests.conftest import TODAY

PLACES = ["Sotk", "Jermuk", "Goris", "Kapan", "Vardenis", "Ijevan", "Berd", "Martuni"]


def listing(size: int) -> str:
    """The worst shape found: one sentence listing place after place."""
    names = ", ".join(PLACES[i % len(PLACES)] for i in range(size // 7))
    return f"Shelling along the border\nAzerbaijani forces shelled {names} and Yerevan on Tuesday, the ministry said.\n"


def _seconds(resolver, size: int) -> float:
    article = parse_article(listing(size), published="2022-09-13")
    best = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        extract(article, resolver=resolver, today=TODAY)
        best = min(best, time.perf_counter() - t)
    return best


def test_a_sentence_listing_many_places_takes_linear_time(resolver):
    extract(parse_article(listing(2_000), published="2022-09-13"), resolver=resolver, today=TODAY)  # warm the geocoder
    small, large = _seconds(resolver, 10_000), _seconds(resolver, 80_000)
    # 8x the text: about 8x the time when linear, about 64x when quadratic (as it was: 5 s at 94 KB).
    assert large / small < 20, (small, large)


@pytest.mark.parametrize("shape", ["listing", "prose"])
def test_a_5_mb_article_is_refused_at_once_with_a_message(tmp_path, sqlite_store, shape):
    store = sqlite_store
    text = listing(MAX_BYTES - 1000) if shape == "listing" else ("Troops shelled the village of Sotk. " * 150_000)
    text = text[: MAX_BYTES - 100]
    assert MAX_CHARS < len(text) <= MAX_BYTES
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    t = time.perf_counter()
    with pytest.raises(InputError, match=rf"{path}: {len(text):,} characters is longer than one article"):
        ingest_file(path, store=store)
    with pytest.raises(InputError, match="longer than one article"):
        ingest_text(text, store=store)
    assert time.perf_counter() - t < 30
    assert store.articles().empty
