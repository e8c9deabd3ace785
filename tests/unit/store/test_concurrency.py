"""Concurrent writers on one store, each backend: 4 processes × 200 mixed operations (ingests of small generated
articles, corrections made on the version each process saw of incidents they all edit). Every correction is
either applied or refused with StaleEditError, nothing else is raised, no row is lost, and the audit trail holds
exactly one row per applied correction."""

from __future__ import annotations

import multiprocessing
import random
import time
import traceback

import pytest

from dashboard.errors import StaleEditError
from dashboard.ingest.articles import Article
from dashboard.ingest.incidents import Extraction, Incident
from dashboard.store.csvfile import read_csv
from dashboard.store.sqlite import Store
from tests.conftest import INCIDENTS

PROCESSES, OPERATIONS, INGEST_EVERY = 4, 200, 10  # an ingest regroups the events: 10x a correction's cost


def _article(template: dict, worker: int, n: int) -> Extraction:
    """A small article of one sentence (the template incident's excerpt) with one incident of its own."""
    lead = f"Report {worker}-{n}. "
    text = lead + template["excerpt"] + "\n"
    row = dict(
        template,
        incident_id=f"w{worker}n{n}",
        excerpt_start=str(len(lead)),
        excerpt_end=str(len(lead) + len(template["excerpt"])),
        source_path=f"generated/{worker}-{n}.txt",
    )
    article = Article(text=text, source_path=row["source_path"], publisher=row["source"], language="en")
    return Extraction(article, (Incident(row),), (), (), "generated")


def _work(where, worker: int, shared: list[str], template: dict, out) -> None:
    """One process's operations; reports what it did (or the unexpected error) on ``out``."""
    try:
        store, rnd = Store(where), random.Random(worker)
        done = dict(worker=worker, ingested=0, applied=0, audit_rows=0, refused=0, errors=[])
        for n in range(OPERATIONS):
            if n % INGEST_EVERY == 0:
                done["ingested"] += store.ingest(_article(template, worker, n), who=f"p{worker}").added
                continue
            iid = rnd.choice(shared)
            seen = store.versions([iid])[iid]
            time.sleep(rnd.random() * 0.004)  # another process may edit it meanwhile: the point of the test
            try:
                rows = store.correct(iid, {"notes": f"p{worker} op{n}"}, who=f"p{worker}", expected=seen)
            except StaleEditError as err:
                assert err.conflicts and all(c["incident_id"] == iid for c in err.conflicts)
                done["refused"] += 1
            else:
                done["applied"] += 1
                done["audit_rows"] += len(rows)
    except BaseException:  # anything else is a failure: sent back to the test, which names it
        done["errors"].append(traceback.format_exc())
    out.put(done)


@pytest.mark.timeout(1200)
def test_concurrent_writers_lose_nothing(store):
    store.import_csv(INCIDENTS)
    shared = sorted(store.versions())[:4]  # four incidents every process corrects
    template = read_csv(INCIDENTS).iloc[0].to_dict()
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    workers = [ctx.Process(target=_work, args=(store.path, w, shared, template, out)) for w in range(PROCESSES)]
    for p in workers:
        p.start()
    reports = [out.get(timeout=600) for _ in workers]
    for p in workers:
        p.join(timeout=60)
    assert [r["errors"] for r in reports] == [[]] * PROCESSES, "\n".join(e for r in reports for e in r["errors"])
    corrections = OPERATIONS - OPERATIONS // INGEST_EVERY
    assert all(r["applied"] + r["refused"] == corrections for r in reports)
    applied, refused = sum(r["applied"] for r in reports), sum(r["refused"] for r in reports)
    print(f"{store.name}: {applied} corrections applied, {refused} refused as stale")  # shown with pytest -s
    assert applied > 0 and refused > 0  # both outcomes happened: writers did interleave
    assert len(store.audit()) == sum(r["audit_rows"] for r in reports) == applied  # one field per correction
    versions = store.versions()
    assert sum(versions[i] - 1 for i in shared) == applied  # every applied edit moved its incident on, none lost
    ingested = sum(r["ingested"] for r in reports)
    assert ingested == PROCESSES * (OPERATIONS // INGEST_EVERY)
    assert len(store.articles()) == 1 + ingested and len(store.load()) == 10 + ingested
    assert store.problems() == []
