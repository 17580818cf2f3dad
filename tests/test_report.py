"""Report rendering: reviewed golden files for every format, from a hand-built report."""
from __future__ import annotations

import json

import pytest

from scorer.report import RENDERERS, render_json, render_jsonl, render_markdown, report_to_dict
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
    return ArticleScore("article.txt", {"name": "default", "version": "0.1.0+abc", "sha256": "f" * 64},
                        sentences, counts, 50.0)


@pytest.mark.parametrize("fmt, suffix", [("json", "json"), ("jsonl", "jsonl"), ("markdown", "md"), ("text", "txt")])
def test_rendering_matches_reviewed_golden(report, fmt, suffix):
    golden = (DATA / f"report.{suffix}").read_text(encoding="utf-8")
    assert RENDERERS[fmt](report) == golden


def test_json_report_has_the_documented_shape(report):
    data = json.loads(render_json(report))
    assert {"input", "model", "sentences", "summary", "unverified_claims"} <= set(data)
    assert set(data["model"]) == {"name", "version", "sha256"}
    assert {"counts", "score", "shares", "score_formula"} <= set(data["summary"])
    assert set(data["sentences"][0]) == {"index", "start", "end", "text", "label", "confidence", "probabilities"}
    assert json.loads(render_jsonl(report)) == data == report_to_dict(report)
    assert "\n" not in render_jsonl(report).rstrip("\n")


def test_markdown_escapes_table_cells(report):
    assert "Force plan \\| draft" in render_markdown(report)
