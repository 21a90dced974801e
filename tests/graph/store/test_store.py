"""Tests of graph/store/__init__.py: the Store contract, run on the embedded store and on a real
Virtuoso server (``any_store``), plus what only the embedded store does (persistence, lock)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from armsgraph import ids
from armsgraph import store as store_module
from armsgraph.errors import ParseError, QueryError, StoreBusy, StoreError
from armsgraph.store import (
    ALL_GRAPHS,
    VERSION_FILE,
    ChangeLog,
    GraphDigest,
    OxigraphStore,
    Store,
    open_store,
)

EX = "https://example.org/"
G1 = ids.GRAPH["test/g1"]
G2 = ids.GRAPH["test/g2"]


def triples(n: int, tag: str = "a") -> list[tuple[URIRef, URIRef, Literal]]:
    return [(URIRef(f"{EX}{tag}{i}"), URIRef(EX + "p"), Literal(i)) for i in range(n)]


def test_store_implements_protocol(any_store: Store) -> None:
    assert isinstance(any_store, Store)


def test_a_closed_store_says_so_on_every_use(tmp_path: Path) -> None:
    """Use after close (a warm-up thread reading while the server shuts down) is a
    StoreError naming the folder; closing twice is harmless."""
    g = URIRef("urn:g")
    store = OxigraphStore(tmp_path / "s")
    store.put_graph(g, [(g, g, g)])
    store.close()
    store.close()
    for use in (lambda: len(store), lambda: store.graphs(),
                lambda: store.select("SELECT * WHERE { ?s ?p ?o }")):
        with pytest.raises(StoreError, match=f"the store '{tmp_path / 's'}' is closed"):
            use()
    assert len(OxigraphStore(tmp_path / "s")) == 1  # flushed before it closed


def test_put_graph_replaces_content(any_store: Store) -> None:
    s = any_store
    assert s.put_graph(G1, triples(3)) == 3
    assert s.put_graph(G1, triples(2, "b")) == 2
    subjects = sorted(str(t[0]) for t in s.triples(G1))
    assert subjects == [EX + "b0", EX + "b1"]
    assert len(s) == 2


def test_put_graph_leaves_other_graphs_alone() -> None:
    s = OxigraphStore()
    s.put_graph(G1, triples(3))
    s.put_graph(G2, triples(1, "z"))
    s.put_graph(G1, [])
    assert s.has_graph(G1) and len(list(s.triples(G1))) == 0
    assert len(list(s.triples(G2))) == 1


def test_put_graph_large_uses_bulk_path_and_counts() -> None:
    s = OxigraphStore()
    assert s.put_graph(G1, triples(60_000)) == 60_000
    assert len(s) == 60_000
    assert s.graphs() == [G1]


def test_add_graph_is_idempotent(any_store: Store) -> None:
    s = any_store
    assert s.add_graph(G1, triples(2)) is True
    gen = s.generation
    assert s.add_graph(G1, triples(5, "x")) is False
    assert len(s) == 2 and s.generation == gen


def test_generation_grows_on_every_write(any_store: Store) -> None:
    s = any_store
    g0 = s.generation
    s.put_graph(G1, triples(1))
    s.add_graph(G2, triples(1))
    s.drop_graph(G2)
    assert s.generation == g0 + 3


def test_changes_since_names_each_write_and_its_graph(any_store: Store) -> None:
    s = any_store
    g0 = s.generation
    s.add_graph(G1, triples(1))
    s.add_graph(G1, triples(1))  # already there: no write, nothing logged
    s.put_graph(G2, triples(1))
    s.drop_graph(G2)
    assert s.changes_since(g0) == [("add", G1), ("put", G2), ("drop", G2)]
    assert s.changes_since(g0 + 1) == [("put", G2), ("drop", G2)]
    assert s.changes_since(s.generation) == []
    assert s.changes_since(s.generation + 1) is None  # a generation it never had


def test_changes_since_logs_load_and_clear_as_touching_every_graph() -> None:
    s = OxigraphStore()
    g0 = s.generation
    s.load(b"<urn:a> <urn:p> <urn:b> <urn:g> .\n", "nquads")
    s.load(b"<urn:a> <urn:p> <urn:c> .\n", "nt", G1)
    s.clear()
    assert s.changes_since(g0) == [("load", ALL_GRAPHS), ("load", G1), ("clear", ALL_GRAPHS)]


def test_change_log_is_bounded_and_says_when_it_no_longer_reaches_back() -> None:
    log = ChangeLog(size=3)
    for i in range(5):
        log.record("add", URIRef(f"{EX}g{i}"))
    assert log.since(2) == [("add", URIRef(f"{EX}g{i}")) for i in (2, 3, 4)]
    assert log.since(1) is None and log.since(0) is None
    assert log.since(-1) is None


def test_change_log_generation_and_entries_move_together() -> None:
    """A reader that sees generation n finds write n in the log, whatever the interleaving."""
    log = ChangeLog(size=100_000)
    stop = threading.Event()
    bad: list[int] = []

    def read() -> None:
        while not stop.is_set():
            time.sleep(0)  # let the writer run: spinning readers would hog the GIL
            gen = log.generation
            got = log.since(max(0, gen - 5))
            if got is None or len(got) < min(gen, 5):
                bad.append(gen)

    readers = [threading.Thread(target=read) for _ in range(4)]
    for t in readers:
        t.start()
    for i in range(20_000):
        log.record("add", URIRef(f"{EX}g{i}"))
    stop.set()
    for t in readers:
        t.join()
    assert bad == []


def test_select_takes_bound_values(any_store: Store) -> None:
    s = any_store
    s.put_graph(G1, triples(3))
    rows = s.select("SELECT ?s ?o WHERE { ?s ?p ?o }", bindings={"s": URIRef(EX + "a1")})
    assert [r["o"].toPython() for r in rows] == [1]


def test_select_rows_share_equal_terms() -> None:
    # Converted once per answer: the register's SELECTs repeat the same few thousand
    # terms in ~3 million cells (faster, smaller, and pickled once by the projection).
    st = OxigraphStore()
    a, b, c = URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")
    st.put_graph(URIRef("urn:g"), [(a, c, Literal("1999")), (b, c, Literal("1999"))])
    rows = st.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s")
    assert [r["s"] for r in rows] == [a, b]
    assert rows[0]["p"] is rows[1]["p"] and rows[0]["o"] is rows[1]["o"]
    assert rows[0]["o"] == Literal("1999") and rows[0]["s"] is not rows[1]["s"]


def test_select_binding_outside_projection_is_a_query_error() -> None:
    s = OxigraphStore()
    with pytest.raises(QueryError, match="bindings"):
        s.select("SELECT ?o WHERE { ?s ?p ?o }", bindings={"s": URIRef(EX + "a1")})


def test_select_rejects_malformed_query(any_store: Store) -> None:
    with pytest.raises(QueryError):
        any_store.select("SELEC ?x WHERE {")


def test_select_rejects_malformed_query_naming_it() -> None:
    with pytest.raises(QueryError, match="malformed SPARQL"):
        OxigraphStore().select("SELEC ?x WHERE {")


def test_ask_and_construct(any_store: Store) -> None:
    s = any_store
    s.put_graph(G1, triples(2))
    assert s.ask("ASK { ?s ?p 1 }") is True
    assert s.ask("ASK { ?s ?p 7 }") is False
    g = s.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert len(g) == 2


def test_dump_and_load_round_trip_keeps_graphs(any_store: Store) -> None:
    s = any_store
    s.put_graph(G1, triples(3))
    s.put_graph(G2, triples(2, "b"))
    data = s.dump("nquads")
    t = OxigraphStore()
    assert t.load(data, "nquads") == 5
    assert t.graphs() == [G1, G2]
    trig = s.dump("trig")
    s.drop_graph(G1)
    s.drop_graph(G2)
    assert len(s) == 0
    s.load(trig, "trig")
    assert len(s) == 5 and s.graphs() == [G1, G2]


def test_dump_one_graph_as_turtle_is_isomorphic(any_store: Store) -> None:
    s = any_store
    s.put_graph(G1, triples(4))
    g = Graph().parse(data=s.dump("turtle", G1), format="turtle")
    expected = Graph()
    for t in triples(4):
        expected.add(t)
    assert isomorphic(g, expected)


def test_load_malformed_writes_nothing(any_store: Store) -> None:
    s = any_store
    s.put_graph(G1, triples(1))
    with pytest.raises(ParseError, match="invalid nquads"):
        s.load(b"<a> <b> <c> <g> .\n<broken", "nquads")
    assert len(s) == 1


def test_unknown_format_names_it() -> None:
    with pytest.raises(ParseError, match="'yaml'"):
        OxigraphStore().dump("yaml")


def test_store_persists_across_restart(tmp_path) -> None:
    path = tmp_path / "store"
    s = OxigraphStore(path)
    s.put_graph(G1, triples(3))
    s.close()
    again = OxigraphStore(path)
    assert again.graphs() == [G1]
    assert len(again) == 3
    again.close()


def test_second_open_of_same_folder_is_busy(tmp_path) -> None:
    path = tmp_path / "store"
    s = OxigraphStore(path)
    with pytest.raises(StoreBusy, match=str(path)):
        OxigraphStore(path)
    s.close()


def test_read_only_open_beside_the_writer_reads_and_refuses_writes(tmp_path) -> None:
    path = tmp_path / "store"
    s = OxigraphStore(path)
    s.put_graph(G1, triples(3))
    s.flush()
    ro = OxigraphStore(path, read_only=True)
    assert isinstance(ro, OxigraphStore) and ro.read_only
    assert len(ro) == 3 and ro.graphs() == [G1]
    for write in (lambda: ro.put_graph(G2, triples(1)), lambda: ro.add_graph(G2, []),
                  lambda: ro.drop_graph(G1), lambda: ro.load(b"", "nt"), ro.clear):
        with pytest.raises(StoreBusy, match="POST /articles"):
            write()
    ro.close()
    assert len(s) == 3  # the writer is untouched and still writes
    s.put_graph(G2, triples(1, "b"))
    assert len(s) == 4
    s.close()


def test_read_only_open_of_a_missing_folder_fails_clearly(tmp_path) -> None:
    with pytest.raises(StoreError, match="no such folder"):
        OxigraphStore(tmp_path / "absent", read_only=True)
    assert not (tmp_path / "absent").exists()


def test_open_store_memory_and_folder(tmp_path) -> None:
    assert isinstance(open_store("memory"), OxigraphStore)
    st = open_store(tmp_path / "x")
    assert isinstance(st, OxigraphStore) and st.path == tmp_path / "x"
    st.close()


# -- RDF/XML input: no external entities, no entity bombs -------------------------------

_RDF_XML = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ {decls} ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="{ex}">
  <rdf:Description rdf:about="{ex}a"><ex:p>{value}</ex:p></rdf:Description>
</rdf:RDF>"""


