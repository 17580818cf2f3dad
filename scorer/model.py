"""Building, saving and safely loading the sentence classifier.

A model is a directory holding ``model.joblib`` (one scikit-learn Pipeline) and ``card.json``
(versions, checksums, parameters, labels and cross-validation scores). Loading reads the model
bytes once, checks their SHA-256 against the card and the scikit-learn version against the one
installed, and only then unpickles them: a swapped, corrupted or stale model is refused.
"""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ModelError
from .types import LABELS

MODEL_FILE = "model.joblib"
CARD_FILE = "card.json"
DEFAULT_MODEL_NAME = "default"


@dataclass(frozen=True)
class ClassifierOptions:
    """Choices of the classifier behind :func:`build_pipeline`.

    Args:
        kind: ``logistic`` (calibrated by construction) or ``boosted``
            (histogram gradient-boosted trees).
        c: Inverse regularisation strength of the logistic regression.
        neighbours: Whether sentences see their neighbours' features.
        words: Whether word n-grams of the sentence are added to the readable features.
        word_ngrams: Longest word n-gram of the word features.
        balanced: Whether classes are weighted inversely to their frequency.
        seed: Random seed for every estimator that takes one.
        augment: Whether training adds a one-sentence-per-paragraph copy of each document.
        mask_names: Whether the word n-grams see capitalised words (names, places, bodies)
            as one placeholder.
    """

    kind: str = "logistic"
    c: float = 2.0
    neighbours: bool = True
    words: bool = True
    word_ngrams: int = 2
    balanced: bool = False
    seed: int = 0
    augment: bool = True
    mask_names: bool = True


def build_pipeline(options: ClassifierOptions | None = None):
    """Return an unfitted Pipeline: sentence contexts in, label probabilities out."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    from .features import NumericDictVectorizer, SentenceFeatures, WordNgrams, context_texts, masked_context_texts

    options = options or ClassifierOptions()
    readable = make_pipeline(SentenceFeatures(neighbours=options.neighbours), NumericDictVectorizer())
    if options.words:
        words = make_pipeline(
            FunctionTransformer(masked_context_texts if options.mask_names else context_texts),
            TfidfVectorizer(analyzer=WordNgrams(options.word_ngrams), token_pattern=None, min_df=3,
                            sublinear_tf=True, max_features=20000),
        )
        features = FeatureUnion([("readable", readable), ("words", words)])
    else:
        features = readable
    if options.kind == "logistic":
        from sklearn.linear_model import LogisticRegression

        classifier = LogisticRegression(C=options.c, max_iter=3000,
                                        class_weight="balanced" if options.balanced else None,
                                        random_state=options.seed)
    elif options.kind == "boosted":
        from sklearn.ensemble import HistGradientBoostingClassifier

        from .features import Densify

        features = make_pipeline(features, Densify())
        classifier = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.08,
                                                    class_weight="balanced" if options.balanced else None,
                                                    random_state=options.seed)
    else:
        raise ValueError(f"unknown classifier kind {options.kind!r}: use 'logistic' or 'boosted'")
    return Pipeline([("features", features), ("classify", classifier)])


@dataclass(frozen=True)
class Model:
    """A loaded model: the fitted pipeline and its card."""

    pipeline: Any
    card: dict
    path: str

    @property
    def name(self) -> str:
        """The model's name from its card."""
        return self.card.get("name", Path(self.path).name)

    @property
    def version(self) -> str:
        """The model's version from its card."""
        return self.card.get("version", "unknown")

    @property
    def sha256(self) -> str:
        """SHA-256 of the model file, as checked at load time."""
        return self.card["model_sha256"]

    def describe(self) -> dict[str, str]:
        """Return the identity recorded in every report."""
        return {"name": self.name, "version": self.version, "sha256": self.sha256}

    @cached_property
    def feature_names(self) -> list[str] | None:
        """Names of the classifier's input columns, when it is linear and they can be told."""
        if not hasattr(self.pipeline.steps[-1][1], "coef_"):
            return None
        return _feature_names(self.pipeline.steps[0][1])


def _feature_names(step) -> list[str] | None:
    """Names of the columns a fitted feature step produces, or None if it cannot tell."""
    if hasattr(step, "feature_names_"):
        return list(step.feature_names_)
    if hasattr(step, "vocabulary_"):
        return ["word:" + name for name in step.get_feature_names_out()]
    if hasattr(step, "transformer_list"):
        parts = [_feature_names(t) for _, t in step.transformer_list]
        return None if any(p is None for p in parts) else [n for p in parts for n in p]
    if hasattr(step, "steps"):
        for _, inner in reversed(step.steps):
            names = _feature_names(inner)
            if names is not None:
                return names
    return None


