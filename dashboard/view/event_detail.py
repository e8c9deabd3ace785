"""An event (its row of ``load_events``) and its claims (``summary.claims_by_side``) in, the panel's HTML out.

The claims stand side by side, one column per claimant side ("Armenia says … / Azerbaijan says …"), each
with its excerpt, outlet, publication time and link. Every text from the data is escaped; only http(s)
links become hrefs. Pure: never imports streamlit.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from dashboard.view.excerpts import plural

e = html.escape

STYLE = (
    "<style>.ev-sides{display:flex;gap:12px;flex-wrap:wrap}.ev-side{flex:1 1 0;min-width:180px;"
    "border-top:3px solid #888;padding-top:4px}.ev-claim{margin:6px 0 10px}.ev-claim blockquote{margin:2px 0;"
    "padding-left:8px;border-left:2px solid #ccc}.ev-muted{color:#666;font-size:.85em}"
    ".ev-deny{background:#fde2e2;color:#8a1c1c;border-radius:3px;padding:0 4px;font-size:.85em}</style>"
)


def safe_link(url: str, text: str) -> str:
    """An <a> for an http(s) URL; anything else (javascript:, data:, a bare word) is shown as text."""
    url = str(url or "").strip()
    if not url:
        return e(text)
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in ("http", "https"):
        return f'<a href="{e(url, quote=True)}" target="_blank" rel="noopener noreferrer">{e(text)}</a>'
    return f"{e(text)} <span class='ev-muted'>({e(url)})</span>"


def headline(event: dict, when: str) -> str:
    """``remote violence · Shelling/artillery/missile attack · 14 Mar 2025 … · 4 reports from 3 outlets``: the
    event's one-line summary (a sub-event type that only repeats the family, "Armed clash", is said once)."""
    n_reports = int(event.get("n_reports") or 0)
    n_outlets = int(event.get("n_outlets") or 0)
    family, sub = str(event.get("family") or ""), str(event.get("sub_event_type") or "")
    parts = [family, "" if sub.lower() == family.lower() else sub, when]
    return " · ".join([p for p in parts if p] + [f"{plural(n_reports, 'report')} from {plural(n_outlets, 'outlet')}"])


def claims_html(sides: list[dict], side_colours: dict[str, str] | None = None) -> str:
    """One column per side, its claims under it: claimant, excerpt, outlet · published · link (escaped)."""
    columns = []
    for side in sides:
        colour = (side_colours or {}).get(side["side"], "#888888")
        claims = []
        for c in side["claims"]:
            relay = (
                f"<div class='ev-muted'>relays an earlier report ({e(c.get('relay_reason', ''))}); "
                "not counted as independent</div>"
                if not c.get("independent", True)
                else ""
            )
            link = safe_link(c.get("source_url", ""), "source")
            meta = " · ".join(x for x in (e(c.get("outlet", "")), e(c.get("published", "")), link) if x)
            claims.append(
                f"<div class='ev-claim'><b>{e(c.get('claimant') or 'no claimant named')}</b>"
                + (" <span class='ev-deny'>denies</span>" if c.get("denies") else "")
                + f"<blockquote>{e(c.get('excerpt', ''))}</blockquote><div class='ev-muted'>{meta}</div>{relay}</div>"
            )
        columns.append(
            f"<div class='ev-side' style='border-top-color:{e(colour)}'><b>{e(side['says'])} …</b>"
            + "".join(claims)
            + "</div>"
        )
    return STYLE + "<div class='ev-sides'>" + "".join(columns) + "</div>"
