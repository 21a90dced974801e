"""Score extracted facts against hand-written gold facts.

A *fact* here is the JSON form shared by the extractor (``Fact.to_json()``) and the gold
files in ``tests/gold/``: a mapping with ``type``, ``status``, ``roles`` (role name →
``{"id": IRI or None, "label": str}``), ``sentence`` and ``date``
(``{"value": "2023-12-20", "precision": "day"}`` or ``None``).

A predicted fact *matches* a gold fact when the types are equal and every role the gold fact
names (the item included) is filled in the prediction by the same entity: the same id, or,
when the gold id is ``None``, the same :func:`normalize_label`. Extra predicted roles are not
penalized. Matching is one-to-one: as many pairs as possible, same-sentence pairs tried first.
Status and date do not decide a match; they are reported as accuracies over the matched pairs.

Examples
--------
>>> JPN = {"id": "https://w3id.org/armsgraph/id/state/JPN", "label": "Japan"}
>>> USA = {"id": "https://w3id.org/armsgraph/id/state/USA", "label": "United States"}
>>> PAT = {"id": "https://w3id.org/armsgraph/id/system/patriot", "label": "Patriot"}
>>> gold = [{"type": "Transfer", "status": "planned", "sentence": "Japan sends Patriots.",
...          "roles": {"supplier": JPN, "recipient": USA, "item": PAT}, "date": None}]
>>> pred = [{"type": "Transfer", "status": "reported", "sentence": "Japan sends Patriots.",
...          "roles": {"supplier": JPN, "recipient": USA, "item": PAT}},
...         {"type": "Transfer", "status": "planned", "sentence": "Japan sends Patriots.",
...          "roles": {"supplier": USA, "recipient": JPN, "item": PAT}}]
>>> s = score(pred, gold)
>>> s.micro.tp, s.micro.fp, s.micro.fn
(1, 1, 0)
>>> round(s.micro.precision, 2), s.micro.recall, round(s.micro.f1, 3)
(0.5, 1.0, 0.667)
>>> s.status_accuracy
0.0
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ArmsGraphError, InputError, ParseError
from .model import ROLES

__all__ = [
    "FACT_ROLES",
    "GOLD_STATUSES",
    "Counts",
    "Scores",
    "GoldArticle",
    "ArticleResult",
    "Report",
    "Extractor",
    "normalize_label",
    "labels_match",
    "facts_match",
    "score",
    "load_gold",
    "gold_files",
    "evaluate_dir",
    "facts_of",
    "load_extractor",
    "describe",
]

#: The roles each fact type may name: the JSON contract of the extractor's output, shared
#: with :mod:`armsgraph.extract.model` so gold and predictions cannot drift apart.
FACT_ROLES: dict[str, tuple[str, ...]] = ROLES

#: Statuses a gold fact may carry: the modalities, and for ReExportConsent the consent statuses.
GOLD_STATUSES: dict[str, frozenset[str]] = {
    t: frozenset(
        {"delivered", "planned", "promised", "reported", "requested", "approved", "refused",
         "hypothetical", "conditional", "threatened", "granted"}
    )
    for t in FACT_ROLES
}
GOLD_STATUSES["ReExportConsent"] = frozenset({"required", "requested", "granted", "refused"})

_PRECISIONS = frozenset({"day", "month", "year", "approximate"})
_DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WORD = re.compile(r"[a-z0-9]+")
_SPACE = re.compile(r"\s+")
_SPELLING = {
    "defence": "defense", "licence": "license", "licences": "licenses", "armour": "armor",
    "armoured": "armored", "programme": "program", "calibre": "caliber",
}
_DROP = frozenset({"the", "a", "an"})
#: Head nouns that name a kind of weapon without telling one from another: "D-30 howitzers"
#: and "D-30" name the same item, "anti-tank weapons" and "anti-tank missiles" nearly so.
_GENERIC_HEADS = frozenset(
    {"system", "weapon", "gun", "howitzer", "launcher", "jet", "missile"}
)

#: What :func:`evaluate_dir` calls: article text and its metadata in, facts out.
Extractor = Callable[[str, Mapping[str, Any]], Any]


# --------------------------------------------------------------------------- counting


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with P, R and F1.

    A ratio with a zero denominator is read as 1.0 (nothing to find, nothing wrongly found),
    so an empty prediction for an empty gold scores F1 1.0 and an empty prediction for a
    non-empty gold scores F1 0.0.

    Examples
    --------
    >>> c = Counts(tp=3, fp=1, fn=2)
    >>> c.precision, c.recall, round(c.f1, 3)
    (0.75, 0.6, 0.667)
    >>> Counts().f1, Counts(fn=1).f1
    (1.0, 0.0)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Scores:
    """The outcome of :func:`score`: counts per fact type and over all (micro).

    ``pairs`` holds the matched ``(predicted index, gold index)`` pairs; ``status_correct``
    counts matched pairs with the same status; ``dated`` counts matched pairs whose gold fact
    has a date and ``date_correct`` those of them whose predicted date agrees.
    """

    by_type: Mapping[str, Counts]
    pairs: tuple[tuple[int, int], ...] = ()
    status_correct: int = 0
    dated: int = 0
    date_correct: int = 0

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.by_type.values():
            total = total + counts
        return total

    @property
    def matched(self) -> int:
        return self.micro.tp

    @property
    def status_accuracy(self) -> float | None:
        """Share of matched pairs whose statuses agree (None when nothing matched)."""
        return self.status_correct / self.matched if self.matched else None

    @property
    def date_accuracy(self) -> float | None:
        """Share of dated matched pairs whose dates agree (None when none is dated)."""
        return self.date_correct / self.dated if self.dated else None

    def to_json(self) -> dict[str, Any]:
        """Counts and ratios per type and micro, with the status and date accuracies.

        >>> Scores({"Policy": Counts(1, 1, 0)}, status_correct=1).to_json()["micro"]
        {'gold': 1, 'predicted': 2, 'tp': 1, 'precision': 0.5, 'recall': 1.0, 'f1': 0.6667}
        """

        def row(c: Counts) -> dict[str, Any]:
            return {"gold": c.gold, "predicted": c.predicted, "tp": c.tp,
                    "precision": round(c.precision, 4), "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4)}

        return {
            "by_type": {t: row(c) for t, c in self.by_type.items()},
            "micro": row(self.micro),
            "status_accuracy": self.status_accuracy,
            "date_accuracy": self.date_accuracy,
            "matched": self.matched,
            "dated": self.dated,
        }

    @staticmethod
    def combine(parts: Iterable[Scores]) -> Scores:
        """Pool several scores (per-article, say) into one: counts add up, pairs are dropped.

        >>> a = Scores({"Transfer": Counts(1, 0, 1)}, status_correct=1)
        >>> b = Scores({"Transfer": Counts(1, 1, 0), "Threat": Counts(0, 0, 2)})
        >>> c = Scores.combine([a, b])
        >>> c.by_type["Transfer"], c.micro, c.status_correct
        (Counts(tp=2, fp=1, fn=1), Counts(tp=2, fp=1, fn=3), 1)
        """
        by_type: dict[str, Counts] = {}
        status = dated = date_ok = 0
        for part in parts:
            for t, counts in part.by_type.items():
                by_type[t] = by_type.get(t, Counts()) + counts
            status += part.status_correct
            dated += part.dated
            date_ok += part.date_correct
        return Scores(dict(sorted(by_type.items())), (), status, dated, date_ok)


# --------------------------------------------------------------------------- matching


def normalize_label(label: str) -> str:
    """A label reduced for comparison: ASCII, lower case, words, plurals and UK spellings folded.

    Examples
    --------
    >>> normalize_label("Air defence systems")
    'air defense system'
    >>> normalize_label("the 12.7 mm machine-gun ammunition")
    '12 7 mm machine gun ammunition'
    >>> normalize_label("Helmets") == normalize_label("helmet")
    True
    """
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    words = []
    for word in _WORD.findall(ascii_text.lower()):
        word = _SPELLING.get(word, word)
        if word in _DROP:
            continue
        words.append(_singular(word))
    return " ".join(words)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _entity(value: object, where: str) -> tuple[str | None, str]:
    """The (id, label) of a role value; a bare string is read as an id."""
    if isinstance(value, str):
        return value, ""
    if isinstance(value, Mapping):
        ident = value.get("id")
        label = value.get("label")
        if ident is not None and not isinstance(ident, str):
            raise InputError(f"{where}: role id must be a string or null, not {ident!r}")
        return ident, label if isinstance(label, str) else ""
    if value is None:
        return None, ""
    raise InputError(f"{where}: a role must be an object with id and label, not {value!r}")


def _same_entity(gold: object, pred: object, where: str) -> bool:
    gold_id, gold_label = _entity(gold, where)
    pred_id, pred_label = _entity(pred, where)
    if gold_id is not None:
        return pred_id == gold_id
    if not gold_label:
        raise InputError(f"{where}: a gold role with a null id needs a label")
    return labels_match(pred_label, gold_label)


def labels_match(a: str, b: str) -> bool:
    """Whether two labels name the same thing: equal when normalized, or equal once generic
    head nouns (howitzer, system, weapon …) are cut from their ends, if words remain.

    Examples
    --------
    >>> labels_match("D-30", "D-30 howitzers"), labels_match("air defense", "air defence systems")
    (True, True)
    >>> labels_match("howitzers", "D-30 howitzers"), labels_match("ammunition", "12.7 mm rounds")
    (False, False)
    """
    x, y = normalize_label(a), normalize_label(b)
    if x == y:
        return True
    kx, ky = _specific(x), _specific(y)
    return bool(kx) and kx == ky


def _specific(normalized: str) -> str:
    words = normalized.split()
    while len(words) > 1 and words[-1] in _GENERIC_HEADS:
        words.pop()
    return " ".join(words) if words and words[-1] not in _GENERIC_HEADS else ""


def _roles(fact: Mapping[str, Any], where: str) -> Mapping[str, Any]:
    roles = fact.get("roles")
    if not isinstance(roles, Mapping):
        raise InputError(f"{where}: 'roles' must be an object, not {roles!r}")
    return roles


def _type(fact: object, where: str) -> str:
    if not isinstance(fact, Mapping):
        raise InputError(f"{where}: a fact must be an object, not {fact!r}")
    kind = fact.get("type")
    if not isinstance(kind, str) or not kind:
        raise InputError(f"{where}: a fact needs a 'type', got {kind!r}")
    return kind


def facts_match(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """Whether a predicted fact matches a gold fact (type and every gold role).

    Examples
    --------
    >>> UKR = {"id": "https://w3id.org/armsgraph/id/state/UKR", "label": "Ukraine"}
    >>> gold = {"type": "Transfer", "roles": {"recipient": UKR,
    ...         "item": {"id": None, "label": "air defence systems"}}}
    >>> facts_match({"type": "Transfer", "roles": {"recipient": UKR,
    ...     "item": {"id": "x", "label": "Air defense system"}}}, gold)
    True
    >>> facts_match({"type": "Request", "roles": gold["roles"]}, gold)
    False
    >>> facts_match({"type": "Transfer", "roles": {"item": gold["roles"]["item"]}}, gold)
    False
    """
    kind = _type(gold, "gold fact")
    if _type(pred, "predicted fact") != kind:
        return False
    gold_roles = _roles(gold, f"gold {kind}")
    pred_roles = _roles(pred, f"predicted {kind}")
    for name, entity in gold_roles.items():
        if entity is None:
            continue
        if name not in pred_roles or pred_roles[name] is None:
            return False
        if not _same_entity(entity, pred_roles[name], f"{kind} role {name!r}"):
            return False
    return True


def _norm_sentence(sentence: object) -> str:
    return _SPACE.sub(" ", sentence).strip() if isinstance(sentence, str) else ""


def _same_sentence(a: object, b: object) -> bool:
    x, y = _norm_sentence(a), _norm_sentence(b)
    return bool(x and y) and (x == y or x in y or y in x)


def _date_value(fact: Mapping[str, Any]) -> str | None:
    date = fact.get("date")
    if isinstance(date, Mapping):
        value = date.get("value")
        return value if isinstance(value, str) and value else None
    return date if isinstance(date, str) and date else None


def _date_agrees(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    want = _date_value(gold)
    got = _date_value(pred)
    if want is None or got is None:
        return False
    return len(got) >= len(want) and got[: len(want)] == want


def score(predicted: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]) -> Scores:
    """Precision, recall and F1 of predicted facts against gold facts, per type and micro.

    Parameters
    ----------
    predicted, gold
        Facts in the JSON form of the module docstring. Predicted facts may carry any other
        keys; they are ignored.

    Returns
    -------
    Scores
        Counts per fact type (every type seen in either list) and the matched pairs, with the
        status and date agreement over those pairs.

    Raises
    ------
    InputError
        A fact that is not an object, has no type, or has malformed roles.

    Notes
    -----
    Matching is one-to-one, in two rounds of Kuhn's augmenting-path algorithm: first over the
    pairs whose sentences agree, then over all pairs for the gold facts still unmatched. Each
    round takes gold facts in text order; a gold fact takes a free prediction or frees one by
    moving earlier pairs along, so the number of pairs is the largest possible and, among
    equal choices, the same-sentence pair wins. Cost is O(G·E) for G gold facts and E
    candidate pairs, small for the tens of facts an article holds.

    Examples
    --------
    Two gold facts that only one prediction could serve: the prediction goes to the one in
    its own sentence.

    >>> UKR = {"id": "https://w3id.org/armsgraph/id/state/UKR", "label": "Ukraine"}
    >>> PAT = {"id": "https://w3id.org/armsgraph/id/system/patriot", "label": "Patriot"}
    >>> g = [{"type": "Transfer", "status": "hypothetical", "sentence": "A.",
    ...       "roles": {"recipient": UKR, "item": PAT}},
    ...      {"type": "Transfer", "status": "hypothetical", "sentence": "B.",
    ...       "roles": {"recipient": UKR, "item": PAT}}]
    >>> p = [{"type": "Transfer", "status": "hypothetical", "sentence": "B.",
    ...       "roles": {"supplier": UKR, "recipient": UKR, "item": PAT}}]
    >>> s = score(p, g)
    >>> s.pairs, s.micro
    (((0, 1),), Counts(tp=1, fp=0, fn=1))
    """
    types: dict[str, list[int]] = {}
    for i, fact in enumerate(gold):
        types.setdefault(_type(fact, f"gold fact {i}"), []).append(i)
    pred_types = [_type(fact, f"predicted fact {j}") for j, fact in enumerate(predicted)]

    # candidates of each gold fact: same-sentence predictions, then the others in text order
    same_sentence: list[list[int]] = []
    candidates: list[list[int]] = []
    for g in gold:
        same: list[int] = []
        other: list[int] = []
        for j, p in enumerate(predicted):
            if pred_types[j] == g["type"] and facts_match(p, g):
                (same if _same_sentence(p.get("sentence"), g.get("sentence")) else other).append(j)
        same_sentence.append(same)
        candidates.append(same + other)

    owner: dict[int, int] = {}  # predicted index -> gold index
    for i in range(len(gold)):  # first the pairs that agree on the sentence ...
        _augment(i, same_sentence, owner, set())
    for i in sorted(set(range(len(gold))) - set(owner.values())):  # ... then any pair
        _augment(i, candidates, owner, set())

    pairs = tuple(sorted((j, i) for j, i in owner.items()))
    matched_gold = {i for _, i in pairs}
    matched_pred = {j for j, _ in pairs}
    by_type: dict[str, Counts] = {}
    for kind in sorted(set(types) | set(pred_types)):
        tp = sum(1 for i in types.get(kind, []) if i in matched_gold)
        fn = len(types.get(kind, [])) - tp
        fp = sum(1 for j, t in enumerate(pred_types) if t == kind and j not in matched_pred)
        by_type[kind] = Counts(tp, fp, fn)

    status_ok = sum(
        1 for j, i in pairs if predicted[j].get("status") == gold[i].get("status")
    )
    dated = [(j, i) for j, i in pairs if _date_value(gold[i]) is not None]
    date_ok = sum(1 for j, i in dated if _date_agrees(predicted[j], gold[i]))
    return Scores(by_type, pairs, status_ok, len(dated), date_ok)


def _augment(i: int, candidates: list[list[int]], owner: dict[int, int], seen: set[int]) -> bool:
    """Find a prediction for gold fact ``i``, moving earlier pairs along if that frees one."""
    for j in candidates[i]:
        if j in seen:
            continue
        seen.add(j)
        if j not in owner or _augment(owner[j], candidates, owner, seen):
            owner[j] = i
            return True
    return False


# --------------------------------------------------------------------------- gold files


@dataclass(frozen=True)
class GoldArticle:
    """One gold file with its article: ``name`` is the gold file's name without ``.gold.json``."""

    name: str
    path: Path
    text_path: Path
    text: str = field(repr=False)
    meta: Mapping[str, Any] = field(repr=False)
    facts: tuple[Mapping[str, Any], ...] = field(repr=False)


