"""Readable features of a sentence in its context.

A sentence is described by named features such as ``cue:said``, ``subj:name``,
``anon:familiar with`` or ``hedge:reportedly``, so that a report can say why it got its label.
The same description of the previous and next sentences is added under ``prev:`` and ``next:``,
because a quote continuation or a "he said" takes its source from its neighbours.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from sklearn.base import BaseEstimator, TransformerMixin

from .lexicons import (
    ACTION_VERBS,
    AGENTLESS_PASSIVES,
    ANONYMITY_PHRASES,
    ANONYMOUS_SOURCE_NOUNS,
    ATTRIBUTION_PHRASES,
    DOCUMENT_WORDS,
    FURNITURE_PHRASES,
    HEDGES,
    MODALS,
    OPINION_WORDS,
    ORGANISATION_WORDS,
    PRONOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLES,
    VAGUE_DETERMINERS,
)
from .types import Sentence, SentenceContext

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019.\-]*[A-Za-z]|[A-Za-z]|\d[\d,.:]*")
_TERMINAL = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*\s*$|[\"'\u201d\u2019]\s*$")
# Quoted passages: straight, curly and NYT-style quotes, and the scraped form that opens with
# `"` and closes with `'` (ANNOTATION.md hard cases; issue 2 "Sentences").
_QUOTED = re.compile(
    r"\"[^\"\u201d]*?(?:\"|\u201d|'(?=[\s,.;:!?]|$))|\u201c[^\u201d\"]*?(?:\u201d|\"|$)"
    r"|``.*?(?:''|$)|\u2018[^\u2019]*?\u2019(?=[\s,.;:!?]|$)"
)
_QUOTE_CHARS = re.compile(r"``|''|[\"\u201c\u201d]|(?<=[\s(])\u2018|\u2019(?=[\s,.;:!?]|$)|'(?=[\s,.;:!?]|$)")
_OPENERS = ("``", "\u201c", "\u2018")
_CLOSERS = ("''", "\u201d", "\u2019", "'")
_TIMESTAMP = re.compile(
    r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?|[AP]M|ET|EDT|EST|GMT|BST|CET)?\b|\b(?:minutes?|hours?|days?) ago\b",
    re.I,
)
_DATA_LINE = re.compile(r"^[\w&.\- ]{2,30}:\s*(?:UP|DOWN|up|down|unchanged|flat)\b")
_HANDLE = re.compile(r"@\w+|#\w+|https?://|www\.|pic\.twitter|\.com\b")
_CODE = re.compile(r"[{};=<>]|\bvar\b|\bfunction\b|window\.|document\.")
_BYLINE = re.compile(r"^(?:by|from)\s+[A-Z]", re.I)
_LIST_NUMBER = re.compile(r"^\(?\d{1,3}[.)]?$")
_NUMBER = re.compile(r"\d")
_PHRASE_CACHE: dict[tuple[str, ...], re.Pattern] = {}


def _phrase_pattern(phrases: Sequence[str]) -> re.Pattern:
    key = tuple(phrases)
    if key not in _PHRASE_CACHE:
        alternatives = sorted(phrases, key=len, reverse=True)
        _PHRASE_CACHE[key] = re.compile(
            r"(?<![\w])(?:" + "|".join(re.escape(p) for p in alternatives) + r")(?![\w])", re.I
        )
    return _PHRASE_CACHE[key]


def strip_quotes(text: str) -> str:
    """Return the text with quoted passages blanked out (same length, offsets kept)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def quote_balance(text: str, inside: bool) -> bool:
    """Return whether a quotation is open after ``text``, given whether one was open before it."""
    for match in _QUOTE_CHARS.finditer(text):
        mark = match.group()
        if mark in _OPENERS:
            inside = True
        elif mark == '"':
            inside = not inside
        elif mark in _CLOSERS:
            inside = False
    return inside


