"""Export-control rules as of a date, and the consent a transfer hop needs.

A *policy version* holds rules (permission, prohibition, consent duty) that are in force
from ``valid_from`` to ``valid_to`` (both inclusive; an open end while ``valid_to`` is
absent). A rule concerns a *transfer kind* (the assigner's own direct export, or a
re-export of its items by someone else), a product scope, a production basis and a
destination scope; it applies to a hop when every facet it states matches the hop.

:func:`evaluate_hop` judges one hop ``u → v`` of a path as of a date:

- the direct-export rules of ``u`` apply to the first hop (``u`` exports what it made);
- the re-export rules of every *consent holder* apply to later hops and to first hops of
  items that others designed or licensed. Consent holders accumulate along a path: the
  earlier suppliers (the original exporter first), the licensor state of a licence-built
  item, and the technology-origin state (``arms:originState``);
- a prohibition blocks; one that holds *in principle* is lifted by its assigner's explicit
  (or assumed) consent; a duty needs the consent of ``arms:consentFrom`` (the assigner by
  default); with ``arms:directTransferTest`` the holder consents only where it would
  itself export directly (not embargoed by it, not blocked by its own direct-export
  rules), otherwise the hop is blocked;
- re-export consent statements say what a holder has actually decided: the latest status
  on or before the date counts (granted, refused, requested, required);
- if an assigner has direct-export permissions in force and none covers the hop, the hop
  is blocked by that version (its permissions are read as exhaustive).

Everything is evaluated from facts and rules; no state is named in code.

Examples
--------
A toy world with one prohibition "in principle" against parties to an armed conflict:

>>> r = Rule(id="ex:r1", label="not to countries at war", effect=PROHIBITION,
...          version="ex:v1", policy="ex:p", assigner="ex:A",
...          transfer_kinds=frozenset({REEXPORT}),
...          destination_scopes=frozenset({SCOPE_AT_WAR}), in_principle=True)
>>> v = PolicyVersion(id="ex:v1", label="v1", policy="ex:p", assigner="ex:A",
...                   valid_from=When.parse("2023-12-22"), valid_to=None, rules=(r,))
>>> war = Interval(statement="ex:c", subject="ex:C", object=None,
...                valid_from=When.parse("2022-02-24"), valid_to=None)
>>> ctx = Context.build("2024-04-01", [v], conflicts=[war], embargoes=[])
>>> item = ItemFacts(origin="ex:A", licensor_states=frozenset({"ex:B"}))
>>> hv = evaluate_hop(ctx, ("ex:A", "ex:B", "ex:C"), 1, item)
>>> hv.verdict, [reason_text(b) for b in hv.blocked_by], hv.needs_consent_from
('blocked', ['prohibited in principle: ex:C is party to an armed conflict'], ['ex:A'])

A reason names its parties by fields (``destination``, ``holder`` …), and its text refers
to them, so that they are labelled once, when the answer is shown:

>>> b = hv.blocked_by[0]
>>> b["reason"], b["destination"]
('prohibited in principle: ${destination} is party to an armed conflict', 'ex:C')
>>> reason_text(b, {"ex:C": "Cland"}.get)
'prohibited in principle: Cland is party to an armed conflict'
>>> ctx2 = Context.build("2024-04-01", [v], conflicts=[war], embargoes=[],
...                      assume_consent={"ex:A"})
>>> evaluate_hop(ctx2, ("ex:A", "ex:B", "ex:C"), 1, item).verdict
'open'
>>> Context.build("2023-06-01", [v], conflicts=[war], embargoes=[]).versions
[]

A version dated only to its year may or may not be in force inside that year: the
verdict rests on what surely held, and ``uncertain`` says what else would apply:

>>> from dataclasses import replace
>>> v23 = replace(v, valid_from=When.parse("2023"))
>>> hv = evaluate_hop(Context.build("2023-06-01", [v23], conflicts=[war], embargoes=[]),
...                   ("ex:A", "ex:B", "ex:C"), 1, item)
>>> hv.verdict
'open'
>>> for u in hv.uncertain: print(reason_text(u))
if in force by 2023-06-01: prohibited in principle: ex:C is party to an armed conflict
may need consent from ex:A on 2023-06-01
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from string import Template

from ..namespace import ARMS
from ..when import When, parse_day
from .answer import Verdict

__all__ = [
    "PARTIES",
    "reason_text",
    "PERMISSION",
    "PROHIBITION",
    "DUTY",
    "DIRECT_EXPORT",
    "REEXPORT",
    "SCOPE_AT_WAR",
    "Rule",
    "PolicyVersion",
    "Interval",
    "ConsentFact",
    "ItemFacts",
    "Context",
    "HopVerdict",
    "evaluate_hop",
    "evaluate_direct_export",
    "worst",
]

PERMISSION = "permission"
PROHIBITION = "prohibition"
DUTY = "duty"
DIRECT_EXPORT = str(ARMS.DirectExport)
REEXPORT = str(ARMS.ReExport)
SCOPE_AT_WAR = str(ARMS.PartyToArmedConflict)
_SCOPE_ANY = str(ARMS.AnyState)
_SCOPE_THIRD = str(ARMS.AnyThirdState)
_SCOPE_LICENSOR = str(ARMS.LicensorState)
_SCOPE_EMBARGOED = str(ARMS.EmbargoedState)
_FINISHED = str(ARMS.FinishedProduct)
_LICENCE_BUILT = str(ARMS.LicenceBuilt)
_OWN_DESIGN = str(ARMS.OwnDesign)
GRANTED = str(ARMS.ConsentGranted)
REFUSED = str(ARMS.ConsentRefused)

_ORDER = {"open": 0, "conditional": 1, "blocked": 2}


#: Fields of a reason that hold the IRI of a party its text names as ``${field}``.
PARTIES = ("destination", "holder", "exporter", "assigner")


def reason_text(entry: Mapping[str, str],
                label: Callable[[str], str | None] = lambda iri: None) -> str:
    """The text of a reason (a ``blocked_by``, ``allowed_by`` or ``uncertain`` entry) with
    its parties named by ``label`` (their IRIs where it gives none).

    >>> reason_text({"reason": "${holder} refused", "holder": "ex:A"}, {"ex:A": "Aland"}.get)
    'Aland refused'
    """
    names = {k: label(entry[k]) or entry[k] for k in PARTIES if k in entry}
    return Template(entry["reason"]).safe_substitute(names)


def worst(*verdicts: Verdict) -> Verdict:
    """The most restrictive of some verdicts.

    >>> worst("open", "conditional"), worst("conditional", "blocked"), worst()
    ('conditional', 'blocked', 'open')
    """
    return max(verdicts, key=_ORDER.__getitem__, default="open")


@dataclass(frozen=True)
class Rule:
    """One rule of a policy version; empty facets mean "any"."""

    id: str
    label: str
    effect: str
    version: str
    policy: str
    assigner: str
    transfer_kinds: frozenset[str] = frozenset()
    product_scopes: frozenset[str] = frozenset()
    production_bases: frozenset[str] = frozenset()
    destination_scopes: frozenset[str] = frozenset()
    destination_states: frozenset[str] = frozenset()
    consent_from: frozenset[str] = frozenset()
    applies_to: frozenset[str] = frozenset()
    in_principle: bool = False
    direct_transfer_test: bool = False
    content: str = ""
    #: The fact (a policy decision extracted from an article) that states the rule, if any.
    statement: str = ""


@dataclass(frozen=True)
class PolicyVersion:
    """A dated version of a policy with its rules (both ends inclusive, at their precision)."""

    id: str
    label: str
    policy: str
    assigner: str
    valid_from: When | None
    valid_to: When | None
    rules: tuple[Rule, ...] = ()
    policy_label: str = ""

    def in_force(self, on: dt.date) -> bool | None:
        """True when ``on`` lies in the validity interval, ``None`` when an end's
        precision leaves it open (a version "from 2014" on a day in 2014).

        >>> v = PolicyVersion("v", "v", "p", "A", When.parse("2014-04-01"),
        ...                   When.parse("2023-12-21"))
        >>> [v.in_force(dt.date.fromisoformat(d))
        ...  for d in ("2014-04-01", "2023-12-21", "2023-12-22")]
        [True, True, False]
        >>> from dataclasses import replace
        >>> replace(v, valid_from=When.parse("2014")).in_force(dt.date(2014, 4, 1)) is None
        True
        """
        return _within(on, self.valid_from, self.valid_to)


@dataclass(frozen=True)
class Interval:
    """A dated fact: a conflict party, an embargo (subject imposes on object), a membership."""

    statement: str
    subject: str
    object: str | None
    valid_from: When | None
    valid_to: When | None
    label: str = ""

    def holds(self, on: dt.date) -> bool | None:
        """True when the fact holds on ``on`` (``None``: an end's precision leaves it open)."""
        return _within(on, self.valid_from, self.valid_to)


@dataclass(frozen=True)
class ConsentFact:
    """A re-export consent statement: ``holder`` → ``destination`` needs ``consent_holder``."""

    statement: str
    holder: str
    destination: str
    consent_holder: str
    status: str | None
    date: When | None
    label: str = ""
    sentence: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemFacts:
    """What the rules need to know about the traced items.

    ``origin`` made (or first held) them; ``licensor_states`` licensed their production in
    ``origin``; ``origin_states`` are their technology-origin states; ``systems`` the
    system IRIs they belong to (with ancestors, for ``arms:appliesTo``).
    """

    origin: str
    licensor_states: frozenset[str] = frozenset()
    origin_states: frozenset[str] = frozenset()
    systems: frozenset[str] = frozenset()
    product_scope: str = _FINISHED

    def basis_for(self, assigner: str) -> str | None:
        """The production basis of the items from ``assigner``'s point of view."""
        if assigner == self.origin and self.licensor_states:
            return _LICENCE_BUILT
        if assigner in self.origin_states:
            return _OWN_DESIGN
        if assigner == self.origin and not self.origin_states:
            return _OWN_DESIGN
        return None

    def consent_holders(self, path: Sequence[str], index: int) -> list[str]:
        """Who holds consent rights over hop ``index`` of ``path`` (ordered, no repeats)."""
        u, v = path[index], path[index + 1]
        out: list[str] = []
        for h in [*path[:index], *sorted(self.licensor_states), *sorted(self.origin_states)]:
            if h not in out and h != u and h != v:
                out.append(h)
        return out


@dataclass
class Context:
    """The world as of one date: versions in force, wars, embargoes, consent decisions.

    What held surely on the date decides; ``maybe`` is the same world with what *may* have
    held too (a version, war, embargo or consent dated to a period containing the date),
    or ``None`` when nothing was uncertain.
    """

    as_of: dt.date
    versions: list[PolicyVersion]
    at_war: dict[str, Interval]
    embargoes: dict[tuple[str, str], Interval]
    consents: dict[tuple[str, str], list[ConsentFact]] = field(default_factory=dict)
    assumed: frozenset[str] = frozenset()
    lifted: frozenset[str] = frozenset()
    maybe: Context | None = None
    _rules: dict[tuple[str, str], list[Rule]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        as_of: str | dt.date,
        versions: Iterable[PolicyVersion],
        *,
        conflicts: Iterable[Interval],
        embargoes: Iterable[Interval],
        consents: Iterable[ConsentFact] = (),
        assume_consent: Iterable[str] = (),
        lift: Iterable[str] = (),
    ) -> Context:
        """Keep what holds on ``as_of``; ``lift`` names policies or versions to ignore."""
        day = parse_day(as_of)
        lifted = frozenset(lift)
        versions = [v for v in versions if v.id not in lifted and v.policy not in lifted]
        conflicts, embargoes, consents = list(conflicts), list(embargoes), list(consents)
        made = [cls._make(day, versions, conflicts, embargoes, consents, assume_consent,
                          lifted, maybe) for maybe in (False, True)]
        sure, maybe = made
        if (len(maybe.versions), maybe.at_war.keys(), maybe.embargoes.keys(),
                maybe.consents) != (len(sure.versions), sure.at_war.keys(),
                                    sure.embargoes.keys(), sure.consents):
            sure.maybe = maybe
        return sure

    @classmethod
    def _make(
        cls, day: dt.date, versions: list[PolicyVersion], conflicts: list[Interval],
        embargoes: list[Interval], consents: list[ConsentFact],
        assume_consent: Iterable[str], lifted: frozenset[str], maybe: bool,
    ) -> Context:
        def holds(x: bool | None) -> bool:
            return x is True or (maybe and x is None)

        in_force = [v for v in versions if holds(v.in_force(day))]
        wars = {c.subject: c for c in conflicts if holds(c.holds(day))}
        emb = {(e.subject, e.object or ""): e for e in embargoes if holds(e.holds(day))}
        latest: dict[tuple[str, str, str], ConsentFact] = {}
        for c in sorted(consents, key=lambda c: (c.date.key() if c.date else (), c.statement)):
            if c.date is None or holds(c.date.by(day)):
                latest[(c.holder, c.destination, c.consent_holder)] = c
        by_hop: dict[tuple[str, str], list[ConsentFact]] = {}
        for (h, d, _), c in sorted(latest.items()):
            by_hop.setdefault((h, d), []).append(c)
        return cls(day, in_force, wars, emb, by_hop, frozenset(assume_consent), lifted)

    def rules(self, assigner: str, kind: str) -> list[Rule]:
        """Rules of ``assigner`` in force for transfers of ``kind``."""
        got = self._rules.get((assigner, kind))
        if got is None:
            got = self._rules[(assigner, kind)] = [
                r for v in self.versions if v.assigner == assigner for r in v.rules
                if not r.transfer_kinds or kind in r.transfer_kinds
            ]
        return got

    def consent_of(self, holder: str, u: str, v: str) -> ConsentFact | None:
        """The latest consent decision of ``holder`` on ``u → v``, if any."""
        for c in self.consents.get((u, v), ()):
            if c.consent_holder == holder:
                return c
        return None

    def consented(self, holder: str, u: str, v: str) -> bool:
        """Has ``holder`` granted (or been assumed to grant) consent to ``u → v``?"""
        if holder in self.assumed:
            return True
        c = self.consent_of(holder, u, v)
        return c is not None and c.status == GRANTED


@dataclass
class HopVerdict:
    """What the rules say about one hop."""

    blocked_by: list[dict[str, str]] = field(default_factory=list)
    needs_consent_from: list[str] = field(default_factory=list)
    allowed_by: list[dict[str, str]] = field(default_factory=list)
    #: What would also block or need consent if what only *may* have held on the date
    #: (:attr:`Context.maybe`) did: ``{"rule" | "statement", "label", "reason"}``.
    uncertain: list[dict[str, str]] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        """Does a rule or fact decide the hop (rather than no known rule)?"""
        return bool(self.blocked_by or self.needs_consent_from or self.allowed_by)

    @property
    def verdict(self) -> Verdict:
        if self.blocked_by:
            return "blocked"
        return "conditional" if self.needs_consent_from else "open"

    def need(self, holder: str) -> None:
        if holder not in self.needs_consent_from:
            self.needs_consent_from.append(holder)

    def block(self, entry: dict[str, str]) -> None:
        if entry not in self.blocked_by:
            self.blocked_by.append(entry)


def evaluate_hop(ctx: Context, path: Sequence[str], index: int, item: ItemFacts) -> HopVerdict:
    """Judge hop ``path[index] → path[index + 1]`` of a physical path as of ``ctx.as_of``.

    Parameters
    ----------
    ctx : the world as of the date (:meth:`Context.build`)
    path : state IRIs from the origin
    index : which hop (0 is the first export from the origin)
    item : facts about the traced items

    Returns
    -------
    HopVerdict
        ``blocked_by`` (rules and refusals), ``needs_consent_from`` (holders whose consent
        is needed and not given) and ``allowed_by`` (permissions that cover the hop).
    """
    return _with_uncertain(ctx, lambda c: _evaluate_hop(c, path, index, item))


def _with_uncertain(ctx: Context, judge: Callable[[Context], HopVerdict]) -> HopVerdict:
    """``judge`` under what surely held, with ``uncertain`` saying what changes when what
    only may have held (``ctx.maybe``) is counted too."""
    out = judge(ctx)
    if ctx.maybe is None:
        return out
    alt = judge(ctx.maybe)
    day = ctx.as_of.isoformat()
    for b in alt.blocked_by:
        if b not in out.blocked_by:
            out.uncertain.append({**b, "reason": f"if in force by {day}: {b['reason']}"})
    for b in out.blocked_by:
        if b not in alt.blocked_by:
            out.uncertain.append({**b, "reason": f"may no longer apply on {day}: "
                                                 f"{b['reason']}"})
    for h in alt.needs_consent_from:
        if h not in out.needs_consent_from:
            out.uncertain.append({"holder": h, "label": "consent",
                                  "reason": f"may need consent from ${{holder}} on {day}"})
    for h in out.needs_consent_from:
        if h not in alt.needs_consent_from:
            out.uncertain.append({"holder": h, "label": "consent",
                                  "reason": f"${{holder}} may already have consented by {day}"})
    return out


def _evaluate_hop(ctx: Context, path: Sequence[str], index: int, item: ItemFacts) -> HopVerdict:
    u, v = path[index], path[index + 1]
    out = HopVerdict()
    if index == 0:
        out = _evaluate_direct_export(ctx, u, v, item)
    holders = item.consent_holders(path, index)
    for h in holders:
        # Who first received the holder's items: the next state on the path, or the
        # origin when the holder licensed or designed them without being on the path.
        first_recipient = path[path.index(h) + 1] if h in path[:index] else path[0]
        _apply_reexport_rules(ctx, out, h, path, index, item, first_recipient)
    for c in ctx.consents.get((u, v), ()):
        # A consent statement binds this hop only when its holder has rights over these
        # items here: Japan's consent over Japanese-made Patriots says nothing about the
        # United States' own Patriots on the same route.
        if c.consent_holder in (u, v) or c.consent_holder not in holders:
            continue
        if ctx.consented(c.consent_holder, u, v):
            continue
        if c.status == REFUSED:
            out.block({"statement": c.statement, "label": c.label or "consent refused",
                       "reason": "${holder} refused consent to re-export to ${destination}",
                       "holder": c.consent_holder, "destination": v})
        else:
            out.need(c.consent_holder)
    return out


def evaluate_direct_export(ctx: Context, u: str, v: str, item: ItemFacts) -> HopVerdict:
    """Judge a direct export ``u → v`` of items ``u`` holds, under ``u``'s own rules.

    An embargo by ``u`` on ``v`` blocks; prohibitions block (lifted by ``u``'s own consent
    when in principle, i.e. the exporter decides case by case); when ``u`` has
    direct-export permissions in force and none covers the hop, the version blocks it.
    """
    return _with_uncertain(ctx, lambda c: _evaluate_direct_export(c, u, v, item))


def _evaluate_direct_export(ctx: Context, u: str, v: str, item: ItemFacts) -> HopVerdict:
    out = HopVerdict()
    emb = ctx.embargoes.get((u, v))
    if emb is not None:
        out.block({"statement": emb.statement, "label": emb.label or "embargo",
                   "reason": "${destination} is under an embargo by ${exporter}",
                   "destination": v, "exporter": u})
    rules = [r for r in ctx.rules(u, DIRECT_EXPORT) if _matches(ctx, r, u, v, item, None)]
    permissions = [
        r for r in ctx.rules(u, DIRECT_EXPORT)
        if r.effect == PERMISSION and DIRECT_EXPORT in r.transfer_kinds
    ]
    for r in rules:
        if r.effect == PROHIBITION and not (r.in_principle and u in ctx.assumed):
            out.block(_rule_entry(ctx, r, v, item, version=False))
        elif r.effect == PERMISSION:
            out.allowed_by.append(_rule_entry(ctx, r, v, item))
    if permissions and not out.allowed_by and not out.blocked_by:
        versions = sorted({r.version for r in permissions})
        for vid in versions:
            label = next(x.label for x in ctx.versions if x.id == vid)
            out.block({"rule": vid, "label": label,
                       "reason": "no permission of this version covers export to "
                                 f"${{destination}} ({_describe(item, u)})",
                       "destination": v})
    return out


def _apply_reexport_rules(
    ctx: Context, out: HopVerdict, holder: str, path: Sequence[str], index: int,
    item: ItemFacts, first_recipient: str,
) -> None:
    u, v = path[index], path[index + 1]
    for r in ctx.rules(holder, REEXPORT):
        if not _matches(ctx, r, holder, v, item, first_recipient):
            continue
        if r.effect == PERMISSION:
            out.allowed_by.append(_rule_entry(ctx, r, v, item))
        elif r.effect == PROHIBITION:
            if r.in_principle and ctx.consented(holder, u, v):
                out.allowed_by.append(_consent_entry(ctx, r, holder, u, v))
                continue
            out.block(_rule_entry(ctx, r, v, item, version=False))
            if r.in_principle:
                out.need(holder)
        elif r.effect == DUTY:
            for c in sorted(r.consent_from or {holder}):
                if ctx.consented(c, u, v):
                    # The rule is met by a consent: that decides the hop (not "no rule").
                    out.allowed_by.append(_consent_entry(ctx, r, c, u, v))
                    continue
                if r.direct_transfer_test:
                    direct = _evaluate_direct_export(ctx, c, v, item)
                    if direct.blocked_by:
                        why = "; ".join(b["reason"] for b in direct.blocked_by)
                        parties = {k: x for b in direct.blocked_by for k, x in b.items()
                                   if k in PARTIES}
                        out.block({"rule": r.id, "label": r.label,
                                   "reason": "${holder} consents only where it would "
                                             f"export directly, and it would not: {why}",
                                   **parties, "holder": c})
                        continue
                out.need(c)


def _consent_entry(ctx: Context, r: Rule, holder: str, u: str, v: str) -> dict[str, str]:
    """``r`` met by ``holder``'s consent to ``u → v`` (granted, or assumed in a what-if)."""
    c = ctx.consent_of(holder, u, v)
    how = "is assumed to consent" if holder in ctx.assumed else "consented"
    entry = {"rule": r.id, "label": r.label or r.content or r.id,
             "reason": f"${{holder}} {how} to re-export ${{exporter}} → ${{destination}}",
             "version": r.version, "holder": holder, "exporter": u, "destination": v}
    if c is not None and holder not in ctx.assumed:
        entry["statement"] = c.statement
    return entry


def _matches(
    ctx: Context, r: Rule, assigner: str, dest: str, item: ItemFacts,
    first_recipient: str | None,
) -> bool:
    if r.applies_to and not (r.applies_to & item.systems):
        return False
    if r.product_scopes and item.product_scope not in r.product_scopes:
        return False
    if r.production_bases and item.basis_for(assigner) not in r.production_bases:
        return False
    return _destination_matches(ctx, r, assigner, dest, item, first_recipient)


def _destination_matches(
    ctx: Context, r: Rule, assigner: str, dest: str, item: ItemFacts,
    first_recipient: str | None,
) -> bool:
    if not r.destination_scopes and not r.destination_states:
        return True
    if dest in r.destination_states:
        return True
    for s in r.destination_scopes:
        if s == _SCOPE_ANY:
            return True
        if s == _SCOPE_LICENSOR and dest in item.licensor_states:
            return True
        if s == SCOPE_AT_WAR and dest in ctx.at_war:
            return True
        if s == _SCOPE_EMBARGOED and (assigner, dest) in ctx.embargoes:
            return True
        if s == _SCOPE_THIRD:
            excluded = {assigner}
            excluded |= {first_recipient} if first_recipient else set(item.licensor_states)
            if dest not in excluded:
                return True
    return False


def _rule_entry(
    ctx: Context, r: Rule, dest: str, item: ItemFacts, *, version: bool = True
) -> dict[str, str]:
    reasons = []
    if r.destination_states and dest in r.destination_states:
        reasons.append("${destination} is named by the rule")
    elif SCOPE_AT_WAR in r.destination_scopes and dest in ctx.at_war:
        reasons.append("${destination} is party to an armed conflict")
    elif _SCOPE_EMBARGOED in r.destination_scopes and (r.assigner, dest) in ctx.embargoes:
        reasons.append("${destination} is under an embargo by ${assigner}")
    elif _SCOPE_LICENSOR in r.destination_scopes and dest in item.licensor_states:
        reasons.append("${destination} is the licensor state")
    what = {PERMISSION: "permitted", PROHIBITION: "prohibited", DUTY: "needs consent"}[r.effect]
    if r.effect == PROHIBITION and r.in_principle:
        what = "prohibited in principle"
    detail = "; ".join(reasons) if reasons else f"({_describe(item, r.assigner)})"
    reason = f"{what}: {detail}" if reasons else f"{what} {detail}"
    entry = {"rule": r.id, "label": r.label or r.content or r.id, "reason": reason,
             "destination": dest, "assigner": r.assigner}
    if version:
        entry["version"] = r.version
    if r.statement:
        entry["statement"] = r.statement  # the sentence that states the rule is the reason
    return entry


def _describe(item: ItemFacts, assigner: str) -> str:
    basis = item.basis_for(assigner)
    scope = _local(item.product_scope)
    return f"{scope}, {_local(basis)}" if basis else scope


def _local(iri: str) -> str:
    tail = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return "".join(" " + c.lower() if c.isupper() else c for c in tail).strip()


def _within(on: dt.date, start: When | None, end: When | None) -> bool | None:
    """Is ``on`` in [start, end]? ``None`` when an end's period contains ``on``."""
    started = True if start is None else start.by(on)
    if end is None or on <= end.earliest:
        ended: bool | None = False
    elif on > end.latest:
        ended = True
    else:
        ended = None
    if started is False or ended is True:
        return False
    return None if started is None or ended is None else True
