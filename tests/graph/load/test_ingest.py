"""Ingest: loading article files, idempotent and atomic writes, RDF of the facts."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from armsgraph import ids
from armsgraph.errors import ExtractionError, ParseError
from armsgraph.extract import extract
from armsgraph.extract.model import Role
from armsgraph.load.ingest import Article, commit, ingest, load_article, to_triples
from armsgraph.namespace import ARMS
from armsgraph.settings import PROJECT_ROOT
from armsgraph.store import OxigraphStore

SEED = PROJECT_ROOT / "data" / "articles" / "article-japan-patriots.txt"
TEXT = "Germany delivered Leopard 2 tanks to Ukraine in March 2023."


def _write(tmp: Path, name: str, text: bytes, meta: str | None = None) -> Path:
    path = tmp / f"{name}.txt"
    path.write_bytes(text)
    if meta is not None:
        (tmp / f"{name}.meta.json").write_text(meta, encoding="utf-8")
    return path


def test_load_article_reads_text_and_meta(tmp_path: Path) -> None:
    p = _write(tmp_path, "a", TEXT.encode(), json.dumps({"published": "2023-04-01",
                                                         "outlet": "X"}))
    art = load_article(p)
    assert (art.name, art.text, art.meta["outlet"]) == ("a", TEXT, "X")


def test_load_article_without_meta(tmp_path: Path) -> None:
    assert load_article(_write(tmp_path, "b", TEXT.encode())).meta == {}


def test_load_article_undecodable_bytes_names_file(tmp_path: Path) -> None:
    p = _write(tmp_path, "bad", b"Germany \xff\xfe sent tanks")
    with pytest.raises(ExtractionError, match="bad.txt.*UTF-8"):
        load_article(p)


def test_load_article_too_large(tmp_path: Path) -> None:
    p = _write(tmp_path, "big", b"Germany sent tanks. " * 600_000)
    with pytest.raises(ExtractionError, match="big.txt is larger than the limit of 2,000,000 b"):
        load_article(p)


def test_load_article_html(tmp_path: Path) -> None:
    p = _write(tmp_path, "page", b"<html><body><div>Germany sent tanks.</div></body></html>")
    with pytest.raises(ExtractionError, match="page.txt.*HTML"):
        load_article(p)


@pytest.mark.parametrize(
    ("meta", "says"),
    [
        pytest.param("{not json", "malformed JSON", id="malformed"),
        pytest.param('["a list"]', "JSON object", id="not-object"),
        pytest.param('{"published": 2024}', "'published'", id="wrong-type"),
        pytest.param('{"published": "soon"}', "not a date", id="bad-date"),
        pytest.param('{"url": "www.example.org/a b"}', "'url'.*www.example.org/a b",
                     id="bad-url"),
        pytest.param('{"url": "https://example.org/<x>"}', "'url'", id="url-bad-char"),
    ],
)
def test_load_article_bad_meta_names_file(tmp_path: Path, meta: str, says: str) -> None:
    p = _write(tmp_path, "m", TEXT.encode(), meta)
    with pytest.raises(ParseError, match=f"m.meta.json.*{says}"):
        load_article(p)


def test_ingest_is_idempotent(empty_store: OxigraphStore) -> None:
    art = load_article(SEED)
    first = ingest(empty_store, art)
    assert first.added and first.facts >= 20
    assert first.graph == ids.source_graph(ids.digest(art.text))
    assert first.source == ids.source(ids.digest(art.text))
    quads = len(empty_store)
    assert quads == first.triples
    again = ingest(empty_store, art)
    assert not again.added
    assert len(empty_store) == quads


def test_failing_conversion_writes_nothing(empty_store: OxigraphStore) -> None:
    x = extract(TEXT, {"published": "2023-04-01"})
    bad = dataclasses.replace(x.facts[0], roles={**x.facts[0].roles,
                                                 "item": Role("not an IRI", "x")})
    x.facts.append(bad)
    with pytest.raises(ExtractionError, match="not an armsgraph IRI"):
        commit(empty_store, x)
    assert len(empty_store) == 0
    assert empty_store.graphs() == []


def test_bad_input_is_not_partly_ingested(empty_store: OxigraphStore) -> None:
    with pytest.raises(ExtractionError):
        ingest(empty_store, Article("empty", "  ", {}))
    assert len(empty_store) == 0


def test_to_triples_types_and_provenance() -> None:
    x = extract(TEXT, {"published": "2023-04-01", "title": "T", "outlet": "O"})
    g = Graph()
    for t in to_triples(x):
        g.add(t)
    src = ids.source(x.source.key)
    assert (src, RDF.type, ARMS.Source) in g
    (fact,) = list(g.subjects(RDF.type, ARMS.Transfer))
    assert g.value(fact, ARMS.supplier) == ids.state("DEU")
    assert g.value(fact, ARMS.modality) == ARMS.Delivered
    assert g.value(fact, ARMS.date) == Literal("2023-03", datatype=g.value(
        fact, ARMS.date).datatype)  # type: ignore[union-attr]
    assert g.value(fact, ARMS.datePrecision) == ARMS.MonthPrecision
    start = int(g.value(fact, ARMS.startChar))  # type: ignore[arg-type]
    end = int(g.value(fact, ARMS.endChar))  # type: ignore[arg-type]
    assert TEXT[start:end] == str(g.value(fact, ARMS.sentence))


def test_source_url_is_an_iri() -> None:
    url = "https://news.example.org/2023/04/tanks?id=7"
    x = extract(TEXT, {"published": "2023-04-01", "url": url})
    g = Graph()
    for t in to_triples(x):
        g.add(t)
    value = g.value(ids.source(x.source.key), URIRef("https://schema.org/url"))
    assert value == URIRef(url)
    assert isinstance(value, URIRef)


def test_bad_source_url_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="'url'.*not a url"):
        extract(TEXT, {"url": "not a url"})


def test_missing_parties_become_unknown_parties() -> None:
    x = extract("Leopard 2 tanks were delivered to Ukraine.", None)
    g = Graph()
    for t in to_triples(x):
        g.add(t)
    (fact,) = list(g.subjects(RDF.type, ARMS.Transfer))
    supplier = g.value(fact, ARMS.supplier)
    assert (supplier, RDF.type, ARMS.UnknownParty) in g
    assert (supplier, ARMS.linked, Literal(False)) in g


def test_people_from_text_are_written_unlinked() -> None:
    x = extract("Ola Nordmann, who was appointed Norway's ambassador to Finland last year, "
                "threatened Russia with retaliation.", {"published": "2024-03-23"})
    g = Graph()
    for t in to_triples(x):
        g.add(t)
    person = ids.person("Ola Nordmann")
    assert (person, RDF.type, ARMS.Person) in g
    assert (person, ARMS.linked, Literal(False)) in g
    assert g.value(person, ARMS.basedIn) == ids.state("NOR")
    assert g.value(person, ARMS.accreditedTo) == ids.state("FIN")
    assert str(g.value(person, ARMS.position)) == "ambassador"


def test_seed_graph_conforms_to_shapes() -> None:
    from armsgraph.load.validate import load_ontology, load_shapes, validate_graph
    from armsgraph.store import parse_turtle

    x = extract(SEED.read_text(encoding="utf-8"), {"published": "2024-03-23",
                                                   "title": "T", "outlet": "O"})
    g = Graph()
    for t in to_triples(x):
        g.add(t)
    for p in sorted((PROJECT_ROOT / "data" / "reference").glob("*.ttl")) + sorted(
            (PROJECT_ROOT / "ontology" / "examples").glob("*.ttl")):
        g += parse_turtle(p)
    result = validate_graph(g, load_shapes(PROJECT_ROOT / "ontology"),
                            load_ontology(PROJECT_ROOT / "ontology"))
    assert result.conforms, result.text


def test_policy_decision_links_curated_version() -> None:
    x = extract(SEED.read_text(encoding="utf-8"), {"published": "2024-03-23"})
    versions = {f.policy_version for f in x.facts if f.type == "Policy"}
    assert str(ids.policy("japan-three-principles-2023")) in versions


def test_ingested_suspension_blocks_the_hop_it_names() -> None:
    """End to end: an article (written for this test) suspending exports changes the
    destinations answer, with the suspending sentence's fact as the reason."""
    from armsgraph.reason.paths import destinations  # noqa: PLC0415
    from tests.utils.world import World  # noqa: PLC0415

    w = World()
    nor, pol = w.state("NOR", "Norway"), w.state("POL", "Poland")
    w.system("NASAMS", origin=nor)
    store = w.store()
    ingest(store, Article("plan", "Norway plans to send NASAMS to Poland next year.",
                          {"published": "2024-05-20"}))

    def verdict() -> tuple[str, list[str]]:
        answer = destinations(store, "NASAMS", "Norway", as_of="2024-07-01")
        [d] = [d for d in answer["destinations"] if d["state"]["id"] == str(pol)]
        return d["verdict"], [b.get("statement", "") for p in d["paths"]
                              for b in p.get("blocked_by", [])]

    assert verdict() == ("open", [])
    text = "Norway has suspended arms exports to Poland, its government announced on Monday."
    result = ingest(store, Article("suspension", text, {"published": "2024-06-03"}))
    [policy] = [f for f in result.extraction.facts if f.type == "Policy"]
    assert policy.roles["target"].id == str(pol) and policy.date is not None
    assert verdict() == ("blocked", [policy.id])