def build_contexts(text: str, sentences: Sequence[Sentence]) -> list[SentenceContext]:
    """Describe each sentence of one document with its neighbours and layout.

    Args:
        text: The whole document text.
        sentences: Its sentences in order (split or gold spans).

    Returns:
        One context per sentence, in the same order.
    """
    contexts = []
    inside = False
    n = len(sentences)
    for i, sentence in enumerate(sentences):
        before = text[sentences[i - 1].end : sentence.start] if i else "\n"
        after = text[sentence.end : sentences[i + 1].start] if i + 1 < n else "\n"
        starts_line = "\n" in before or "\r" in before
        if starts_line:
            inside = False  # a quote left open at a line end is reopened on the next line
        contexts.append(
            SentenceContext(
                text=sentence.text,
                prev_text=sentences[i - 1].text if i else "",
                next_text=sentences[i + 1].text if i + 1 < n else "",
                index=i,
                n_sentences=n,
                starts_line=starts_line,
                ends_line="\n" in after or "\r" in after,
                open_quote_before=inside,
            )
        )
        inside = quote_balance(sentence.text, inside)
    return contexts


def _subject_kind(words: list[str], raw_words: list[str]) -> str:
    """Classify the few words next to an attribution cue as a kind of source."""
    if not words:
        return "missing"
    lowered = [w.lower().rstrip(".") for w in words]
    if lowered[-1] in PRONOUNS or lowered[0] in PRONOUNS and len(lowered) == 1:
        return "pronoun"
    if any(w in ANONYMOUS_SOURCE_NOUNS for w in lowered):
        if any(w[:1].isupper() and w.lower().rstrip(".") not in TITLES for w in raw_words[-2:]):
            return "name"
        if any(w in VAGUE_DETERMINERS for w in lowered) or lowered[0] in ("the", "these", "those"):
            return "anonymous"
        return "anonymous"
    if any(w in DOCUMENT_WORDS for w in lowered):
        return "document"
    capitalised = [w for w in raw_words if w[:1].isupper()]
    if any(w in TITLES for w in lowered) and capitalised:
        return "title_name"
    if len(lowered) >= 2 and lowered[-2] in ("the", "his", "her", "their") and lowered[-1] in ROLE_NOUNS:
        return "role"
    if capitalised:
        if any(w.lower() in ORGANISATION_WORDS for w in capitalised) or lowered[0] == "the":
            return "organisation"
        return "name"
    if any(w in ORGANISATION_WORDS for w in lowered):
        return "organisation"
    return "other"