def default_model_dir() -> Path:
    """Return the directory of the model shipped inside the package."""
    return Path(str(resources.files("scorer") / "models" / DEFAULT_MODEL_NAME))


def sha256_bytes(data: bytes) -> str:
    """Return the hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def check_model(path: str | Path | None = None) -> tuple[Path, dict, bytes]:
    """Check a model directory without unpickling it (cheap: scikit-learn is not imported).

    Args:
        path: A model directory; None for the default model shipped with the package.

    Returns:
        The directory, its card, and the model file's bytes, whose checksum matched the card.

    Raises:
        ModelError: If the directory, its model file or card is missing or unreadable, the
            checksum does not match, or the model was built with another scikit-learn.
    """
    from importlib.metadata import version

    directory = Path(path) if path is not None else default_model_dir()
    if not directory.exists():
        raise ModelError(f"{directory}: model directory not found")
    if not directory.is_dir():
        raise ModelError(f"{directory}: is not a directory (give the directory holding {MODEL_FILE} and {CARD_FILE})")
    card_path, model_path = directory / CARD_FILE, directory / MODEL_FILE
    for required in (card_path, model_path):
        if not required.is_file():
            raise ModelError(f"{directory}: missing {required.name}; train one with 'scorer train'")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{card_path}: not a valid model card ({exc})") from None
    if not isinstance(card, dict) or "model_sha256" not in card or "sklearn_version" not in card:
        raise ModelError(f"{card_path}: model card lacks model_sha256 or sklearn_version")
    data = model_path.read_bytes()
    if sha256_bytes(data) != card["model_sha256"]:
        raise ModelError(f"{model_path}: checksum does not match {CARD_FILE}; the file was changed or corrupted, refusing to load it")
    installed = version("scikit-learn")
    if card["sklearn_version"] != installed:
        raise ModelError(
            f"{directory}: model was built with scikit-learn {card['sklearn_version']} but "
            f"{installed} is installed; retrain it with 'scorer train' or install that version"
        )
    return directory, card, data


def load_model(path: str | Path | None = None) -> Model:
    """Load a model directory after checking it with :func:`check_model`.

    Raises:
        ModelError: As :func:`check_model`, or if the model predicts labels outside ``LABELS``.
    """
    directory, card, data = check_model(path)
    import joblib

    pipeline = joblib.load(io.BytesIO(data))
    if tuple(getattr(pipeline, "classes_", ())) and set(pipeline.classes_) - set(LABELS):
        raise ModelError(f"{directory / MODEL_FILE}: model predicts labels outside {', '.join(LABELS)}")
    return Model(pipeline=pipeline, card=card, path=str(directory))


# Fitted attributes that hold memory addresses (scikit-learn caches id(stop_words) on text
# vectorisers); they would make two identical trainings pickle to different bytes.
_VOLATILE_ATTRIBUTES = ("_stop_words_id",)


def _drop_volatile_state(pipeline) -> None:
    for part in [pipeline, *pipeline.get_params(deep=True).values()]:
        for name in _VOLATILE_ATTRIBUTES:
            if hasattr(part, "get_params") and hasattr(part, name):
                delattr(part, name)


def save_model(pipeline, card: dict, directory: str | Path) -> dict:
    """Write model and card atomically into a directory; returns the completed card."""
    import platform

    import joblib
    import nltk
    import sklearn

    from . import __version__
    from .io import atomic_write_bytes, atomic_write_text

    _drop_volatile_state(pipeline)
    buffer = io.BytesIO()
    joblib.dump(pipeline, buffer, compress=3)
    data = buffer.getvalue()
    card = dict(card)
    card.update(
        {
            "model_sha256": sha256_bytes(data),
            "python_version": platform.python_version(),
            "sklearn_version": sklearn.__version__,
            "nltk_version": nltk.__version__,
            "joblib_version": joblib.__version__,
            "scorer_version": __version__,
            "labels": list(LABELS),
        }
    )
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(directory / MODEL_FILE, data)
    atomic_write_text(directory / CARD_FILE, json.dumps(card, indent=2, sort_keys=True) + "\n")
    return card