def _laughs(levels: int) -> str:
    decls = ['<!ENTITY l0 "ha">'] + [
        f'<!ENTITY l{i} "{"".join(f"&l{i - 1};" for _ in range(10))}">' for i in range(1, levels)
    ]
    return " ".join(decls)


@pytest.mark.parametrize(
    ("decls", "refused"),
    [
        pytest.param('<!ENTITY xxe SYSTEM "file://{secret}">', "external", id="system-file"),
        pytest.param('<!ENTITY xxe PUBLIC "-//x//y" "file://{secret}">', "external",
                     id="public-file"),
        pytest.param('<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">', "external", id="system-http"),
        pytest.param('<!ENTITY % xxe SYSTEM "file://{secret}"> %xxe;', "parameter entity",
                     id="parameter"),
        pytest.param(_laughs(9), "refers to other entities", id="billion-laughs"),
    ],
)
def test_load_rdf_xml_refuses_external_and_nested_entities(
    any_store: Store, tmp_path, decls: str, refused: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    body = _RDF_XML.format(decls=decls.format(secret=secret), ex=EX, value="&xxe;")
    with pytest.raises(ParseError, match=refused):
        any_store.load(body.encode(), "xml", G1)
    assert not any_store.has_graph(G1)
    assert "TOP-SECRET-MARKER" not in any_store.dump("nquads").decode()


def test_load_rdf_xml_keeps_plain_internal_entities(any_store: Store) -> None:
    # Ontology editors abbreviate namespaces this way: it must keep working.
    body = _RDF_XML.format(decls=f'<!ENTITY ex "{EX}">', ex=EX, value="&ex;x")
    assert any_store.load(body.encode(), "xml", G1) == 1
    assert [str(o) for _, _, o in any_store.triples(G1)] == [f"{EX}x"]


def test_load_rdf_xml_refuses_wide_expansion_without_nesting() -> None:
    # One long value referenced many times: no nesting, still gigabytes once expanded.
    refs = "&big;" * 5000
    body = _RDF_XML.format(decls=f'<!ENTITY big "{"x" * 10_000}">', ex=EX, value=refs)
    with pytest.raises(ParseError, match="could expand past"):
        OxigraphStore().load(body.encode(), "xml", G1)


# -- fuzzing Store.load with RDF/XML ------------------------------------------------------

FUZZ_CASES = int(os.environ.get("ARMSGRAPH_FUZZ_CASES", "300"))
_DECLS = st.sampled_from([
    "",
    '<!ENTITY ex "https://example.org/">',
    '<!ENTITY xxe SYSTEM "file://{secret}">',
    '<!ENTITY xxe PUBLIC "-//x//y" "file://{secret}">',
    "<!ENTITY % p SYSTEM \"file://{secret}\"> %p;",
    '<!ENTITY a "x"> <!ENTITY b "&a;&a;&a;">',
    '<!ENTITY xxe "&#60;">',
    "<!ENTITY broken",
])
_VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["&xxe;", "&ex;", "&b;", "&#x0;", "]]>", "<![CDATA[x]]>", "&amp;", "&"]),
)


