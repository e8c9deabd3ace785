"""Gold CSV and an articles folder in, extraction scores out: ``python -m dashboard evaluate GOLD ARTICLES_DIR``."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "evaluate",
        help="score the extractor against hand-coded gold rows (place recall/precision, claims, days)",
        description="Extract each article the gold file names and print, per article and overall, place recall "
        "and precision (a place counts within 10 km), claim accuracy (place + claimant side + local day), "
        "event day accuracy and the share of incidents with no time. Gold format: docs/evaluate.md.",
    )
    p.add_argument("gold", type=Path, help="gold CSV, or a folder of *.gold.csv files")
    p.add_argument("articles", type=Path, help="folder holding the articles the gold rows name")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--misses", action="store_true", help="list each gold row that was not matched")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dashboard.geocoding import get_resolver
    from dashboard.ingest.evaluate import evaluate, load_gold

    report = evaluate(load_gold(args.gold), args.articles, resolver=get_resolver(), today=date.today())
    if args.json:
        print(json.dumps(report.as_dict(), indent=1, ensure_ascii=False))
        return 0
    head = f"{'article':44} {'gold':>4} {'found':>5} {'p.rec':>6} {'p.prec':>6} {'claim':>6} {'day':>6} {'no time':>7}"
    print(head)
    for name, s in [*report.articles, ("overall", report.overall)]:
        if name == "overall":
            print("-" * len(head))
        print(
            f"{name[:44]:44} {s.claims:4d} {s.incidents:5d} {s.place_recall:6.2f} {s.place_precision:6.2f} "
            f"{s.claim_accuracy:6.2f} {s.day_accuracy:6.2f} {s.no_time_share:7.2f}"
        )
        if args.misses and name != "overall":
            for miss in s.misses:
                print(f"    miss: {miss}")
    o = report.overall
    print(
        f"\nplace recall {o.place_recall:.3f}, place precision {o.place_precision:.3f}, claim accuracy "
        f"{o.claim_accuracy:.3f} (claimant label exact {o.label_accuracy:.3f}), event day right {o.day_accuracy:.3f}, "
        f"incidents with no time {o.no_time} of {o.incidents}"
    )
    return 0
