"""Words reports use for strikes and destruction that must make an event (each found missing by reading a
report written in a wire's and a portal's style)."""

from __future__ import annotations

import pytest

from dashboard.ingest.event_types import event_of


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Drone Rusia menghantam sebuah depo bahan bakar di kota Beryslav.",
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        ("Depo itu dihantam dua drone pada Selasa dini hari.", ("Explosions/Remote violence", "Air/drone strike")),
        (
            "Two drones slammed into a warehouse in Kupiansk overnight.",
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        ("Its forces had destroyed a drone workshop near Nova Kakhovka.", ("Battles", "Armed clash")),
        ("Pasukan menghancurkan pos musuh di dekat Kupiansk.", ("Battles", "Armed clash")),
        ("Serangan itu melukai dua pekerja.", ("Battles", "Armed clash")),
    ],
)
def test_strike_and_destruction_words_make_an_event(sentence, expected):
    assert event_of(sentence)[:2] == expected


@pytest.mark.parametrize("sentence", ["The ministers agreed to meet again.", "Harga bahan bakar naik pada Juni."])
def test_ordinary_sentences_stay_eventless_or_non_violent(sentence):
    found = event_of(sentence)
    assert found is None or found[2] is False
