"""Dates in news text, absolute and relative, resolved against the publication date.

Each date found has a ``value`` and a ``precision``:

============  ======================  ==============================================
precision     value                   examples
============  ======================  ==============================================
day           ``YYYY-MM-DD``          "on April 10", "December 20 last year", "22 March 2024"
month         ``YYYY-MM``             "in May 2023", "last month", "at the end of December 2023"
year          ``YYYY``                "in 2022", "last year"
approximate   ``YYYY`` or ``YYYY-MM`` "late last year", "early 2024", "mid-November", "decades ago"
============  ======================  ==============================================

Relative dates ("last month", "on April 10" without a year) need the publication date;
without it their value is ``None`` and ``unresolved`` is set, so callers can flag them.

Examples
--------
>>> from datetime import date
>>> pub = date(2024, 3, 23)
>>> [(d.text, d.value, d.precision) for d in find_dates("on December 20 last year", pub)]
[('December 20 last year', '2023-12-20', 'day')]
>>> [(d.value, d.precision) for d in find_dates("Tokyo relaxed the rules late last year.", pub)]
[('2023', 'approximate')]
>>> [(d.value, d.precision) for d in find_dates("In May 2023, Japan promised", pub)]
[('2023-05', 'month')]
>>> [(d.value, d.precision) for d in find_dates("a meeting on April 10", pub)]
[('2024-04-10', 'day')]
>>> [(d.value, d.precision) for d in find_dates("at the end of December 2023", pub)]
[('2023-12', 'month')]
>>> [(d.value, d.precision) for d in find_dates("last month", pub)]
[('2024-02', 'month')]
>>> [(d.value, d.precision) for d in find_dates("since the war began in 2022", pub)]
[('2022', 'year')]
>>> [(d.value, d.precision) for d in find_dates("supplied decades ago", pub)]
[('2004', 'approximate')]
>>> [(d.value, d.unresolved) for d in find_dates("last month", None)]
[(None, True)]
>>> [(d.value, d.precision) for d in find_dates("on 3 November 2022", None)]
[('2022-11-03', 'day')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from .lexicon import (
    DATE_NUMBER_WORDS,
    MONTHS,
    WEEKDAYS,
)
from .model import DateValue

__all__ = ["find_dates", "parse_published"]


_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_REL = r"(?P<rel>last|this|next|previous|the previous|the following)"
_PART = (
    r"(?P<part>early|mid|late|the end of|end of|the beginning of|beginning of|the start of"
    r"|start of|the middle of)"
)

Resolver = Callable[["re.Match[str]", "date | None"], "tuple[str | None, str]"]


def parse_published(value: str) -> date | None:
    """Read a publication date: ``YYYY-MM-DD``, an ISO datetime, or a written day.

    Outlets write dates in many ways; any single absolute day is accepted.

    >>> parse_published("2024-03-23")
    datetime.date(2024, 3, 23)
    >>> parse_published("2024-03-23T10:00:00Z")
    datetime.date(2024, 3, 23)
    >>> parse_published("Sat, March 23, 2024 - 10:00")
    datetime.date(2024, 3, 23)
    >>> parse_published("March 2024") is None
    True
    >>> parse_published("2025-02-30") is None
    True
    """
    text = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if len(text) > 60:
        return None
    days = [d for d in find_dates(text, None) if d.precision == "day" and d.value]
    if len(days) == 1 and days[0].value is not None:
        return date.fromisoformat(days[0].value)
    return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _rel_year(rel: str, pub: date) -> int:
    rel = rel.lower()
    if rel in ("last", "previous", "the previous"):
        return pub.year - 1
    if rel in ("next", "the following"):
        return pub.year + 1
    return pub.year


def _guess_year(month: int, day: int, pub: date) -> int:
    """Year of a month/day given without one: the publication year, unless that puts it
    more than two months after publication (then it was last year)."""
    try:
        candidate = date(pub.year, month, min(day, 28))
    except ValueError:
        return pub.year
    return pub.year - 1 if candidate > pub + timedelta(days=61) else pub.year


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _day_mon_rel(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "day"
    return _ymd(_rel_year(m["rel"], pub), _month(m["mon"]), int(m["day"])), "day"


def _day_full(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    return _ymd(int(m["year"]), _month(m["mon"]), int(m["day"])), "day"


def _day_noyear(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "day"
    month, day = _month(m["mon"]), int(m["day"])
    return _ymd(_guess_year(month, day, pub), month, day), "day"


def _iso(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    return _ymd(int(m["year"]), int(m["m"]), int(m["d"])), "day"


def _part_month_year(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    return f"{int(m['year']):04d}-{_month(m['mon']):02d}", "month"


def _part_month(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "approximate"
    month = _month(m["mon"])
    return f"{_guess_year(month, 15, pub):04d}-{month:02d}", "approximate"


def _month_year(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    return f"{int(m['year']):04d}-{_month(m['mon']):02d}", "month"


def _month_rel(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "month"
    return f"{_rel_year(m['rel'], pub):04d}-{_month(m['mon']):02d}", "month"


def _month_alone(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "month"
    month = _month(m["mon"])
    return f"{_guess_year(month, 15, pub):04d}-{month:02d}", "month"


def _part_year(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    return m["year"], "approximate"


def _part_rel_year(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "approximate"
    return f"{_rel_year(m['rel'], pub):04d}", "approximate"


def _rel_year_only(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "year"
    return f"{_rel_year(m['rel'], pub):04d}", "year"


def _rel_month(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "month"
    rel = m["rel"].lower()
    y, mo = pub.year, pub.month
    if rel in ("last", "previous", "the previous"):
        y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
    elif rel in ("next", "the following"):
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return f"{y:04d}-{mo:02d}", "month"


def _rel_week(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "approximate"
    rel = m["rel"].lower()
    shift = -7 if rel in ("last", "previous", "the previous") else 7 if rel == "next" else 0
    return (pub + timedelta(days=shift)).isoformat()[:7], "approximate"


def _day_word(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "day"
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m["word"].lower()]
    return (pub + timedelta(days=shift)).isoformat(), "day"


def _weekday(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "day"
    target = WEEKDAYS.index(m["wd"].lower())
    back = (pub.weekday() - target) % 7
    if back == 0 and (m.groupdict().get("last") or "").lower() == "last":
        back = 7
    return (pub - timedelta(days=back)).isoformat(), "day"


def _ago(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "approximate"
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else DATE_NUMBER_WORDS.get(raw, 3)
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        return (pub - timedelta(days=n)).isoformat(), "approximate"
    if unit == "week":
        return (pub - timedelta(days=7 * n)).isoformat(), "approximate"
    if unit == "month":
        total = pub.year * 12 + pub.month - 1 - n
        return f"{total // 12:04d}-{total % 12 + 1:02d}", "approximate"
    if unit == "decade":
        return f"{pub.year - 10 * n:04d}", "approximate"
    return f"{pub.year - n:04d}", "approximate"


def _decades(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "approximate"
    return f"{pub.year - 20:04d}", "approximate"


def _year(m: re.Match[str], pub: date | None) -> tuple[str | None, str]:
    return m["year"], "year"


_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS: list[tuple[re.Pattern[str], Resolver, bool]] = [
    # (pattern, resolver, relative?) in priority order; earlier patterns win overlaps.
    (re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _iso, False),
    (re.compile(rf"\b{_MON}\s+{_D},?\s+{_REL}\s+year\b", re.I), _day_mon_rel, True),
    (re.compile(rf"\b{_MON}\s+{_D},?\s+{_YEAR}\b", re.I), _day_full, False),
    (re.compile(rf"\b{_D}\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b", re.I), _day_full, False),
    (re.compile(rf"\b{_PART}[\s-]+{_MON},?\s+{_YEAR}\b", re.I), _part_month_year, False),
    (re.compile(rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b", re.I), _month_year, False),
    (re.compile(rf"\b{_MON}\s+{_D}\b(?![:.]?\d)", re.I), _day_noyear, True),
    (re.compile(rf"\b{_D}\s+{_MON}\b", re.I), _day_noyear, True),
    (re.compile(rf"\b{_PART}[\s-]+{_MON}\b", re.I), _part_month, True),
    (re.compile(rf"\b{_REL}\s+{_MON}\b", re.I), _month_rel, True),
    (re.compile(rf"\b{_PART}[\s-]+(?:of\s+)?{_YEAR}\b", re.I), _part_year, False),
    (re.compile(rf"\b{_PART}[\s-]+{_REL}\s+year\b", re.I), _part_rel_year, True),
    (re.compile(rf"\b{_REL}\s+year\b", re.I), _rel_year_only, True),
    (re.compile(rf"\b{_REL}\s+month\b", re.I), _rel_month, True),
    (re.compile(rf"\b{_REL}\s+week\b", re.I), _rel_week, True),
    (re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.I), _day_word, True),
    (re.compile(r"\b(?:[Oo]n|(?P<last>[Ll]ast))\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday"
                r"|Saturday|Sunday)\b"), _weekday, True),
    (re.compile(
        r"\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
        r"(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b", re.I), _ago, True),
    (re.compile(r"\bdecades\s+ago\b", re.I), _decades, True),
    (re.compile(
        r"(?:(?<=\bin )|(?<=\bof )|(?<=\bby )|(?<=\bto )|(?<=\bthe )|(?<=\band )"
        r"|(?<=\bsince )|(?<=\bfrom )|(?<=\buntil )|(?<=\bduring )|(?<=\bbefore )"
        r"|(?<=\bafter )|(?<=\bthrough )|(?<=\bIn )|(?<=\bSince )|(?<=\bBy )|(?<=\()|^)"
        + _YEAR + r"\b(?![\d%-]|\s+[a-z]+s\b|\s*(?:km|kilomet|tonnes|troops))"),
     _year, False),
    # A month named alone ("in March") last: it is the least certain.
    (re.compile(r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Dd]uring|[Ll]ate|[Ee]arly)\s+"
                + _MON.replace(r"\.?", "") + r"\b(?!\s+\d)"), _month_alone, True),
]


def find_dates(text: str, published: date | None, offset: int = 0) -> list[DateValue]:
    """Find the dates in ``text``, resolved against ``published`` where relative.

    Parameters
    ----------
    text : the text to scan (usually one sentence).
    published : the publication date, or None (relative dates stay unresolved).
    offset : added to the character offsets of the results (the sentence's start).

    Returns
    -------
    list of DateValue, in text order, not overlapping.
    """
    taken: list[tuple[int, int]] = []
    found: list[DateValue] = []
    for pattern, resolve, relative in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if pattern.pattern.startswith(r"\b" + _MON) and m["mon"].lower() == "may" \
                    and not re.search(r"\d", m.group(0)):
                continue
            value, precision = resolve(m, published)
            if value is None and not (relative and published is None):
                continue  # an impossible date such as February 30
            taken.append((s, e))
            found.append(DateValue(
                value=value, precision=precision, text=m.group(0), start=offset + s,
                end=offset + e, unresolved=value is None,
            ))
    found.sort(key=lambda d: d.start)
    return found