def describe(text: str) -> dict[str, float]:
    """Describe one sentence on its own: cues, subjects, hedges, quotes, furniture, shape.

    Args:
        text: The sentence text.

    Returns:
        A mapping of readable feature names to values.
    """
    f: dict[str, float] = {}
    stripped = text.strip()
    lowered = stripped.lower()
    outside = strip_quotes(stripped)
    outside_lower = outside.lower()
    words = _WORD.findall(outside)
    all_words = _WORD.findall(stripped)
    n_words = len(all_words)

    # Shape: length, ending, capitalisation (headlines, furniture).
    f["len:" + ("0-3" if n_words <= 3 else "4-8" if n_words <= 8 else "9-20" if n_words <= 20 else "21+")] = 1
    if not _TERMINAL.search(stripped):
        f["shape:no_terminal"] = 1
    if stripped.endswith("?") or re.search(r"\?[\"'\u201d\u2019]*$", stripped):
        f["shape:question"] = 1
    if re.search(r"![\"'\u201d\u2019]*$", stripped):
        f["shape:exclamation"] = 1
    if n_words:
        caps = sum(1 for w in all_words if w[:1].isupper())
        f["shape:capitalised_share"] = caps / n_words
        if caps / n_words > 0.6 and n_words >= 3:
            f["shape:title_case"] = 1
    if stripped.isupper() and any(c.isalpha() for c in stripped):
        f["shape:all_caps"] = 1
    if _LIST_NUMBER.match(stripped):
        f["shape:list_number"] = 1
    if _NUMBER.search(outside):
        f["shape:has_number"] = 1

    # Furniture.
    for match in _phrase_pattern(FURNITURE_PHRASES).finditer(lowered):
        f["furniture:" + match.group().lower()] = 1
    if _TIMESTAMP.search(stripped):
        f["furniture:timestamp"] = 1
    if _HANDLE.search(stripped):
        f["furniture:link_or_handle"] = 1
    if _CODE.search(outside):
        f["furniture:code"] = 1
    if _BYLINE.match(stripped) and n_words <= 10:
        f["furniture:byline"] = 1
    if "|" in stripped:
        f["furniture:pipe"] = 1
    if _DATA_LINE.match(stripped):
        f["data:market_line"] = 1

    # Quotes.
    if stripped[:1] in "\"\u201c\u2018'" or stripped.startswith("``"):
        f["quote:starts"] = 1
    quoted_chars = sum(1 for a, b in zip(stripped, outside) if a != b)
    if quoted_chars:
        f["quote:has"] = 1
        share = quoted_chars / max(len(stripped), 1)
        f["quote:share"] = share
        if share > 0.8:
            f["quote:mostly"] = 1
    if re.search(r"[\"'\u201d\u2019]\s*$", stripped) and not f.get("quote:has"):
        f["quote:ends_unbalanced"] = 1

    # Attribution cues outside quotes, and the kind of source that carries each.
    lower_words = [w.lower() for w in words]
    cue_positions = [i for i, w in enumerate(lower_words) if w in SPEECH_VERBS]
    for phrase in _phrase_pattern(ATTRIBUTION_PHRASES).finditer(outside_lower):
        f["cue:" + phrase.group()] = 1
    according = re.search(r"\baccording to\b", outside_lower)
    if according:
        after = outside_lower[according.end() :]
        subject_words = _WORD.findall(outside[according.end() :])[:6]
        kind = _subject_kind([w.lower() for w in subject_words], subject_words)
        f["subj:" + kind] = 1
        f["according_to:" + kind] = 1
        if re.match(r"\s*(?:reports|media reports|local media)", after):
            f["anon:according to reports"] = 1
    for pos in cue_positions:
        cue = lower_words[pos]
        f["cue:" + cue] = 1
        # The subject is usually just before the cue ("Healey said"), or just after it in an
        # inversion ("said Healey", "said the people").
        before = words[max(0, pos - 5) : pos]
        after_words = words[pos + 1 : pos + 6]
        kind = _subject_kind([w.lower() for w in before], before) if before else "missing"
        if kind in ("missing", "other") and after_words and after_words[0].lower() not in ("that", "it", "to"):
            kind = _subject_kind([w.lower() for w in after_words[:4]], after_words[:4])
        f["subj:" + kind] = 1
        f["cue_subj:" + kind] = f.get("cue_subj:" + kind, 0) + 1
        relative = pos / max(len(words) - 1, 1)
        f["cue_at:" + ("start" if relative < 0.3 else "end" if relative > 0.7 else "middle")] = 1
    if cue_positions:
        f["cue:any"] = 1
    if re.search(r"\b(?:said|says|added|told)\s*\.?\s*$", outside_lower.rstrip("\"'\u201d\u2019.")):
        f["cue:final_said"] = 1

    # Anonymity, hedges, passives, modals, opinion.
    for phrase in _phrase_pattern(ANONYMITY_PHRASES).finditer(outside_lower):
        f["anon:" + phrase.group()] = 1
    for phrase in _phrase_pattern(HEDGES).finditer(lowered):
        f["hedge:" + phrase.group()] = 1
    for phrase in _phrase_pattern(AGENTLESS_PASSIVES).finditer(outside_lower):
        f["passive:" + phrase.group()] = 1
    for w in lower_words:
        if w in MODALS:
            f["modal:" + w] = 1
        elif w in OPINION_WORDS:
            f["opinion:" + w] = 1
        elif w in ACTION_VERBS:
            f["action:" + w] = 1
    if any(w in ("i", "we", "our", "us", "my", "you", "your") for w in lower_words):
        f["person:first_or_second_outside_quotes"] = 1

    # Names and titles.
    if any(w.lower().rstrip(".") in TITLES and w[:1].isupper() for w in words):
        f["name:title"] = 1
    if re.search(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]+", outside):
        f["name:capitalised_pair"] = 1
    if words[:1] and words[0][:1].isupper() and len(words) > 1 and words[1].lower() in SPEECH_VERBS:
        f["name:subject_then_cue"] = 1
    first = lower_words[0] if lower_words else ""
    if first in PRONOUNS:
        f["first:pronoun"] = 1
    elif first in ("but", "and", "still", "yet", "so", "also", "meanwhile", "however"):
        f["first:connective"] = 1
    elif first in ("the", "a", "an"):
        f["first:article"] = 1
    return f


