"""Readable features of a sentence in its context.

A sentence is described by named features such as ``cue:said``, ``subj:name``,
``anon:familiar with`` or ``hedge:reportedly``, so that a report can say why it got its label.
The same description of the previous and next sentences is added under ``prev:`` and ``next:``,
because a quote continuation or a "he said" takes its source from its neighbours.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction import DictVectorizer

from .lexicons import (
    ACTION_VERBS,
    AGENTLESS_PASSIVES,
    ANONYMITY_PHRASES,
    ANONYMOUS_SOURCE_NOUNS,
    ATTRIBUTION_PHRASES,
    BELIEF_ADJECTIVES,
    DOCUMENT_WORDS,
    ENTOURAGE_NOUNS,
    FURNITURE_PHRASES,
    HEDGES,
    MODALS,
    OPINION_WORDS,
    ORGANISATION_WORDS,
    PRONOUNS,
    RESEARCH_DOCUMENTS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLES,
    VAGUE_DETERMINERS,
)
from .types import Sentence, SentenceContext

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019.\-]*[A-Za-z]|[A-Za-z]|\d[\d,.:]*\d|\d")
# Words plus the punctuation that ends a noun phrase, for finding who a cue's source is.
_TOKEN = re.compile(_WORD.pattern + r"|[,;:()\u2014]")
_TERMINAL = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*\s*$|[\"'\u201d\u2019]\s*$")
# Quoted passages: straight, curly and NYT-style quotes, and the scraped form that opens with
# `"` and closes with `'` (ANNOTATION.md hard cases; issue 2 "Sentences").
_QUOTED = re.compile(
    r"\"[^\"\u201d]*?(?:\"|\u201d|'(?=[\s,.;:!?]|$))|\u201c[^\u201d\"]*?(?:\u201d|\"|$)"
    r"|``.*?(?:''|$)|''.*?(?:''|\"|$)|\u2018[^\u2019]*?\u2019(?=[\s,.;:!?]|$)"
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
_CODE = re.compile(r"[{}]|\w\s*=\s*[\w\"'\[{(]|</?[a-z]+[ >]|\bvar\s|\bfunction\s*\(|window\.|document\.")
_CODE_HINT = re.compile(r"[{}=<]|var |function|window\.|document\.")
_BYLINE = re.compile(r"^(?:by|from)\s+[A-Z]", re.I)
_DASH_START = re.compile(r"^[-\u2013\u2014]+\s*[A-Z]")
_LIST_NUMBER = re.compile(r"^\(?\d{1,3}[.)]?$")
_NUMBER = re.compile(r"\d")
_FURNITURE_MAX_WORDS = 12
_MARKED_WORDS = MODALS | OPINION_WORDS | ACTION_VERBS
_FIRST_OR_SECOND_PERSON = frozenset(("i", "we", "our", "us", "my", "you", "your"))
_ENDING = re.compile(r"([?!])[\"'\u201d\u2019]*$")
_ENDS_WITH_QUOTE = re.compile(r"[\"'\u201d\u2019]\s*$")
_ACCORDING_TO_REPORTS = re.compile(r"\baccording to\s+(?:media reports|local media|reports|news reports)")
# Applied to a sentence's last few characters only: a search through the whole of it is slow.
_FINAL_SAID = re.compile(r"(?<![A-Za-z0-9_])(?:said|says|added|told)$")
_CAPITALISED_PAIR = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]+")


# Each lexicon's phrases, with the feature prefix they produce and whether they count inside
# quotations too (a hedge or a furniture line does; an attribution inside a quote does not).
_PHRASE_LEXICONS = (
    ("furniture:", FURNITURE_PHRASES, True),
    ("cue:", ATTRIBUTION_PHRASES, False),
    ("anon:", ANONYMITY_PHRASES, False),
    ("hedge:", HEDGES, True),
    ("passive:", AGENTLESS_PASSIVES, False),
)


@lru_cache(maxsize=1)
def _phrase_index() -> tuple[re.Pattern, dict[str, list[tuple[str, bool]]]]:
    """One pattern for every phrase of every lexicon (one pass per sentence), and what each means."""
    meaning: dict[str, list[tuple[str, bool]]] = {}
    for prefix, phrases, anywhere in _PHRASE_LEXICONS:
        for phrase in phrases:
            meaning.setdefault(phrase, []).append((prefix, anywhere))
    pattern = re.compile(r"(?<!\w)" + _trie_pattern(sorted(meaning)) + r"(?!\w)")
    return pattern, meaning


def _trie_pattern(phrases: list[str]) -> str:
    """A regular expression matching any of ``phrases``, longest first, as a prefix tree.

    Python's ``re`` tries a flat alternation of hundreds of phrases one by one at every
    position; sharing prefixes makes the phrase pass several times faster.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends_here = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:  # a longer phrase is tried first, then the phrase that ends here
            return "(?:" + body + ")?"
        return body

    return "(?:" + build(trie) + ")"


