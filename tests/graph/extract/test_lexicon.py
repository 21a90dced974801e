"""The extractor's vocabulary lives in one module, ``graph/extract/lexicon.py``: no other module
of ``graph/extract`` defines a word list of its own, and the lists keep the shape the rules
assume (lower case, single words, no contradictions)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from armsgraph.extract import lexicon as L

EXTRACT = Path(L.__file__).resolve().parent

#: Modules whose string collections are not vocabulary: the fact model's enumerations (roles,
#: statuses, rule facets: the schema) and the scorer, whose matching stays as it is.
_NOT_VOCABULARY_MODULES = {"model.py", "evaluate.py"}
#: Module-level string collections that are values, not words of the text.
_NOT_VOCABULARY = {
    ("__init__.py", "_META_FIELDS"),    # the metadata keys of an article
    ("itemframe.py", "_NAMED"),         # the catalog's kinds of match
    ("itemframe.py", "_SPECULATIVE"),   # fact statuses
    ("itemframe.py", "_PARTIES"),       # the party roles of each fact type
    ("rules/frame.py", "_PARTIES"),
}

#: Lists compared with the token as written (names, not words).
_CASED = {"COMMON_LAST_WORDS", "CAPITALISED_ADJECTIVES", "NOT_DESIGNATIONS", "NOT_NAMES",
          "MONTH_NAMES", "BODY_WORDS"}
#: Lists whose entries may be several words (matched as a run of tokens).
_MULTIWORD = {"TITLES", "DATE_NUMBER_WORDS", "NUMBER_WORDS"}


def _is_strings(node: ast.expr) -> bool:
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        return len(node.elts) >= 2 and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
            node.func.id in ("frozenset", "set", "tuple") and len(node.args) == 1:
        arg = node.args[0]
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and \
                arg.func.attr == "split" and isinstance(arg.func.value, ast.Constant):
            return True  # frozenset("a b c".split())
        return _is_strings(arg)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _is_strings(node.left) or _is_strings(node.right)
    if isinstance(node, ast.Dict):
        return len(node.keys) >= 2 and all(
            isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys) and all(
            isinstance(v, ast.Constant) or _is_strings(v) for v in node.values)
    return False


def word_lists(source: str) -> list[str]:
    """Names of the module-level assignments of ``source`` that hold a collection of strings."""
    out = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id != "__all__" and _is_strings(value):
            out.append(target.id)
    return out


@pytest.mark.parametrize(("source", "found"), [
    ('_X = frozenset({"send", "sent"})', ["_X"]),
    ('_X: frozenset[str] = frozenset({"send", "sent"})', ["_X"]),
    ('_X = {"send", "sent"}', ["_X"]),
    ('_X = ("send", "sent")', ["_X"]),
    ('_X = frozenset("send sent".split())', ["_X"]),
    ('_X = OTHER | {"send", "sent"}', ["_X"]),
    ('_X = {"one": 1, "two": 2}', ["_X"]),
    ('_X = {"land": ("tank", "tanks"), "air": ("jet", "jets")}', ["_X"]),
    ('__all__ = ["a", "b"]', []),
    ("_X = OTHER | YET_ANOTHER", []),
    ('_X = re.compile(r"a|b")', []),
    ('def f():\n    inner = {"a", "b"}\n    return inner', []),
])
def test_word_lists_finds_module_level_collections(source: str, found: list[str]) -> None:
    assert word_lists(source) == found


def test_no_module_but_the_lexicon_defines_a_word_list() -> None:
    offenders = []
    for path in sorted(EXTRACT.rglob("*.py")):
        rel = path.relative_to(EXTRACT).as_posix()
        if rel == "lexicon.py" or rel in _NOT_VOCABULARY_MODULES:
            continue
        offenders += [f"{rel}:{name}" for name in word_lists(path.read_text(encoding="utf-8"))
                      if (rel, name) not in _NOT_VOCABULARY]
    assert offenders == [], "word lists belong in graph/extract/lexicon.py"


def test_the_exemptions_still_exist() -> None:
    # an exemption for a name that is gone would hide the next list of that name
    for rel, name in _NOT_VOCABULARY:
        assert name in word_lists((EXTRACT / rel).read_text(encoding="utf-8")), (rel, name)
    assert not (EXTRACT / "rules" / "words.py").exists()


def _lists() -> dict[str, object]:
    return {n: getattr(L, n) for n in L.__all__ if not callable(getattr(L, n))}


def test_all_names_every_public_list() -> None:
    public = {n for n in vars(L) if n.isupper() and not n.startswith("_")}
    assert public == set(_lists())
    assert len(L.__all__) == len(set(L.__all__))


def test_every_list_is_lower_case_except_the_cased_section() -> None:
    for name, words in _lists().items():
        keys = list(words) if isinstance(words, (frozenset, tuple, dict)) else []
        assert keys, name
        if name in _CASED:
            assert all(w != w.lower() for w in keys), name  # a lower-case word never matches
        else:
            assert [w for w in keys if w != w.lower()] == [], name


def test_entries_are_single_stripped_words() -> None:
    for name, words in _lists().items():
        assert isinstance(words, (frozenset, tuple, dict))
        for w in words:
            assert isinstance(w, str) and w and w == w.strip(), (name, w)
            if name not in _MULTIWORD:
                assert " " not in w, (name, w)


def test_word_lists_are_frozen() -> None:
    for name, words in _lists().items():
        if name == "WEEKDAYS":
            assert isinstance(words, tuple)
        elif name == "WEAPON_KINDS":
            assert isinstance(words, dict)
            assert all(isinstance(v, frozenset) for v in words.values())
        else:
            assert isinstance(words, (frozenset, dict)), name


@pytest.mark.parametrize(("a", "b"), [
    ("GIVE_VERBS", "GET_VERBS"),                  # a verb gives or gets, never both
    ("PERMIT_VERBS", "BLOCK_VERBS"),
    ("GRANT_WORDS", "REFUSE_WORDS"),
    ("PERMIT_VERBS", "REFUSE_WORDS"),
    ("ALLOW_WORDS", "FORBID_WORDS"),             # a rule allows or forbids
    ("UNDO_WORDS", "FORBID_WORDS"),              # ending a ban is not a ban
    ("ALLOW_WORDS", "UNDO_WORDS"),
    ("DENIAL_CUES", "ALLOW_WORDS"),
    ("CANCEL_VERBS", "GRANT_WORDS"),
    ("RESTRICT_VERBS", "GRANT_WORDS"),
    ("PLAN_WORDS", "REFUSE_WORDS"),
    ("PLAN_WORDS", "NEGATION"),
    ("PROMISE_WORDS", "NEGATION"),
    ("HYPOTHETICAL_MODALS", "FUTURE_MODALS"),     # would/could vs will
    ("THREAT_VERBS", "ASSURE_VERBS"),
    ("NOT_ITEMS", "WEAPON_HEADS"),               # "arms", "parts" never head an item
    ("NOT_ITEMS", "WEAPON_HEADS_NEED_MODIFIER"),
    ("NOT_ITEMS", "GENERIC_MODIFIERS"),
    ("GENERIC_MODIFIERS", "WEAPON_HEADS"),
    ("TRANSFER_NOUNS", "WEAPON_HEADS"),          # "the sale" is no item
    ("PLATFORM_HEADS", "NOT_PLATFORM_WORDS"),
    ("AMMUNITION_HEADS", "PLATFORM_HEADS"),
])
def test_lists_that_must_not_overlap(a: str, b: str) -> None:
    assert set(getattr(L, a)) & set(getattr(L, b)) == set()


def test_verb_forms_map_to_a_listed_base_form() -> None:
    for table in (L.GIVE_VERBS, L.GET_VERBS):
        for form, (lemma, tense) in table.items():
            assert table[lemma] == (lemma, "base"), form
            assert tense in ("base", "3sg", "past", "pp", "past/pp", "ger"), form
    lemmas = {lemma for lemma, _ in L.GIVE_VERBS.values()}
    assert set(L.PLEDGE_VERBS) <= lemmas
    assert "pledged" in L.GIVE_VERBS and L.GIVE_VERBS["sent"] == ("send", "past/pp")


def test_derived_lists_contain_their_parts() -> None:
    assert L.CLAUSE_COORDINATORS <= L.CLAUSE_OPENERS
    assert L.GRANT_WORDS <= L.GRANT_VERBS
    assert L.CANCEL_VERBS <= L.DENIAL_CUES
    assert L.LET_WORDS | L.REFUSE_WORDS <= L.TRANSFER_NOUN_GOVERNORS


def test_dates() -> None:
    assert L.WEEKDAYS[0] == "monday" and len(set(L.WEEKDAYS)) == 7
    assert set(L.MONTHS.values()) == set(range(1, 13))
    assert {m.lower() for m in L.MONTH_NAMES} <= set(L.MONTHS)


def test_every_list_is_used() -> None:
    # a list that no module reads (nor another list of the lexicon) is dead vocabulary
    read: set[str] = set()
    for path in EXTRACT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                read.add(node.id)
            elif isinstance(node, ast.alias) and path.name != "lexicon.py":
                read.add(node.name)
    assert sorted(set(_lists()) - read) == []