# Features copied from a neighbour: the ones that say whether it carries a source.
_NEIGHBOUR_PREFIXES = ("subj:", "cue:any", "cue:final_said", "quote:", "anon:", "shape:no_terminal",
                       "shape:title_case", "furniture:", "cue_at:", "first:pronoun", "hedge:")


def _neighbour(description: dict[str, float], prefix: str) -> dict[str, float]:
    return {prefix + k: v for k, v in description.items() if k.startswith(_NEIGHBOUR_PREFIXES)}


def context_features(context: SentenceContext, own: dict[str, float], prev: dict[str, float],
                     nxt: dict[str, float]) -> dict[str, float]:
    """Combine a sentence's own description with its neighbours' and its layout."""
    f = dict(own)
    f.update(_neighbour(prev, "prev:"))
    f.update(_neighbour(nxt, "next:"))
    if context.index == 0:
        f["pos:first"] = 1
    elif context.index < 3:
        f["pos:lede"] = 1
    if context.index == context.n_sentences - 1:
        f["pos:last"] = 1
    f["pos:relative"] = context.index / max(context.n_sentences - 1, 1)
    if context.starts_line and context.ends_line:
        f["layout:alone_on_line"] = 1
        if own.get("shape:no_terminal"):
            f["layout:line_without_stop"] = 1
    elif context.starts_line:
        f["layout:starts_line"] = 1
    if context.open_quote_before:
        f["quote:open_before"] = 1
        if not own.get("cue:any"):
            f["quote:continues_without_cue"] = 1
    if not context.prev_text:
        f["prev:missing"] = 1
    if not context.next_text:
        f["next:missing"] = 1
    # A quote with no attribution of its own takes its speaker from a neighbour.
    if own.get("quote:has") and not own.get("cue:any"):
        for side, desc in (("prev", prev), ("next", nxt)):
            for kind in ("name", "title_name", "pronoun", "role", "organisation", "anonymous"):
                if desc.get("subj:" + kind):
                    f[f"quote_speaker_{side}:{kind}"] = 1
    return f


class SentenceFeatures(BaseEstimator, TransformerMixin):
    """Turn sentence contexts into dictionaries of readable features.

    Args:
        neighbours: Whether to add the previous and next sentences' features.
    """

    def __init__(self, neighbours: bool = True):
        self.neighbours = neighbours

    def fit(self, X: Iterable[SentenceContext], y=None):
        """Nothing to learn; checks the input and returns self."""
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[SentenceContext]) -> list[dict[str, float]]:
        """Describe each context; each distinct text is analysed once per call."""
        memo: dict[str, dict[str, float]] = {}

        def cached(text: str) -> dict[str, float]:
            if text not in memo:
                memo[text] = describe(text) if text else {}
            return memo[text]

        rows = []
        for context in X:
            own = cached(context.text)
            if self.neighbours:
                rows.append(context_features(context, own, cached(context.prev_text), cached(context.next_text)))
            else:
                rows.append(dict(own))
        return rows


def context_texts(X: Iterable[SentenceContext]) -> list[str]:
    """Return the sentence texts of contexts (for text vectorisers inside the pipeline)."""
    return [c.text for c in X]


class Densify(BaseEstimator, TransformerMixin):
    """Turn a sparse matrix dense, for estimators such as gradient-boosted trees."""

    def fit(self, X, y=None):
        """Nothing to learn; returns self."""
        return self

    def transform(self, X):
        """Return X as a dense array."""
        return X.toarray() if hasattr(X, "toarray") else X
