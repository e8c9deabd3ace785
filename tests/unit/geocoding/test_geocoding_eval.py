"""Accuracy within 5 km on hard real-world name queries, against the two naive baselines of issue 2."""

from __future__ import annotations

import pytest

from benchmarks.geocoding_eval import evaluate, load_queries, raw_name_table


@pytest.fixture(scope="module")
def figures(resolver):
    return evaluate(resolver, load_queries(), table=raw_name_table())


def test_the_evaluation_set_covers_the_hard_kinds():
    queries = load_queries()
    kinds = {kind for row in queries for kind in row["kind"].split()}
    assert {"misspelling", "exonym", "russian", "armenian", "azerbaijani", "homonym", "supplement"} <= kinds
    assert {c for row in queries for c in row["context"]} >= {"AM", "AZ", "GE", "UA"}
    assert len(queries) >= 100


def test_accuracy_within_5_km_beats_the_aim_and_the_baselines(figures):
    assert figures["accuracy_within_5km"] >= 0.9, figures["misses"]
    assert figures["accuracy_within_5km"] > figures["baseline_exact_in_context"] > 0
    assert figures["accuracy_within_5km"] > figures["baseline_most_populous_exact"] > 0
