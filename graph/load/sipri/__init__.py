"""Import the SIPRI trade register into the SIPRI named graph.

Each deal of the register (one CSV row, read by :mod:`armsgraph.load.sipri.parse`) becomes an
``arms:Transfer`` statement in ``graph/sipri`` whose supplier and recipient are the same
state entities the articles use, and whose item is a catalog weapons system where one
matches (:mod:`armsgraph.load.sipri.link`). Comments that say the items were produced under
licence add an ``arms:ProductionLicence`` statement; second-hand deals point with
``arms:previousTransfer`` to the transfer through which the seller got the items, so that
second-hand chains become re-export paths.

=========================  =====================================================
SIPRI column               statement
=========================  =====================================================
Supplier / Recipient       ``arms:supplier`` / ``arms:recipient``
Year of order (+ ``?``)    ``arms:orderYear`` (``arms:uncertain "orderYear"``)
Number ordered (+ ``?``)   ``arms:quantity`` (``arms:uncertain "quantity"``)
Weapon designation         ``arms:item`` (catalog or new system), ``arms:sourceDesignation``
Weapon description         ``rdfs:comment`` of a system the import creates
Number delivered (+ ``?``) ``arms:quantityDelivered`` (``arms:uncertain "quantityDelivered"``)
Year(s) of delivery        one ``arms:deliveryYear`` per year; ``arms:date`` = first one
status                     ``arms:sipriStatus``, ``arms:secondHand``
Comments                   ``arms:note`` verbatim; licence → ``arms:licensedProduction``
SIPRI TIV columns          ``arms:tivPerUnit``, ``arms:tivTotal``, ``arms:tivDelivered``
=========================  =====================================================

Every statement has ``prov:wasDerivedFrom`` the release (an ``arms:Source`` dated by the
preamble's "Data generated" line, with SIPRI's credit line), ``arms:confidence`` (lower
for each "?" flag), ``arms:extractionRule "sipri-import"`` and ``arms:recordHash``, the hash
of its row, by which a re-import tells added, changed and removed deals apart.

A deal's IRI is ``ids.fact("sipri-" + key)``; the key hashes supplier, recipient, year of
order and designation as SIPRI writes them (rows identical in those four get ``-2``,
``-3`` … in the order of their content hashes), so it is stable across releases as long as
SIPRI does not revise those four fields.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ... import ids
from ...errors import InputError, UnknownEntity
from ...namespace import ARMS
from ...prefixes import sparql_prefixes
from ...store import GraphUpdate, Store, Triple
from ...store.snapshot import code_key, no_cyclic_gc
from .link import Catalog, LicenceHint, PartyIndex, licence_hint
from .parse import Register, RejectedRow, SipriRow, read_register

__all__ = [
    "CREDIT",
    "EXTRACTION_RULE",
    "Deal",
    "ImportReport",
    "import_register",
    "Progress",
    "convert",
    "conversion_digest",
    "link_deals",
    "deal_keys",
]

#: SIPRI's required credit line (user rules of the Arms Transfers Database).
CREDIT = "Information from the SIPRI Arms Transfers Database"
EXTRACTION_RULE = "sipri-import"
SIPRI_URL = "https://www.sipri.org/databases/armstransfers"
SCHEMA_URL = URIRef("https://schema.org/url")
#: Confidence of a SIPRI statement, lowered by 0.1 for each "?" flag (floor 0.5).
BASE_CONFIDENCE = Decimal("0.9")
SOURCE_RELIABILITY = Decimal("0.9")
_SECOND_HAND_NOTE = ("second-hand", "probably second-hand", "possibly second-hand")


@dataclass(frozen=True)
class Line:
    """One more production line of a deal: the state, the lot made there, its label, and
    the licensor's sale as consent (when SIPRI's supplier is the licensor)."""

    place: URIRef
    lot: URIRef
    lot_label: str
    consent_label: str = ""


@dataclass(slots=True)
class Deal:
    """A row of the register resolved against the graph, ready to become triples."""

    row: SipriRow
    key: str
    hash: str
    iri: URIRef
    supplier: URIRef
    recipient: URIRef
    item: URIRef
    family: URIRef
    second_hand: bool
    licence: LicenceHint | None = None
    licensor: URIRef | None = None
    licensee: URIRef | None = None
    previous: URIRef | None = None
    #: The lot the deal delivers when it came from a production line in a third country
    #: (neither SIPRI's supplier nor the recipient): made there, under the licence.
    lot: URIRef | None = None
    lot_label: str = ""
    #: Set when SIPRI's supplier is the licensor: the sale is its consent to the delivery.
    consent_label: str = ""
    #: Further production lines in third countries ("from Czechoslovak and Polish
    #: production lines"): each a hedged transfer of its own lot, beside ``lot``.
    more_lines: list[Line] = field(default_factory=list)

    @property
    def producer(self) -> URIRef | None:
        """The state the items came from when that is not SIPRI's supplier."""
        return self.licensee if self.lot is not None else None


