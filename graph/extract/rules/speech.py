"""Who speaks in a sentence, and who can speak for a state."""

from __future__ import annotations

from ..lexicon import SPEECH_VERBS
from ..mentions import Analysis, Mention
from .base import Sentence


def speech_subject(an: Analysis, sent: Sentence) -> tuple[Mention | None, Mention | None]:
    """Speaker and intermediary named outside quotes in a sentence.

    "RIA cited the ambassador as saying" → (the ambassador, RIA); "He told …" → (he, None);
    "according to X" → (X, None) for a person, (None, X) for an organisation.
    """
    lower = an.lower
    speaker = via = None
    for i in range(sent.start, sent.end):
        if an.in_quote[i]:
            continue
        w = lower[i]
        if w in ("cited", "quoted") and i + 1 < sent.end:
            src = next((m for m in reversed(sent.mentions) if m.end <= i and m.is_actor), None)
            tgt = next((m for m in sent.mentions if m.start > i and m.kind == "person"), None)
            if tgt is not None:
                return tgt, src
        if w == "according" and i + 1 < sent.end and lower[i + 1] == "to":
            m = next((m for m in sent.mentions if m.start > i + 1 and m.is_actor), None)
            if m is not None:
                if m.kind == "person":
                    speaker = m
                else:
                    via = m
        if w in SPEECH_VERBS and speaker is None:
            m = next((m for m in reversed(sent.mentions)
                      if m.end <= i and i - m.end <= 3 and m.is_actor
                      and m.prep in (None, "after", "before", "as", "since")
                      and not an.in_quote[m.start]), None)  # "… after the minister told …"
            if m is None:
                m = next((m for m in sent.mentions if m.start > i and m.start - i <= 2
                          and m.kind == "person" and not an.in_quote[m.start]), None)
            if m is not None and m.kind in ("person", "org", "state"):
                speaker = m
        if w in ("told", "tells") and via is None:
            m = next((m for m in sent.mentions if m.start > i and m.start - i <= 2
                      and m.kind == "org"), None)
            if m is not None:
                via = m  # "X told Reuters"
    return speaker, via


def is_threat_speaker(m: Mention) -> bool:
    """Whether a mention can speak for a state (a person, an organisation or the state)."""
    return m.kind in ("person", "org", "state")
