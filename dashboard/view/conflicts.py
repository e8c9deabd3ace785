"""A refused stale edit in (the analyst's edits, the versions they saw, ``StaleEditError.conflicts``); what the Review
page shows (who changed what since, old → new, beside the analyst's own values) and the versions to re-apply on, out.

Pure, so the rules are unit tests: the page (dashboard/ui/review_page.py) only renders these rows and buttons.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


def edits_since(conflicts: list[dict]) -> dict[str, int]:
    """Incident → how many edits one refusal's conflicts hold. One edit (one ``correct_many``) stores one row per
    field with the same who, time and reason, so the distinct (who, at_utc, reason) of an incident count its edits;
    two edits alike in all three count once, which can only cost one more refusal, never skip an edit."""
    seen: dict[str, set] = {}
    for c in conflicts:
        seen.setdefault(c["incident_id"], set()).add((c["who"], c["at_utc"], c["reason"]))
    return {iid: len(keys) for iid, keys in seen.items()}


@dataclass
class Pending:
    """Edits the store refused as stale, kept until the analyst re-applies or drops them."""

    mine: dict[str, dict[str, str]]  # incident → field → the analyst's value
    seen: dict[str, int]  # incident → the version the analyst loaded
    who: str
    reason: str = ""
    context: tuple[str, ...] = ()
    conflicts: list[dict] = field(default_factory=list)  # every edit since ``seen``, oldest first
    expected: dict[str, int] = field(default_factory=dict)  # the versions the next attempt is made on

    def __post_init__(self):
        self.expected = {**self.seen, **self.expected}

    def add(self, conflicts: list[dict]) -> None:
        """Take in the conflicts of an attempt made on ``expected`` and refused: they are listed (rows already
        listed are not repeated), and the next attempt is made on ``expected`` plus the edits they hold. Never a
        version the analyst was not shown, so an edit that lands meanwhile is refused again, not applied over."""
        counts = edits_since(conflicts)
        self.expected = {iid: v + counts.get(iid, 0) for iid, v in self.expected.items()}
        keys = {_key(c) for c in self.conflicts}
        self.conflicts += [c for c in conflicts if _key(c) not in keys]

    def theirs(self, labels: Mapping[str, str]) -> list[dict]:
        """What others changed since the analyst loaded the table, one row per field, oldest first."""
        return [
            {
                "incident": labels.get(c["incident_id"], c["incident_id"]),
                "field": c["field"],
                "who": c["who"],
                "when (UTC)": c["at_utc"],
                "before": c["old"],
                "after": c["new"],
                "why": c["reason"],
            }
            for c in self.conflicts
        ]

    def yours(self, loaded: Mapping[str, Mapping], now: Mapping[str, Mapping], labels: Mapping[str, str]) -> list[dict]:
        """Each of the analyst's edits beside the value they loaded and the value the store holds now."""
        touched = {(c["incident_id"], c["field"]) for c in self.conflicts}
        return [
            {
                "incident": labels.get(iid, iid),
                "field": f,
                "yours (not saved)": value,
                "now in the store": _text(now.get(iid, {}).get(f)),
                "when you loaded the table": _text(loaded.get(iid, {}).get(f)),
                "changed by them too": "yes" if (iid, f) in touched else "no",
            }
            for iid, fields in self.mine.items()
            for f, value in fields.items()
        ]


def _key(c: dict) -> tuple:
    return (c["incident_id"], c["field"], c["old"], c["new"], c["who"], c["at_utc"], c["reason"])


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)
