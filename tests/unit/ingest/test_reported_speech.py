"""Who claims it and when, on short reports written for these tests: relays, quotes, statements, times told in
another sentence, publication-day fallback, background weeks before (each asserted against the text's meaning)."""

from __future__ import annotations

import pandas as pd

from dashboard.ingest.articles import parse_article
from dashboard.ingest.extract import extract
from dashboard.view.window import bounds
from tests.conftest import TODAY


def _run(resolver, body: str, published: str | None = "2024-03-14", language: str = "en"):
    head = f"---\npublisher: Test Wire\nlanguage: {language}\n" + (f"published: {published}\n" if published else "")
    return extract(parse_article(head + "---\n" + body), resolver=resolver, today=TODAY)


def _by_place(result):
    return {i.row["location"]: i.row for i in result.incidents}


def test_agency_relay_is_the_source_not_the_claimant(resolver):
    rows = _by_place(
        _run(
            resolver,
            "Border posts shelled\nMortars hit the outskirts of Kherson on Wednesday, reads a message from the "
            "Ministry of Defence of Ukraine, Ukrinform news agency reports.",
        )
    )
    kherson = rows["Kherson"]
    assert kherson["claimed_by"] == "Ukraine MoD"
    assert kherson["claimant_as_written"] == "Ministry of Defence of Ukraine"
    assert kherson["source"] == "Test Wire via Ukrinform news agency"


def test_quote_then_verb_with_dikutip_dari(resolver):
    result = _run(
        resolver,
        "Serangan di Kherson\n“Artileri Rusia menembaki kota Kherson pada Selasa (12/3) malam,” kata Kementerian "
        "Pertahanan Ukraina, seperti dikutip dari AFP.",
        language="id",
    )
    row = _by_place(result)["Kherson"]
    assert (row["claimed_by"], row["source"]) == ("Ukraine MoD", "Test Wire via AFP")
    assert "AFP" not in row["claimed_by"]


def test_a_statement_document_claims_every_sentence_until_another_speaker(resolver):
    rows = _by_place(
        _run(
            resolver,
            "Statement of the Ministry of Defence of Ukraine\nThe enemy shelled our positions near Pokrovsk on "
            "Wednesday.\nOur units repelled two assaults near Kramatorsk on Wednesday.\nThe shelling of Nikopol "
            "began on Wednesday evening, the regional governor said.",
        )
    )
    assert rows["Pokrovsk"]["claimed_by"] == rows["Kramatorsk"]["claimed_by"] == "Ukraine MoD"
    assert rows["Nikopol"]["claimed_by"] == "Ukraine officials"


def test_time_stated_in_the_next_sentence_and_after_midnight(resolver):
    rows = _by_place(
        _run(
            resolver,
            "Shelling hits Kherson\nRussian forces shelled the city of Kherson, the regional governor said.\n"
            "The shelling began soon after midnight on 14 March.",
        )
    )
    # Kherson is UTC+2 in March: the first hours of 14 March start at 22:00 UTC on the 13th
    assert rows["Kherson"]["start_utc"] == "2024-03-13T22:00Z"
    assert rows["Kherson"]["end_utc"] == "2024-03-14T04:00Z"
    assert len(rows) == 1  # the sentence that only gave the time adds no row


def test_no_time_anywhere_falls_back_to_the_publication_day(resolver):
    row = _by_place(_run(resolver, "Clashes\nFighting broke out near the town of Kharkiv, officials said."))["Kharkiv"]
    assert (row["start_utc"], row["end_utc"], row["time_precision"]) == (
        "2024-03-13T22:00Z",
        "2024-03-14T22:00Z",
        "day",
    )
    assert "coded to its date, 2024-03-14" in row["notes"]


def test_an_incident_weeks_before_is_background_and_outside_the_window(resolver):
    result = _run(
        resolver,
        "Attack in Mali\nGunmen attacked an army post in Ansongo on Tuesday, the army said.\nThree weeks "
        "earlier, on February 20, a convoy was ambushed near Bourem.",
    )
    background = {i.row["location"]: i.background for i in result.incidents}
    assert background == {"Ansongo": False, "Bourem": True}
    df = pd.DataFrame(
        {
            "start": pd.to_datetime([i.row["start_utc"] for i in result.incidents], utc=True),
            "end": pd.to_datetime([i.row["end_utc"] for i in result.incidents], utc=True),
            "background": [i.background for i in result.incidents],
        }
    )
    lo, _ = bounds(df)
    assert lo.isoformat().startswith("2024-03-1")  # Tuesday 12 March, not 20 February


def test_a_bare_dari_agency_at_the_end_is_a_relay(resolver):
    result = _run(
        resolver,
        "Serangan di Kherson\nArtileri Rusia menembaki kota Kherson pada Selasa (12/3) malam, kata pemerintah "
        "Ukraina, dari AFP.",
        language="id",
    )
    row = _by_place(result)["Kherson"]
    assert (row["claimed_by"], row["source"]) == ("Ukraine government", "Test Wire via AFP")


def _published_by(resolver, publisher: str, body: str, language: str = "en"):
    head = f"---\npublisher: {publisher}\nlanguage: {language}\npublished: 2024-07-09\n---\n"
    return extract(parse_article(head + body), resolver=resolver, today=TODAY)


def test_a_ministry_publishing_its_own_statement_is_labelled_as_the_claimant_not_by_its_name(resolver):
    # Written for this test, in the style of a ministry's press page and of a ministry's Indonesian release.
    body = (
        "Drone strike on Kharkiv\nA drone struck a fuel depot in Kharkiv on Monday evening, "
        "the ministry said. No one was hurt."
    )
    en = _published_by(resolver, "Ministry of Defence (Ukraine)", body)
    idn = _published_by(
        resolver,
        "Kementerian Pertahanan Filipina",
        "Pos jaga ditembaki\nSebuah pos jaga di Puerto Princesa ditembaki orang tak dikenal pada Senin pagi. "
        "Tidak ada korban jiwa.",
        language="id",
    )
    (kharkiv,) = [i.row for i in en.incidents if i.row["location"] == "Kharkiv"]
    (puerto,) = [i.row for i in idn.incidents if i.row["location"] == "Puerto Princesa"]
    assert kharkiv["claimed_by"] == "Ukraine MoD" and kharkiv["source"] == "Ministry of Defence (Ukraine)"
    assert puerto["claimed_by"] == "Philippines MoD" and puerto["source"] == "Kementerian Pertahanan Filipina"
    # An outlet's own reporting keeps the outlet's name.
    (own,) = [i.row for i in _published_by(resolver, "Baltic Ledger", body).incidents]
    assert own["claimed_by"] == "Baltic Ledger"
