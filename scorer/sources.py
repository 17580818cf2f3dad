"""Who said it: source mentions and cues per sentence, resolved into one entry per source.

Mentions of one person ("U.K. Defense Secretary John Healey", "Healey", "he", "the defense
secretary") become one source; anonymous descriptors ("people familiar with the matter") keep
their reason for anonymity, and back-references ("the people said") point to them
(ANNOTATION.md, "named" and "anonymous").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Sequence

from .features import SOURCELESS_KINDS, Attribution, attributions, build_contexts, strip_quotes
from .lexicons import ANONYMITY_REASONS, OFFICIAL_TITLES, TITLE_ABBREVIATIONS, TITLES
from .types import SentencePrediction

_REASON = re.compile("|".join(ANONYMITY_REASONS), re.I)
_BACK_REFERENCE = re.compile(r"^(?:the|these|those|both)\s+(\w+)", re.I)
# Honorifics are forms of address, not titles ("Mr. Trump").
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "messrs"})
# The qualifier that completes an anonymous descriptor: "people familiar with the matter".
_DESCRIPTOR_TAIL = re.compile(
    r"\s+(?:familiar with|briefed on|with (?:direct )?knowledge of|knowledgeable about|close to|"
    r"involved in|who (?:declined|spoke|asked|requested|were|was|are|is|insisted|had)|with ties to)[^,.;:\"\u201c\u201d]*"
)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_QUOTE_MARK = re.compile(r"[\"\u201c\u201d]|``|''")


@dataclass
class Mention:
    """A source mention in the article: offsets into the article text."""

    start: int
    end: int
    text: str


@dataclass
class Source:
    """One source of an article, with every mention resolved to it."""

    id: int
    kind: str
    name: str
    title: str | None = None
    official: bool = False
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    quotes: int = 0
    anonymity_reason: str | None = None
    surname: str | None = None
    head: str | None = None


@dataclass(frozen=True)
class SentenceAttribution:
    """The attribution parts of one sentence: offsets into the article text."""

    source_id: int | None
    source_span: tuple[int, int] | None
    cue_span: tuple[int, int] | None
    quote: bool


#: An attribution followed by at most this many words closes its sentence ("..., the people
#: said Friday.", "..., said a person with direct knowledge of the talks.") and is the outermost.
CLOSING_TAIL_WORDS = 6


def _main_attribution(hits: list[Attribution]) -> Attribution | None:
    """The attribution carrying the main clause: a closing one if there is one, else the first."""
    sourced = [h for h in hits if h.kind not in SOURCELESS_KINDS]
    sourced = [h for h in sourced if not h.subordinate] or sourced
    if not sourced:
        return None
    closing = [h for h in sourced if h.tail <= CLOSING_TAIL_WORDS and h.position > 0.5]
    return closing[-1] if closing else sourced[0]


def _split_title(words: list[str]) -> tuple[str | None, list[str]]:
    """Split "U.K. Defense Secretary John Healey" into its title and its name."""
    last_title = max((i for i, w in enumerate(words) if w.lower().rstrip(".") in TITLES), default=-1)
    name = [w for w in words[last_title + 1 :] if w[:1].isupper()]
    title_words = [w for w in words[: last_title + 1] if w.lower().rstrip(".") not in _HONORIFICS]
    while title_words and title_words[0].lower() in ("the", "a", "an", "his", "her", "their"):
        title_words = title_words[1:]
    return (" ".join(title_words) or None), name


class _Resolver:
    """Builds the article's sources one mention at a time, in reading order."""

    def __init__(self) -> None:
        self.sources: list[Source] = []

    def _new(self, kind: str, name: str, **kwargs) -> Source:
        source = Source(id=len(self.sources), kind=kind, name=name, **kwargs)
        self.sources.append(source)
        return source

    def _latest(self, kind: str, test=lambda s: True) -> Source | None:
        for source in reversed(self._recent):
            if source.kind == kind and test(source):
                return source
        return None

    @property
    def _recent(self) -> list[Source]:
        return sorted(self.sources, key=lambda s: s.mentions[-1].start if s.mentions else -1)

    def resolve(self, kind: str, text: str, sentence_text: str, head: str | None = None) -> Source | None:
        """Return the source a mention refers to, creating it when it is new.

        Args:
            kind: The mention's kind (see :func:`scorer.features.attributions`).
            text: The mention as written.
            sentence_text: Its sentence, where a reason for anonymity may be given.
            head: For anonymous mentions, the head noun of the descriptor ("people").
        """
        words = text.split()
        if kind == "pronoun":
            if text.lower() in ("he", "she", "i"):
                return self._latest("person")
            return self._latest("anonymous") or self._latest("organisation")
        if kind == "role":
            # "the French minister": the person whose title shares the most telling words with the
            # role, capitalised ones ("French") counting double; the latest one on a tie.
            role_words = [w for w in words if w.lower() not in ("the", "his", "her", "their", "its")]

            def overlap(source: Source) -> int:
                title = {TITLE_ABBREVIATIONS.get(w.rstrip("."), w) for w in (source.title or "").lower().split()}
                if any(w[:1].isupper() and w.lower() not in title for w in role_words):
                    return 0  # "His Philippines counterpart" is not the French one
                return sum(2 if w[:1].isupper() else 1 for w in role_words if w.lower() in title)

            people = [s for s in self._recent if s.kind == "person"]
            best = max((overlap(s) for s in people), default=0)
            if best:
                return [s for s in people if overlap(s) == best][-1]
            if any(w[:1].isupper() for w in role_words):
                return self._new("person", _clean(text), title=_clean(text), official=_is_official(text))
            return self._latest("person")
        if kind in ("name", "title_name"):
            title, name = _split_title(words)
            if not name:
                return None
            surname = _POSSESSIVE.sub("", name[-1])
            for source in self.sources:
                if source.kind == "person" and source.surname == surname:
                    if len(" ".join(name)) > len(source.name):
                        source.name = " ".join(name)
                    if title and (not source.title or len(title) > len(source.title)):
                        source.title = title
                        source.official = _is_official(title)
                    return source
            if len(name) == 1 and not title:
                organisation = self._match_organisation(text)
                if organisation:
                    return organisation
            return self._new("person", " ".join(name), title=title, official=_is_official(title), surname=surname)
        if kind in ("organisation", "spokesperson"):
            return self._match_organisation(text) or self._new("organisation", _clean(text))
        if kind == "document":
            key = _clean(text).lower()
            for source in self.sources:
                if source.kind == "document" and source.name.lower() == key:
                    return source
            return self._new("document", _clean(text))
        if kind == "anonymous":
            head = head or _head_noun(words)
            back = _BACK_REFERENCE.match(text)
            reason = _REASON.search(sentence_text)
            if back:
                previous = self._latest("anonymous", lambda s: s.head == head)
                if previous:
                    if previous.anonymity_reason is None and reason:
                        previous.anonymity_reason = reason.group()
                    return previous
            return self._new("anonymous", text, head=head, anonymity_reason=reason.group() if reason else None)
        return None

    def _match_organisation(self, text: str) -> Source | None:
        key = _clean(text).lower()
        for source in self.sources:
            if source.kind == "organisation" and (source.name.lower() == key or key in source.name.lower()):
                return source
        return None


