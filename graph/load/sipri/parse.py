"""Read a SIPRI trade register exactly as SIPRI exports it.

The Arms Transfers Database exports its *trade register* as a CSV file in Windows-1252
(cp1252) with a preamble of notes before the header, three "?" flag columns whose header
is a single space, and the years of delivery as one ``"; "``-separated field::

    Transfers of major conventional arms from All countries  to All countries . ...
    A '?' in a column indicates uncertain data. ...
    ...
    Source: SIPRI Arms Transfers Database …
    Data generated: 18 May 2026 2:29:20 PM
    Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,...
    Japan,United States,2018,?,500,?,MIM-104 PAC-3 MSE,...,2021; 2022,New,...

:func:`read_register` turns such a file into :class:`SipriRow` records and lists every
data row it cannot read as a :class:`RejectedRow` with its line and reason, so that no
row is silently lost. It knows nothing about RDF; :mod:`armsgraph.load.sipri` does the rest.

Examples
--------
>>> text = (
...     "Notes\\nData generated: 2 January 2026 9:00:00 AM\\n"
...     "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,"
...     "Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,"
...     "SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons\\n"
...     "Japan,United States,2018,?,500,?,MIM-104 PAC-3 MSE,anti-ballistic missile,"
...     "150,?,2021; 2022,New,Produced under licence in Japan,1.5,750,225\\n"
...     "Japan,United States,20x8,,1,,X,y,,,,New,,,,\\n"
... ).encode("cp1252")
>>> reg = parse_register(text, source="example.csv")
>>> row = reg.rows[0]
>>> row.recipient, row.order_year, row.order_year_uncertain, row.delivery_years
('Japan', 2018, True, (2021, 2022))
>>> reg.rejected[0].line, reg.rejected[0].reason
(5, "Year of order: '20x8' is not a year")
>>> reg.generated.isoformat()
'2026-01-02T09:00:00'
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ...errors import ParseError
from ...files import read_input

__all__ = [
    "COLUMNS",
    "SipriRow",
    "RejectedRow",
    "Register",
    "read_register",
    "parse_register",
    "decode_register",
]

#: The 16 header names of a trade-register export, in order (flag columns are " ").
COLUMNS: tuple[str, ...] = (
    "Recipient",
    "Supplier",
    "Year of order",
    " ",
    "Number ordered",
    " ",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    " ",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
)
_NAMED = [c for c in COLUMNS if c.strip()]
#: How far into the file the header may appear (SIPRI's preamble is 11 lines).
_MAX_PREAMBLE = 40
#: Largest register file read (a full export is a few MB).
MAX_REGISTER_BYTES = 200_000_000
_GENERATED = re.compile(r"Data generated:\s*(.+?)\s*$")
_GENERATED_FORMATS = ("%d %B %Y %I:%M:%S %p", "%d %B %Y %H:%M:%S", "%d %B %Y")
_YEAR_SEP = re.compile(r"\s*;\s*")
#: Years SIPRI's register can hold (orders from 1940; we accept a margin either side).
_MIN_YEAR, _MAX_YEAR = 1900, 2100


@dataclass(frozen=True, slots=True)
class SipriRow:
    """One deal of the register, with typed fields and the line it came from.

    ``fields`` keeps the 16 raw strings, which is what the content hash covers.
    """

    line: int
    recipient: str
    supplier: str
    order_year: int
    order_year_uncertain: bool
    ordered: int | None
    ordered_uncertain: bool
    designation: str
    description: str
    delivered: int | None
    delivered_uncertain: bool
    delivery_years: tuple[int, ...]
    status: str
    comments: str
    tiv_per_unit: Decimal | None
    tiv_total: Decimal | None
    tiv_delivered: Decimal | None
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A data row that was not imported: where it is, why, and its text (shortened)."""

    line: int
    reason: str
    text: str


