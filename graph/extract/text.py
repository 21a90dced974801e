"""Text checks and segmentation: what extraction accepts, sentences and quotations.

The pipeline is built once per process, on first use: by default the project's own
UD-trained pipeline (``data/models/en_armsgraph_ud``: tagger, morphologizer and dependency
parser, see ``docs/parser.md``), loaded from the checkout, never downloaded; with
``ARMSGRAPH_PARSER=blank`` spaCy's blank English instead (rule-based tokenizer only). Both
use spaCy's default English tokenizer, the same ``sentencizer`` and a line-break splitter
(``armsgraph_line_breaks``: a token after a line break starts a sentence, because headlines
and paragraphs end without a full stop), both placed before the parser so the parser keeps
their sentences and no arc crosses a line break: tokens and sentences are the same either
way, only ``pos_``/``tag_``/``morph``/``dep_``/``head`` are added.

Examples
--------
>>> doc = nlp()("Japan sent missiles.\\n\\nHeadline Without Stop\\nNext one.")
>>> [text for _, _, text in sentence_spans(doc)]
['Japan sent missiles.', 'Headline Without Stop', 'Next one.']
>>> check_text("<html><body><p>Hi</p></body></html>")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
armsgraph.errors.ExtractionError: the text looks like HTML (found <html>, <body>, <p>); ...
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ExtractionError
from ..resources import shipped
from ..settings import get_settings
from .lexicon import (
    ENGLISH_FUNCTION_WORDS,
)

__all__ = [
    "MAX_CHARS",
    "MODEL_DIR",
    "nlp",
    "load_pipeline",
    "check_text",
    "sentence_spans",
    "quote_regions",
]

#: Largest text extraction accepts, in characters (UTF-8 bytes are checked on load).
MAX_CHARS = 2_000_000

_TAG = re.compile(
    r"<\s*/?\s*(html|head|body|div|p|span|a|br|script|style|table|tr|td|ul|ol|li|h[1-6]|meta"
    r"|article|section|img|iframe)\b[^>]{0,200}>",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


#: The shipped pipeline (CC BY-SA 4.0, as its UD training data; LICENSE beside it).
MODEL_DIR = shipped("data") / "models" / "en_armsgraph_ud"

ParserKind = Literal["ud", "blank"]


@Language.component("armsgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after each line break; the whitespace joins the sentence before it.

    The sentence starts are set in one array: spaCy's ``Token.is_sent_start`` setter
    checks the whole document for a parse on every call, which made this quadratic in
    the length of an article (issue 18: 2.7 s of 16 s for 400 KB).
    """
    starts = doc.to_array(SENT_START).astype("int64")
    changed = False
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            if token.i > 0:
                starts[token.i] = -1
            starts[token.i + 1] = 1
            changed = True
    if changed:
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))  # type: ignore[arg-type]  # -1 wraps
    return doc


@lru_cache(maxsize=2)
def load_pipeline(kind: ParserKind) -> Language:
    """The pipeline of ``kind``, loaded once per process and kind.

    ``"ud"`` is :data:`MODEL_DIR` (tagger, morphologizer, parser) with the ``sentencizer``
    and :func:`line_breaks` before the parser; ``"blank"`` is ``spacy.blank("en")`` with
    the same two.
    A missing model folder is an :class:`ExtractionError` that names the way out.
    """
    if kind == "blank":
        pipeline = spacy.blank("en")
        pipeline.add_pipe("sentencizer")
        pipeline.add_pipe("armsgraph_line_breaks")
    elif kind == "ud":
        if not (MODEL_DIR / "config.cfg").is_file():
            raise ExtractionError(
                f"the parser model is missing ({MODEL_DIR}); restore it from git or "
                "reinstall armsgraph, or set ARMSGRAPH_PARSER=blank"
            )
        pipeline = spacy.load(MODEL_DIR)
        pipeline.add_pipe("sentencizer", before="parser")
        pipeline.add_pipe("armsgraph_line_breaks", before="parser")
    else:
        raise ExtractionError(f"unknown parser {kind!r}: expected 'ud' or 'blank'")
    pipeline.max_length = MAX_CHARS + 1
    return pipeline