def _phrase_features(lowered: str, outside: str, furniture_allowed: bool) -> dict[str, float]:
    """Features of every lexicon phrase in a sentence (``lowered`` and ``outside`` align)."""
    pattern, meaning = _phrase_index()
    found: dict[str, float] = {}
    for match in pattern.finditer(lowered):
        phrase = match.group()
        quoted = outside[match.start()] == " "
        for prefix, anywhere in meaning[phrase]:
            if (anywhere or not quoted) and (prefix != "furniture:" or furniture_allowed):
                found[prefix + phrase] = 1
    return found


def strip_quotes(text: str, open_quote: bool = False) -> str:
    """Return the text with quoted passages blanked out (same length, offsets kept).

    Args:
        text: A sentence.
        open_quote: Whether it starts inside a quotation opened in an earlier sentence.
    """
    return _split_quotes(text, open_quote)[0]


def _split_quotes(text: str, open_quote: bool = False) -> tuple[str, int]:
    """Return the text with quoted passages blanked out, and how many characters were quoted."""
    if open_quote:  # read as if the earlier sentence's opening mark stood before this one
        first = _QUOTED.search('"' + text)
        if first is None or first.start() > 0:  # not closed here: the quotation runs on past it
            return " " * len(text), len(text)
        outside, quoted = _split_quotes('"' + text)
        return outside[1:], quoted - 1
    quoted = 0
    pieces = []
    last = 0
    for match in _QUOTED.finditer(text):
        pieces += [text[last : match.start()], " " * (match.end() - match.start())]
        quoted += match.end() - match.start()
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), quoted


def quote_balance(text: str, inside: bool) -> bool:
    """Return whether a quotation is open after ``text``, given whether one was open before it."""
    for match in _QUOTE_CHARS.finditer(text):
        mark = match.group()
        if mark in _OPENERS:
            inside = True
        elif mark in ('"', "''"):  # straight quotes, and '' used for both ends, toggle
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


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Words that can stand between a source and its cue ("Healey also said", "aides have privately said").
_SKIPPED_BEFORE_CUE = _WEEKDAYS | frozenset(
    "also has have had is was are were will would did does not n't never later then previously "
    "recently repeatedly privately publicly again once first further quickly separately "
    "last this year week month released published issued "
    "yesterday today earlier both all jointly each long already still often openly "
    "always frequently initially consistently quietly increasingly remain remained seem seemed".split()
)
# Time adverbials that stand between a source and its cue ("the committee on Monday asked",
# "Gowdy earlier in the day touted"), skipped as whole phrases.
_TIME_PHRASE_ENDS = _WEEKDAYS | frozenset("day week morning afternoon evening night month year".split())
_TIME_PHRASE_OPENERS = frozenset("on in this last that the earlier later".split())
# A manner adverb between a source and its cue ("Ash bluntly accused", "the ministry angrily
# denied") is skipped like the listed ones; these words end in "-ly" but are nouns that can be
# the source itself ("the family said", "his ally said", "the weekly reported").
_NOUNS_ENDING_LY = frozenset("family assembly ally rally supply monopoly anomaly bully reply daily weekly "
                             "monthly quarterly fly folly tally".split())
_SOURCE_NOUNS = ANONYMOUS_SOURCE_NOUNS | ROLE_NOUNS | DOCUMENT_WORDS | TITLES
_PHRASE_END = frozenset(
    "on in at of for with after before during last this today yesterday tonight earlier later "
    "recently when while as because according had has have was were is are would will could did "
    "does can may might".split()
)
# Words that may stand inside a source's noun phrase before its head ("the", "a senior").
_NP_WORDS = VAGUE_DETERMINERS | frozenset(
    "the his her their its senior top former current chief deputy acting longtime special "
    "u.s. american western foreign".split()
)
_CLAUSE_STOP = frozenset({",", ";", ":", "(", ")", "\u2014", "that", "who", "which", "and", "but"})


# Modifiers that make "figures" people, not data ("establishment figures", "senior party figures").
_PEOPLE_FIGURES = frozenset("senior establishment party political prominent public leading key".split())


def _is_possessive(word: str) -> bool:
    return word.lower().endswith(("'s", "\u2019s"))