Verdicts = Callable[..., dict[str, tuple[str, list[str]]]]


def _nasams_to_poland_and_finland(poland_at_war: bool = False) -> tuple[
        OxigraphStore, tuple[URIRef, URIRef, URIRef], Verdicts]:
    """A store where Norway (demonym Norwegian, capital Oslo) plans NASAMS for Poland and
    Finland (Poland at war since 2024 with ``poland_at_war``), and a reader of the
    destinations verdicts and their blocking statements (as of 2024-07-01 by default)."""
    from armsgraph.reason.paths import destinations  # noqa: PLC0415
    from tests.utils.world import World  # noqa: PLC0415

    w = World()
    nor, pol, fin = w.state("NOR", "Norway"), w.state("POL", "Poland"), w.state("FIN", "Finland")
    w.system("NASAMS", origin=nor)
    w.g.add((nor, ARMS.demonym, Literal("Norwegian", lang="en")))
    w.g.add((nor, ARMS.capital, Literal("Oslo", lang="en")))
    if poland_at_war:
        w.interval(ARMS.ConflictParticipation, "pol-at-war", pol, None, "2024-01-01")
    store = w.store()
    ingest(store, Article("plan", "Norway plans to send NASAMS to Poland and Finland next "
                                  "year.", {"published": "2024-05-20"}))

    def verdicts(as_of: str = "2024-07-01") -> dict[str, tuple[str, list[str]]]:
        answer = destinations(store, "NASAMS", "Norway", as_of=as_of)
        return {d["state"]["id"]: (d["verdict"], [b.get("statement", "") for p in d["paths"]
                                                  for b in p.get("blocked_by", [])])
                for d in answer["destinations"]}

    return store, (nor, pol, fin), verdicts