@dataclass
class ImportReport:
    """What an import read, wrote and left out, and how it differs from the last import."""

    source: str
    encoding: str = ""
    generated: datetime | None = None
    records: int = 0
    imported: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    previous: int = 0
    triples: int = 0
    systems_linked: int = 0
    systems_created: int = 0
    licences: int = 0
    produced_elsewhere: int = 0
    second_hand_links: int = 0
    seconds: float = 0.0
    #: What was written to the SIPRI graph: only the difference to the stored graph
    #: (nothing for an unchanged register), or the whole graph (None: not written yet).
    update: GraphUpdate | None = None

    @property
    def written(self) -> bool:
        """False when the store already held exactly these triples: nothing was written."""
        return self.update is None or self.update.written

    def _written_line(self) -> str:
        u = self.update
        if u is None or u.added is None or u.removed is None:
            return "written whole"
        if not u.written:
            return "unchanged, nothing written"
        return f"{u.added} triples written, {u.removed} deleted"

    def lines(self) -> list[str]:
        """The report as short lines for a terminal."""
        gen = self.generated.isoformat(sep=" ") if self.generated else "unknown"
        out = [
            f"SIPRI register {self.source} ({self.encoding}, data generated {gen})",
            f"{self.records:>8} records: {self.imported} imported, {len(self.rejected)} listed",
            f"{self.added:>8} added, {self.changed} changed, {self.removed} removed, "
            f"{self.unchanged} unchanged (previous import: {self.previous} deals)",
            f"{self.triples:>8} triples in {ids.SIPRI_GRAPH} ({self.seconds:.1f} s; "
            f"{self._written_line()})",
            f"{self.systems_linked:>8} deals linked to catalog systems; "
            f"{self.systems_created} systems created from SIPRI designations",
            f"{self.licences:>8} production licences; {self.second_hand_links} second-hand links",
            f"{self.produced_elsewhere:>8} deals from a production line in a third country "
            "(transfers from the producing state)",
        ]
        out += [f"  line {r.line}: {r.reason}" for r in self.rejected]
        return out


#: Largest share of the deals in the store that an import may remove without
#: ``allow_removals`` (a truncated or header-only file would otherwise empty the register).
MAX_REMOVED_SHARE = 0.10