def _clean(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or text


def _head_noun(words: list[str]) -> str:
    head = words[-1].lower().rstrip(".,")
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


def _is_official(title: str | None) -> bool:
    return bool(title) and any(w.lower().rstrip(".") in OFFICIAL_TITLES for w in title.split())


def extract_sources(text: str, sentences: Sequence[SentencePrediction],
                    open_quotes: Sequence[bool] | None = None) -> tuple[list[Source], list[SentenceAttribution]]:
    """Find the source and cue of every sourced sentence and merge mentions into sources.

    Args:
        text: The article text.
        sentences: Its labelled sentences, in order.
        open_quotes: For each sentence, whether a quotation is open at its start (as
            :func:`scorer.features.build_contexts` found); computed here when not given.

    Returns:
        The article's sources, and one attribution record per sentence.
    """
    if open_quotes is None:
        open_quotes = [c.open_quote_before for c in build_contexts(text, sentences)]
    resolver = _Resolver()
    records: list[SentenceAttribution] = []
    last_source: Source | None = None
    for index, sentence in enumerate(sentences):
        open_before = open_quotes[index]
        quote = bool(_QUOTE_MARK.search(sentence.text)) or open_before
        if sentence.label not in ("named", "anonymous"):
            records.append(SentenceAttribution(None, None, None, quote))
            continue
        outside = strip_quotes(sentence.text, open_before)
        hits = attributions(outside)
        main = _main_attribution(hits)
        sentence_source = None
        resolved_here: list[Source] = []
        for hit in hits:
            if hit.kind in SOURCELESS_KINDS or hit.source_start is None:
                continue
            head = _head_noun(sentence.text[hit.source_start : hit.source_end].split())
            if hit.kind == "anonymous":
                tail = _DESCRIPTOR_TAIL.match(sentence.text, hit.source_end)
                if tail:
                    hit = replace(hit, source_end=tail.end())
                    main = hit if main is not None and main.cue_start == hit.cue_start else main
            mention_text = sentence.text[hit.source_start : hit.source_end]
            source = resolver.resolve(hit.kind, mention_text, sentence.text, head)
            if source is None:
                continue
            source.mentions.append(Mention(sentence.start + hit.source_start, sentence.start + hit.source_end, mention_text))
            if index not in source.sentences:
                source.sentences.append(index)
            resolved_here.append(source)
            if hit is main or (main is not None and hit.cue_start == main.cue_start and sentence_source is None):
                sentence_source = source
        # "John Healey and his French counterpart Sebastien Lecornu": a counterpart shares the
        # standing of the official beside him.
        if any(s.official for s in resolved_here):
            for source in resolved_here:
                if source.title and "counterpart" in source.title.lower():
                    source.official = True
        if main is None or sentence_source is None:
            # A quote or paraphrase continuing the previous sentence's source.
            sentence_source = last_source if last_source and _KIND_MATCHES[sentence.label] == (last_source.kind == "anonymous") else None
            if sentence_source is not None and index not in sentence_source.sentences:
                sentence_source.sentences.append(index)
        if sentence_source is not None and quote:
            sentence_source.quotes += 1
        last_source = sentence_source or last_source
        source_span = cue_span = None
        if main is not None and main.source_start is not None and sentence_source is not None:
            source_span = (sentence.start + main.source_start, sentence.start + main.source_end)
        if main is not None:
            cue_span = (sentence.start + main.cue_start, sentence.start + main.cue_end)
        records.append(SentenceAttribution(sentence_source.id if sentence_source else None, source_span, cue_span, quote))
    return resolver.sources, records


# Whether a sentence label goes with an anonymous source (True) or a named one (False).
_KIND_MATCHES = {"named": False, "anonymous": True}