def _classify_head(head: str, window: list[str]) -> str:
    """Classify a source by its head word and the words around it (``window``, in order)."""
    lower = head.lower().rstrip(".").replace("\u2019", "'")
    lowered = [w.lower().rstrip(".") for w in window]
    if lower in PRONOUNS:
        return "pronoun"
    if lower in ("them", "us"):
        return "anonymous"  # "one of them said"
    if lower.endswith("'s"):
        lower = lower[:-2]
    if lower in ANONYMOUS_SOURCE_NOUNS or lower == "figures" and any(w in _PEOPLE_FIGURES for w in lowered):
        return "anonymous"
    if lower in ENTOURAGE_NOUNS and len(window) > 1 and (
            lowered[-2] in ("his", "her", "their") or _is_possessive(window[-2])
            or window[-2][:1].isupper() and lowered[-2] not in _NP_WORDS):
        return "anonymous"  # "his team believes", "the Clinton camp": the person's aides, unnamed
    if lower in DOCUMENT_WORDS:
        return "document"
    if (lower in ROLE_NOUNS or lower in TITLES) and not head[:1].isupper():
        # A role noun as head: "a Pentagon spokesman", "the French minister", "a minister".
        if lower in ("spokesman", "spokeswoman", "spokesperson"):
            return "spokesperson"
        if any(w in ("the", "his", "her", "their", "its") for w in lowered):
            return "role"
        if not any(w in VAGUE_DETERMINERS for w in lowered) and any(w[:1].isupper() for w in window[:-1]):
            return "role"  # "France's president", "Ukrainian President"
        return "anonymous"
    if head[:1].isupper():
        if any(w in TITLES for w in lowered):
            return "title_name"
        if lower in ORGANISATION_WORDS or any(w in ORGANISATION_WORDS for w in lowered) or "the" in lowered:
            return "organisation"
        return "name"
    if lower in ORGANISATION_WORDS:
        return "organisation"
    if lower[:-1] in ORGANISATION_WORDS and lower.endswith("s") and any(w[:1].isupper() for w in window[1:-1]):
        return "organisation"  # "two House committees"; bare "banks say" stays a vague group
    if any(w[:1].isupper() and _is_possessive(w) for w in window[:-1]):
        return "organisation"  # "Mali's army", "the Brandt campaign's lawyers" are bodies
    if lower.endswith("s") and not lower.endswith("ss") and not any(w in ("the", "its") for w in lowered):
        return "anonymous"  # a bare plural: "local health workers say"
    # An unlisted noun after a determiner: "one election law scholar" is vague, "the museum"
    # a body already named.
    if any(w in VAGUE_DETERMINERS for w in lowered[:-1]):
        return "anonymous"
    if lowered[0] in ("the", "its") and len(lowered) > 1:
        return "organisation"
    return "other"


# Words that stand between a source and a belief adjective ("donors are increasingly wary").
_COPULAS_AND_ADVERBS = frozenset("is are was were remain remained seem seemed increasingly deeply still also".split())
_PASSIVE_AUXILIARIES = frozenset("was were been is are be being also widely".split())
# Cues that may come before their source ("said Healey"); after others ("told the committee",
# "accused the administration") comes the object, not the source.
_INVERTIBLE = frozenset(
    "said says added adds wrote writes asked asks noted notes continued explained recalled replied "
    "answered argued insisted concluded cautioned warned observed quipped declared announced".split()
)
# Words that open a subordinate clause: an attribution after them is not the main clause's
# ("the rules, which she called 'an open invitation'").
_SUBORDINATORS = frozenset("which that who whom whose what where when as because if while since".split())
# Longest relative clause or apposition skipped between a source and its cue, in words.
_MAX_APPOSITION = 25
_PREPOSITIONS = frozenset("in at from of with for inside within across outside near among on".split())
# Participles that open a modifier between a source and its cue ("a source speaking to the
# paper said", "voters interviewed outside polling places said").
_MODIFIER_PARTICIPLES = frozenset(
    "speaking talking interviewed surveyed polled based working involved briefed gathered".split()
)
# Longest run of modifiers (prepositional phrases, participle phrases) searched for a head.
_MAX_MODIFIER = 10


# Capitalised words that name no one: days and months ("a study released Monday").
_CALENDAR_WORDS = _WEEKDAYS | frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


# Words that point at one issuer the reader knows ("by the department's inspector general").
_DEFINITE = frozenset("the its his her their our this".split())


def _points_to_owner(word: str) -> bool:
    """Whether a word names or points at a known owner: "the", "its", "the department's"."""
    return word.lower() in _DEFINITE or _is_possessive(word)


def _unnamed_document(phrase: list[str], head: str) -> bool:
    """Whether a source phrase is a study, poll or report that nothing in it names.

    "one report", "a new study", "a survey by a national association" (ANNOTATION.md hard case
    "polls show, studies say ... with nothing named"), but not "a report from the Government
    Accountability Office", "a study published in Science" or "an analysis the coalition filed".
    """
    return (
        head.lower() in RESEARCH_DOCUMENTS
        and bool(phrase)
        and phrase[0].lower() in VAGUE_DETERMINERS
        and not any(
            w[:1].isupper() and w.lower().rstrip(".") not in _CALENDAR_WORDS or _points_to_owner(w)
            for w in phrase[1:]
        )
    )


def _head_before_modifiers(words: list[str], last: int) -> int:
    """Index of a source noun whose modifiers end at ``words[last]``, or -1.

    "Officials in Kyiv said", "a poll of Pennsylvania Democrats released last week showed", "Some
    delegates at the convention in Denver said", "another source speaking to the paper said": the
    source is the noun before the prepositional or participle phrases, not the phrases' last noun.
    """
    # After a run of capitalised words (a place, a body), a preposition and a vague source noun
    # or document before it, at any distance: "Some Democrats in the House of Representatives".
    j = last
    while j > 0 and (words[j - 1][:1].isupper() or words[j - 1].lower() == "the"):
        j -= 1
    if j > 1 and words[j - 1].lower() in _PREPOSITIONS and (
        words[j - 2].lower() in ANONYMOUS_SOURCE_NOUNS or words[j - 2].lower() in DOCUMENT_WORDS
    ):
        return j - 2
    if words[last].lower() in PRONOUNS:
        return -1
    for k in range(last - 1, max(-1, last - _MAX_MODIFIER), -1):
        lower = words[k].lower()
        if words[k] in _CLAUSE_STOP or lower in SPEECH_VERBS or lower in PRONOUNS:
            return -1
        following = words[k + 1].lower()
        if following not in _PREPOSITIONS and following not in _MODIFIER_PARTICIPLES:
            continue
        # A capitalised noun mid-sentence is a name ("the President of France"), not a vague source.
        if (k == 0 or words[k][:1].islower()) and lower in _SOURCE_NOUNS:
            return k
    return -1


