"""Issue 11's targets on the development corpus (hand-coded gold in tests/fixtures/corpus/*.gold.csv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.ingest.evaluate import evaluate, load_gold
from tests.conftest import TODAY

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def overall(resolver):
    return evaluate(load_gold(CORPUS), CORPUS, resolver=resolver, today=TODAY).overall


def test_places_found_and_nothing_else_mapped(overall):
    assert overall.place_recall >= 0.95 and overall.place_precision >= 0.95, overall.misses


def test_claims_right(overall):
    assert overall.claim_accuracy >= 0.90, overall.misses


def test_event_days_right_and_every_incident_timed(overall):
    assert overall.day_accuracy >= 0.95
    assert overall.no_time == 0  # every corpus article has a date
