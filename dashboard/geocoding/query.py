"""A place name as the resolver reads it: keys, qualifier, context, candidates (filled in as resolution goes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.geocoding.base import Place
from dashboard.geocoding.candidates import Candidate
from dashboard.geocoding.overrides import Override


@dataclass
class Query:
    """A name as the resolver reads it: its keys, qualifier, context and the candidates found for it."""

    text: str
    head: str
    keys: tuple[str, ...]
    qualifier_countries: tuple[str, ...]
    qualifier_names: tuple[str, ...]
    names_country: str | None
    exact: list[Candidate]
    region_word: bool = False
    readings: tuple[str, ...] = ()  # the countries an abbreviation may stand for ("SA": Saudi Arabia, South Africa)
    qualifier_region_countries: tuple[str, ...] = ()
    towns: list[Place] = field(default_factory=list)  # the populated places the name matches exactly
    context: tuple[str, ...] = ()
    given: bool = False
    override: tuple[Override, Place] | None = None
    candidates: list[Candidate] = field(default_factory=list)
    anchors: list[Place] = field(default_factory=list)