def nlp() -> Language:
    """The shared pipeline, as chosen by ``ARMSGRAPH_PARSER`` (default ``ud``)."""
    return load_pipeline(get_settings().parser)


def check_text(text: str) -> None:
    """Raise :class:`ExtractionError` for text that extraction cannot work on.

    Empty or blank text, text over :data:`MAX_CHARS`, text with NUL or other binary
    control characters, HTML markup, and text whose words are not English (fewer than 8 %
    common English function words among at least 30 words) are refused, each with a
    message that says why.
    """
    if not isinstance(text, str):
        raise ExtractionError(f"expected text (str), got {type(text).__name__}")
    if not text.strip():
        raise ExtractionError("the text is empty: there is nothing to extract")
    if len(text) > MAX_CHARS:
        raise ExtractionError(
            f"the text has {len(text):,} characters; the limit is {MAX_CHARS:,} (2 MB)"
        )
    controls = len(_CONTROL.findall(text[:100_000]))
    if controls > 0 and controls * 200 > min(len(text), 100_000):
        raise ExtractionError(
            f"the text holds {controls} binary control characters; is it a binary file?"
        )
    tags = _TAG.findall(text[:200_000])
    if len(tags) >= 2:
        names = list(dict.fromkeys(t.lower() for t in tags))[:3]
        shown = ", ".join(f"<{n}>" for n in names)
        raise ExtractionError(
            f"the text looks like HTML (found {shown}); extract the article's plain text first"
        )
    words = [w.lower() for w in _WORD.findall(text[:50_000])]
    if len(words) >= 30:
        ratio = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS) / len(words)
        if ratio < 0.08:
            sample = " ".join(words[:6])
            raise ExtractionError(
                f"the text does not look like English ({ratio:.0%} common English words, "
                f"starting {sample!r}); only English articles can be extracted"
            )


def sentence_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Sentences as ``(start_char, end_char, text)``, split also at line breaks.

    Leading and trailing whitespace is trimmed, so ``doc.text[start:end] == text``.
    """
    text = doc.text
    out: list[tuple[int, int, str]] = []
    for sent in doc.sents:
        start = sent.start_char
        for part in re.split(r"(\n+)", text[sent.start_char:sent.end_char]):
            s = start
            start += len(part)
            stripped = part.strip()
            if not stripped:
                continue
            lead = len(part) - len(part.lstrip())
            s += lead
            out.append((s, s + len(stripped), stripped))
    return out


_OPEN = "“«„"
_CLOSE = "”»“"


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly or straight), marks excluded.

    A quotation opened with a curly mark runs to its closing mark, across paragraphs
    when the writer continues it there; straight quotes pair up within a paragraph.

    >>> quote_regions('He said, “we will act.” Then “more”.')
    [(10, 22), (30, 34)]
    """
    regions: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN and not (ch == "“" and _straight_closer(text, i)):
            j = i + 1
            while j < n and text[j] not in "”»":
                if text[j] in "“«" and regions is not None and j > i + 1:
                    break
                j += 1
            if j < n and text[j] in "”»" and j - i < 20_000:
                regions.append((i + 1, j))
                i = j + 1
                continue
            end = text.find("\n", i)
            regions.append((i + 1, n if end < 0 else end))
            i = n if end < 0 else end
            continue
        if ch == '"':
            end_par = text.find("\n", i)
            end_par = n if end_par < 0 else end_par
            j = text.find('"', i + 1, end_par)
            if j > 0:
                regions.append((i + 1, j))
                i = j + 1
                continue
        i += 1
    return regions


def _straight_closer(text: str, i: int) -> bool:
    """A “ used as a closing mark (some outlets write “…“): preceded by a word or stop."""
    return i > 0 and not text[i - 1].isspace() and text[i - 1] not in "(—–-[" and (
        i + 1 >= len(text) or text[i + 1].isspace() or text[i + 1] in ",.;:")