def test_ingested_court_order_blocks_the_hop_it_names() -> None:
    """End to end: a court order (an article written for this test) that stops exports of a
    system to one state closes that destination, with the order's sentence as the reason;
    another destination of the same system stays open."""
    store, (nor, pol, fin), verdicts = _nasams_to_poland_and_finland()
    assert verdicts()[str(pol)] == ("open", [])
    text = ("A Norwegian appeals court on Monday ordered the government to halt all exports "
            "of NASAMS parts to Poland, citing the risk of misuse.")
    result = ingest(store, Article("court", text, {"published": "2024-06-03"}))
    [policy] = [f for f in result.extraction.facts if f.type == "Policy"]
    assert policy.roles["actor"].id == str(nor) and policy.roles["target"].id == str(pol)
    [stopped] = [f for f in result.extraction.facts if f.type == "Transfer"]
    assert stopped.status == "refused" and stopped.roles["supplier"].id == str(nor)
    after = verdicts()
    verdict, reasons = after[str(pol)]
    # blocked by the order (the embargo it imposes) and by the halted export it names
    assert verdict == "blocked" and set(reasons) == {policy.id, stopped.id}
    assert after[str(fin)][0] == "open"


def test_ingested_suspension_without_an_item_blocks_the_item_the_article_named() -> None:
    """End to end: an article (written for this test) that names NASAMS sales to Poland and
    then suspends "the relevant export permits to Poland" stops that hop, with the
    suspension's sentence as the reason; Finland stays open."""
    store, (nor, pol, fin), verdicts = _nasams_to_poland_and_finland()
    assert verdicts()[str(pol)] == ("open", [])
    text = ("Norway has sold NASAMS batteries to Poland since 2020. On Monday Oslo suspended "
            "the relevant export permits to Poland after reports of misuse.")
    result = ingest(store, Article("suspension", text, {"published": "2024-06-03"}))
    stops = [f for f in result.extraction.facts if f.type == "Transfer"
             and f.status == "refused"]
    assert [(f.roles["supplier"].id, f.roles["recipient"].id, f.roles["item"].label)
            for f in stops] == [(str(nor), str(pol), "NASAMS")]
    assert stops[0].sentence.startswith("On Monday Oslo suspended")
    after = verdicts()
    verdict, reasons = after[str(pol)]
    assert verdict == "blocked" and stops[0].id in reasons
    assert after[str(fin)][0] == "open"


