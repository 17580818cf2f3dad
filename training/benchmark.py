"""Scoring speed of a model on this machine, single process (a command, not a timed test)."""
from __future__ import annotations

import statistics
import time
from typing import Sequence

from scorer.features import attributions
from scorer.model import Model
from scorer.scoring import score_article, score_articles
from scorer.sentences import split_sentences


def benchmark(texts: Sequence[str], model: Model, repeat: int = 3) -> dict:
    """Time splitting and scoring of ``texts``: one batched call, and one call per article.

    Returns:
        Medians over ``repeat`` runs: seconds, sentences per second and articles per second.
    """
    n_sentences = sum(len(split_sentences(t)) for t in texts)
    named = [(str(i), t) for i, t in enumerate(texts)]

    def timed(run) -> float:
        times = []
        for _ in range(repeat):
            attributions.cache_clear()  # every run starts cold, as a fresh process would
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    split_s = timed(lambda: [split_sentences(t) for t in texts])
    batch_s = timed(lambda: score_articles(named, model))
    single_s = timed(lambda: [score_article(t, model) for t in texts])
    return {
        "articles": len(texts),
        "sentences": n_sentences,
        "repeat": repeat,
        "split": {"seconds": round(split_s, 3), "sentences_per_s": round(n_sentences / split_s)},
        "score_batched": {"seconds": round(batch_s, 3), "sentences_per_s": round(n_sentences / batch_s),
                          "articles_per_s": round(len(texts) / batch_s, 1)},
        "score_per_article": {"seconds": round(single_s, 3), "sentences_per_s": round(n_sentences / single_s),
                              "articles_per_s": round(len(texts) / single_s, 1)},
    }