def _before_apposition(words: list[str], comma: int) -> int:
    """Index of the source's last word when an apposition ends at ``words[comma]``, or -1.

    "Healey, a Labour MP, said" and "Mr. Brandt, speaking in Pensacola, Fla., said" skip the
    apposition (which may hold commas of its own); "The commander, Gen. Marcus Trent, told" and
    "the director, Gordon Pryor, said" keep the name that the apposition is.
    """
    for attempt in range(4):
        j = comma - 1
        while j >= max(0, comma - _MAX_APPOSITION) and words[j] != ",":
            j -= 1
        if j < 0 or words[j] != ",":
            return -1
        segment = words[j + 1 : comma]
        if not segment:
            return -1
        if attempt == 0 and segment[-1][:1].isupper() and (
            segment[0].lower().rstrip(".") in TITLES or 2 <= len(segment) <= 3 and all(w[:1].isupper() for w in segment)
        ):
            return comma - 1
        before = j - 1
        if before >= 0 and words[before] == ")":  # "Rep. Dalton Breck (R-W.Va.), chairman of ..."
            before = _parenthesis_start(words, before, longest=before) - 1
        if before >= 0 and segment[0][:1].islower() and (
            words[before][:1].isupper() or words[before].lower() in _SOURCE_NOUNS
            or words[before].lower() in PRONOUNS or segment[0].lower() in ("who", "whose")
            or before > 0 and words[before - 1].lower() in ("the", "a", "an", "its", "two", "three")
        ):
            return before
        comma = j
    return -1


# Longest parenthesis skipped between a source and its cue, in tokens.
_MAX_PARENTHESIS = 6


def _parenthesis_start(words: list[str], close: int, longest: int, opener: str = "(") -> int:
    """Index of the ``opener`` that opens the aside closing at ``words[close]``, or -1.

    Only the ``longest`` tokens before the closing mark are searched.
    """
    for i in range(close - 1, max(-1, close - 1 - longest), -1):
        if words[i] == opener:
            return i
    return -1


def _is_manner_adverb(word: str) -> bool:
    return len(word) > 4 and word.endswith("ly") and word.islower() and word not in _NOUNS_ENDING_LY


def _skip_to_subject(words: list[str], i: int) -> int:
    """Step back from ``words[i]`` over adverbs, auxiliaries and time phrases before a cue."""
    while i >= 0:
        lower = words[i].lower()
        if lower in _TIME_PHRASE_ENDS and i > 0 and words[i - 1].lower() in _TIME_PHRASE_OPENERS:
            i -= 1
            while i > 0 and words[i - 1].lower() in _TIME_PHRASE_OPENERS:
                i -= 1  # "earlier in the day", "on Monday"
            i -= 1
        elif lower in _SKIPPED_BEFORE_CUE or _is_manner_adverb(words[i]):
            i -= 1
        elif lower == ")" or lower == "," and i > 0 and words[i - 1] == ")":
            # "Rep. Dalton Breck (R-W.Va.) said", "Sen. Tim Kaine (D-Va.), promised": a short
            # parenthesis after a name (party and state, an age, an acronym) belongs to the source.
            opening = _parenthesis_start(words, i if lower == ")" else i - 1, _MAX_PARENTHESIS)
            if opening < 1:
                break
            i = opening - 1
        elif lower == "\u2014":
            # "Party leaders \u2014 who had kept quiet for weeks \u2014 demanded": an aside
            # between dashes, like one between commas, stands between the source and its cue.
            opening = _parenthesis_start(words, i, _MAX_APPOSITION, opener="\u2014")
            if opening < 1:
                break
            i = opening - 1
        else:
            break
    return i


def subject_before(words: list[str], pos: int) -> tuple[str, int, int]:
    """Find the source written just before the cue at ``words[pos]`` ("the people said").

    Returns:
        The source's kind and the indices of its first and last word (-1, -1 when missing).
    """
    i = _skip_to_subject(words, pos - 1)
    if i >= 0 and words[i] == ",":
        i = _before_apposition(words, i)
    if i < 0 or words[i] in _CLAUSE_STOP:
        return "missing", -1, -1
    last = head = i
    modified = _head_before_modifiers(words, i)
    if modified >= 0:
        head = modified
    start = head
    while start > max(0, head - 5) and words[start - 1].lower() not in _CLAUSE_STOP and (
        words[start - 1][:1].isupper() or words[start - 1].lower() in _NP_WORDS
        or words[start - 1].lower() in _SOURCE_NOUNS or words[start - 1].lower() in _PEOPLE_FIGURES
    ):
        start -= 1
    kind = _classify_head(words[head], words[start : head + 1])
    if kind in ("anonymous", "document") and words[start].lower() not in _NP_WORDS:
        # "a government source said", "a new study found": reach back to the determiner over
        # plain modifiers; whether a document is named depends on it.
        for j in range(start - 1, max(-1, start - 4), -1):
            if words[j].lower() in _CLAUSE_STOP:
                break
            if words[j].lower() in VAGUE_DETERMINERS or words[j].lower() == "the":
                start = j
                break
    if kind == "document" and not (start > 0 and _points_to_owner(words[start - 1])) and _unnamed_document(
        words[start:pos], words[head]
    ):
        kind = "anonymous"  # not "the lab's most recent report"
    return kind, start, last


