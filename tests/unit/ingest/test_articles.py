"""articles.py: front matter, sentences with offsets, headline, dateline, and every kind of bad input."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.errors import InputError
from dashboard.ingest.articles import MAX_BYTES, load_article, parse_article
from tests.conftest import INCIDENTS, SEED
from tests.helpers import rows


def test_seed_sentences_are_the_hand_coded_excerpts():
    article = load_article(SEED)
    spans = {(s.start, s.end) for s in article.body}
    for row in rows(INCIDENTS):
        start, end = int(row["excerpt_start"]), int(row["excerpt_end"])
        assert (start, end) in spans
        assert article.text[start:end] == row["excerpt"]
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)


def test_seed_headline_dateline_language():
    article = load_article(SEED)
    assert article.headline.text.startswith("Setelah Bentrok dengan Azerbaijan")
    assert article.dateline.names == ("Berita Baru", "Yerevan")
    assert article.body[0].text.startswith("Armenia dan Rusia")  # the dateline is not part of the sentence
    assert article.language == "id" and article.published is None


def test_front_matter_and_flags_override(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        '---\ntitle: "Clashes"\npublisher: Example News\npublished: 2022-09-13\nlanguage: en\n'
        "source_url: https://example.org/a\n---\nHeadline here\nGORIS, Sept 13 (Reuters) - Shelling hit "
        "the town of Goris, officials said. It added that Dr. Smith was hurt.\n",
        encoding="utf-8",
    )
    article = load_article(path, published="2022-09-14")
    assert (article.title, article.publisher, article.source_url) == (
        "Clashes",
        "Example News",
        "https://example.org/a",
    )
    assert article.published == date(2022, 9, 14) and article.language == "en"
    assert article.dateline.names == ("GORIS",) and article.dateline.agency == "Reuters"
    body = [s.text for s in article.body]
    assert body == ["Shelling hit the town of Goris, officials said.", "It added that Dr. Smith was hurt."]
    assert article.text[article.body[0].start : article.body[0].end] == body[0]


def test_english_quotes_and_abbreviations_split_right():
    text = (
        'Fighting resumed at 9 a.m. on Tuesday near the U.S. embassy. "We were shelled," he said. '
        '"It was loud." Officials in Baku agreed.'
    )
    spans = [s.text for s in parse_article(text).body]
    assert spans == [
        "Fighting resumed at 9 a.m. on Tuesday near the U.S. embassy.",
        '"We were shelled," he said.',
        '"It was loud."',
        "Officials in Baku agreed.",
    ]


def test_crlf_offsets_match_text_mode(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("Judul Berita\r\nJakarta – Terjadi bentrokan di kota Goris.\r\nKalimat kedua.\r\n".encode())
    article = load_article(path)
    text = path.read_text(encoding="utf-8")
    assert all(text[s.start : s.end] == s.text for s in article.sentences)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Serangan di kota Goris".encode("utf-16"), "binary"),
        ("Bentrokan di Göris".encode("latin-1"), "not UTF-8"),
        (b"---\ntitle: x\nno closing\n", "never closed"),
        (b"---\npublished: 13/9/2022\n---\nText.\n", "is not a date"),
        (b"---\nlanguage: fr\n---\nText here.\n", "not supported"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_article(path)


def test_too_big_and_missing(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(InputError, match="over the 5 MB limit"):
        load_article(big)
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nope.txt")
