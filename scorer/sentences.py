"""Offline sentence splitting with character offsets into the text exactly as given.

nltk's Punkt algorithm with parameters the project owns (no downloaded data): the news
abbreviations and sentence starters of :mod:`scorer.lexicons`. Scraped news needs three things
Punkt does not do on its own, so they happen around it:

* hard line breaks end a sentence (headlines, furniture and list numbers stand on their own
  line with no full stop), while a line break inside a sentence (the next line starts in lower
  case, or the line ends with a comma) does not;
* closing quotes that Punkt leaves at the start of the next sentence (curly quotes, ``''``)
  are moved back to the sentence they close;
* leading and trailing white space never belongs to a sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import ABBREVIATIONS, SENTENCE_STARTERS
from .types import Sentence

_LINE = re.compile(r"[^\n\r]+(?:(?:\r\n|\r|\n)[^\n\r]+)*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A line break is soft when the sentence visibly goes on: the next line starts in lower case or
# the line ends with a comma, an opening bracket or a dash that joins words.
_SOFT_NEXT = re.compile(r"[ \t]*[a-z(,;]")
_SOFT_PREV = re.compile(r"[,;(\-\u2013\u2014][ \t]*$|\b(?:and|or|but|of|the|a|to|said|says)[ \t]*$")
# Short lines ("Kyodo News", "an hour ago") are furniture even when the next starts in lower case.
_MIN_SOFT_LINE = 25
# Punkt only ever ends a sentence at . ? or ! followed by white space and more text.
_POSSIBLE_BREAK = re.compile(r"[.?!]\S*\s+\S")
_BRACKETED_STOP = re.compile(r"\.[)\]]\s*$")
_CLOSERS = re.compile(r"(?:''|[\"'\u201d\u2019\u00bb)\]])+(?=\s|$)")


# A word of two letters or more, then one mark that ends Punkt's token: white space or a
# closing or opening mark follows ("said. The", "rates.\"", "it? No"; not "other... Republicans",
# an ellipsis, nor "said.-Jan. 5", where the word runs on).
_PLAIN_WORD_END = re.compile(r"([A-Za-z]{2,})([.?!])(?=\s|[)\"';}\]*:@({\[\u2018\u2019\u201c\u201d\u00ab\u00bb])")


@lru_cache(maxsize=1)
def _tokenizer():
    # nltk's package __init__ pulls in scipy and sklearn; the punkt module alone is what we use.
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    class PlainEndsFirst(PunktSentenceTokenizer):
        """Punkt, deciding the commonest case without its per-token annotation.

        Punkt asks, for each possible end, whether the few characters around it hold a break.
        After a plain word that is not an abbreviation it always does: Punkt's first pass marks
        the break, and its second pass only revisits abbreviations, initials, ellipses and
        numbers. That is five in six possible ends in the corpus, and splitting takes half the
        time; every other context goes to Punkt. Tests check that the two agree.
        """

        def text_contains_sentbreak(self, text: str) -> bool:
            plain = _PLAIN_WORD_END.match(text)
            if plain and (
                    plain.group(2) != "." or plain.group(1).lower() not in self._params.abbrev_types):
                return True
            return super().text_contains_sentbreak(text)

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.sent_starters = set(SENTENCE_STARTERS)
    return PlainEndsFirst(params)


def _blocks(text: str):
    """Yield (start, end) of runs of text that no hard line break divides."""
    for para in _LINE.finditer(text):
        start = para.start()
        body = para.group()
        cursor = 0
        for brk in _LINE_BREAK.finditer(body):
            before, after = body[cursor : brk.start()], body[brk.end() :]
            if (_SOFT_NEXT.match(after) and len(before) >= _MIN_SOFT_LINE) or _SOFT_PREV.search(before):
                continue
            yield start + cursor, start + brk.start()
            cursor = brk.end()
        yield start + cursor, para.end()


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences whose offsets index the text exactly as given.

    Args:
        text: The article text, unchanged.

    Returns:
        Sentences in order, non-overlapping, each stripped of surrounding white space.
    """
    tokenizer = _tokenizer()
    spans: list[list[int]] = []
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        if not _POSSIBLE_BREAK.search(block):  # a headline, a furniture line: nothing to split
            spans.append([block_start, block_end])
            continue
        first = len(spans)
        for s, e in tokenizer.span_tokenize(block):
            # Punkt always breaks after ".)"; "Goodlatte (R-Va.) sent" goes on in lower case.
            if len(spans) > first and _BRACKETED_STOP.search(block, 0, s) and block[s : s + 1].islower():
                spans[-1][1] = block_start + e
            else:
                spans.append([block_start + s, block_start + e])
    # Move closing quotes stranded at the start of a sentence back to the one they close.
    for i in range(1, len(spans)):
        closer = _CLOSERS.match(text, spans[i][0])
        if closer and not text[spans[i - 1][1] : spans[i][0]].strip():
            spans[i - 1][1] = spans[i][0] = closer.end()
    sentences = []
    for start, end in spans:
        piece = text[start:end]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        start += lead
        end = start + len(stripped)
        sentences.append(Sentence(start, end, text[start:end]))
    return sentences
