"""Evaluating a model on labelled documents, as the user's splitter and model see them."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from scorer.model import Model
from scorer.scoring import score_articles
from scorer.types import LabelledDoc

from .authoring import locate_phrase
from .metrics import calibration_figures, classification_figures


def align_predictions(doc: LabelledDoc, predicted) -> list[str]:
    """Give each gold span the label of the predicted sentence that overlaps it most."""
    return [p.label if p is not None else "none" for p in _aligned(doc, predicted)]


def aligned_probabilities(doc: LabelledDoc, predicted) -> list[dict[str, float]]:
    """The class probabilities of the predicted sentence that overlaps each gold span most."""
    return [p.probabilities if p is not None else {"none": 1.0} for p in _aligned(doc, predicted)]


def _aligned(doc: LabelledDoc, predicted) -> list:
    """For each gold span, the predicted sentence overlapping it most (None if none does)."""
    matches = []
    cursor = 0
    for span in doc.spans:
        best, best_overlap = None, 0
        while cursor < len(predicted) and predicted[cursor].end <= span.start:
            cursor += 1
        i = cursor
        while i < len(predicted) and predicted[i].start < span.end:
            overlap = min(span.end, predicted[i].end) - max(span.start, predicted[i].start)
            if overlap > best_overlap:
                best, best_overlap = predicted[i], overlap
            i += 1
        matches.append(best)
    return matches


def gold_attribution_spans(doc: LabelledDoc) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The gold source and cue spans of a document, located in its text on whole words."""
    sources, cues = [], []
    for span in doc.spans:
        sentence = doc.text[span.start : span.end]
        near = None
        if span.source and span.source in sentence:
            s, e = locate_phrase(sentence, span.source)
            sources.append((span.start + s, span.start + e))
            near = s
        if span.cue and span.cue in sentence:
            s, e = locate_phrase(sentence, span.cue, near)
            cues.append((span.start + s, span.start + e))
    return sources, cues


def span_figures(gold: list[tuple], predicted: list[tuple]) -> dict:
    """Precision, recall and F1 of predicted spans, matched exactly and by any overlap.

    Spans are (document, start, end); under overlap each gold span matches at most one prediction.
    """
    def prf(tp_p: int, tp_r: int) -> dict:
        precision = tp_p / len(predicted) if predicted else 0.0
        recall = tp_r / len(gold) if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}

    gold_set = set(gold)
    exact = sum(1 for p in predicted if p in gold_set)
    matched: set[tuple] = set()
    overlap_tp = 0
    for doc, start, end in predicted:
        hit = next((g for g in gold if g[0] == doc and g not in matched and g[1] < end and start < g[2]), None)
        if hit is not None:
            matched.add(hit)
            overlap_tp += 1
    return {"gold": len(gold), "predicted": len(predicted), "exact": prf(exact, exact),
            "overlap": prf(overlap_tp, len(matched))}


def evaluate_docs(docs: Sequence[LabelledDoc], model: Model) -> dict:
    """Score each document's text and compare with its gold spans.

    Returns:
        The figures of :func:`training.metrics.classification_figures`, ``n_documents``, and
        ``attribution``: source and cue extraction figures against the gold ``source`` and
        ``cue`` fields (null where the data has none).
    """
    reports = score_articles([(d.doc_id, d.text) for d in docs], model)
    gold, predicted, probabilities = [], [], []
    gold_sources, gold_cues, predicted_sources, predicted_cues = [], [], [], []
    for doc, report in zip(docs, reports):
        gold.extend(s.label for s in doc.spans)
        predicted.extend(align_predictions(doc, report.sentences))
        probabilities.extend(aligned_probabilities(doc, report.sentences))
        sources, cues = gold_attribution_spans(doc)
        gold_sources += [(doc.doc_id, *s) for s in sources]
        gold_cues += [(doc.doc_id, *c) for c in cues]
        for attribution in report.attributions:
            if attribution.source_span:
                predicted_sources.append((doc.doc_id, *attribution.source_span))
            if attribution.cue_span:
                predicted_cues.append((doc.doc_id, *attribution.cue_span))
    figures = classification_figures(gold, predicted)
    figures["n_documents"] = len(docs)
    figures["calibration"] = calibration_figures(gold, probabilities)
    figures["attribution"] = {
        "source": span_figures(gold_sources, predicted_sources) if gold_sources else None,
        "cue": span_figures(gold_cues, predicted_cues) if gold_cues else None,
    }
    return figures


def evaluate_files(paths: Sequence[str | Path], model: Model) -> dict:
    """Evaluate a model on labelled JSONL files (see :func:`evaluate_docs`)."""
    from scorer.io import iter_labelled

    return evaluate_docs(list(iter_labelled(list(paths))), model)
