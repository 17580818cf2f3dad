"""Scoring articles: text -> sentences -> contexts -> model -> labelled sentences -> report."""
from __future__ import annotations

from typing import Sequence

from .features import build_contexts
from .model import Model
from .sentences import split_sentences
from .types import LABELS, SCORE_WEIGHTS, ArticleScore, SentenceContext, SentencePrediction


def sourcing_score(counts: dict[str, int]) -> float | None:
    """Return the 0-100 sourcing score of label counts (see ``types.SCORE_FORMULA``)."""
    claims = sum(counts.get(label, 0) for label in SCORE_WEIGHTS)
    if not claims:
        return None
    weighted = sum(weight * counts.get(label, 0) for label, weight in SCORE_WEIGHTS.items())
    return round(100.0 * weighted / claims, 1)


def predict_contexts(contexts: Sequence[SentenceContext], model: Model) -> tuple[list[str], list[dict[str, float]]]:
    """Label many sentence contexts in one call; returns labels and per-label probabilities."""
    if not contexts:
        return [], []
    probabilities = model.pipeline.predict_proba(list(contexts))
    classes = [str(c) for c in model.pipeline.classes_]
    columns = [(label, classes.index(label) if label in classes else None) for label in LABELS]
    labels = [classes[i] for i in probabilities.argmax(axis=1)]
    rows = [
        {label: (round(float(row[column]), 4) if column is not None else 0.0) for label, column in columns}
        for row in probabilities.tolist()
    ]
    return labels, rows


def score_articles(texts: Sequence[tuple[str, str]], model: Model) -> list[ArticleScore]:
    """Score several articles, sending all their sentences through the model at once.

    Args:
        texts: (input name, article text) pairs.
        model: A loaded model.

    Returns:
        One report per article, in input order.
    """
    per_article = []
    all_contexts: list[SentenceContext] = []
    for _, text in texts:
        sentences = split_sentences(text)
        per_article.append(sentences)
        all_contexts.extend(build_contexts(text, sentences))
    labels, probabilities = predict_contexts(all_contexts, model)
    reports, cursor = [], 0
    for (name, _), sentences in zip(texts, per_article):
        predictions = []
        for sentence in sentences:
            label, probs = labels[cursor], probabilities[cursor]
            cursor += 1
            predictions.append(
                SentencePrediction(sentence.start, sentence.end, sentence.text, label, probs[label], probs)
            )
        counts = {label: 0 for label in LABELS}
        for p in predictions:
            counts[p.label] += 1
        reports.append(ArticleScore(name, model.describe(), tuple(predictions), counts, sourcing_score(counts)))
    return reports


def score_article(text: str, model: Model, name: str = "-") -> ArticleScore:
    """Score one article (see :func:`score_articles`)."""
    return score_articles([(name, text)], model)[0]
