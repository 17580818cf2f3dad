"""Rendering sourcing reports: pure functions from ArticleScore to text, no I/O."""
from __future__ import annotations

import json

from .types import LABELS, SCORE_FORMULA, ArticleScore

FORMATS = ("text", "json", "jsonl", "markdown")


def report_to_dict(report: ArticleScore) -> dict:
    """Return the report as plain JSON-ready data (the documented report shape)."""
    return {
        "input": report.input,
        "model": dict(report.model),
        "summary": {
            "n_sentences": len(report.sentences),
            "counts": {label: report.counts[label] for label in LABELS},
            "shares": {label: round(share, 4) for label, share in report.shares.items()},
            "score": report.score,
            "score_formula": SCORE_FORMULA,
        },
        "sentences": [
            {
                "index": i,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "label": s.label,
                "confidence": s.confidence,
                "probabilities": {label: s.probabilities[label] for label in LABELS},
            }
            for i, s in enumerate(report.sentences)
        ],
        "unverified_claims": [
            {"index": i, "start": s.start, "end": s.end, "text": s.text} for i, s in report.unverified_claims
        ],
    }


def render_json(report: ArticleScore) -> str:
    """Render one report as a pretty JSON object."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def render_jsonl(report: ArticleScore) -> str:
    """Render one report as one compact JSON line."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, separators=(",", ":")) + "\n"


def _score_text(report: ArticleScore) -> str:
    return "n/a (no claims)" if report.score is None else f"{report.score:.1f}/100"


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def render_markdown(report: ArticleScore) -> str:
    """Render one report as Markdown, for pasting into a ticket."""
    lines = [
        f"# Sourcing report: {_md_cell(report.input)}",
        "",
        f"**Sourcing score: {_score_text(report)}** ({SCORE_FORMULA})",
        "",
        f"Model: {report.model['name']} {report.model['version']} (sha256 {report.model['sha256'][:12]})",
        "",
        "| label | sentences | share |",
        "| --- | ---: | ---: |",
    ]
    for label in LABELS:
        lines.append(f"| {label} | {report.counts[label]} | {report.shares[label]:.0%} |")
    lines += ["", "## Unverified claims", ""]
    claims = report.unverified_claims
    lines += [f"{n}. {_md_cell(s.text)} (sentence {i})" for n, (i, s) in enumerate(claims, 1)] or ["None."]
    lines += ["", "## Sentences", "", "| # | label | confidence | sentence |", "| ---: | --- | ---: | --- |"]
    for i, s in enumerate(report.sentences):
        lines.append(f"| {i} | {s.label} | {s.confidence:.2f} | {_md_cell(s.text)} |")
    return "\n".join(lines) + "\n"


def render_text(report: ArticleScore, max_claims: int = 5) -> str:
    """Render a short terminal summary of one report."""
    mix = ", ".join(f"{label} {report.counts[label]}" for label in LABELS)
    lines = [
        f"{report.input}: sourcing score {_score_text(report)}",
        f"  {len(report.sentences)} sentences: {mix}",
    ]
    claims = report.unverified_claims
    if claims:
        lines.append(f"  unverified claims ({len(claims)}):")
        for i, s in claims[:max_claims]:
            text = " ".join(s.text.split())
            lines.append(f"    [{i}] {text[:117] + '...' if len(text) > 120 else text}")
        if len(claims) > max_claims:
            lines.append(f"    ... and {len(claims) - max_claims} more (use --format json or markdown)")
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "jsonl": render_jsonl, "markdown": render_markdown}