def _coordinates_modifiers(words: list[str], j: int) -> bool:
    """Whether the "and" at ``words[j]`` joins modifiers of one source noun that follows.

    "according to Democratic and independent analysts": the source is the analysts, not a name.
    """
    for w in words[j + 1 : j + 4]:
        lower = w.lower()
        if lower in _CLAUSE_STOP:
            return False
        if lower in ANONYMOUS_SOURCE_NOUNS and w[:1].islower():
            return True
    return False


def subject_after(words: list[str], pos: int) -> tuple[str, int, int]:
    """Find the source written just after a cue ("said Healey", "according to the people")."""
    window = []
    for j, w in enumerate(words[pos + 1 : pos + 9], start=pos + 1):
        if w.lower() in _CLAUSE_STOP and not (w.lower() == "and" and _coordinates_modifiers(words, j)):
            break
        window.append(w)
    if not window or window[0].lower() in ("that", "it", "to", "on", "in", "at", "of"):
        return "missing", -1, -1
    if window[0].lower() in PRONOUNS:
        return "pronoun", pos + 1, pos + 1
    first = window[0].lower()
    if not (window[0][:1].isupper() or first in _NP_WORDS or first in _SOURCE_NOUNS):
        return "missing", -1, -1  # "proposes rearmament": an object, not an inverted subject
    # The head is the last capitalised word or source noun before a preposition or a time word
    # ("said U.S. special envoy Steve Witkoff on Friday", "a senior White House official").
    head_index = -1
    last = 0
    for j, w in enumerate(window):
        lower = w.lower()
        if lower in _PHRASE_END:
            break
        last = j
        if w[:1].isupper() or lower in _SOURCE_NOUNS:
            head_index = j
    if head_index < 0:
        head_index = last  # "said one election law scholar": the noun phrase's last word
    kind = _classify_head(window[head_index], window[: head_index + 1])
    if kind == "document":
        phrase = []
        for w in words[pos + 1 : pos + 1 + _MAX_APPOSITION]:
            if w in _CLAUSE_STOP:
                break
            phrase.append(w)
        if _unnamed_document(phrase, window[head_index]):
            kind = "anonymous"
    return kind, pos + 1, pos + 1 + head_index


# A cue verb as a participle after a form of "be" says what was said of or to its subject, not
# by it: "it was announced", "he is expected to", "she was told" (ANNOTATION.md hard case "an
# agentless passive"). The participles of SPEECH_VERBS that do not end in -ed:
_IRREGULAR_PARTICIPLES = frozenset("said told thought found forecast".split())
_BE_FORMS = frozenset("is are was were be been being".split())
_BETWEEN_BE_AND_PARTICIPLE = frozenset(
    "also widely repeatedly publicly privately previously not never first later already recently "
    "formally officially long often".split()
)
# "-ed" cue verbs that after "be" are the subject's own state of mind ("aides were worried").
_STATE_PARTICIPLES = frozenset({"worried"})


def _before_adverbs(words: list[str], pos: int) -> str:
    """The word before ``words[pos]`` and any adverbs in between ("was first", "as widely"), or ""."""
    j = pos - 1
    while j >= 0 and words[j].lower() in _BETWEEN_BE_AND_PARTICIPLE:
        j -= 1
    return words[j].lower() if j >= 0 else ""


def _after_as(words: list[str], pos: int) -> bool:
    """Whether the cue participle at ``words[pos]`` follows "as" ("as first reported by")."""
    return _before_adverbs(words, pos) == "as"


# What "by" may mean instead of an agent: a time ("by Monday evening", "by the end of the week").
_DEADLINE_OPENERS = frozenset("the early late mid end of".split())
_DEADLINE_WORDS = _CALENDAR_WORDS | _TIME_PHRASE_ENDS | frozenset("then now noon midnight".split())


def _is_deadline(words: list[str], pos: int) -> bool:
    """Whether the words from ``pos`` are a date or time ("reported by Monday evening"), not an agent."""
    while pos < len(words) and words[pos].lower() in _DEADLINE_OPENERS:
        pos += 1
    return pos < len(words) and words[pos].lower() in _DEADLINE_WORDS


# Speech verbs that also count things: before a number they add, not speak.
_COUNTABLE_CUES = frozenset("add adds added adding".split())
_NUMBER_WORD = re.compile(r"[$\u00a3\u20ac]?\d")
_APPROXIMATORS = frozenset("about roughly nearly almost some over around another more than just".split())


def _counts_next(words: list[str], pos: int) -> bool:
    """Whether a number (perhaps "about", "more than") follows the verb at ``words[pos]``."""
    j = pos + 1
    while j < len(words) and words[j].lower() in _APPROXIMATORS:
        j += 1
    return j < len(words) and bool(_NUMBER_WORD.match(words[j]))


