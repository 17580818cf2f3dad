"""scorer: on whose word does each sentence of a news article rest?

Splits an article into sentences, labels each ``named``, ``anonymous``, ``unverified`` or
``none`` with a scikit-learn model, and rolls the labels up into a sourcing report.

Typical use::

    from scorer import load_model, score_article
    report = score_article(text, load_model())

The public names are imported on first use, so that ``scorer --help`` never pays for
scikit-learn's import.
"""
import importlib
import logging

__version__ = "0.1.0"

_EXPORTS = {
    "LABELS": "types",
    "ArticleScore": "types",
    "Sentence": "types",
    "SentencePrediction": "types",
    "ScorerError": "errors",
    "InputError": "errors",
    "DataFormatError": "errors",
    "ModelError": "errors",
    "load_model": "model",
    "split_sentences": "sentences",
    "score_article": "scoring",
    "score_articles": "scoring",
}

__all__ = sorted([*_EXPORTS, "__version__"])

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return __all__
