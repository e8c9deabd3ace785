"""extract() is pure: the resolver and the clock are arguments, and ids do not depend on where the checkout sits."""

from __future__ import annotations

import inspect
import shutil
from datetime import date

import pytest

from dashboard.ingest import extract as extract_module
from dashboard.ingest.articles import load_article
from dashboard.ingest.extract import extract
from dashboard.ingest.incidents import source_key
from dashboard.ingest.timeparse import Clock, scan
from tests.conftest import SEED, TODAY


def test_resolver_and_today_are_required():
    params = inspect.signature(extract).parameters
    assert params["resolver"].default is inspect.Parameter.empty
    assert params["today"].default is inspect.Parameter.empty
    assert "import get_resolver" not in inspect.getsource(extract_module)


def test_ids_are_the_same_wherever_the_checkout_sits(tmp_path, resolver):
    ids = []
    for name in ("one", "two"):
        root = tmp_path / name / "checkout"
        (root / "seeds").mkdir(parents=True)
        shutil.copy(SEED, root / "seeds" / SEED.name)
        article = load_article(root / "seeds" / SEED.name)
        assert source_key(article, root) == "seeds/" + SEED.name
        ids.append(
            [i.row["incident_id"] for i in extract(article, resolver=resolver, today=TODAY, root=root).incidents]
        )
    assert ids[0] == ids[1] and ids[0]


def test_a_month_without_a_year_uses_the_today_passed_in():
    clock = Clock.for_article(["Fighting resumed in March."], None, date(2031, 6, 1))
    interval = clock.resolve(scan("Fighting resumed in March."), "UTC")
    assert interval.start_iso == "2031-03-01T00:00Z" and interval.precision == "month"


def test_extract_without_a_resolver_is_refused():
    with pytest.raises(TypeError):
        extract(load_article(SEED), today=TODAY)