def _is_passive(words: list[str], pos: int) -> bool:
    """Whether the cue verb at ``words[pos]`` is a passive participle ("was announced")."""
    lower = words[pos].lower()
    if lower in _STATE_PARTICIPLES or not (lower.endswith("ed") or lower in _IRREGULAR_PARTICIPLES):
        return False
    return _before_adverbs(words, pos) in _BE_FORMS


#: Kinds of attribution that name no source: none found, an unclassifiable one, a passive.
SOURCELESS_KINDS = ("missing", "other", "passive")


# Verbs that are speech ("critics charged that") or a prosecution ("he was charged with fraud").
_INDICTMENT_VERBS = frozenset({"charged"})


def _is_indictment(words: list[str], pos: int) -> bool:
    """Whether the cue-like verb at ``words[pos]`` reports a prosecution, not speech."""
    before = words[pos - 1].lower() if pos > 0 else ""
    after = words[pos + 1].lower() if pos + 1 < len(words) else ""
    return before in _PASSIVE_AUXILIARIES or after in ("with", "in", "him", "her", "them")


@dataclass(frozen=True)
class Attribution:
    """An attributing cue in a sentence and the source it names (offsets into the sentence)."""

    cue: str
    cue_start: int
    cue_end: int
    kind: str
    source_start: int | None
    source_end: int | None
    position: float
    subordinate: bool = False
    tail: int = 0


# Enough for the sentences of one scoring call (a batch chunk, an evaluation set), which the
# features and then the source extraction both read; far fewer than a large batch holds.
ATTRIBUTION_CACHE_SIZE = 4096


@lru_cache(maxsize=ATTRIBUTION_CACHE_SIZE)
def attributions(outside: str) -> tuple[Attribution, ...]:
    """Find every attributing cue outside quotations, with the kind and extent of its source.

    Cached, because the features and the source extraction both ask for the same sentences
    within one scoring call.

    Args:
        outside: The sentence with quoted passages blanked out (see :func:`strip_quotes`).
    """
    tokens = list(_TOKEN.finditer(outside))
    words = [t.group() for t in tokens]
    found: list[Attribution] = []

    def add(cue_first: int, cue_last: int, kind: str, first: int, last: int) -> None:
        relative = cue_first / max(len(words) - 1, 1)
        opener = first - 1 if 0 <= first < cue_first else cue_first - 1
        found.append(Attribution(
            " ".join(words[cue_first : cue_last + 1]).lower(), tokens[cue_first].start(), tokens[cue_last].end(),
            kind, tokens[first].start() if first >= 0 else None, tokens[last].end() if first >= 0 else None, relative,
            opener >= 0 and words[opener].lower() in _SUBORDINATORS,
            len(words) - 1 - max(cue_last, last),
        ))

    for pos, word in enumerate(words):
        lower = word.lower()
        if lower == "according" and pos + 1 < len(words) and words[pos + 1].lower() == "to":
            add(pos, pos + 1, *subject_after(words, pos + 1))
        elif lower in SPEECH_VERBS and pos + 1 < len(words) and words[pos + 1].lower() == "by" and (
                pos > 0 and words[pos - 1].lower() in _PASSIVE_AUXILIARIES or _is_passive(words, pos)
                or _after_as(words, pos)) and not _is_deadline(words, pos + 2):
            # "was praised by Nana Osei-Bonsu", "as first reported by BuzzFeed": the agent speaks.
            add(pos, pos + 1, *subject_after(words, pos + 1))
        elif lower in _COUNTABLE_CUES and _counts_next(words, pos):
            continue  # "the economy added 150,000 jobs", "organizers added 160 officers": not speech
        elif lower in BELIEF_ADJECTIVES and pos > 0 and words[pos - 1].lower() in _COPULAS_AND_ADVERBS:
            add(pos, pos, *subject_before(words, pos))  # "some top aides are confident"
        elif lower in _INDICTMENT_VERBS and _is_indictment(words, pos):
            continue
        elif lower in SPEECH_VERBS and _is_passive(words, pos):
            add(pos, pos, "passive", -1, -1)
        elif lower in SPEECH_VERBS:
            kind, first, last = subject_before(words, pos)
            if kind in ("missing", "other") and lower in _INVERTIBLE:
                inverted = subject_after(words, pos)
                if inverted[0] != "missing":
                    kind, first, last = inverted
            add(pos, pos, kind, first, last)
            # "Healey and his French counterpart Lecornu said", "Sanders and his aides believe":
            # coordinated sources, of which a named one carries the clause (ANNOTATION.md "When
            # a sentence has more than one source").
            if first > 0 and words[first - 1].lower() == "and":
                other = subject_before(words, first - 1)
                if other[0] in ("name", "title_name", "pronoun", "organisation"):
                    add(pos, pos, *other)
    return tuple(found)


