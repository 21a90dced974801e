"""Dates: absolute and relative, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from armsgraph.extract.dates import find_dates, parse_published

PUB = date(2025, 6, 18)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        pytest.param("the deal was signed on 4 February 2025", "2025-02-04", "day", id="d-m-y"),
        pytest.param("signed on February 4, 2025", "2025-02-04", "day", id="m-d-y"),
        pytest.param("on May 30 last year", "2024-05-30", "day", id="m-d-last-year"),
        pytest.param("ordered in October 2021", "2021-10", "month", id="month-year"),
        pytest.param("delivered early 2024", "2024", "approximate", id="early-year"),
        pytest.param("announced late last year", "2024", "approximate", id="late-last-year"),
        pytest.param("talks last month", "2025-05", "month", id="last-month"),
        pytest.param("the war that began in 2014", "2014", "year", id="in-year"),
        pytest.param("bought three years ago", "2022", "approximate", id="years-ago"),
        pytest.param("said on Monday", "2025-06-16", "day", id="weekday"),
        pytest.param("a summit on July 9", "2025-07-09", "day", id="upcoming-day"),
        pytest.param("the order of December 3", "2024-12-03", "day", id="day-long-before"),
        pytest.param("by the end of March 2026", "2026-03", "month", id="end-of-month"),
    ],
)
def test_find_dates_resolves(text: str, value: str, precision: str) -> None:
    found = find_dates(text, PUB)
    assert [(d.value, d.precision) for d in found] == [(value, precision)]


def test_find_dates_offsets_point_into_text() -> None:
    text = "Kyiv asked in March 2023 for tanks."
    (d,) = find_dates(text, PUB, offset=100)
    assert text[d.start - 100:d.end - 100] == "March 2023"


def test_relative_dates_stay_unresolved_without_publication_date() -> None:
    found = find_dates("Berlin agreed last week, after talks in May 2023.", None)
    assert [(d.text, d.value, d.unresolved) for d in found] == [
        ("last week", None, True), ("May 2023", "2023-05", False)]


def test_modal_may_is_not_a_month() -> None:
    assert find_dates("Norway may send more missiles.", PUB) == []


def test_quantities_are_not_years() -> None:
    assert find_dates("It ordered 2000 shells worth $2024 in total.", PUB) == []
    assert [d.value for d in find_dates("since the 1982 war", PUB)] == ["1982"]


def test_parse_published_reads_outlet_formats() -> None:
    assert parse_published("18 June 2025") == PUB
    assert parse_published("Wednesday, June 18, 2025 10:42 GMT") == PUB
    assert parse_published("2025-06-18T07:00:00+02:00") == PUB


def test_parse_published_rejects_non_dates() -> None:
    assert parse_published("2025-02-30") is None
    assert parse_published("last Tuesday") is None
    assert parse_published("June 2025") is None
