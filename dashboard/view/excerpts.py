"""An incident's excerpt and its article in, escaped HTML out: the place name marked, the paragraph around it."""

from __future__ import annotations

import html
import re


def highlight(text: str, term: str) -> str:
    """``text`` escaped, with each whole-word, case-insensitive occurrence of ``term`` in ``<mark>``."""
    if not term:
        return html.escape(text)
    out, last = [], 0
    for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags=re.IGNORECASE):
        out += [html.escape(text[last : m.start()]), f"<mark>{html.escape(m.group())}</mark>"]
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def paragraph_bounds(article: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (a run of text between blank lines or line breaks) holding characters start..end."""
    p_start = max(article.rfind("\n", 0, start) + 1, 0)
    p_end = article.find("\n", end)
    return p_start, len(article) if p_end < 0 else p_end


def paragraph_html(article: str, start: int, end: int, term: str) -> str:
    """The surrounding paragraph, escaped, with the excerpt in ``<b>`` and the place name marked within it."""
    a, b = paragraph_bounds(article, start, end)
    return (
        html.escape(article[a:start])
        + "<b>"
        + highlight(article[start:end], term)
        + "</b>"
        + html.escape(article[end:b])
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """Untrusted text made inert in Streamlit markdown (labels, captions, messages): every markup character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def md_lines(text: str) -> str:
    """A multi-line message (first line, then one problem a line) as escaped markdown: a sentence and a list."""
    first, *rest = str(text).split("\n")
    return md_escape(first) + "".join(f"\n- {md_escape(line)}" for line in rest if line.strip())


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def source_label(source: str, published: str, language: str) -> str:
    """ "Berita Baru (2022-09-13, id)"; an undated article says so instead of leaving an empty slot."""
    facts = [str(v) for v in (published or "date unknown", language) if v and str(v) != "nan"]
    return f"{source} ({', '.join(facts)})"
