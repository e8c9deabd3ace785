"""Excerpts as HTML and text as markdown: the place name marked, the paragraph around it, untrusted text inert."""

from __future__ import annotations

from dashboard.view.excerpts import (
    highlight,
    md_escape,
    md_lines,
    paragraph_bounds,
    paragraph_html,
    plural,
    source_label,
)
from tests.helpers import XSS_IMG


def test_highlight_marks_whole_words_in_any_case_and_escapes_the_rest():
    assert highlight("Sok and Soki; sok.", "Sok") == "<mark>Sok</mark> and Soki; <mark>sok</mark>."
    assert highlight("<b>Sok</b>", "Sok") == "&lt;b&gt;<mark>Sok</mark>&lt;/b&gt;"
    assert highlight("toward Nagorno-Karabakh.", "Nagorno-Karabakh") == "toward <mark>Nagorno-Karabakh</mark>."
    assert highlight("a (b) c", "(b)") == "a <mark>(b)</mark> c"  # the term is text, not a pattern
    assert highlight(XSS_IMG, "") == "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;"


def test_the_paragraph_around_an_excerpt():
    article = "Title\nFirst sentence. Goris was shelled.\nNext paragraph."
    start = article.index("Goris")
    end = start + len("Goris was shelled.")
    assert paragraph_bounds(article, start, end) == (6, 40)  # "Title\n" is 6 characters, the line 34
    assert paragraph_html(article, start, end, "Goris") == "First sentence. <b><mark>Goris</mark> was shelled.</b>"
    # the last paragraph runs to the end of the text
    last = article.index("Next")
    assert paragraph_bounds(article, last, last + 4) == (last, len(article))
    assert paragraph_html("<i>x</i> Sok", 9, 12, "Sok") == "&lt;i&gt;x&lt;/i&gt; <b><mark>Sok</mark></b>"


def test_markdown_is_made_inert():
    assert md_escape("*bold* [x](y)") == r"\*bold\* \[x\]\(y\)"
    assert md_escape("a_b\nc") == r"a\_b c"
    assert md_escape(3) == "3"
    assert md_lines("2 problems\nrow 2: a_b\n\nrow 3") == "2 problems\n- row 2\\: a\\_b\n- row 3"  # blank lines dropped


def test_plural():
    assert plural(1, "incident") == "1 incident"
    assert plural(0, "incident") == "0 incidents"
    assert plural(12, "place") == "12 places"


def test_an_undated_source_says_so_in_the_sources_line():
    assert source_label("Berita Baru", "", "id") == "Berita Baru (date unknown, id)"  # not "Berita Baru (, id)"
    assert source_label("AP", "2022-09-13", "en") == "AP (2022-09-13, en)"