def gold_files(gold_dir: Path) -> list[Path]:
    """The ``*.gold.json`` files of a folder, sorted; InputError when there is none."""
    if not gold_dir.is_dir():
        raise InputError(f"gold folder {str(gold_dir)!r} does not exist or is not a folder")
    files = sorted(gold_dir.glob("*.gold.json"))
    if not files:
        raise InputError(f"gold folder {str(gold_dir)!r} holds no *.gold.json file")
    return files


def load_gold(path: Path) -> GoldArticle:
    """Read and check one gold file, its article text and the article's ``.meta.json``.

    The text is ``article`` resolved against the gold file's folder; the metadata is the
    file beside the text named ``<stem>.meta.json`` (an empty mapping when there is none).

    Raises
    ------
    ParseError
        The gold or meta file is not JSON.
    InputError
        A missing article, an unknown fact type, role or status, a role value without an id
        or label, a malformed date, or a sentence that the article does not contain.
    """
    where = str(path)
    data = _read_json(path)
    if not isinstance(data, Mapping):
        raise InputError(f"{where}: a gold file must be a JSON object")
    article = data.get("article")
    if not isinstance(article, str) or not article:
        raise InputError(f"{where}: 'article' must name the article's text file, got {article!r}")
    text_path = (path.parent / article).resolve()
    if not text_path.is_file():
        raise InputError(f"{where}: article {article!r} not found")
    text = text_path.read_text(encoding="utf-8")
    meta_path = text_path.with_name(text_path.name.removesuffix(".txt") + ".meta.json")
    meta = _read_json(meta_path) if meta_path.is_file() else {}
    if not isinstance(meta, Mapping):
        raise InputError(f"{meta_path}: a meta file must be a JSON object")
    facts = data.get("facts")
    if not isinstance(facts, list):
        raise InputError(f"{where}: 'facts' must be a list, got {type(facts).__name__}")
    for n, fact in enumerate(facts):
        _check_gold_fact(fact, text, f"{where}, fact {n}")
    name = path.name.removesuffix(".gold.json")
    return GoldArticle(name, path, text_path, text, meta, tuple(facts))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ParseError(err.msg, source=str(path), line=err.lineno) from err
    except OSError as err:
        raise InputError(f"cannot read {str(path)!r}: {err.strerror}") from err


