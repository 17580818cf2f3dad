"""Scoring articles: text -> sentences -> contexts -> model -> labelled sentences -> report."""
from __future__ import annotations

from typing import Sequence

from .features import build_contexts
from .model import Model
from .sentences import split_sentences
from .sources import extract_sources
from .types import LABELS, SCORE_WEIGHTS, ArticleScore, SentenceContext, SentencePrediction


def sourcing_score(counts: dict[str, int]) -> float | None:
    """Return the 0-100 sourcing score of label counts (see ``types.SCORE_FORMULA``)."""
    claims = sum(counts.get(label, 0) for label in SCORE_WEIGHTS)
    if not claims:
        return None
    weighted = sum(weight * counts.get(label, 0) for label, weight in SCORE_WEIGHTS.items())
    return round(100.0 * weighted / claims, 1)


#: How many features are reported as the reasons for a sentence's label.
REASONS_PER_SENTENCE = 3


def _reasons(model: Model, X, predicted: list[int]) -> list[tuple[str, ...]]:
    """The features that pushed each row most towards its predicted label (linear models only)."""
    classifier = model.pipeline.steps[-1][1]
    names = model.feature_names
    if names is None or not hasattr(X, "indptr"):
        return [() for _ in predicted]
    import numpy as np

    # Towards this label rather than the others: each weight minus the mean over labels.
    relative = classifier.coef_ - classifier.coef_.mean(axis=0)
    # All rows at once: each stored value times its column's weight for its row's label, then
    # the entries sorted by row and, within a row, by falling contribution (ties in stored order).
    lengths = np.diff(X.indptr)
    row_of = np.repeat(np.arange(len(predicted)), lengths)
    contributions = X.data * relative[np.asarray(predicted)[row_of], X.indices]
    order = np.lexsort((np.arange(len(row_of)), -contributions, row_of))
    rank = np.arange(len(order)) - np.repeat(X.indptr[:-1], lengths)
    keep = order[(rank < REASONS_PER_SENTENCE) & (contributions[order] > 0)]
    rows: list[list[str]] = [[] for _ in predicted]
    for row, column in zip(row_of[keep].tolist(), X.indices[keep].tolist()):
        rows[row].append(names[column])
    return [tuple(r) for r in rows]


def predict_contexts(contexts: Sequence[SentenceContext],
                     model: Model) -> tuple[list[str], list[dict[str, float]], list[tuple[str, ...]]]:
    """Label many sentence contexts in one call.

    Returns:
        Labels, per-label probabilities, and the features behind each label.
    """
    if not contexts:
        return [], [], []
    import numpy as np

    pipeline = model.pipeline
    X = pipeline[:-1].transform(list(contexts))
    probabilities = pipeline.steps[-1][1].predict_proba(X)
    classes = [str(c) for c in pipeline.classes_]
    best = probabilities.argmax(axis=1).tolist()
    labels = [classes[i] for i in best]
    # One column per label in LABELS order; a label the model never learned has probability 0.
    by_label = np.zeros((len(contexts), len(LABELS)))
    for column, label in enumerate(LABELS):
        if label in classes:
            by_label[:, column] = probabilities[:, classes.index(label)]
    rows = [dict(zip(LABELS, row)) for row in np.round(by_label, 4).tolist()]
    return labels, rows, _reasons(model, X, best)


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
    open_quotes = [c.open_quote_before for c in all_contexts]
    labels, probabilities, reasons = predict_contexts(all_contexts, model)
    reports, cursor = [], 0
    for (name, text), sentences in zip(texts, per_article):
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
        sources, attributions = extract_sources(text, predictions, open_quotes[cursor - len(sentences) : cursor])
        reports.append(ArticleScore(
            name, model.describe(), tuple(predictions), counts, sourcing_score(counts), tuple(sources),
            tuple(attributions), tuple(reasons[cursor - len(sentences) : cursor]), text,
        ))
    return reports


def score_article(text: str, model: Model, name: str = "-") -> ArticleScore:
    """Score one article (see :func:`score_articles`)."""
    return score_articles([(name, text)], model)[0]