@settings(max_examples=max(50, FUZZ_CASES // 3), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(decls=_DECLS, value=_VALUES, junk=st.binary(max_size=40), cut=st.integers(0, 400))
def test_load_rdf_xml_fuzz_raises_only_parse_error_and_reads_no_file(
    tmp_path: Path, decls: str, value: str, junk: bytes, cut: int
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    body = _RDF_XML.format(decls=decls.format(secret=secret), ex=EX, value=value)
    data = body.encode("utf-8", "surrogatepass")
    data = data[:cut] + junk + data[cut:] if junk else data
    store = OxigraphStore()
    try:
        store.load(data, "xml", G1)
    except ParseError:
        assert len(store) == 0
        return
    assert "TOP-SECRET-MARKER" not in store.dump("nquads").decode()


def _quad(i: int, graph: str) -> object:
    import pyoxigraph as ox

    return ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i)),
                   ox.NamedNode(graph))


def _crashed_replacement(path: Path, old: range, staged: range) -> None:
    """A store folder as a crash after put_graph's commit point leaves it: ``G1`` holding
    ``old``, a complete stage holding ``staged``, and the journal entry of the replacement."""
    import pyoxigraph as ox

    from armsgraph.store import _JOURNAL, _REPLACES, _STAGING

    raw = ox.Store(str(path))
    raw.extend([_quad(i, str(G1)) for i in old])
    stage = f"{_STAGING}crashed"
    raw.extend([_quad(i, stage) for i in staged])
    raw.extend([ox.Quad(ox.NamedNode(stage), _REPLACES, ox.NamedNode(str(G1)), _JOURNAL)])
    raw.flush()
    del raw