@dataclass
class Register:
    """A parsed register: its release date, the rows read and the rows rejected."""

    source: str
    encoding: str
    generated: datetime | None
    preamble: list[str]
    sha256: str
    rows: list[SipriRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def records(self) -> int:
        """Number of data records in the file (read plus rejected)."""
        return len(self.rows) + len(self.rejected)


def read_register(path: str | Path) -> Register:
    """Read a trade-register CSV file as SIPRI exports it.

    Parameters
    ----------
    path : the CSV file (Windows-1252 as SIPRI writes it; UTF-8 is accepted too).

    Returns
    -------
    Register
        Rows read and rows rejected, with line numbers of the file.

    Raises
    ------
    ParseError
        The file cannot be read, is not text, or has no trade-register header.
    """
    p = Path(path)
    data = read_input(p, "SIPRI register", limit=MAX_REGISTER_BYTES, error=ParseError)
    return parse_register(data, source=str(p))


def decode_register(data: bytes, *, source: str = "<register>") -> tuple[str, str]:
    """Decode the bytes of an export; return the text and the encoding used.

    SIPRI writes Windows-1252. A file re-saved as UTF-8 (with or without a byte-order
    mark) is recognised because it decodes as strict UTF-8, which cp1252 text with
    accented names almost never does. Binary data (NUL bytes, UTF-16) and bytes that
    cp1252 leaves undefined raise :class:`ParseError` naming the line.
    """
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ParseError(
            "NUL byte: not a SIPRI CSV export (binary or UTF-16?)", source=source, line=line
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ParseError(
            f"byte 0x{data[err.start]:02x} is neither UTF-8 nor Windows-1252 text",
            source=source,
            line=line,
        ) from err


def parse_register(data: bytes, *, source: str = "<register>") -> Register:
    """Parse the bytes of a trade-register export (see :func:`read_register`)."""
    text, encoding = decode_register(data, source=source)
    lines = text.splitlines(keepends=True)
    header_at = _find_header(lines, source)
    preamble = [ln.rstrip("\r\n") for ln in lines[:header_at]]
    reg = Register(
        source=source,
        encoding=encoding,
        generated=_generated(preamble),
        preamble=preamble,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    body = "".join(lines[header_at + 1 :])
    for line, record in _records(body, first_line=header_at + 2, source=source):
        if not any(f.strip() for f in record):
            continue  # a blank line is not a record
        try:
            reg.rows.append(_row(line, record))
        except _Bad as bad:
            reg.rejected.append(RejectedRow(line, str(bad), ",".join(record)[:200]))
    return reg


# -- helpers ---------------------------------------------------------------------------


class _Bad(Exception):
    """A reason to reject one row (internal: becomes a RejectedRow)."""


def _find_header(lines: list[str], source: str) -> int:
    for i, raw in enumerate(lines[:_MAX_PREAMBLE]):
        if not raw.startswith("Recipient,"):
            continue
        names = next(csv.reader([raw.rstrip("\r\n")]), [])
        if [n for n in names if n.strip()] != _NAMED or len(names) != len(COLUMNS):
            raise ParseError(
                f"header does not match the SIPRI trade register: expected {len(COLUMNS)} "
                f"columns {list(COLUMNS)!r}, found {names!r}",
                source=source,
                line=i + 1,
            )
        return i
    raise ParseError(
        f"no SIPRI trade-register header ('Recipient,Supplier,Year of order,…') in the first "
        f"{_MAX_PREAMBLE} lines",
        source=source,
    )


def _generated(preamble: list[str]) -> datetime | None:
    for raw in preamble:
        m = _GENERATED.search(raw)
        if not m:
            continue
        for fmt in _GENERATED_FORMATS:
            try:
                return datetime.strptime(m.group(1), fmt)
            except ValueError:
                continue
    return None


def _records(body: str, *, first_line: int, source: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the file line each starts on (records may span lines)."""
    reader = csv.reader(io.StringIO(body, newline=""), strict=False)
    consumed = 0
    while True:
        start = first_line + consumed
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as err:  # pragma: no cover - strict=False rarely raises
            raise ParseError(f"unreadable CSV: {err}", source=source, line=start) from err
        consumed = reader.line_num
        yield start, record


def _row(line: int, f: list[str]) -> SipriRow:
    if len(f) != len(COLUMNS):
        raise _Bad(f"expected {len(COLUMNS)} fields, found {len(f)}")
    recipient, supplier = f[0].strip(), f[1].strip()
    if not recipient:
        raise _Bad("Recipient is empty")
    if not supplier:
        raise _Bad("Supplier is empty")
    designation = f[6].strip()
    if not designation:
        raise _Bad("Weapon designation is empty")
    order_year = _year(f[2], "Year of order")
    years = tuple(_year(y, "Year(s) of delivery") for y in _YEAR_SEP.split(f[10].strip()) if y)
    if list(years) != sorted(set(years)):
        raise _Bad(f"Year(s) of delivery: {f[10]!r} is not a list of increasing years")
    status = f[11].strip()
    if not status:
        raise _Bad("status is empty")
    return SipriRow(
        line=line,
        recipient=recipient,
        supplier=supplier,
        order_year=order_year,
        order_year_uncertain=_flag(f[3], "Year of order"),
        ordered=_count(f[4], "Number ordered"),
        ordered_uncertain=_flag(f[5], "Number ordered"),
        designation=designation,
        description=f[7].strip(),
        delivered=_count(f[8], "Number delivered"),
        delivered_uncertain=_flag(f[9], "Number delivered"),
        delivery_years=years,
        status=status,
        comments=f[12].strip(),
        tiv_per_unit=_tiv(f[13], "SIPRI TIV per unit"),
        tiv_total=_tiv(f[14], "SIPRI TIV for total order"),
        tiv_delivered=_tiv(f[15], "SIPRI TIV of delivered weapons"),
        fields=tuple(f),
    )


def _year(value: str, column: str) -> int:
    v = value.strip()
    if not v.isdigit() or not v.isascii():
        raise _Bad(f"{column}: {value!r} is not a year")
    year = int(v)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _Bad(f"{column}: {year} is outside {_MIN_YEAR}-{_MAX_YEAR}")
    return year


def _flag(value: str, column: str) -> bool:
    v = value.strip()
    if v not in ("", "?"):
        raise _Bad(f"uncertainty flag after {column}: {value!r} is neither '?' nor empty")
    return v == "?"


def _count(value: str, column: str) -> int | None:
    v = value.strip()
    if not v:
        return None
    if not v.isdigit() or not v.isascii():
        raise _Bad(f"{column}: {value!r} is not a whole number")
    return int(v)


def _tiv(value: str, column: str) -> Decimal | None:
    v = value.strip()
    if not v:
        return None
    try:
        d = Decimal(v)
    except InvalidOperation:
        raise _Bad(f"{column}: {value!r} is not a number") from None
    if not d.is_finite() or d < 0:
        raise _Bad(f"{column}: {value!r} is not a non-negative number")
    return d
