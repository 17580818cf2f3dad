"""The shape of a JSON report, checked without third-party schema libraries."""
from __future__ import annotations

from .types import LABELS

_NUMBER = (int, float)
_SPAN = ("span",)  # [start, end] or null

SENTENCE = {
    "index": int, "start": int, "end": int, "text": str, "label": "label", "confidence": _NUMBER,
    "probabilities": "probabilities", "source_id": (int, type(None)), "source_span": _SPAN, "cue_span": _SPAN,
    "quote": bool, "reasons": list,
}
SOURCE = {"id": int, "kind": ("person", "organisation", "document", "anonymous"), "name": str,
          "title": (str, type(None)), "official": bool, "mentions": list, "sentences": list, "quotes": int}
REPORT = {
    "input": str, "model": dict, "summary": dict, "score_parts": dict, "materiality": dict,
    "corroboration": dict, "sources": list, "sentences": list, "unverified_claims": list,
}


def _check(value, expected, where: str, problems: list[str]) -> None:
    if expected == "label":
        if value not in LABELS:
            problems.append(f"{where}: {value!r} is not a label")
    elif expected == "probabilities":
        if not isinstance(value, dict) or set(value) != set(LABELS):
            problems.append(f"{where}: probabilities must have one entry per label")
        elif abs(sum(value.values()) - 1) > 0.01 or any(not 0 <= p <= 1 for p in value.values()):
            problems.append(f"{where}: probabilities must lie in [0, 1] and sum to 1")
    elif expected == _SPAN:
        if value is not None and not (isinstance(value, list) and len(value) == 2 and value[0] < value[1]):
            problems.append(f"{where}: must be [start, end] or null")
    elif isinstance(expected, tuple) and all(isinstance(e, str) for e in expected):
        if value not in expected:
            problems.append(f"{where}: {value!r} is not one of {expected}")
    elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        problems.append(f"{where}: expected {expected}, got {type(value).__name__}")


def _check_fields(record: dict, spec: dict, where: str, problems: list[str]) -> None:
    for key, expected in spec.items():
        if key not in record:
            problems.append(f"{where}: missing {key!r}")
        else:
            _check(record[key], expected, f"{where}.{key}", problems)


def validate_report(report: dict, text: str | None = None) -> list[str]:
    """Return the ways a JSON report breaks its documented shape (empty when it is valid).

    Args:
        report: A report as produced by :func:`scorer.report.report_to_dict`.
        text: The scored text; when given, every offset is checked against it.
    """
    problems: list[str] = []
    for key, expected in REPORT.items():
        if key not in report:
            problems.append(f"missing {key!r}")
        else:
            _check(report[key], expected, key, problems)
    if problems:
        return problems
    counts = report["summary"].get("counts", {})
    if set(counts) != set(LABELS) or sum(counts.values()) != len(report["sentences"]):
        problems.append("summary.counts must count every sentence once, by label")
    score = report["summary"].get("score")
    if score is not None and not 0 <= score <= 100:
        problems.append("summary.score must lie in [0, 100]")
    previous_end = 0
    for i, sentence in enumerate(report["sentences"]):
        _check_fields(sentence, SENTENCE, f"sentences[{i}]", problems)
        if not {"start", "end", "text"} <= set(sentence):
            continue
        if sentence["start"] < previous_end or sentence["end"] <= sentence["start"]:
            problems.append(f"sentences[{i}]: spans must be in order and not overlap")
        if text is not None and text[sentence["start"] : sentence["end"]] != sentence["text"]:
            problems.append(f"sentences[{i}]: offsets do not reproduce the text")
        previous_end = sentence["end"]
    for i, source in enumerate(report["sources"]):
        _check_fields(source, SOURCE, f"sources[{i}]", problems)
    return problems