def describe(text: str, open_quote: bool = False) -> dict[str, float]:
    """Describe one sentence on its own: cues, subjects, hedges, quotes, furniture, shape.

    Args:
        text: The sentence text.
        open_quote: Whether the sentence starts inside a quotation opened earlier, so that
            its words up to the closing mark are the speaker's, not the writer's.

    Returns:
        A mapping of readable feature names to values.
    """
    f: dict[str, float] = {}
    stripped = text.strip()
    lowered = stripped.lower()
    outside, quoted_chars = _split_quotes(stripped, open_quote)
    outside_lower = outside.lower()
    words = _TOKEN.findall(outside)
    all_words = _WORD.findall(stripped)
    n_words = len(all_words)

    # Shape: length, ending, capitalisation (headlines, furniture).
    # Length and layout vary with house style, so they only count together with a missing full
    # stop, the mark of headlines and furniture.
    short = n_words <= _FURNITURE_MAX_WORDS
    if not _TERMINAL.search(stripped):
        f["shape:no_terminal"] = 1
        if n_words <= 3:
            f["shape:no_terminal_very_short"] = 1
    elif n_words <= 3:
        # A full stop after one to three words: a figure or name left over from a chart, a
        # sign-off, a marker ("30,000.", "- Dana Reyes.", "FULL TEXT."), or a terse fact.
        f["shape:very_short"] = 1
    if _DASH_START.match(stripped):
        f["shape:dash_start"] = 1  # sign-offs and embed credits: "- Dana Reyes.", "— Senator X (@x)"
    ending = _ENDING.search(stripped)
    if ending and ending.group(1) == "?":
        f["shape:question"] = 1
    elif ending and ending.group(1) == "!":
        f["shape:exclamation"] = 1
    if n_words:
        caps = sum(1 for w in all_words if w[0].isupper())
        f["shape:capitalised_share"] = caps / n_words
        if caps / n_words > 0.6 and n_words >= 3:
            f["shape:title_case"] = 1
    if stripped.isupper() and any(c.isalpha() for c in stripped):
        f["shape:all_caps"] = 1
    if _LIST_NUMBER.match(stripped):
        f["shape:list_number"] = 1
    if _NUMBER.search(outside):
        f["shape:has_number"] = 1

    # Furniture is short: in a long sentence "email" or "updated" is news, not page furniture.
    f.update(_phrase_features(lowered, outside, furniture_allowed=short or "shape:no_terminal" in f))
    if short or f.get("shape:no_terminal"):
        if _TIMESTAMP.search(stripped):
            f["furniture:timestamp"] = 1
    if _HANDLE.search(stripped):
        f["furniture:link_or_handle"] = 1
    if _CODE_HINT.search(outside) and _CODE.search(outside):
        f["furniture:code"] = 1
    if _BYLINE.match(stripped) and n_words <= 10:
        f["furniture:byline"] = 1
    if "|" in stripped:
        f["furniture:pipe"] = 1
    if _DATA_LINE.match(stripped):
        f["data:market_line"] = 1

    # Quotes.
    if stripped[:1] in "\"\u201c\u2018'`":
        f["quote:starts"] = 1
    if quoted_chars:
        f["quote:has"] = 1
        share = quoted_chars / max(len(stripped), 1)
        f["quote:share"] = share
        if share > 0.8:
            f["quote:mostly"] = 1
    if not quoted_chars and _ENDS_WITH_QUOTE.search(stripped):
        f["quote:ends_unbalanced"] = 1

    # Attribution cues outside quotes, and the kind of source that carries each.
    lower_words = [w.lower() for w in words]
    for hit in attributions(outside):
        if hit.kind == "passive":
            f["passive:cue_participle"] = 1
            continue
        f["cue:" + hit.cue] = 1
        f["subj:" + hit.kind] = 1
        f["cue_subj:" + hit.kind] = f.get("cue_subj:" + hit.kind, 0) + 1
        f["cue_at:" + ("start" if hit.position < 0.3 else "end" if hit.position > 0.7 else "middle")] = 1
        if hit.cue == "according to":
            f["according_to:" + hit.kind] = 1
        f["cue:any"] = 1
    if "according to" in outside_lower and _ACCORDING_TO_REPORTS.search(outside_lower):
        f["anon:according to reports"] = 1
    if _FINAL_SAID.search(outside_lower.rstrip("\"'\u201d\u2019. \t\r\n")[-12:]):
        f["cue:final_said"] = 1

    # Anonymity, hedges, passives, modals, opinion.
    distinct = set(lower_words)
    for w in distinct & _MARKED_WORDS:
        if w in MODALS:
            f["modal:" + w] = 1
        elif w in OPINION_WORDS:
            f["opinion:" + w] = 1
        else:
            f["action:" + w] = 1
    if not distinct.isdisjoint(_FIRST_OR_SECOND_PERSON):
        f["person:first_or_second_outside_quotes"] = 1

    # Names and titles.
    if not TITLES.isdisjoint(w.rstrip(".") for w in distinct) and any(
        w[0].isupper() and lw.rstrip(".") in TITLES for w, lw in zip(words, lower_words)
    ):
        f["name:title"] = 1
    if _CAPITALISED_PAIR.search(outside):
        f["name:capitalised_pair"] = 1
    if words[:1] and words[0][:1].isupper() and len(words) > 1 and words[1].lower() in SPEECH_VERBS:
        f["name:subject_then_cue"] = 1
    first = lower_words[0] if lower_words else ""
    if first in PRONOUNS:
        f["first:pronoun"] = 1
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
    # Only the first sentence's place is telling (the headline); what ends an article, or
    # how far into it a sentence is, depends on the outlet.
    if context.index == 0:
        f["pos:first"] = 1
    # Whether a sentence fills its line says little on its own (much news has one-sentence
    # paragraphs); a line without a full stop is a headline or furniture.
    if context.starts_line and context.ends_line and own.get("shape:no_terminal"):
        f["layout:line_without_stop"] = 1
    if context.open_quote_before:
        f["quote:open_before"] = 1
        if not own.get("cue:any"):
            f["quote:continues_without_cue"] = 1
    if not context.prev_text:
        f["prev:missing"] = 1
    if not context.next_text:
        f["next:missing"] = 1
    # A sentence with no source of its own may continue a neighbour's quote or paraphrase
    # (ANNOTATION.md "named": continuation of a quote or paraphrase); say so explicitly, since
    # a linear model cannot combine "no cue here" with "a speaker next door" by itself.
    if not own.get("cue:any") and not any(k.startswith("subj:") for k in own):
        for side, desc in (("prev", prev), ("next", nxt)):
            for key in desc:
                if key.startswith("subj:"):
                    f[f"no_source_{side}_{key}"] = 1
    # A quote with no attribution of its own takes its speaker from a neighbour.
    if own.get("quote:has") and not own.get("cue:any"):
        for side, desc in (("prev", prev), ("next", nxt)):
            for kind in ("name", "title_name", "pronoun", "role", "spokesperson", "organisation", "anonymous"):
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
        memo: dict[tuple[str, bool], dict[str, float]] = {}

        def cached(text: str, open_quote: bool = False) -> dict[str, float]:
            key = (text, open_quote)
            if key not in memo:
                memo[key] = describe(text, open_quote) if text else {}
            return memo[key]

        rows = []
        for context in X:
            own = cached(context.text, context.open_quote_before)
            if self.neighbours:
                rows.append(context_features(context, own, cached(context.prev_text), cached(context.next_text)))
            else:
                rows.append(dict(own))
        return rows


