"""Dates with their precision: parsing, bounds, "by this day?", text; the one clock."""

from __future__ import annotations

import datetime as dt

import pytest

from armsgraph.errors import InputError
from armsgraph.when import When, parse_day, today

D = dt.date.fromisoformat


@pytest.mark.parametrize(("text", "precision", "iso", "prec", "earliest", "latest"), [
    ("1993", None, "1993", "year", "1993-01-01", "1993-12-31"),
    ("2024-02", None, "2024-02", "month", "2024-02-01", "2024-02-29"),
    ("2023-12-20", None, "2023-12-20", "day", "2023-12-20", "2023-12-20"),
    ("2023-12-20T09:00:00Z", None, "2023-12-20", "day", "2023-12-20", "2023-12-20"),
    # a stated precision coarser than the form wins: a year is never a pretend day
    ("1993-01-01", "year", "1993", "year", "1993-01-01", "1993-12-31"),
    ("2023-05-17", "month", "2023-05", "month", "2023-05-01", "2023-05-31"),
    # ... a finer one cannot add what the literal does not have
    ("2023", "day", "2023", "year", "2023-01-01", "2023-12-31"),
    # approximate: the representative value, standing for its whole year
    ("2025-11", "approximate", "2025-11", "approximate", "2025-01-01", "2025-12-31"),
])
def test_parse_keeps_the_precision(text: str, precision: str | None, iso: str, prec: str,
                                   earliest: str, latest: str) -> None:
    w = When.parse(text, precision)
    assert w is not None
    assert (w.iso, w.precision, w.earliest, w.latest) == (iso, prec, D(earliest), D(latest))


@pytest.mark.parametrize("text", ["late last year", "", "20x4", "2023-13-01", "2023-02-30"])
def test_parse_rejects_what_is_not_a_date(text: str) -> None:
    assert When.parse(text) is None


@pytest.mark.parametrize(("text", "on", "expected"), [
    ("1993", "1992-12-31", False),
    ("1993", "1993-01-01", None),   # inside the year: cannot tell
    ("1993", "1993-12-30", None),
    ("1993", "1993-12-31", True),
    ("2023-12-20", "2023-12-19", False),
    ("2023-12-20", "2023-12-20", True),  # a day counts on that day
    ("2024-02", "2024-02-15", None),
    ("2024-02", "2024-03-01", True),
])
def test_by_answers_true_false_or_unknown(text: str, on: str, expected: bool | None) -> None:
    w = When.parse(text)
    assert w is not None and w.by(D(on)) is expected
    assert w.contains(D(on)) is (expected is None)


@pytest.mark.parametrize(("text", "precision", "words"), [
    ("1993", None, "1993"), ("1993-05", None, "May 1993"), ("1993-05-12", None, "12 May 1993"),
    ("1993-05", "approximate", "about May 1993"),
])
def test_text_for_people(text: str, precision: str | None, words: str) -> None:
    w = When.parse(text, precision)
    assert w is not None and w.text() == words and str(w) == w.iso


def test_sort_key_puts_the_narrower_period_first() -> None:
    dates = [When.parse(t) for t in ("1993", "1993-01-01", "1992-12")]
    assert [w.iso for w in sorted(dates, key=When.key)] == [  # type: ignore[union-attr]
        "1992-12", "1993-01-01", "1993"]


def test_parse_day_and_the_one_clock() -> None:
    assert parse_day("2022-11-10") == D("2022-11-10")
    assert parse_day(D("2022-11-10")) == D("2022-11-10")
    assert parse_day(dt.datetime(2022, 11, 10, 23, 0)) == D("2022-11-10")
    assert parse_day(None) == today() == dt.datetime.now(dt.UTC).date()
    with pytest.raises(InputError, match="as_of must be a date YYYY-MM-DD, not '2022-11'"):
        parse_day("2022-11")
