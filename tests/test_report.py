"""Report rendering: reviewed golden files for every format, from a hand-built report."""
from __future__ import annotations

import json

import pytest

from scorer.report import RENDERERS, render_json, render_jsonl, render_markdown, report_to_dict
from scorer.sources import Mention, SentenceAttribution, Source
from scorer.types import ArticleScore, SentencePrediction

from .conftest import DATA


def prediction(start, text, label, p):
    probabilities = {"named": 0.0, "anonymous": 0.0, "unverified": 0.0, "none": 0.0}
    probabilities[label] = p
    rest = [k for k in probabilities if k != label]
    for k in rest:
        probabilities[k] = round((1 - p) / 3, 4)
    return SentencePrediction(start, start + len(text), text, label, p, probabilities)


@pytest.fixture
def report():
    text = [
        (0, "Force plan | draft", "none", 0.9),
        (19, "\"We are ready,\" Healey said.", "named", 0.8),
        (48, "The plan is ready, the people said.", "anonymous", 0.7),
        (84, "Trump has resisted guarantees.", "unverified", 0.6),
    ]
    sentences = tuple(prediction(*row) for row in text)
    counts = {"named": 1, "anonymous": 1, "unverified": 1, "none": 1}
    sources = (
        Source(0, "person", "John Healey", "U.K. Defense Secretary", True, [Mention(35, 41, "Healey")], [1], 1),
        Source(1, "anonymous", "the people", None, False, [Mention(67, 77, "the people")], [2], 0,
               "declined to be named"),
    )
    attributions = (
        SentenceAttribution(None, None, None, False),
        SentenceAttribution(0, (35, 41), (42, 46), True),
        SentenceAttribution(1, (67, 77), (78, 82), False),
        SentenceAttribution(None, None, None, False),
    )
    reasons = (("shape:no_terminal",), ("subj:name", "quote:has"), ("subj:anonymous",), ())
    return ArticleScore("article.txt", {"name": "default", "version": "0.1.0+abc", "sha256": "f" * 64},
                        sentences, counts, 50.0, sources, attributions, reasons)


@pytest.mark.parametrize("fmt, suffix", [("json", "json"), ("jsonl", "jsonl"), ("markdown", "md"), ("text", "txt")])
def test_rendering_matches_reviewed_golden(report, fmt, suffix):
    golden = (DATA / f"report.{suffix}").read_text(encoding="utf-8")
    assert RENDERERS[fmt](report) == golden


def test_json_report_has_the_documented_shape(report):
    data = json.loads(render_json(report))
    assert {"input", "model", "sentences", "summary", "unverified_claims", "sources", "materiality",
            "corroboration", "score_parts"} <= set(data)
    assert set(data["model"]) == {"name", "version", "sha256"}
    assert {"counts", "score", "shares", "score_formula"} <= set(data["summary"])
    assert set(data["sentences"][0]) == {"index", "start", "end", "text", "label", "confidence", "probabilities",
                                         "source_id", "source_span", "cue_span", "quote", "reasons"}
    assert {"id", "kind", "name", "title", "official", "mentions", "sentences", "quotes"} <= set(data["sources"][0])
    assert data["sources"][1]["anonymity_reason"] == "declined to be named"
    assert "anonymity_reason" not in data["sources"][0]
    parts = data["score_parts"]["parts"]
    assert sum(p["points"] for p in parts.values()) == data["summary"]["score"]
    assert json.loads(render_jsonl(report)) == data == report_to_dict(report)
    assert "\n" not in render_jsonl(report).rstrip("\n")


def test_markdown_escapes_table_cells(report):
    assert "Force plan \\| draft" in render_markdown(report)