def _check_gold_fact(fact: object, text: str, where: str) -> None:
    kind = _type(fact, where)
    assert isinstance(fact, Mapping)
    if kind not in FACT_ROLES:
        raise InputError(f"{where}: unknown fact type {kind!r}")
    status = fact.get("status")
    if status not in GOLD_STATUSES[kind]:
        raise InputError(f"{where}: status {status!r} is not one of {sorted(GOLD_STATUSES[kind])}")
    roles = _roles(fact, where)
    if not roles:
        raise InputError(f"{where}: a gold fact names at least one role")
    for name, value in roles.items():
        if name not in FACT_ROLES[kind]:
            raise InputError(f"{where}: {kind} has no role {name!r}")
        ident, label = _entity(value, f"{where}, role {name!r}")
        if not label:
            raise InputError(f"{where}, role {name!r}: a gold entity needs a label")
        if ident is not None and not ident.startswith("https://w3id.org/armsgraph/id/"):
            raise InputError(f"{where}, role {name!r}: id {ident!r} is not an armsgraph IRI")
    sentence = fact.get("sentence")
    if not isinstance(sentence, str) or not sentence or sentence not in text:
        raise InputError(f"{where}: sentence {sentence!r} does not occur in the article")
    date = fact.get("date")
    if date is not None:
        value = date.get("value") if isinstance(date, Mapping) else None
        precision = date.get("precision") if isinstance(date, Mapping) else None
        if not isinstance(value, str) or not _DATE_VALUE.match(value):
            raise InputError(f"{where}: date value {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if precision not in _PRECISIONS:
            raise InputError(f"{where}: date precision {precision!r} is not one of day, month, "
                             "year, approximate")


# --------------------------------------------------------------------------- whole folders


@dataclass(frozen=True)
class ArticleResult:
    """The scores of one gold article, with the facts on both sides for inspection."""

    gold: GoldArticle
    predicted: tuple[Mapping[str, Any], ...] = field(repr=False)
    scores: Scores = field(repr=False)

    @property
    def name(self) -> str:
        return self.gold.name


@dataclass(frozen=True)
class Report:
    """The results of :func:`evaluate_dir`, one per gold article, and their pooled total."""

    articles: tuple[ArticleResult, ...] = field(default_factory=tuple)

    def __repr__(self) -> str:
        return f"Report({', '.join(a.name for a in self.articles)}; total {self.total.micro})"

    @property
    def total(self) -> Scores:
        return Scores.combine(a.scores for a in self.articles)

    def pooled(self, names: Iterable[str]) -> Scores:
        """The pooled scores of the named articles (InputError for an unknown name)."""
        wanted = set(names)
        known = {a.name for a in self.articles}
        if wanted - known:
            raise InputError(f"no gold article named {sorted(wanted - known)!r}")
        return Scores.combine(a.scores for a in self.articles if a.name in wanted)

    def to_json(self) -> dict[str, Any]:
        """The scores of every article and of all pooled, as JSON-ready data."""
        return {
            "articles": {a.name: a.scores.to_json() for a in self.articles},
            "total": self.total.to_json(),
        }

    def __getitem__(self, name: str) -> ArticleResult:
        for result in self.articles:
            if result.name == name:
                return result
        raise InputError(f"no gold article named {name!r}")


def facts_of(result: object) -> list[Mapping[str, Any]]:
    """The facts of an extractor's result, as JSON mappings.

    Accepts an object with ``to_json()`` (the extractor's ``Extraction``), a mapping with a
    ``facts`` list, or a sequence of facts (mappings or objects with ``to_json()``).

    >>> facts_of({"facts": [{"type": "Policy", "roles": {}}]})
    [{'type': 'Policy', 'roles': {}}]
    """
    if hasattr(result, "to_json"):
        result = result.to_json()
    if isinstance(result, Mapping):
        result = result.get("facts")
    if not isinstance(result, Sequence) or isinstance(result, str | bytes):
        raise InputError(f"extractor result has no list of facts: {type(result).__name__}")
    facts: list[Mapping[str, Any]] = []
    for item in result:
        value = item.to_json() if hasattr(item, "to_json") else item
        if not isinstance(value, Mapping):
            raise InputError(f"extractor returned a fact that is not an object: {value!r}")
        facts.append(value)
    return facts


def load_extractor(spec: str = "armsgraph.extract:extract") -> Extractor:
    """The function named ``module:attribute``, to be called as ``fn(text, meta)``.

    Raises
    ------
    InputError
        A spec without a colon, a module that cannot be imported, a name that is not a
        callable of that module, or a callable that cannot take ``(text, meta)``.

    >>> import operator
    >>> load_extractor("operator:add") is operator.add
    True
    >>> load_extractor("json:dumps")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    armsgraph.errors.InputError: extractor 'json:dumps' cannot be called as fn(text, meta): ...
    """
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise InputError(f"extractor {spec!r} must be written module:function")
    try:
        module = importlib.import_module(module_name)
    except ImportError as err:
        raise InputError(f"extractor module {module_name!r} cannot be imported: {err}") from err
    fn = getattr(module, attr, None)
    if not callable(fn):
        raise InputError(f"extractor {spec!r}: {attr!r} is not a function of {module_name!r}")
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):  # some builtins have none; the call will tell
        return fn  # type: ignore[no-any-return]
    try:
        signature.bind("text", {})
    except TypeError as err:
        raise InputError(f"extractor {spec!r} cannot be called as fn(text, meta): {err}") \
            from None
    return fn  # type: ignore[no-any-return]


