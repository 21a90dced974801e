"""Dates with their precision, and the one clock.

A source dates a fact to the day, the month, the year, or only approximately
(``arms:datePrecision``). :class:`When` keeps the date *and* its precision, so that a
year is never read as its 1 January: ``When.parse("1993")`` is the whole of 1993, from
``earliest`` 1993-01-01 to ``latest`` 1993-12-31, and reads ``1993``.

Asked about one day, a fact dated to a period that contains the day is *uncertain*:
:meth:`When.by` answers ``True`` (surely on or before the day), ``False`` (surely after)
or ``None`` (the period contains the day; the data cannot tell).

An *approximate* date ("late last year") is a representative day, month or year; it
stands for the whole calendar year of that value.

:func:`today` is the one clock of the package (the UTC date); :func:`parse_day` reads an
as-of date given by a user.

Examples
--------
>>> w = When.parse("1993")
>>> w.precision, w.iso, w.earliest.isoformat(), w.latest.isoformat()
('year', '1993', '1993-01-01', '1993-12-31')
>>> w.by(dt.date(1994, 2, 1)), w.by(dt.date(1993, 6, 1)), w.by(dt.date(1992, 12, 31))
(True, None, False)
>>> When.parse("2023-12-20").by(dt.date(2023, 12, 20))
True
>>> When.parse("1993-01-01", "year").iso            # a year stays a year
'1993'
>>> When.parse("2025-11", "approximate").text(), When.parse("2024-02").text()
('about Nov 2025', 'Feb 2024')
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .errors import InputError

__all__ = ["When", "Precision", "PRECISIONS", "today", "parse_day"]

Precision = Literal["day", "month", "year", "approximate"]
#: The precisions, finest first (the names ``arms:DayPrecision`` … stand for).
PRECISIONS: tuple[Precision, ...] = ("day", "month", "year", "approximate")
_Form = Literal["day", "month", "year"]
_RANK = {"day": 0, "month": 1, "year": 2}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def today() -> dt.date:
    """Today's date in UTC: the one "today" of armsgraph (CLI, API, reasoning)."""
    return dt.datetime.now(dt.UTC).date()


def parse_day(value: str | dt.date | None, *, name: str = "as_of") -> dt.date:
    """An as-of day from ``YYYY-MM-DD`` or a date (``None``: :func:`today`).

    >>> parse_day("2022-11-10"), parse_day(None) == today()
    (datetime.date(2022, 11, 10), True)
    >>> parse_day("2022")
    Traceback (most recent call last):
    ...
    armsgraph.errors.InputError: as_of must be a date YYYY-MM-DD, not '2022'
    """
    if value is None:
        return today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


@dataclass(frozen=True)
class When:
    """A date as precise as its source: ``value`` (the first day of the period the date
    names), its ``precision``, and ``form`` (day, month or year: what the value spells;
    equal to the precision except for approximate dates)."""

    value: dt.date
    precision: Precision = "day"
    form: _Form = "day"

    @classmethod
    def parse(cls, text: object, precision: str | None = None) -> When | None:
        """A date of any form (``2023``, ``2023-12``, ``2023-12-20``, a dateTime), read at
        the coarser of its form and the stated ``precision``; ``None`` if not a date.

        >>> When.parse("2024-02-29T10:00:00").iso, When.parse("late") is None
        ('2024-02-29', True)
        >>> When.parse("2023", "day").precision        # never finer than it is written
        'year'
        """
        if text is None:
            return None
        raw = str(text).strip()[:10]
        parts = raw.split("-")
        if len(parts[0]) != 4 or not parts[0].isdigit():
            return None
        try:
            year = int(parts[0])
            form: _Form = "year"
            month = day = 1
            if len(parts) > 1 and parts[1][:2].isdigit():
                month, form = int(parts[1][:2]), "month"
                if len(parts) > 2 and parts[2][:2].isdigit():
                    day, form = int(parts[2][:2]), "day"
            value = dt.date(year, month, day)
        except ValueError:
            return None
        if precision == "approximate":
            return cls(value, "approximate", form)
        if precision in _RANK and _RANK[precision] > _RANK[form]:
            form = precision  # type: ignore[assignment]  # checked against _RANK
            value = value.replace(day=1) if form == "month" else value.replace(month=1, day=1)
        return cls(value, form, form)

    @classmethod
    def year(cls, year: int) -> When:
        """The whole of ``year``.

        >>> When.year(1989).iso
        '1989'
        """
        return cls(dt.date(year, 1, 1), "year", "year")

    @classmethod
    def day(cls, day: dt.date) -> When:
        """One day."""
        return cls(day, "day", "day")

    @property
    def earliest(self) -> dt.date:
        """The first day the date may mean."""
        if self.precision == "approximate":
            return self.value.replace(month=1, day=1)
        return self.value

    @property
    def latest(self) -> dt.date:
        """The last day the date may mean.

        >>> When.parse("2024-02").latest.isoformat()
        '2024-02-29'
        """
        v = self.value
        if self.precision in ("year", "approximate"):
            return v.replace(month=12, day=31)
        if self.precision == "month":
            return v.replace(day=calendar.monthrange(v.year, v.month)[1])
        return v

    @property
    def iso(self) -> str:
        """The date as it is known: ``1993``, ``1993-05`` or ``1993-05-12`` (an approximate
        date in the form of its representative value)."""
        if self.form == "year":
            return f"{self.value.year:04d}"
        if self.form == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def text(self) -> str:
        """For people: ``1993``, ``May 1993``, ``12 May 1993``, ``about 1993``.

        >>> When.parse("1993-05-12").text()
        '12 May 1993'
        """
        v = self.value
        words = {"year": f"{v.year}", "month": f"{_MONTHS[v.month - 1]} {v.year}",
                 "day": f"{v.day} {_MONTHS[v.month - 1]} {v.year}"}[self.form]
        return f"about {words}" if self.precision == "approximate" else words

    def by(self, on: dt.date) -> bool | None:
        """Did it happen on or before ``on``? ``None`` when the date's period contains
        ``on`` but is longer than that day (the data cannot tell)."""
        if self.latest <= on:
            return True
        if self.earliest > on:
            return False
        return None

    def contains(self, on: dt.date) -> bool:
        """Does the period contain ``on`` without being just that day?"""
        return self.earliest <= on < self.latest

    def key(self) -> tuple[dt.date, dt.date]:
        """A sort key: earliest first, then the narrower period."""
        return (self.earliest, self.latest)

    def __str__(self) -> str:
        return self.iso
