"""An article in, its calendar out: the year, the dateline date standing in for a missing published date."""

from __future__ import annotations

from datetime import date

from dashboard.ingest.articles import Article
from dashboard.ingest.timeparse import Clock, scan


def _clock(article: Article, today: date) -> Clock:
    """The article's calendar; a dateline date ("KYIV, June 5") stands in for a missing published date."""
    texts = [s.text for s in article.sentences]
    clock = Clock.for_article(texts, article.published, today)
    if article.published is None and article.dateline and article.dateline.date_text:
        said = scan(article.dateline.date_text)
        if said.dates and said.dates[0][1] and said.dates[0][2]:
            _, day, month, year = said.dates[0]
            if year is None and clock.year is None:
                year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
                how = (
                    f"{year}, assumed: the dateline gives {article.dateline.date_text!r} without a year, read as the "
                    f"latest such day up to {today.isoformat()}"
                )
            else:
                year, how = year or clock.year, clock.year_how
            try:
                filed = date(year, month, day)
            except ValueError:
                return clock
            clock = Clock.for_article(texts, filed, today)
            clock.year_how = how + f"; filed {filed.isoformat()} (dateline)"
    return clock
