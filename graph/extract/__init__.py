"""Article extraction: a news article in, typed facts with provenance out.

:func:`extract` is pure (it writes nothing): it checks the text, splits it into sentences
and quotations with spaCy's blank English pipeline, links mentions against the
:class:`~armsgraph.extract.catalog.Catalog` (the graph's own labels and aliases), applies the
fact rules of :mod:`armsgraph.extract.rules`, dates each fact with :mod:`armsgraph.extract.dates`,
and attributes quoted speech. :mod:`armsgraph.load.ingest` turns the result into RDF.

Examples
--------
>>> from armsgraph.extract.catalog import Catalog
>>> cat = Catalog.from_turtle('''
... @prefix arms: <https://w3id.org/armsgraph/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <https://w3id.org/armsgraph/id/state/DEU> a arms:State ; rdfs:label "Germany" .
... <https://w3id.org/armsgraph/id/state/UKR> a arms:State ; rdfs:label "Ukraine" .
... <https://w3id.org/armsgraph/id/system/leopard-2> a arms:WeaponSystem ;
...     rdfs:label "Leopard 2" .
... ''')
>>> x = extract("Germany delivered 14 Leopard 2 tanks to Ukraine in March 2023.",
...             {"published": "2023-04-01"}, cat)
>>> f = x.facts[0]
>>> f.type, f.status, {r: v.id.rsplit("/", 1)[-1] for r, v in f.roles.items()}
('Transfer', 'delivered', {'supplier': 'DEU', 'recipient': 'UKR', 'item': 'leopard-2'})
>>> f.quantity, f.date.value, f.date.precision
(14, '2023-03', 'month')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from spacy.tokens import Doc

from .. import ids
from ..errors import ExtractionError, ParseError
from .budget import checkpoint
from .catalog import Catalog, default_catalog
from .dates import find_dates, parse_published
from .itemframe import parties_from_title
from .lexicon import (
    DATE_SPEECH_VERBS,
    GIVE_VERBS,
    HEADLINE_ASKING,
    TRANSFER_NOUNS,
    UNDATED_MARKERS,
)
from .mentions import Analysis, Mention, analyse
from .model import (
    ROLES,
    Attribution,
    DateValue,
    Entity,
    Extraction,
    Fact,
    Role,
    SourceInfo,
)
from .rules import RawFact, Sentence, apply_rules, new_clause_at, speech_subject
from .text import check_text, nlp, quote_regions, sentence_spans

__all__ = ["extract", "Catalog", "Extraction", "Fact", "Entity", "check_meta"]

_META_FIELDS = ("title", "outlet", "url", "published", "language")
_SAME_LENGTH = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ",
                              "\u2011": "-", "\u2010": "-", "\u200a": " "})


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"{}|\\^`]+")


def valid_url(url: str) -> bool:
    """An absolute URL that can be written as an IRI: a scheme, ``://``, a host, and no
    spaces or characters that IRIs exclude (``<>"{}|\\^` ``)."""
    return _URL.fullmatch(url) is not None


def check_meta(meta: Mapping[str, Any] | None, source: str | None = None) -> dict[str, Any]:
    """Validate article metadata; wrong field types raise :class:`ParseError`.

    ``title``, ``outlet``, ``url``, ``language`` and ``published`` must be strings (or
    null); ``published`` must read as ``YYYY-MM-DD``. Other fields are kept as they are.
    """
    if meta is None:
        return {}
    if not isinstance(meta, Mapping):
        raise ParseError(f"metadata must be a JSON object, got {type(meta).__name__}",
                         source=source)
    out = dict(meta)
    for key in _META_FIELDS:
        value = out.get(key)
        if value is not None and not isinstance(value, str):
            raise ParseError(
                f"metadata field {key!r} must be a string, got {type(value).__name__} "
                f"{value!r}", source=source)
    url = out.get("url")
    if url is not None and url.strip() and not valid_url(url.strip()):
        raise ParseError(f"metadata field 'url' is not an absolute URL (scheme://host/…): "
                         f"{url!r}", source=source)
    pub = out.get("published")
    if pub is not None and pub.strip() and parse_published(pub) is None:
        raise ParseError(f"metadata field 'published' is not a date (YYYY-MM-DD): {pub!r}",
                         source=source)
    return out


def extract(text: str, meta: Mapping[str, Any] | None = None,
            catalog: Catalog | None = None) -> Extraction:
    """Extract typed facts from an article's plain text.

    Parameters
    ----------
    text : the article (plain text, English, at most 2 MB).
    meta : title, outlet, url, language and published (``YYYY-MM-DD``); the publication
        date resolves relative dates ("last month"); without it they stay unresolved and a
        warning says so.
    catalog : entities to link against; the project's reference data when omitted.

    Returns
    -------
    Extraction
        The source, the entities mentioned, and the facts with sentence, span, modality,
        date, confidence, rule and attribution.

    Raises
    ------
    ExtractionError
        Empty, oversized, binary, HTML or non-English text.
    ParseError
        Malformed metadata.
    """
    check_text(text)
    info = check_meta(meta)
    published = parse_published(info["published"]) if info.get("published") else None
    cat = catalog if catalog is not None else default_catalog()
    key = ids.digest(text)
    source = SourceInfo(
        id=str(ids.source(key)), key=key, title=info.get("title"), outlet=info.get("outlet"),
        url=(info.get("url") or "").strip() or None,
        published=published.isoformat() if published else None,
        language=info.get("language"),
    )
    # Same-length normalisation (offsets stay valid): web text's no-break and thin spaces
    # and no-break hyphens would otherwise hide "Leopard 2" or "F-16" from the matcher.
    doc = _parse(text.translate(_SAME_LENGTH))
    checkpoint("finding sentences")
    sentences_raw = sentence_spans(doc)
    sents: list[Sentence] = []
    starts: list[int] = []
    for idx, (a, b, _) in enumerate(sentences_raw):
        stext = text[a:b]
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        starts.append(span.start)
        sents.append(Sentence(idx, span.start, span.end, a, b, stext, []))
    quotes = quote_regions(text)
    checkpoint("finding mentions")
    an = analyse(doc, cat, quotes, starts)
    _assign(an.mentions, sents)
    speakers, vias = _speakers(an, sents, quotes)
    checkpoint("applying rules")
    raw = apply_rules(an, sents, speakers)
    checkpoint("finishing facts")
    if info.get("title"):
        parties_from_title(raw, _title_facts(str(info["title"]), cat))
    warnings: list[str] = []
    facts = _finish(raw, an, key, published, speakers, vias, warnings, text)
    if published is None and any(f.date is not None and f.date.unresolved for f in facts):
        warnings.append("no publication date: relative dates were left unresolved")
    entities = _entities(an, facts)
    result = Extraction(source=source, entities=entities, facts=facts, warnings=warnings)
    result.text_sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return result


#: Characters the parser reads at once. One long document costs the parser's network more
#: per word than several short ones (bench/bench_extract.py --scale: 1.9x per copy at 32
#: copies of the seed article); most articles are one chunk, so their parse is unchanged.
CHUNK_CHARS = 20_000
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


def _parse(text: str) -> Doc:
    """The parsed document of ``text``, read in chunks of about :data:`CHUNK_CHARS` that end
    at paragraph breaks (a budget checkpoint after each), joined back into one ``Doc``
    whose text is ``text``."""
    pipeline = nlp()
    if len(text) <= CHUNK_CHARS:
        checkpoint("parsing")
        return pipeline(text)
    docs = []
    start = 0
    while start < len(text):
        end = len(text)
        if end - start > CHUNK_CHARS:
            cut = None
            for m in _PARAGRAPH.finditer(text, start + CHUNK_CHARS // 2, start + CHUNK_CHARS):
                cut = m.end()
            if cut is None:  # no paragraph break: the last space, else anywhere
                space = max(text.rfind(" ", start + 1, start + CHUNK_CHARS),
                            text.rfind("\n", start + 1, start + CHUNK_CHARS))
                cut = space + 1 if space > start else start + CHUNK_CHARS
            end = cut
        checkpoint(f"parsing characters {start:,}-{end:,}")
        docs.append(pipeline(text[start:end]))
        start = end
    return Doc.from_docs(docs, ensure_whitespace=False)


def _assign(mentions: list[Mention], sents: list[Sentence]) -> None:
    si = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while si < len(sents) and sents[si].end <= m.start:
            si += 1
        if si < len(sents) and sents[si].start <= m.start and m.end <= sents[si].end:
            sents[si].mentions.append(m)


def _speakers(an: Analysis, sents: list[Sentence], quotes: list[tuple[int, int]]
              ) -> tuple[dict[int, Mention | None], dict[int, Mention | None]]:
    """Speaker and intermediary of each sentence.

    A sentence outside quotes is spoken by the subject of its speech verb ("He stated …").
    A quotation is attributed by the text around it in the sentences where it opens or
    closes ("…,” RIA cited the ambassador as saying"); failing that, to the last named
    speaker.
    """
    own: dict[int, tuple[Mention | None, Mention | None]] = {}
    for s in sents:
        own[s.index] = speech_subject(an, s)
    speakers: dict[int, Mention | None] = {}
    vias: dict[int, Mention | None] = {}
    last: Mention | None = None
    quote_of: dict[int, int] = {}
    for s in sents:
        for qi, (qa, qb) in enumerate(quotes):
            if qa < s.end_char and s.start_char < qb:
                quote_of.setdefault(s.index, qi)
    quote_speaker: dict[int, tuple[Mention | None, Mention | None]] = {}
    for s in sents:
        qi = quote_of.get(s.index, -1)
        spk, via = own[s.index]
        if qi >= 0 and spk is not None and spk.kind == "person":
            prev = quote_speaker.get(qi)
            if prev is None or prev[0] is None:
                quote_speaker[qi] = (spk, via)
    for s in sents:
        spk, via = own[s.index]
        qi = quote_of.get(s.index, -1)
        if qi >= 0:
            q_spk, q_via = quote_speaker.get(qi, (None, None))
            if q_spk is None:
                q_spk, q_via = last, None
            spk, via = q_spk or spk, q_via or via
        if spk is not None and spk.kind == "person":
            last = spk
        speakers[s.index] = spk
        vias[s.index] = via
    return speakers, vias


def _label(an: Analysis, m: Mention) -> str:
    if m.how == "generic":
        return m.label  # the words of the text ("artillery ammunition"), even when linked
    if m.how in ("variant", "unlinked") and m.kind == "system":
        return m.label  # "Su-30MKI", "D-30 howitzer": as this mention writes it
    ent = an.entities.get(m.id)
    if ent is not None and not ent.linked and m.kind == "org" and m.how in ("alias", "unlinked"):
        return m.text  # an organisation the text names: "HAL" or its full name, as written
    if ent is not None:
        return ent.label
    entry = an.catalog.get(m.id)
    return entry.label if entry is not None else m.label


def _segments(an: Analysis, s: Sentence) -> list[int]:
    """Date segments of a sentence: a date belongs to the events of its own segment."""
    lower = an.lower
    seg = 0
    out = []
    for i in range(s.start, s.end):
        w = lower[i]
        if w in ("after", "before", "since", "following", "wake", "because", "if", "but",
                 ";", "hoping", "than", "while", "when", "unless", "until", "whereas"):
            seg += 1
        elif w in ("that", "which", "who") and not any(
                x in DATE_SPEECH_VERBS for x in lower[max(s.start, i - 7):i]):
            seg += 1
        elif new_clause_at(an, s.start, s.end, i):
            seg += 1  # "…, and Yerevan received … in 2023": its own date
        out.append(seg)
    return out


def _date_for(an: Analysis, f: RawFact, dates: list[DateValue],
              segs: list[int]) -> DateValue | None:
    s = f.sentence
    if not dates:
        return None
    cue_seg = segs[f.cue - s.start]
    lower = an.lower
    if any(lower[k] in UNDATED_MARKERS for k in range(max(s.start, f.cue - 4), f.cue)):
        return None
    best: tuple[int, DateValue] | None = None
    for d in dates:
        span = an.doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        if segs[min(span.start, s.end - 1) - s.start] != cue_seg:
            continue
        dist = abs(span.start - f.cue)
        if best is None or dist < best[0]:
            best = (dist, d)
    return best[1] if best else None


def _finish(raw: list[RawFact], an: Analysis, key: str, published: date | None,
            speakers: dict[int, Mention | None], vias: dict[int, Mention | None],
            warnings: list[str], text: str) -> list[Fact]:
    dates_of: dict[int, list[DateValue]] = {}
    segs_of: dict[int, list[int]] = {}
    out: list[Fact] = []
    by_raw: dict[int, Fact] = {}
    seen_ids: set[str] = set()
    for f in raw:
        s = f.sentence
        if s.index not in dates_of:
            dates_of[s.index] = find_dates(s.text, published, offset=s.start_char)
            segs_of[s.index] = _segments(an, s)
        roles = {name: Role(f.roles[name].id, _label(an, f.roles[name]))
                 for name in ROLES[f.type] if name in f.roles}
        role_keys = [f"{name}={roles[name].id}" for name in sorted(roles)]
        fid = str(ids.fact(ids.digest(key, f.type, f"{s.start_char}-{s.end_char}", *role_keys)))
        if fid in seen_ids:
            continue
        seen_ids.add(fid)
        spk = speakers.get(s.index)
        via = vias.get(s.index)
        if f.type == "Threat" and "speaker" in f.roles:
            spk = f.roles["speaker"]
        attribution = None
        if spk is not None or via is not None:
            attribution = Attribution(
                speaker=Role(spk.id, _label(an, spk)) if spk is not None else None,
                via=Role(via.id, _label(an, via)) if via is not None else None,
            )
        fact = Fact(
            id=fid, type=f.type, status=f.status, roles=roles, sentence=s.text,
            span=(s.start_char, s.end_char), rule=f.rule, confidence=f.confidence,
            date=_date_for(an, f, dates_of[s.index], segs_of[s.index]),
            attribution=attribution, quantity=f.quantity, consequence=f.consequence,
            content=f.content, policy_rule=f.policy_rule,
        )
        if text[fact.span[0]:fact.span[1]] != fact.sentence:  # never: spans come from text
            raise ExtractionError(f"sentence span {fact.span} does not match its text")
        by_raw[id(f)] = fact
        out.append(fact)
    for fact in out:
        if fact.type == "Policy" and "actor" in fact.roles:
            d = fact.date
            fact.policy_version = an.catalog.policy_version(
                fact.roles["actor"].id, d.value if d else None, d.precision if d else None,
                published.isoformat() if published else None)
    for f in raw:
        if f.condition is not None and id(f) in by_raw and id(f.condition) in by_raw:
            by_raw[id(f)].condition = by_raw[id(f.condition)].id
    return out


def _title_facts(title: str, cat: Catalog) -> list[RawFact]:
    """The facts the headline states, read as one sentence: a frame for the body only."""
    doc = nlp()(title.translate(_SAME_LENGTH))
    if len(doc) == 0:
        return []
    sent = Sentence(0, 0, len(doc), 0, len(title), title, [])
    an = analyse(doc, cat, [], [0])
    _assign(an.mentions, [sent])
    facts = apply_rules(an, [sent], {})
    if any(f.type in ("Transfer", "ReExportConsent", "Request") for f in facts) or any(
            w in HEADLINE_ASKING for w in an.lower):
        return facts  # a request or a veto: who would send is not who decides
    # "US clears more arms sales to Taiwan": no item worth a fact, but the parties of the
    # story: the state just before the first transfer word and the state after its "to"
    cue = next((k for k, w in enumerate(an.lower) if w in GIVE_VERBS or w in TRANSFER_NOUNS),
               None)
    if cue is None:
        return facts
    states = [m for m in sent.mentions if m.kind == "state" and not m.modifier]
    before = [m for m in states if m.end <= cue and m.prep is None]
    after = [m for m in states if m.start > cue and m.prep in ("to", "for")]
    if before and after and before[-1].id != after[0].id:
        facts.append(RawFact("Transfer", "reported", {"supplier": before[-1],
                                                      "recipient": after[0]},
                             sent, cue, "title", 0.0))
    return facts


def _entities(an: Analysis, facts: list[Fact]) -> list[Entity]:
    out: dict[str, Entity] = {}
    for ent in an.entities.values():
        out[ent.id] = ent
    for f in facts:
        for role in f.roles.values():
            if role.id not in out:
                entry = an.catalog.get(role.id)
                if entry is not None:
                    out[role.id] = Entity(id=entry.id, type=entry.type, label=entry.label,
                                          linked=True)
    return sorted(out.values(), key=lambda e: (not e.linked, e.type, e.label))


_ = Doc
