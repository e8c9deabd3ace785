"""An event's claims, side by side: one column per claimant side, every text escaped, only http(s) links clickable."""

from __future__ import annotations

import re

from dashboard.view import event_detail
from tests.helpers import XSS_IMG, XSS_SCRIPT


def _claim(claimant, excerpt, outlet, url, independent=True):
    return dict(
        claimant=claimant,
        excerpt=excerpt,
        outlet=outlet,
        published="2025-03-15",
        source_url=url,
        independent=independent,
        relay_reason="" if independent else "says 'according to Mountain Press Agency'",
    )


SIDES = [
    {
        "side": "India",
        "says": "India says",
        "claims": [_claim("Ministry of Defence (India)", "Unprovoked shelling of posts.", "PIB", "https://ex.test/a")],
    },
    {
        "side": "Pakistan",
        "says": "Pakistan says",
        "claims": [
            _claim("ISPR", "Indian troops shelled first.", "Dawn Wire", "http://ex.test/b?x=1&y=2"),
            _claim("ISPR", XSS_SCRIPT, XSS_IMG, "javascript:alert(1)", independent=False),
        ],
    },
]


def test_each_side_is_a_column_with_its_claims_and_where_they_come_from():
    page = event_detail.claims_html(SIDES, {"India": "#0072b2"})
    columns = re.findall(r"<div class='ev-side'.*?</div></div>(?=<div class='ev-side'|</div>$)", page)
    assert len(columns) == 2
    assert "India says …" in columns[0] and "Unprovoked shelling of posts." in columns[0] and "PIB" in columns[0]
    assert "Pakistan says …" in columns[1] and columns[1].count("ev-claim") == 2
    assert "border-top-color:#0072b2" in columns[0] and "border-top-color:#888888" in columns[1]
    assert '<a href="https://ex.test/a"' in page and '<a href="http://ex.test/b?x=1&amp;y=2"' in page
    assert "2025-03-15" in page and "not counted as independent" in columns[1]


def test_untrusted_text_is_escaped_and_only_web_links_are_links():
    page = event_detail.claims_html(SIDES)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=" in page
    assert 'href="javascript' not in page and "javascript:alert(1)" in page  # shown, not clickable
    for url in ("data:text/html,<b>x</b>", "vbscript:x", "ex.test/no-scheme", "//ex.test/x"):
        assert "href" not in event_detail.safe_link(url, "source")
    assert event_detail.safe_link("HTTPS://ex.test/", "s").startswith('<a href="HTTPS://ex.test/"')


def test_the_headline_counts_reports_and_independent_outlets():
    event = {
        "family": "remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "n_reports": 5,
        "n_outlets": 3,
    }
    assert event_detail.headline(event, "14 Mar 2025 18:10 UTC") == (
        "remote violence · Shelling/artillery/missile attack · 14 Mar 2025 18:10 UTC · 5 reports from 3 outlets"
    )
    assert event_detail.headline({"n_reports": 1, "n_outlets": 1}, "").endswith("1 report from 1 outlet")
    clash = {"family": "armed clash", "sub_event_type": "Armed clash", "n_reports": 2, "n_outlets": 2}
    assert event_detail.headline(clash, "12 Sep 2022").startswith("armed clash · 12 Sep 2022 · ")  # said once


def test_a_denial_is_marked_as_one():
    denial = dict(_claim("Armenia MoD", "The ministry denied claims by Baku.", "TASS", ""), denies=True)
    page = event_detail.claims_html([{"side": "Armenia", "says": "Armenia says", "claims": [denial]}])
    assert "<b>Armenia MoD</b> <span class='ev-deny'>denies</span>" in page
    assert "ev-deny'>" not in event_detail.claims_html(SIDES)