def test_open_rolls_forward_a_committed_replacement(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """A crash after put_graph's commit point (stage complete, journal entry written) but
    before the old graph was replaced: the next open finishes the replacement, and says
    so step by step (issue 18: a start waited 37–79 s on a roll-forward silently)."""
    _crashed_replacement(tmp_path / "s", old=range(3), staged=range(10, 15))
    with caplog.at_level("WARNING", logger="armsgraph.store"):
        s = OxigraphStore(tmp_path / "s")
    assert s.graphs() == [G1]
    assert sorted(int(o) for _, _, o in s.triples(G1)) == [10, 11, 12, 13, 14]
    assert len(s) == 5
    said = [r.getMessage() for r in caplog.records if r.name == "armsgraph.store"]
    assert said[0] == f"store {tmp_path / 's'}: recovering from an interrupted write (1 step)"
    assert said[1] == f"recovery 1/1: finishing the replacement of {G1} (5 triples)"
    assert said[2].startswith(f"store {tmp_path / 's'}: recovered in ") and len(said) == 3
    s.put_graph(G1, triples(4))  # a finished replacement: the next open says nothing
    s.close()
    caplog.clear()
    with caplog.at_level("WARNING", logger="armsgraph.store"):
        OxigraphStore(tmp_path / "s").close()
    assert [r for r in caplog.records if r.name == "armsgraph.store"] == []


@pytest.mark.parametrize("before", ["old content", "a roll-forward cut short"])
def test_a_large_roll_forward_reports_its_progress_within_the_step(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
    before: str,
) -> None:
    """A replacement too large for one transaction is bulk-written at a start in parts, each
    reported (the SIPRI register's 783k triples took 37–79 s in one silent step). The step
    is redone whole after a crash inside it: a target that holds part of the stage ends
    with exactly the stage. Sizes shrunk by the module's constants (100 triples, parts of
    10) so that the test writes little."""
    import armsgraph.store as store_module

    monkeypatch.setattr(store_module, "_BULK", 10)
    monkeypatch.setattr(store_module, "_PROGRESS_EVERY", 10)
    _crashed_replacement(tmp_path / "s", staged=range(100, 200),
                         old=range(3) if before == "old content" else range(100, 130))
    with caplog.at_level("WARNING", logger="armsgraph.store"):
        s = OxigraphStore(tmp_path / "s")
    assert s.graphs() == [G1]
    assert sorted(int(o) for _, _, o in s.triples(G1)) == list(range(100, 200))
    assert len(s) == 100
    said = [r.getMessage() for r in caplog.records if r.name == "armsgraph.store"]
    step = "recovery 1/1"
    assert said[1:3] == [f"{step}: finishing the replacement of {G1} (100 triples)",
                         f"{step}: removing the old {G1}"]
    assert said[3:13] == [f"{step}: {n} of 100 triples written ({n} %)"
                          for n in range(10, 101, 10)]
    assert said[13] == f"{step}: removing the finished stage"
    assert said[14].startswith(f"store {tmp_path / 's'}: recovered in ") and len(said) == 15
    s.close()


def test_open_drops_an_unfinished_stage_and_keeps_the_old_graph(tmp_path) -> None:
    import pyoxigraph as ox

    from armsgraph.store import _STAGING

    raw = ox.Store(str(tmp_path / "s"))
    raw.extend([_quad(i, str(G1)) for i in range(3)])
    raw.extend([_quad(i, f"{_STAGING}unfinished") for i in range(10, 12)])  # no journal entry
    raw.flush()
    del raw
    s = OxigraphStore(tmp_path / "s")
    assert s.graphs() == [G1]
    assert sorted(int(o) for _, _, o in s.triples(G1)) == [0, 1, 2]
    s.close()


def test_put_graph_replacing_large_graph_on_disk(tmp_path) -> None:
    s = OxigraphStore(tmp_path / "s")
    s.put_graph(G1, triples(60_000))
    s.put_graph(G1, triples(55_000, "b"))
    assert len(s) == 55_000 and s.graphs() == [G1]
    s.close()


def test_open_drops_a_new_graph_whose_bulk_load_did_not_finish(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    import pyoxigraph as ox

    from armsgraph.store import _JOURNAL, _WRITING

    raw = ox.Store(str(tmp_path / "s"))
    raw.extend([_quad(i, str(G2)) for i in range(2)])           # committed before
    g = ox.NamedNode(str(G1))
    raw.extend([ox.Quad(g, _WRITING, g, _JOURNAL)])              # bulk load started ...
    raw.extend([_quad(i, str(G1)) for i in range(7)])            # ... and was cut short
    raw.flush()
    del raw
    with caplog.at_level("WARNING", logger="armsgraph.store"):
        s = OxigraphStore(tmp_path / "s")
    assert s.graphs() == [G2] and len(s) == 2
    assert f"recovery 1/1: dropping {G1} (its write did not finish)" in caplog.messages
    s.close()


def test_version_names_the_content_across_opens_and_changes_with_every_write(tmp_path) -> None:
    path = tmp_path / "store"
    s = OxigraphStore(path)
    seen = [s.version]
    s.put_graph(G1, triples(3))
    seen.append(s.version)
    assert s.add_graph(G2, triples(1, "b"))
    seen.append(s.version)
    assert not s.add_graph(G2, [])  # no write: the same content, the same name
    assert s.version == seen[-1]
    s.drop_graph(G2)
    seen.append(s.version)
    s.load(b"<urn:a> <urn:b> <urn:c> .\n", "nt", graph=G2)
    seen.append(s.version)
    assert None not in seen and len(set(seen)) == 5
    assert (path / VERSION_FILE).read_text().strip() == s.version
    s.flush()
    ro = OxigraphStore(path, read_only=True)  # beside the writer: the same content
    assert ro.version == s.version
    ro.close()
    s.close()
    again = OxigraphStore(path)
    assert again.version == seen[-1]
    again.close()
    assert OxigraphStore().version is None


def test_a_write_cut_short_leaves_no_version_and_the_next_open_names_the_content_anew(
    tmp_path,
) -> None:
    path = tmp_path / "store"
    s = OxigraphStore(path)
    s.put_graph(G1, triples(3))
    before = s.version
    s._unstamp()  # what a crash in the middle of a write leaves
    assert s.version is None and not (path / VERSION_FILE).exists()
    s.close()
    ro = OxigraphStore(path, read_only=True)
    assert ro.version is None  # a read-only open cannot name it
    ro.close()
    again = OxigraphStore(path)
    assert again.version not in (None, before)
    again.close()


def test_update_graph_writes_only_the_difference() -> None:
    s = OxigraphStore()
    odd = (URIRef("urn:a"), URIRef("urn:b"), Literal('a "quoted"\nline, ünïcode', lang="de"))
    typed = (URIRef("urn:a"), URIRef("urn:c"), Literal(3))
    four = (URIRef("urn:a"), URIRef("urn:c"), Literal(4))
    new = s.update_graph(G1, [odd, typed])  # no such graph: written whole
    assert (new.triples, new.added, new.removed, new.written) == (2, None, None, True)
    generation = s.generation
    same = s.update_graph(G1, [typed, odd, typed])
    assert (same.triples, same.added, same.removed, same.written) == (2, 0, 0, False)
    assert s.generation == generation
    moved = s.update_graph(G1, [odd, four])
    assert (moved.triples, moved.added, moved.removed, moved.written) == (2, 1, 1, True)
    assert set(s.triples(G1)) == {odd, four} and s.generation == generation + 1
    assert s.changes_since(generation) == [("put", G1)]
    # a string "4" is another term than the integer 4
    assert s.update_graph(G1, [odd, (four[0], four[1], Literal("4"))]).added == 1
    s.put_graph(G2, [])
    assert not s.update_graph(G2, []).written


def _unread() -> Iterator[tuple[URIRef, URIRef, Literal]]:
    """Triples that fail the test when read (an update that must not read them)."""
    raise AssertionError("the triples were read")
    yield  # pragma: no cover - makes this a generator


def test_update_graph_keeps_a_digest_and_skips_the_same_one(tmp_path: Path) -> None:
    path = tmp_path / "store"
    s = OxigraphStore(path)
    three, four = triples(3), triples(4)
    assert s.graph_digest(G1) is None
    first = s.update_graph(G1, three, digest="k1")  # a new graph: whole, then the key
    assert first.added is None and s.graph_digest(G1) == GraphDigest("k1", 3)
    generation, version, quads = s.generation, s.version, len(s)
    assert quads == 3 and s.graphs() == [G1]  # the key is bookkeeping, not content
    same = s.update_graph(G1, _unread(), digest="k1")
    assert (same.triples, same.added, same.removed, same.written) == (3, 0, 0, False)
    assert (s.generation, s.version) == (generation, version)
    # Another key with the same content: compared, nothing written, the key replaced.
    assert not s.update_graph(G1, three, digest="k2").written
    assert s.graph_digest(G1) == GraphDigest("k2", 3) and s.version == version
    # A difference: written with its key (one update), which the next open still reads.
    moved = s.update_graph(G1, four, digest="k3")
    assert (moved.added, moved.removed) == (1, 0) and s.generation == generation + 1
    s.close()
    s = OxigraphStore(path)
    assert s.graph_digest(G1) == GraphDigest("k3", 4) and len(s) == 4
    assert set(s.triples(G1)) == set(four)
    # An update without a key leaves the graph without one (the key no longer holds).
    s.update_graph(G1, three)
    assert s.graph_digest(G1) is None
    s.close()


@pytest.mark.parametrize("write", ["put", "drop", "load", "clear"])
def test_every_other_write_to_the_graph_removes_its_digest(write: str) -> None:
    s = OxigraphStore()
    s.update_graph(G1, triples(3), digest="k")
    s.update_graph(G2, triples(2), digest="other")
    if write == "put":
        s.put_graph(G1, triples(3))  # the same triples, but not through the key
    elif write == "drop":
        s.drop_graph(G1)
        assert s.add_graph(G1, triples(3))
    elif write == "load":
        s.load(b"<urn:x> <urn:y> <urn:z> .", "nt", G1)
    else:
        s.clear()
    assert s.graph_digest(G1) is None
    assert s.graph_digest(G2) == (None if write == "clear" else GraphDigest("other", 2))
    # so the next update with the old key compares (and reads the triples) again
    assert s.update_graph(G1, triples(3), digest="k").triples == 3


def test_a_whole_write_cut_short_leaves_no_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    s = OxigraphStore()
    s.update_graph(G1, triples(3), digest="k")

    def fail(graph: object, new: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(s, "_write", fail)
    monkeypatch.setattr(store_module, "_DIFFERENCE", 0)  # write whole
    with pytest.raises(StoreError, match="disk full"):
        s.update_graph(G1, triples(4), digest="k4")
    assert s.graph_digest(G1) is None


def test_update_graph_with_blank_nodes_or_a_large_difference_writes_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    s = OxigraphStore()
    b = (BNode("x"), URIRef("urn:p"), Literal(1))
    s.put_graph(G1, [(URIRef("urn:a"), URIRef("urn:p"), Literal(1))])
    u = s.update_graph(G1, [b])
    assert (u.added, u.removed, u.triples) == (None, None, 1) and len(list(s.triples(G1))) == 1
    monkeypatch.setattr(store_module, "_DIFFERENCE", 2)
    s.put_graph(G2, [(URIRef("urn:a"), URIRef("urn:p"), Literal(1))])
    many = [(URIRef("urn:a"), URIRef("urn:p"), Literal(i)) for i in range(2, 5)]
    u = s.update_graph(G2, many)
    assert (u.added, u.removed, u.triples) == (None, None, 3)
    assert set(s.triples(G2)) == set(many)


def _rows(tag: str, n: int = 2_000) -> list[tuple[URIRef, URIRef, Literal]]:
    return [(URIRef(f"https://example.org/{tag}/{k}"), URIRef("https://example.org/p"),
             Literal("x" * 100 + str(k))) for k in range(n)]


def test_a_full_disk_refuses_writes_whole_then_recovers_once_space_is_free(
    small_disk: Path,
) -> None:
    """A real full disk (tmpfs): each write fails as a StoreError naming the disk error,
    adds nothing, and the store reads on; once the filler is removed the next write
    reopens the store (RocksDB refuses every write after an I/O error until then) and
    works, without a restart."""
    from tests.conftest import fill_disk

    st = OxigraphStore(small_disk / "store")
    a, b, c = (ids.GRAPH[f"test/{t}"] for t in ("a", "b", "c"))
    assert st.add_graph(a, _rows("a"))
    filler = fill_disk(small_disk)
    for graph in (b, c):
        with pytest.raises(StoreError, match="No space left on device"):
            st.add_graph(graph, _rows(graph[-1]))
    with pytest.raises(StoreError, match="No space left on device"):
        st.put_graph(a, _rows("a2"))
    assert st.write_failure is not None and "No space left" in st.write_failure
    assert not st.resume_writes()  # still full
    assert st.graphs() == [a] and len(st) == 2_000  # reads go on; nothing half-written
    assert len(list(st.triples(a))) == 2_000
    filler.unlink()
    generation = st.generation
    assert st.add_graph(b, _rows("b"))
    assert st.write_failure is None and st.generation > generation
    assert sorted(st.graphs()) == [a, b] and len(st) == 4_000
    st.put_graph(a, _rows("a2", 10))
    assert len(st) == 2_010
    st.close()
    reopened = OxigraphStore(small_disk / "store")
    assert sorted(reopened.graphs()) == [a, b] and len(reopened) == 2_010
    reopened.close()
