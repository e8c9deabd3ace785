"""Articles in, articles per second out: the whole ingest pipeline against baselines measured in the same run.

Figures (warm: the gazetteer index is loaded once, before timing, as in a running app):

* ``split_only_per_s`` — the baseline: reading front matter and splitting into sentences (``parse_article``);
* ``extract_per_s`` — parse + places, times, claims, types (``extract``, the geocoder included), no store;
* ``pipeline_per_s`` — the whole pipeline as ``ingest`` runs it: parse, extract and store in a fresh SQLite
  file each time (one transaction per article);
* ``dedupe_per_s`` — the same articles again into that store (the idempotence check: nothing added);
* ``worst_case_s`` — one extraction of the worst shape found (a single sentence listing place after place,
  once quadratic: 5 s at 94 KB) at the longest text accepted (``articles.MAX_CHARS``); the target is < 30 s.

The corpus is the seed and the English fixtures in tests/fixtures/articles, cycled. Run:
``.venv/bin/python benchmarks/bench_ingest.py`` (prints JSON).
"""

from __future__ import annotations

import json
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 1, 15)  # extract() takes the clock as an argument


def _corpus() -> list[str]:
    paths = [
        ROOT / "seeds" / "000_226cea06c61128df.txt",
        *sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt")),
    ]
    return [p.read_text(encoding="utf-8") for p in paths]


def _rate(func, items: list, min_seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while True:
        for item in items:
            func(item)
        done += len(items)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return round(done / elapsed, 1)


def run(min_seconds: float = 2.0) -> dict:
    """Articles per second for each stage; the baseline (sentence splitting only) is measured in the same run."""
    from dashboard.cli.ingest import ingest_text
    from dashboard.geocoding import get_resolver
    from dashboard.ingest.articles import parse_article
    from dashboard.ingest.extract import extract
    from dashboard.store.sqlite import Store

    texts = _corpus()
    started = time.perf_counter()
    resolver = get_resolver()
    load_s = time.perf_counter() - started
    for text in texts:  # warm the geocoder's per-context fuzzy lists, as a running app would have
        extract(parse_article(text), resolver=resolver, today=TODAY)
    figures = {"articles": len(texts), "gazetteer_load_s": round(load_s, 3)}
    figures["split_only_per_s"] = _rate(parse_article, texts, min_seconds)
    figures["extract_per_s"] = _rate(
        lambda t: extract(parse_article(t), resolver=resolver, today=TODAY), texts, min_seconds
    )
    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(10**9))

        def whole(text: str) -> None:
            # Each article goes into a new store, so every one is really parsed, extracted and written.
            ingest_text(text, store=Store(Path(tmp) / f"{next(counter)}.db"))

        figures["pipeline_per_s"] = _rate(whole, texts, min_seconds)
        store = Store(Path(tmp) / "dedupe.db")
        for text in texts:
            ingest_text(text, store=store)
        figures["dedupe_per_s"] = _rate(lambda t: ingest_text(t, store=store), texts, min_seconds)
    figures["pipeline_vs_split"] = round(figures["pipeline_per_s"] / figures["split_only_per_s"], 4)
    figures.update(worst_case(resolver))
    return figures


def worst_case(resolver) -> dict:
    """Seconds to extract one sentence listing places, as long as an article may be."""
    from dashboard.ingest.articles import MAX_CHARS, parse_article
    from dashboard.ingest.extract import extract

    places = ["Sotk", "Jermuk", "Goris", "Kapan", "Vardenis", "Ijevan", "Berd", "Martuni"]
    head = "Shelling along the border\nAzerbaijani forces shelled "
    tail = " and Yerevan on Tuesday, the ministry said.\n"
    names = ", ".join(places[i % len(places)] for i in range(MAX_CHARS // 7))
    text = head + names[: MAX_CHARS - len(head) - len(tail)].rsplit(",", 1)[0] + tail
    article = parse_article(text, published="2022-09-13")
    started = time.perf_counter()
    extract(article, resolver=resolver, today=TODAY)
    return {"worst_case_chars": len(text), "worst_case_s": round(time.perf_counter() - started, 2)}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