def import_register(store: Store, path: str | Path, *, progress: Progress | None = None,
                    allow_removals: bool = False) -> ImportReport:
    """Import a SIPRI trade-register CSV into ``store``'s SIPRI graph, replacing it.

    Parameters
    ----------
    store : a store that already holds the reference data (states, SIPRI parties, systems),
        as ``armsgraph build`` writes it.
    path : the register as SIPRI exports it.
    progress : told of each stage and step (:class:`Progress`); ``None`` reports nothing.
    allow_removals : import even when the file lacks more than :data:`MAX_REMOVED_SHARE`
        of the deals the store holds (a new release that really drops them).

    Returns
    -------
    ImportReport
        Counts, rows left out with their reasons, and the difference to the last import.

    Raises
    ------
    ParseError
        The file is not a readable trade register (nothing is written).
    InputError
        The import would remove more than :data:`MAX_REMOVED_SHARE` of the deals in the
        store and ``allow_removals`` is not set (nothing is written).
    UnknownEntity
        The store holds no states to resolve parties against (run ``armsgraph build``).
    """
    t0 = time.perf_counter()
    bar = progress if progress is not None else _Silent()
    with no_cyclic_gc():
        bar.stage("reading register", 1)
        reg = read_register(path)
        bar.advance()
        report = ImportReport(
            source=str(path),
            encoding=reg.encoding,
            generated=reg.generated,
            records=reg.records,
        )
        report.rejected.extend(reg.rejected)
        bar.stage("resolving parties and systems", 1)
        parties = PartyIndex(store)
        if not parties.states:
            raise UnknownEntity(
                "the store holds no arms:State to resolve SIPRI's parties against; "
                "run `armsgraph build` first"
            )
        catalog = Catalog(store)
        deals = link_deals(reg, parties, catalog, report)
        bar.advance()
        old = _previous_hashes(store)
        new = {d.iri: d.hash for d in deals}
        report.previous = len(old)
        report.added = sum(1 for k in new if k not in old)
        report.removed = sum(1 for k in old if k not in new)
        report.changed = sum(1 for k, h in new.items() if k in old and old[k] != h)
        report.unchanged = len(new) - report.added - report.changed
        if (not allow_removals and report.previous
                and report.removed > MAX_REMOVED_SHARE * report.previous):
            raise InputError(
                f"{path}: this import would remove {report.removed:,} of the "
                f"{report.previous:,} deals in the store ({report.removed / report.previous:.0%}"
                f", more than {MAX_REMOVED_SHARE:.0%}) and keep {len(new):,}; is the file "
                "truncated? Nothing was written. Pass --allow-removals to import it anyway"
            )
        # The triples are a function of the file, the linked deals and this code: when
        # the graph says it was made from the same (its digest), an unchanged register
        # costs a parse, a link and this comparison. Else a deal is named by its key and
        # converted the same way every time, so a re-import differs from the stored
        # graph by the deals that changed: only that difference is written.
        digest = conversion_digest(reg, deals)
        known = store.graph_digest(ids.SIPRI_GRAPH)
        if known is not None and known.key == digest:
            report.update = GraphUpdate(known.triples, 0, 0)
        else:
            bar.stage("converting deals", len(deals))
            triples = convert(
                reg, deals, advance=bar.advance,
                done=lambda: bar.stage("committing graph/sipri"),
            )
            report.update = store.update_graph(ids.SIPRI_GRAPH, triples, digest=digest)
        report.triples = report.update.triples
    report.imported = len(deals)
    report.rejected.sort(key=lambda r: r.line)
    report.seconds = time.perf_counter() - t0
    return report


#: The code whose output the digest vouches for: this package, the IRIs and terms it
#: writes and their serialisation (and the interpreter, by :func:`code_key`).
_CODE_FILES: tuple[Path, ...] = (*sorted(Path(__file__).parent.glob("*.py")), Path(ids.__file__),
               Path(ids.__file__).with_name("namespace.py"),
               Path(ids.__file__).parent / "store" / "base.py")
#: Fields of a deal beside its row (the row is the file's, covered by its sha256).
_DEAL_FIELDS = tuple(f.name for f in fields(Deal) if f.name != "row")


