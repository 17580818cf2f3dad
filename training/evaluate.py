"""Evaluating a model on labelled documents, as the user's splitter and model see them."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from scorer.model import Model
from scorer.scoring import score_articles
from scorer.types import LabelledDoc

from .metrics import classification_figures


def align_predictions(doc: LabelledDoc, predicted) -> list[str]:
    """Give each gold span the label of the predicted sentence that overlaps it most."""
    labels = []
    cursor = 0
    for span in doc.spans:
        best, best_overlap = "none", 0
        while cursor < len(predicted) and predicted[cursor].end <= span.start:
            cursor += 1
        i = cursor
        while i < len(predicted) and predicted[i].start < span.end:
            overlap = min(span.end, predicted[i].end) - max(span.start, predicted[i].start)
            if overlap > best_overlap:
                best, best_overlap = predicted[i].label, overlap
            i += 1
        labels.append(best)
    return labels


def evaluate_docs(docs: Sequence[LabelledDoc], model: Model) -> dict:
    """Score each document's text and compare with its gold spans.

    Returns:
        The figures of :func:`training.metrics.classification_figures` plus ``n_documents``.
    """
    reports = score_articles([(d.doc_id, d.text) for d in docs], model)
    gold, predicted = [], []
    for doc, report in zip(docs, reports):
        gold.extend(s.label for s in doc.spans)
        predicted.extend(align_predictions(doc, report.sentences))
    figures = classification_figures(gold, predicted)
    figures["n_documents"] = len(docs)
    return figures


def evaluate_files(paths: Sequence[str | Path], model: Model) -> dict:
    """Evaluate a model on labelled JSONL files (see :func:`evaluate_docs`)."""
    from scorer.io import iter_labelled

    return evaluate_docs(list(iter_labelled(list(paths))), model)
