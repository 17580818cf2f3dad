"""Scoring articles end to end with the shipped default model."""
from __future__ import annotations

import pytest

from scorer.scoring import score_article, score_articles, sourcing_score
from scorer.types import LABELS

from .conftest import SEED_003, read_text

FURNITURE_OF_SEED_000 = [
    "Europe to present Trump with Ukraine force plan within weeks",  # the headline
    "Try Our AI Features",
    "Comments",
    "No comments yet...",
    "Related Articles",
    "Japan Times",
    "15 minutes ago",
    "- Japan Times",
    "Kyodo News",
    "an hour ago",
    "- Kyodo News",
    "2 hours ago",
]


def test_seed_000_offsets_and_furniture(default_model, seed_000_text):
    report = score_article(seed_000_text, default_model, name="seed-000")
    assert all(seed_000_text[s.start : s.end] == s.text for s in report.sentences)
    labels = {s.text: s.label for s in report.sentences}
    for line in FURNITURE_OF_SEED_000:
        assert labels[line] == "none", line


def test_report_fields_are_consistent(default_model, seed_000_text):
    report = score_article(seed_000_text, default_model)
    assert sum(report.counts.values()) == len(report.sentences)
    assert set(report.counts) == set(LABELS)
    for s in report.sentences:
        assert set(s.probabilities) == set(LABELS)
        assert abs(sum(s.probabilities.values()) - 1) < 1e-3
        assert s.confidence == s.probabilities[s.label] == max(s.probabilities.values())
    assert [i for i, _ in report.unverified_claims] == [
        i for i, s in enumerate(report.sentences) if s.label == "unverified"]
    assert report.score == sourcing_score(report.counts)


def test_batched_scoring_equals_one_by_one(default_model, seed_000_text):
    seed_003 = read_text(SEED_003)
    together = score_articles([("a", seed_000_text), ("b", seed_003)], default_model)
    assert together[0] == score_article(seed_000_text, default_model, "a")
    assert together[1] == score_article(seed_003, default_model, "b")


def test_named_quote_and_anonymous_source(default_model):
    text = ("Ukraine force plan takes shape\n\n"
            "\"We are ready to act,\" U.K. Defense Secretary John Healey told reporters on Friday.\n\n"
            "Fifteen countries have offered troops, according to people familiar with the matter.")
    labels = [s.label for s in score_article(text, default_model).sentences]
    assert labels == ["none", "named", "anonymous"]


@pytest.mark.parametrize(
    "counts, expected",
    [
        ({"named": 2, "anonymous": 2, "unverified": 0, "none": 5}, 75.0),
        ({"named": 0, "anonymous": 0, "unverified": 3, "none": 1}, 0.0),
        ({"named": 1, "anonymous": 0, "unverified": 0, "none": 0}, 100.0),
        ({"named": 0, "anonymous": 0, "unverified": 0, "none": 4}, None),
    ],
)
def test_sourcing_score_formula(counts, expected):
    assert sourcing_score(counts) == expected


def test_text_without_sentences_gives_empty_report(default_model):
    report = score_article("   \n  ", default_model)
    assert report.sentences == () and report.score is None
