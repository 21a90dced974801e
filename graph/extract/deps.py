"""Readings of the dependency parse: who does what to whom around a transfer verb.

The UD pipeline (``data/models/en_armsgraph_ud``, see ``docs/parser.md``) gives every token
a head and a relation. :class:`Parse` keeps them as plain lists (one pass over the ``Doc``;
spaCy's ``Token`` objects are costly to create), and :func:`verb_frame` reads the frame of
one transfer verb from the tree:

- **agent**: the verb's subject (and the subjects coordinated with it); for a verb with
  no subject of its own, the party that controls it: the object of "allow / permit / let /
  block X (from) V-ing" and of "ask / urge X to V", the subject of a passive "X was
  permitted to V", the owner of the noun it completes ("Norway's request to send",
  "requests from A and B, which wanted to supply", "the go-ahead to A and B to send"),
  or else the subject of the verb it depends on ("Oslo was willing to deliver");
- **items**: the weapons named in its object, with the items coordinated with them;
- **destinations**: the actors after "to" (or "into") under the verb or under its object
  (the parser often hangs "to Ukraine" on the noun before it).

With ``ARMSGRAPH_PARSER=blank`` there is no parse: :attr:`Parse.ok` is false and every
reading is empty, so the word-order rules alone decide.

>>> from armsgraph.extract.text import load_pipeline
>>> doc = load_pipeline("ud")("Norway allowed Finland to send the guns to Ukraine.")
>>> p = Parse.of(doc)
>>> p.ok, p.dep[4], p.head[4]
(True, 'xcomp', 1)
>>> [doc[k].text for k in p.controllers(4)]
['Finland']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.attrs import DEP, HEAD, LOWER, POS
from spacy.tokens import Doc

from .lexicon import (
    ASK_VERBS,
    BLOCK_VERBS,
    PERMISSION_NOUNS,
    PERMIT_VERBS,
    REQUEST_NOUNS,
    TOWARD_CASES,
)

__all__ = ["Parse", "VerbFrame"]


@dataclass
class VerbFrame:
    """The parties and items of one verb, as token indices (see :func:`Parse.frame`)."""

    verb: int
    agents: list[int] = field(default_factory=list)
    objects: list[int] = field(default_factory=list)
    destinations: list[int] = field(default_factory=list)
    governor: int | None = None  # the permission, request or block word it depends on


class Parse:
    """Heads, relations and parts of speech of a parsed ``Doc`` as lists, with children."""

    def __init__(self, doc: Doc):
        self.ok = doc.has_annotation("DEP")
        n = len(doc)
        strings = doc.vocab.strings
        # one array read instead of a Token object per word (10x faster on long articles)
        self.head: list[int]
        self.dep: list[str]
        self.pos: list[str]
        self.lower: list[str]
        arr = doc.to_array([DEP, POS, LOWER]).tolist() if n else []
        if self.ok:
            rel = doc.to_array([HEAD]).astype("int64").ravel().tolist()  # offsets, signed
            self.head = [i + r for i, r in enumerate(rel)]
            names: dict[int, str] = {}
            self.dep = [names.get(row[0]) or names.setdefault(row[0], strings[row[0]])
                        for row in arr]
            self.pos = [names.get(row[1]) or names.setdefault(row[1], strings[row[1]])
                        for row in arr]
        else:
            self.head = list(range(n))
            self.dep = [""] * n
            self.pos = [""] * n
        self.lower = [strings[row[2]] for row in arr]
        self.kids: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.kids[h].append(i)

    @classmethod
    def of(cls, doc: Doc) -> Parse:
        """The parse of ``doc``, built once and kept on the ``Doc``."""
        cached = doc.user_data.get("armsgraph_parse")
        if isinstance(cached, Parse):
            return cached
        parse = cls(doc)
        doc.user_data["armsgraph_parse"] = parse
        return parse

    # -- the tree ------------------------------------------------------------------------

    def children(self, i: int, *deps: str) -> list[int]:
        return [k for k in self.kids[i] if not deps or self.dep[k] in deps]

    def subtree(self, i: int, stop: Iterable[str] = ()) -> list[int]:
        """Tokens under ``i`` (itself included), not descending into ``stop`` relations."""
        halt = set(stop)
        out, todo = [], [i]
        while todo:
            k = todo.pop()
            out.append(k)
            todo.extend(c for c in self.kids[k] if self.dep[c] not in halt)
        return sorted(out)

    def conjuncts(self, i: int) -> list[int]:
        """``i`` and the tokens coordinated with it ("Norway, Finland and Poland")."""
        out, todo = [], [i]
        while todo:
            k = todo.pop()
            out.append(k)
            todo.extend(self.children(k, "conj"))
        return sorted(out)

    def case(self, i: int) -> str | None:
        """The preposition marking a nominal ("to" of "to Ukraine")."""
        for k in self.kids[i]:
            if self.dep[k] == "case" or (self.dep[k] == "mark" and k < i and self.pos[i] in (
                    "PROPN", "NOUN", "PRON")):
                return self.lower[k]  # the tagger calls some a "mark": "to Ukraine"
        return None

    def mark(self, i: int) -> str | None:
        for k in self.kids[i]:
            if self.dep[k] == "mark":
                return self.lower[k]
        return None

    def negated(self, i: int) -> bool:
        """Whether ``i`` (or the auxiliary chain above a non-finite ``i``) is negated."""
        if any(self.dep[k] == "advmod" and self.lower[k] in ("not", "n't", "never")
               for k in self.kids[i]):
            return True
        return any(self.lower[k] in ("not", "n't", "never") and self.dep[k] in (
            "advmod", "aux", "neg") for k in self.kids[i])

    def passive(self, i: int) -> bool:
        return any(self.dep[k] in ("nsubj:pass", "aux:pass") for k in self.kids[i])

    # -- who acts --------------------------------------------------------------------------

    def subjects(self, i: int) -> list[int]:
        """Active subjects of ``i``, with their conjuncts."""
        out: list[int] = []
        for k in self.kids[i]:
            if self.dep[k] == "nsubj":  # two when the parser splits "company Patria"
                out += self.conjuncts(k)
        return out

    def controllers(self, i: int, depth: int = 0) -> list[int]:
        """Who does ``i``: its own subject, or the party that controls a verb without one."""
        own = self.subjects(i)
        if own:
            if self.dep[own[0]] == "nsubj" and self.lower[own[0]] in ("which", "who", "that"):
                return self._relative_antecedent(i)
            return own
        if depth > 3:
            return []
        h = self.head[i]
        d = self.dep[i]
        if h == i:
            return []
        if d == "conj":
            return self.controllers(h, depth + 1)  # "supplied … and agreed to provide"
        if d in ("xcomp", "advcl", "ccomp") or (d == "acl" and self.pos[h] in ("VERB", "AUX")):
            hw = self.lower[h]
            objs = self.children(h, "obj", "iobj")
            permission = [k for k in objs if self.lower[k] in PERMISSION_NOUNS]
            if permission:  # "given the go-ahead to A, B and C to send"
                return self.noun_owners(permission[0])
            if hw in PERMIT_VERBS | BLOCK_VERBS | ASK_VERBS and objs:
                return self.conjuncts(objs[0])
            passive_subj = self.children(h, "nsubj:pass")
            if passive_subj and hw in PERMIT_VERBS | BLOCK_VERBS | ASK_VERBS:
                return self.conjuncts(passive_subj[0])
            if self.pos[h] in ("VERB", "ADJ", "AUX") or self.dep[h] == "ROOT":
                subj = self.subjects(h) or self.children(h, "nsubj:pass")
                if subj:
                    if self.lower[subj[0]] in ("which", "who", "that"):
                        return self._relative_antecedent(h)
                    return self.conjuncts(subj[0])
                return self.controllers(h, depth + 1)
            return []
        if d == "acl" and self.pos[h] in ("NOUN", "PROPN"):
            # "Norway's request to send"; "Patria is in talks to produce": the predicate's subject
            return self.noun_owners(h) or self.subjects(h)
        if d == "acl:relcl":
            return []
        return []

    def _relative_antecedent(self, i: int) -> list[int]:
        """The noun a relative clause headed by ``i`` (or above it) hangs on, and, for
        "requests from A and B, which wanted …", the parties it names."""
        k = i
        for _ in range(4):
            if self.dep[k] == "acl:relcl":
                h = self.head[k]
                if self.lower[h] in REQUEST_NOUNS:
                    return self.noun_owners(h)
                return self.conjuncts(h)
            if self.head[k] == k:
                break
            k = self.head[k]
        return []

    def noun_owners(self, n: int, of: bool = True) -> list[int]:
        """Who a request or permission noun belongs to: "Norway's request", "requests
        from A and B", "the go-ahead to A and B" (to whom it is given)."""
        for k in self.kids[n]:
            if self.dep[k] == "nmod:poss":
                return self.conjuncts(k)
        for k in self.kids[n]:
            if self.dep[k] in ("nmod", "obl") and self.case(k) in (
                    ("from", "by", "of") if of else ("from", "by")):
                return self.conjuncts(k)
        if self.lower[n] in PERMISSION_NOUNS:
            for k in self.kids[n]:
                if self.dep[k] in ("nmod", "obl") and self.case(k) == "to":
                    return self.conjuncts(k)
            v = self.head[n]
            if v != n:
                for k in self.kids[v]:
                    if self.dep[k] in ("obl", "iobj", "nmod") and self.case(k) in ("to", None) \
                            and k != n and self.pos[k] in ("PROPN", "NOUN"):
                        return self.conjuncts(k)
        # a relative clause on the owner: "requests from Norway …, which wanted to supply"
        return []

    # -- the frame ---------------------------------------------------------------------------

    def frame(self, v: int) -> VerbFrame:
        """The agent, object and destination tokens of verb ``v`` (see the module doc)."""
        f = VerbFrame(v)
        if not self.ok:
            return f
        if self.passive(v):
            f.objects = [k for s in self.children(v, "nsubj:pass") for k in self.conjuncts(s)]
            for k in self.kids[v]:
                if self.dep[k] in ("obl:agent", "obl") and self.case(k) == "by":
                    f.agents = self.conjuncts(k)
        else:
            f.agents = self.controllers(v) if self.pos[v] != "NOUN" else self.noun_owners(
                v, of=False)
            for k in self.kids[v]:
                if self.dep[k] == "obj" or (self.pos[v] == "NOUN" and self.dep[k] == "nmod"
                                            and self.case(k) == "of"):
                    f.objects += [c for c in self.conjuncts(k) if c not in f.objects]
        heads = [v, *f.objects]
        for h in heads:
            for k in self.kids[h]:
                if self.dep[k] in ("obl", "nmod") and self.case(k) in TOWARD_CASES:
                    f.destinations += [c for c in self.conjuncts(k) if c not in f.destinations]
        f.governor = self.governor(v)
        return f

    def governor(self, v: int) -> int | None:
        """The permission, request or block word that verb ``v`` completes, if any:
        "allowed X to send", "request to send", "block X from sending", "asked X to permit"."""
        k = v
        for _ in range(3):
            h = self.head[k]
            if h == k:
                return None
            if self.dep[k] in ("xcomp", "advcl", "acl", "ccomp", "acl:relcl", "obj",
                               "nmod"):
                w = self.lower[h]
                if w in PERMIT_VERBS | BLOCK_VERBS | ASK_VERBS | PERMISSION_NOUNS | REQUEST_NOUNS:
                    return h
                permission = [c for c in self.children(h, "obj") if self.lower[c] in
                              PERMISSION_NOUNS]
                if permission and self.dep[k] != "obj":
                    return permission[0]  # "given the go-ahead to A to send"
                if self.dep[k] == "acl:relcl":  # "requests from A, which wanted to supply"
                    g = self.head[h]
                    if self.lower[g] in REQUEST_NOUNS:
                        return g
                    if self.dep[h] in ("nmod", "obl") and self.lower[self.head[h]] in (
                            REQUEST_NOUNS):
                        return self.head[h]
            k = h
        return None

    def tokens_of(self, heads: Sequence[int]) -> list[int]:
        """The tokens of the noun phrases headed by ``heads`` (modifiers, not clauses)."""
        out: list[int] = []
        for h in heads:
            out += self.subtree(h, stop=("acl", "acl:relcl", "conj", "cc", "punct", "nmod",
                                         "appos"))
        return out
