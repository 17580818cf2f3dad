"""Rendering sourcing reports: pure functions from ArticleScore to text, no I/O."""
from __future__ import annotations

import json

from .analysis import corroboration, materiality, ranked_claims, score_parts
from .types import LABELS, SCORE_FORMULA, ArticleScore

def _source_to_dict(source) -> dict:
    entry = {
        "id": source.id,
        "kind": source.kind,
        "name": source.name,
        "title": source.title,
        "official": source.official,
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in source.mentions],
        "sentences": sorted(source.sentences),
        "quotes": source.quotes,
    }
    if source.kind == "anonymous":
        entry["anonymity_reason"] = source.anonymity_reason
    return entry


def _sentence_to_dict(index: int, sentence, attribution, reasons) -> dict:
    row = {
        "index": index,
        "start": sentence.start,
        "end": sentence.end,
        "text": sentence.text,
        "label": sentence.label,
        "confidence": sentence.confidence,
        "probabilities": {label: sentence.probabilities[label] for label in LABELS},
        "source_id": None,
        "source_span": None,
        "cue_span": None,
        "quote": False,
        "reasons": list(reasons),
    }
    if attribution is not None:
        row.update({
            "source_id": attribution.source_id,
            "source_span": list(attribution.source_span) if attribution.source_span else None,
            "cue_span": list(attribution.cue_span) if attribution.cue_span else None,
            "quote": attribution.quote,
        })
    return row


def report_to_dict(report: ArticleScore) -> dict:
    """Return the report as plain JSON-ready data (the documented report shape)."""
    n = len(report.sentences)
    attributions = report.attributions or (None,) * n
    reasons = report.reasons or ((),) * n
    return {
        "input": report.input,
        "model": dict(report.model),
        "summary": {
            "n_sentences": n,
            "counts": {label: report.counts[label] for label in LABELS},
            "shares": {label: round(share, 4) for label, share in report.shares.items()},
            "score": report.score,
            "score_formula": SCORE_FORMULA,
        },
        "score_parts": score_parts(report),
        "materiality": materiality(report),
        "corroboration": corroboration(report),
        "sources": [_source_to_dict(s) for s in report.sources],
        "sentences": [_sentence_to_dict(i, s, a, r)
                      for i, (s, a, r) in enumerate(zip(report.sentences, attributions, reasons))],
        "unverified_claims": ranked_claims(report),
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


def _md_source(source) -> str:
    name = _md_cell(source.name)
    if source.kind == "anonymous" and source.anonymity_reason:
        name += f" ({_md_cell(source.anonymity_reason)})"
    return (f"| {name} | {source.kind} | {_md_cell(source.title or '')} | {'yes' if source.official else 'no'} "
            f"| {len(source.sentences)} | {source.quotes} |")


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
    lines += ["", "## Sources", ""]
    rows = [_md_source(s) for s in report.sources if s.sentences]
    lines += ["| source | kind | title | official | sentences | quotes |",
              "| --- | --- | --- | --- | ---: | ---: |", *rows] if rows else ["None found."]
    lines += ["", "## Unverified claims, most check-worthy first", ""]
    claims = ranked_claims(report)
    lines += [f"{n}. {_md_cell(c['text'])} (sentence {c['index']}; {', '.join(c['why']) or 'no checkable detail'})"
              for n, c in enumerate(claims, 1)] or ["None."]
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
    cited = [s for s in report.sources if s.sentences]
    if cited:
        named = sorted((s for s in cited if s.kind != "anonymous"), key=lambda s: -len(s.sentences))
        anonymous = [s for s in cited if s.kind == "anonymous"]
        top = ", ".join(s.name for s in named[:4]) + (", ..." if len(named) > 4 else "")
        lines.append(f"  sources: {len(named)} named{f' ({top})' if top else ''}, {len(anonymous)} anonymous")
        if materiality(report)["material"]:
            lines.append("  an anonymous source carries the headline or lede")
    claims = ranked_claims(report)
    if claims:
        lines.append(f"  unverified claims ({len(claims)}, most check-worthy first):")
        for claim in claims[:max_claims]:
            text = " ".join(claim["text"].split())
            lines.append(f"    [{claim['index']}] {text[:117] + '...' if len(text) > 120 else text}")
        if len(claims) > max_claims:
            lines.append(f"    ... and {len(claims) - max_claims} more (use --format json or markdown)")
    return "\n".join(lines) + "\n"


def render_html(report: ArticleScore) -> str:
    """Render one report as a self-contained HTML page (see :mod:`scorer.html_report`)."""
    from .html_report import render_html as render

    return render(report)


RENDERERS = {"text": render_text, "json": render_json, "jsonl": render_jsonl, "markdown": render_markdown,
             "html": render_html}