def conversion_digest(reg: Register, deals: list[Deal]) -> str:
    """A key of everything :func:`convert` makes the SIPRI graph from: the file's bytes,
    every linked deal (parties, items, licences and second-hand links, which come from
    the store's reference data) and the code. Equal keys give equal triples.

    >>> from armsgraph.load.sipri.parse import parse_register, COLUMNS
    >>> reg = parse_register((",".join(COLUMNS) + "\\n").encode())
    >>> len(conversion_digest(reg, [])), conversion_digest(reg, []) == conversion_digest(reg, [])
    (32, True)
    """
    h = hashlib.blake2b(digest_size=16)
    h.update(_code().encode())
    h.update(reg.sha256.encode())
    if reg.generated is None:  # the release is then dated by the day of the import
        h.update(date.today().isoformat().encode())
    for d in deals:
        h.update(repr(tuple(getattr(d, n) for n in _DEAL_FIELDS)).encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _code() -> str:
    import pyoxigraph  # noqa: PLC0415
    import rdflib  # noqa: PLC0415

    versions = f"rdflib {rdflib.__version__} pyoxigraph {pyoxigraph.__version__}"
    return f"{code_key(*_CODE_FILES)} {versions}"


# -- resolution -----------------------------------------------------------------------


def deal_keys(rows: list[SipriRow]) -> list[tuple[str, str]]:
    """Stable key and content hash of each row (same order as ``rows``).

    >>> from armsgraph.load.sipri.parse import parse_register, COLUMNS
    >>> head = ",".join(COLUMNS) + "\\n"
    >>> line = "Chile,France,2001,,2,,Exocet,missile,2,,2002,New,,1,2,2\\n"
    >>> reg = parse_register((head + line + line).encode())
    >>> [k for k, _ in deal_keys(reg.rows)]
    ['3bddbd9f7ecb1520', '3bddbd9f7ecb1520-2']
    """
    out: list[tuple[str, str]] = []
    groups: dict[str, list[int]] = defaultdict(list)
    hashes: list[str] = []
    for i, row in enumerate(rows):
        base = ids.digest(row.supplier, row.recipient, str(row.order_year), row.designation)
        hashes.append(ids.digest(*row.fields, length=32))
        groups[base].append(i)
        out.append((base, ""))
    for base, members in groups.items():
        members.sort(key=lambda i: (hashes[i], i))
        for n, i in enumerate(members):
            out[i] = (base if n == 0 else f"{base}-{n + 1}", hashes[i])
    return out


def link_deals(
    reg: Register, parties: PartyIndex, catalog: Catalog, report: ImportReport
) -> list[Deal]:
    """Resolve parties, items, licences and second-hand links of every row.

    Rows whose supplier or recipient cannot be resolved go to ``report.rejected``.
    """
    rows: list[SipriRow] = []
    ends: list[tuple[URIRef, URIRef]] = []
    for row in reg.rows:
        supplier = parties.resolve(row.supplier)
        recipient = parties.resolve(row.recipient)
        if supplier is None or recipient is None:
            bad = row.supplier if supplier is None else row.recipient
            role = "supplier" if supplier is None else "recipient"
            text = ",".join(row.fields)[:200]
            report.rejected.append(RejectedRow(row.line, f"{role}: {parties.why_not(bad)}", text))
            continue
        rows.append(row)
        ends.append((supplier, recipient))
    items = _link_items(rows, catalog, report)
    deals: list[Deal] = []
    for row, (supplier, recipient), item, (key, h) in zip(
        rows, ends, items, deal_keys(rows), strict=True
    ):
        deal = Deal(
            row=row,
            key=key,
            hash=h,
            iri=ids.fact("sipri-" + key),
            supplier=supplier,
            recipient=recipient,
            item=item,
            family=catalog.family(item),
            second_hand=_is_second_hand(row),
        )
        _licence(deal, parties)
        deals.append(deal)
    report.licences = sum(1 for d in deals if d.licensee is not None)
    report.produced_elsewhere = sum(1 for d in deals if d.lot is not None)
    report.second_hand_links = _link_second_hand(deals, parties.unknown)
    return deals


def _link_items(rows: list[SipriRow], catalog: Catalog, report: ImportReport) -> list[URIRef]:
    """Catalog system for each row, or the system the import creates for its designation."""
    exact: dict[str, URIRef | None] = {}
    for row in rows:
        if row.designation not in exact:
            m = catalog.lookup(row.designation)
            exact[row.designation] = m.system if m and m.rule == "exact" else None
        hit = exact[row.designation]
        if hit is not None and catalog.compatible(hit, row.description):
            catalog.learn(hit, row.description)
    matched: dict[tuple[str, str], URIRef | None] = {}
    out: list[URIRef] = []
    created: set[URIRef] = set()
    for row in rows:
        k = (row.designation, row.description)
        if k not in matched:
            m = catalog.match(row.designation, row.description)
            matched[k] = m.system if m else None
        hit = matched[k]
        if hit is None:
            hit = ids.system("sipri " + row.designation)
            created.add(hit)
        else:
            report.systems_linked += 1
        out.append(hit)
    report.systems_created = len(created)
    return out


def _is_second_hand(row: SipriRow) -> bool:
    if row.status.lower().startswith("second hand"):
        return True
    first = row.comments.split(";", 1)[0].strip().lower()
    return first.startswith(_SECOND_HAND_NOTE)


def _licence(deal: Deal, parties: PartyIndex) -> None:
    hint = licence_hint(deal.row.comments)
    if hint is None:
        return
    third: list[URIRef] = []
    if hint.more:
        # Several lines: the deal's items came from them (which made how many is not said).
        named = [_resolve_place(x, parties) for x in (hint.place or "", *hint.more)]
        third = [x for x in dict.fromkeys(named) if x is not None and x in parties.states
                 and x not in (deal.supplier, deal.recipient)]
        place = third[0] if third else None
    else:
        place = _resolve_place(hint.place, parties) if hint.place else None
    if hint.place and place is None and not hint.explicit:
        return  # "produced in <somewhere we cannot name>": not evidence of a licence
    licensee = place or deal.recipient
    design = _resolve_place(hint.design, parties) if hint.design else None
    licensor = design or deal.supplier
    if not hint.explicit and licensee == licensor:
        return  # produced at home: no licence
    deal.licence, deal.licensor, deal.licensee = hint, licensor, licensee
    if place is not None and place not in (deal.supplier, deal.recipient) \
            and place in parties.states:
        # From a production line in a third country: the items went from there (issue 11).
        deal.lot = ids.lot(_tail(deal.item), _tail(place))
        made = f"{deal.row.designation} made in {parties.label(place)}"
        deal.lot_label = made
        if licensor == deal.supplier:
            deal.consent_label = _sells(parties, licensor, made, deal.recipient)
        for x in third[1:]:
            made = f"{deal.row.designation} made in {parties.label(x)}"
            sold = _sells(parties, licensor, made, deal.recipient) \
                if licensor == deal.supplier else ""
            deal.more_lines.append(Line(x, ids.lot(_tail(deal.item), _tail(x)), made, sold))


def _sells(parties: PartyIndex, licensor: URIRef, made: str, recipient: URIRef) -> str:
    return (f"{parties.label(licensor)} sells {made} to {parties.label(recipient)} "
            "(SIPRI's supplier is the licensor)")


def _tail(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _resolve_place(text: str, parties: PartyIndex) -> URIRef | None:
    words = text.split()
    for k in range(len(words), 0, -1):
        hit = parties.resolve(" ".join(words[:k]), demonyms=True)
        if hit is not None:
            return hit
    return None


def _link_second_hand(deals: list[Deal], unknown: set[URIRef]) -> int:
    """Point each second-hand deal at the seller's latest earlier delivery of the system.

    Candidates are deals *to* the seller of the same item, else of the same family, with a
    delivery in or before the year the second-hand deal was ordered; the latest such
    delivery wins (same item before same family).
    """
    by_family: dict[tuple[URIRef, URIRef], list[Deal]] = defaultdict(list)
    for d in deals:
        if d.row.delivery_years and d.recipient not in unknown:
            by_family[(d.recipient, d.family)].append(d)
    links = 0
    for d in deals:
        if not d.second_hand or d.supplier in unknown:
            continue
        best: tuple[bool, int, str] | None = None
        for c in by_family.get((d.supplier, d.family), ()):
            if c is d:
                continue
            years = [y for y in c.row.delivery_years if y <= d.row.order_year]
            if not years:
                continue
            rank = (c.item == d.item, max(years), c.key)
            if best is None or rank > best:
                best, d.previous = rank, c.iri
        links += d.previous is not None
    return links


def _previous_hashes(store: Store) -> dict[URIRef, str]:
    rows = store.select(
        sparql_prefixes("arms")
        + "SELECT ?g ?t ?h WHERE { GRAPH ?g { ?t arms:recordHash ?h } }",
        {"g": ids.SIPRI_GRAPH},
    )
    return {URIRef(str(r["t"])): str(r["h"]) for r in rows if "t" in r and "h" in r}


# -- triples ---------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _year(y: int) -> Literal:
    return Literal(f"{y:04d}", datatype=XSD.gYear)


@lru_cache(maxsize=4096)
def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


@lru_cache(maxsize=8192)
def _dec(d: Decimal) -> Literal:
    return Literal(d, datatype=XSD.decimal)


@lru_cache(maxsize=64)
def _str(s: str) -> Literal:
    return Literal(s)


_TRUE = Literal(True)
_FALSE = Literal(False)
_RULE = Literal(EXTRACTION_RULE)


def convert(
    reg: Register,
    deals: list[Deal],
    *,
    advance: Callable[[], object] | None = None,
    done: Callable[[], object] | None = None,
) -> Iterator[Triple]:
    """The triples of the SIPRI graph: the release, created systems, deals and licences.

    A generator, so the triples of a large register are never all held at once;
    ``advance`` (a no-argument callable) is called once per deal, ``done`` once after the
    last triple.
    """
    src = _source_iri(reg)
    yield from _source(src, reg)
    seen: set[URIRef] = set()
    for d in deals:
        if d.item not in seen and d.item == ids.system("sipri " + d.row.designation):
            seen.add(d.item)
            yield from _system(d, src)
        if d.lot is not None and d.lot not in seen:
            seen.add(d.lot)
            yield from _lot(d, src)
        for line in d.more_lines:
            if line.lot not in seen:
                seen.add(line.lot)
                yield from _lot(d, src, line)
    for d in deals:
        yield from _deal(d, src)
        if advance is not None:
            advance()
    if done is not None:
        done()


def _source_iri(reg: Register) -> URIRef:
    if reg.generated is not None:
        return ids.source("sipri-" + reg.generated.strftime("%Y-%m-%d"))
    return ids.source("sipri-" + reg.sha256[:16])


def _source(src: URIRef, reg: Register) -> Iterator[Triple]:
    yield src, RDF.type, ARMS.Source
    yield src, DCTERMS.title, Literal("SIPRI Arms Transfers Database", lang="en")
    yield src, DCTERMS.bibliographicCitation, Literal(CREDIT, lang="en")
    yield (
        src,
        RDFS.comment,
        Literal(
            CREDIT + ". Trade register as exported by SIPRI; reformatted by armsgraph, whose "
            "results are not SIPRI's.",
            lang="en",
        ),
    )
    yield src, DCTERMS.publisher, Literal("Stockholm International Peace Research Institute")
    yield src, ARMS.outlet, Literal("SIPRI")
    yield src, SCHEMA_URL, URIRef(SIPRI_URL)
    yield src, ARMS.reliability, _dec(SOURCE_RELIABILITY)
    yield src, ARMS.contentHash, Literal(reg.sha256)
    if reg.generated is not None:
        issued = Literal(reg.generated.isoformat(), datatype=XSD.dateTime)
    else:
        issued = Literal(datetime.now().strftime("%Y-%m-%d"), datatype=XSD.date)
    yield src, DCTERMS.issued, issued


def _system(d: Deal, src: URIRef) -> Iterator[Triple]:
    s = d.item
    yield s, RDF.type, ARMS.WeaponSystem
    yield s, RDFS.label, Literal(d.row.designation)
    yield s, ARMS.designation, Literal(d.row.designation)
    if d.row.description:
        yield s, RDFS.comment, Literal(d.row.description, lang="en")
    yield s, ARMS.linked, _FALSE
    yield s, PROV.wasDerivedFrom, src
    yield (
        s,
        ARMS.note,
        _str(
            "Created by the SIPRI import from SIPRI's weapon designation "
            "and description; not found in the catalog."
        ),
    )


def _lot(d: Deal, src: URIRef, line: Line | None = None) -> Iterator[Triple]:
    """The items of a system made in a third country (Spike made in Germany): a lot (the
    deal's first line, else ``line``)."""
    assert d.lot is not None and d.licensee is not None
    lot, label, place = (line.lot, line.lot_label, line.place) if line else (
        d.lot, d.lot_label, d.licensee)
    yield lot, RDF.type, ARMS.Lot
    yield lot, RDFS.label, Literal(label)
    yield lot, ARMS.ofSystem, d.item
    yield lot, ARMS.producedIn, place
    yield lot, PROV.wasDerivedFrom, src
    yield (
        lot,
        ARMS.note,
        _str("Created by the SIPRI import from a comment naming a production line in a "
             "state other than the deal's supplier and recipient."),
    )


def _confidence(row: SipriRow, hedged: bool = False) -> Literal:
    flags = row.order_year_uncertain + row.ordered_uncertain + row.delivered_uncertain
    c = BASE_CONFIDENCE - Decimal("0.1") * (flags + hedged)
    return _dec(max(c, Decimal("0.5")))


def _deal(d: Deal, src: URIRef) -> Iterator[Triple]:
    if not d.more_lines:
        yield from _deal_line(d, src)
        return
    # A deal from several production lines: one hedged transfer from each further line,
    # of the lot made there, under the same licence terms. Which line made how many is not
    # said: the numbers belong to the deal (an arms:Deal the line transfers point to), not
    # to any one line.
    whole = ids.deal(f"sipri-{d.key}")
    r = d.row
    yield whole, RDF.type, ARMS.Deal
    yield whole, RDFS.label, Literal(f"SIPRI deal: {r.designation}, ordered {r.order_year}",
                                     lang="en")
    yield from _numbers(whole, r)
    yield whole, PROV.wasDerivedFrom, src
    yield from _deal_line(d, src, whole=whole)
    for n, line in enumerate(d.more_lines, start=2):
        yield from _deal_line(replace(
            d, key=f"{d.key}-line{n}", iri=ids.fact(f"sipri-{d.key}-line{n}"),
            licensee=line.place, lot=line.lot, lot_label=line.lot_label,
            consent_label=line.consent_label, previous=None, more_lines=[]), src,
            extra=True, whole=whole)


def _numbers(s: URIRef, r: SipriRow) -> Iterator[Triple]:
    """The numbers ordered and delivered, with their '?' flags, said of ``s``."""
    if r.ordered is not None:
        yield s, ARMS.quantity, _int(r.ordered)
    if r.ordered_uncertain:
        yield s, ARMS.uncertain, _str("quantity")
    if r.delivered is not None:
        yield s, ARMS.quantityDelivered, _int(r.delivered)
    if r.delivered_uncertain:
        yield s, ARMS.uncertain, _str("quantityDelivered")


def _deal_line(d: Deal, src: URIRef, extra: bool = False,
               whole: URIRef | None = None) -> Iterator[Triple]:
    """The transfer of one deal (``extra``: of a further production line of it, which
    carries no record hash: the deal is counted once), its licence and consent. A line of a
    deal made on several lines (``whole``: the deal) carries no numbers of its own."""
    r, t = d.row, d.iri
    delivered = bool(r.delivery_years) or bool(r.delivered)
    modality = ARMS.Delivered if delivered else ARMS.Planned
    # Delivered from the first year of delivery on (a span is not dated by its end).
    date = r.delivery_years[0] if r.delivery_years else r.order_year
    yield t, RDF.type, ARMS.Transfer
    # From a production line in a third country the items come from the producing state;
    # SIPRI's supplier is the licensor (the licence statement below).
    yield t, ARMS.supplier, d.producer or d.supplier
    yield t, ARMS.recipient, d.recipient
    yield t, ARMS.item, d.lot or d.item
    yield t, ARMS.sourceDesignation, Literal(r.designation)
    yield t, ARMS.orderYear, _year(r.order_year)
    if r.order_year_uncertain:
        yield t, ARMS.uncertain, _str("orderYear")
    if whole is not None:
        yield t, ARMS.deal, whole
    else:
        yield from _numbers(t, r)
    for y in r.delivery_years:
        yield t, ARMS.deliveryYear, _year(y)
    yield t, ARMS.sipriStatus, _str(r.status)
    yield t, ARMS.secondHand, _TRUE if d.second_hand else _FALSE
    yield t, ARMS.modality, modality
    yield t, ARMS.date, _year(date)
    yield t, ARMS.datePrecision, ARMS.YearPrecision
    if r.comments:
        yield t, ARMS.note, Literal(r.comments)
    if r.tiv_per_unit is not None:
        yield t, ARMS.tivPerUnit, _dec(r.tiv_per_unit)
    if r.tiv_total is not None:
        yield t, ARMS.tivTotal, _dec(r.tiv_total)
    if r.tiv_delivered is not None:
        yield t, ARMS.tivDelivered, _dec(r.tiv_delivered)
    if d.previous is not None:
        yield t, ARMS.previousTransfer, d.previous
    yield t, PROV.wasDerivedFrom, src
    # "Possibly from production line in Poland": the producing state as supplier is a guess.
    hedged_producer = d.lot is not None and d.licence is not None and d.licence.hedged
    yield t, ARMS.confidence, _confidence(r, hedged=hedged_producer)
    yield t, ARMS.extractionRule, _RULE
    if not extra:
        yield t, ARMS.recordHash, Literal(d.hash)
    if d.licensee is None or d.licensor is None or d.licence is None:
        return
    yield t, ARMS.licensedProduction, _TRUE
    lic = ids.fact(f"sipri-{d.key}-licence")
    yield lic, RDF.type, ARMS.ProductionLicence
    yield lic, ARMS.licensor, d.licensor
    yield lic, ARMS.licensee, d.licensee
    yield lic, ARMS.item, d.item
    yield lic, ARMS.sourceDesignation, Literal(r.designation)
    yield lic, ARMS.modality, modality
    yield lic, ARMS.date, _year(r.order_year)  # SIPRI: the year the licence was issued
    yield lic, ARMS.datePrecision, ARMS.YearPrecision
    yield lic, ARMS.note, Literal(r.comments)
    yield lic, PROV.wasDerivedFrom, src
    weak = d.licence.hedged or not d.licence.explicit
    yield lic, ARMS.confidence, _confidence(r, hedged=weak)
    yield lic, ARMS.extractionRule, _RULE
    if d.lot is None:
        return
    yield d.lot, ARMS.underLicence, lic
    if d.consent_label:
        # The licensor sold the items made in the third country: its consent to that
        # delivery is given (docs/sipri.md, "Licensed production").
        c = ids.fact(f"sipri-{d.key}-consent")
        yield c, RDF.type, ARMS.ReExportConsent
        yield c, RDFS.label, Literal(d.consent_label, lang="en")
        yield c, ARMS.holder, d.licensee
        yield c, ARMS.destination, d.recipient
        yield c, ARMS.item, d.lot
        yield c, ARMS.consentHolder, d.licensor
        yield c, ARMS.consentStatus, ARMS.ConsentGranted
        yield c, ARMS.modality, ARMS.Approved
        yield c, ARMS.date, _year(r.order_year)
        yield c, ARMS.datePrecision, ARMS.YearPrecision
        yield c, ARMS.note, Literal(r.comments)
        yield c, PROV.wasDerivedFrom, src
        yield c, ARMS.confidence, _confidence(r, hedged=weak)
        yield c, ARMS.extractionRule, _RULE


# -- progress --------------------------------------------------------------------------


@runtime_checkable
class Progress(Protocol):
    """What :func:`import_register` reports while it runs, one stage after another
    (the CLI draws it as a Rich bar: :class:`armsgraph.render.progress.StageBar`)."""

    def stage(self, description: str, total: int | None = None) -> None:
        """A new stage begins; ``total`` steps, or ``None`` when its length is unknown."""

    def advance(self) -> None:
        """One step of the current stage is done."""


class _Silent:
    """Progress that reports nothing (the default)."""

    def stage(self, description: str, total: int | None = None) -> None:
        pass

    def advance(self) -> None:
        pass