def evaluate_dir(gold_dir: Path, extractor: Extractor) -> Report:
    """Run ``extractor(text, meta)`` on every gold article of a folder and score it.

    Raises
    ------
    InputError
        A missing or empty folder, a malformed gold file (see :func:`load_gold`), or an
        extractor that fails with an exception outside armsgraph's own (named, with the
        article).
    """
    results = []
    for path in gold_files(Path(gold_dir)):
        gold = load_gold(path)
        try:
            extracted = extractor(gold.text, gold.meta)
        except ArmsGraphError:
            raise
        except Exception as err:  # noqa: BLE001  # a user's extractor: say which, where
            raise InputError(f"extractor failed on {path.name}: {type(err).__name__}: {err}") \
                from err
        predicted = tuple(facts_of(extracted))
        results.append(ArticleResult(gold, predicted, score(predicted, gold.facts)))
    return Report(tuple(results))


# --------------------------------------------------------------------------- printing


def describe(fact: Mapping[str, Any]) -> str:
    """One line for a fact: type, status, roles (id tail or label) and the sentence's start.

    >>> describe({"type": "Policy", "status": "approved", "sentence": "Tokyo eased its rules.",
    ...           "roles": {"actor": {"id": "https://w3id.org/armsgraph/id/state/JPN"}}})
    'Policy/approved actor=JPN | Tokyo eased its rules.'
    """
    parts = []
    roles = fact.get("roles")
    for name, entity in (roles.items() if isinstance(roles, Mapping) else []):
        ident, label = _entity(entity, "fact")
        parts.append(f"{name}={ident.rsplit('/', 1)[-1] if ident else repr(label)}")
    sentence = _norm_sentence(fact.get("sentence"))
    if len(sentence) > 80:
        sentence = sentence[:77] + "..."
    return f"{fact.get('type')}/{fact.get('status')} {' '.join(parts)} | {sentence}"