def context_texts(X: Iterable[SentenceContext]) -> list[str]:
    """Return the sentence texts of contexts (for text vectorisers inside the pipeline)."""
    return [c.text for c in X]


# A capitalised word of two letters or more, except at the very start of the text or of a
# sentence inside it: names, places, bodies and titles, but not the first word.
_CAPITALISED_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z'\u2019\-]+")
NAME_MASK = " Xname "


def masked_context_texts(X: Iterable[SentenceContext]) -> list[str]:
    """Sentence texts with capitalised words masked, for the word n-gram features.

    Which names a corpus happens to use says nothing about how sentences elsewhere are
    sourced; the readable features already say whether a name, a title or a body is the source.
    """
    return [_CAPITALISED_WORD.sub(NAME_MASK, c.text) for c in X]


# scikit-learn's default word pattern: runs of two or more word characters.
_WORD_TOKEN = re.compile(r"(?u)\b\w\w+\b")


class WordNgrams:
    """Lower-cased word n-grams of a text: the analyzer of the word features.

    Makes the same n-grams, in the same order, as scikit-learn's default word analyzer with
    ``ngram_range=(1, n)``, in about half the time (scoring spends a sixth of its time here).

    Args:
        n: Longest n-gram.
    """

    def __init__(self, n: int = 2):
        self.n = n

    def __call__(self, text: str) -> list[str]:
        """Return the n-grams of ``text``, shortest first, each in text order."""
        tokens = _WORD_TOKEN.findall(text.lower())
        grams = tokens[:]
        for size in range(2, self.n + 1):
            grams += map(" ".join, zip(*(tokens[i:] for i in range(size))))
        return grams

    def __repr__(self) -> str:
        return f"WordNgrams(n={self.n})"


class Densify(BaseEstimator, TransformerMixin):
    """Turn a sparse matrix dense, for estimators such as gradient-boosted trees."""

    def fit(self, X, y=None):
        """Nothing to learn; returns self."""
        return self

    def __sklearn_is_fitted__(self) -> bool:
        """Stateless: always ready to transform."""
        return True

    def transform(self, X):
        """Return X as a dense array."""
        return X.toarray() if hasattr(X, "toarray") else X


class NumericDictVectorizer(DictVectorizer):
    """A DictVectorizer for dictionaries whose values are all numbers, with a faster transform.

    :class:`SentenceFeatures` only produces numeric values, so the per-value type checks of
    the general transform (strings, iterables) are skipped; fitting is unchanged.
    """

    def transform(self, X):
        """Return the sparse matrix of ``X`` (a list of feature dictionaries)."""
        vocabulary = self.vocabulary_
        lookup = vocabulary.get
        indices: list[int] = []
        values: list[float] = []
        indptr = [0]
        for features in X:
            for name, value in features.items():
                column = lookup(name)
                if column is not None:
                    indices.append(column)
                    values.append(value)
            indptr.append(len(indices))
        matrix = sp.csr_matrix(
            (np.asarray(values, dtype=self.dtype), np.asarray(indices, dtype=np.intc), np.asarray(indptr)),
            shape=(len(indptr) - 1, len(vocabulary)),
        )
        matrix.sort_indices()
        return matrix