def test_an_ingested_rule_against_countries_at_war_blocks_the_hops_to_them() -> None:
    """End to end: an article (written for this test) stating a new rule of Norway's, no
    arms exports to countries at war, closes the destination that is at war from the
    rule's date, with the rule's sentence as the reason; a destination at peace stays open
    and so does the one at war before the rule was adopted."""
    from armsgraph.reason.paths import destinations  # noqa: PLC0415

    store, (_, pol, fin), verdicts = _nasams_to_poland_and_finland(poland_at_war=True)
    assert verdicts("2024-07-01")[str(pol)] == ("open", [])
    text = ("On Monday the Norwegian government ruled that Norway will not export weapons to "
            "countries at war.")
    result = ingest(store, Article("rule", text, {"published": "2024-06-03"}))
    [policy] = [f for f in result.extraction.facts if f.type == "Policy"]
    assert policy.policy_rule is not None and policy.policy_rule.effect == "prohibition"
    assert policy.policy_rule.destination_scopes == ("at-war",)
    after = verdicts("2024-07-01")
    assert after[str(pol)] == ("blocked", [policy.id])
    assert after[str(fin)][0] == "open"
    assert verdicts("2024-05-25")[str(pol)][0] == "open"  # before the rule was adopted
    answer = destinations(store, "NASAMS", "Norway", as_of="2024-07-01")
    [blocked] = [b for d in answer["destinations"] if d["state"]["id"] == str(pol)
                 for p in d["paths"] for b in p["blocked_by"]]
    assert blocked["label"] == text  # the sentence is the reason shown
    assert blocked["reason"] == "prohibited: Poland is party to an armed conflict"


def test_an_ingested_consent_duty_makes_a_re_export_need_the_rule_makers_consent() -> None:
    """End to end: Poland plans to pass Norwegian NASAMS on to Finland; an article (written
    for this test) saying buyers of Norwegian weapons need Oslo's consent to pass them on
    makes that hop need Norway's consent."""
    from armsgraph.reason.paths import destinations  # noqa: PLC0415
    from tests.utils.world import World  # noqa: PLC0415

    w = World()
    nor, pol, fin = w.state("NOR", "Norway"), w.state("POL", "Poland"), w.state("FIN", "Finland")
    w.system("NASAMS", origin=nor)
    w.g.add((nor, ARMS.capital, Literal("Oslo", lang="en")))
    w.g.add((nor, ARMS.demonym, Literal("Norwegian", lang="en")))
    store = w.store()
    ingest(store, Article("plan", "Norway sold NASAMS to Poland in 2022. Poland plans to send "
                                  "NASAMS to Finland next year.", {"published": "2024-05-20"}))

    def finland() -> tuple[str, list[str]]:
        answer = destinations(store, "NASAMS", "Norway", as_of="2024-07-01")
        [d] = [d for d in answer["destinations"] if d["state"]["id"] == str(fin)]
        via = [p for p in d["paths"] if [h["to"]["id"] for h in p["hops"]] == [str(pol),
                                                                              str(fin)]]
        return via[0]["verdict"], [x["id"] for x in via[0]["needs_consent_from"]]

    assert finland() == ("open", [])
    text = ("Buyers of Norwegian weapons must obtain Oslo's consent before passing them on to "
            "third countries, the ministry said.")
    result = ingest(store, Article("duty", text, {"published": "2024-06-03"}))
    [policy] = [f for f in result.extraction.facts if f.type == "Policy"]
    assert policy.policy_rule is not None and policy.policy_rule.effect == "duty"
    assert policy.policy_rule.consent_from == (str(nor),)
    assert finland() == ("conditional", [str(nor)])
