"""Properties over arbitrary text: sentence spans and the report's schema always hold."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorer.report import render_json
from scorer.schema import validate_report
from scorer.scoring import score_article
from scorer.sentences import split_sentences

# News-like pieces mixed with arbitrary characters, so that both ordinary and odd text is tried.
PIECES = st.sampled_from([
    "The minister said.", " ", "\n", "\n\n", "\r\n", "\r", '"', "\u201c", "\u201d", "'", "``", "''", "U.S.", "Mr.",
    "Gen.", "No. 10", "?", "!", "...", "3.", "according to people familiar with the matter", "\t", "Comments",
    "he said", "\u00a0", "<script>", "|", "Jan. 5", "e.g.", "(AP) \u2014",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_sentence_spans_are_ordered_disjoint_and_cover_the_text(text):
    sentences = split_sentences(text)
    covered = bytearray(len(text))
    previous_end = 0
    for sentence in sentences:
        assert 0 <= previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        covered[sentence.start : sentence.end] = b"\x01" * (sentence.end - sentence.start)
        previous_end = sentence.end
    # Every character outside the sentences is white space: nothing is dropped.
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))


# Words, abbreviations, numbers and the marks that may stand around a possible sentence end.
BREAK_PIECES = st.sampled_from([
    "said", "Jan", "Mr", "U.S", "it", "x", "5", ".", "?", "!", " ", "\n", '"', "'", "-", "--", ")", "(", "\u201d",
    "...", ". .", ",", "A", "The", "etc", "e.g", ":", ";", "*", "@", "\u00bb", "\u2019s",
])


@settings(max_examples=1000, deadline=None)
@given(st.one_of(TEXTS, st.lists(BREAK_PIECES, max_size=30).map("".join)))
def test_fast_break_decisions_agree_with_punkt(text):
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from scorer.sentences import _tokenizer

    fast = _tokenizer()
    punkt = PunktSentenceTokenizer(fast._params)
    for _, context in punkt._match_potential_end_contexts(text):
        assert fast.text_contains_sentbreak(context) == punkt.text_contains_sentbreak(context), context


@pytest.fixture(scope="module")
def model(default_model):
    return default_model


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_report_always_validates(model, text):
    report = json.loads(render_json(score_article(text, model, "x")))
    assert validate_report(report, text) == []


def test_validator_catches_broken_reports(default_model):
    text = "Officials said it was over. Comments"
    report = json.loads(render_json(score_article(text, default_model, "x")))
    broken = json.loads(json.dumps(report))
    broken["sentences"][0]["label"] = "opinion"
    broken["sentences"][1]["start"] = 0
    del broken["sources"]
    assert validate_report(broken, text) == ["missing 'sources'"]
    del broken["unverified_claims"]
    broken["sources"] = []
    broken["unverified_claims"] = []
    problems = validate_report(broken, text)
    assert any("not a label" in p for p in problems) and any("overlap" in p for p in problems)
