"""Training a model from labelled documents, with grouped cross-validation figures."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Sequence

from scorer.model import ClassifierOptions, build_pipeline, save_model

from .data import TrainingSet, load_training_set
from .metrics import classification_figures

CV_FOLDS = 5


def grouped_cv_predictions(data: TrainingSet, options: ClassifierOptions,
                           folds: int = CV_FOLDS) -> tuple[list[str], list[str]]:
    """Predict every original sentence with a model that never saw its document (GroupKFold).

    Returns:
        Gold and predicted labels of the original (not augmented) sentences, in order.
    """
    from sklearn.model_selection import GroupKFold

    n_docs = len(set(data.groups))
    if n_docs < 2:
        raise ValueError("cross-validation needs labelled sentences from at least two documents")
    splitter = GroupKFold(n_splits=min(folds, n_docs))
    predicted = [""] * len(data.labels)
    for train_index, test_index in splitter.split(data.contexts, data.labels, data.groups):
        test_index = [i for i in test_index if not data.augmented[i]]
        pipeline = build_pipeline(options)
        pipeline.fit([data.contexts[i] for i in train_index], [data.labels[i] for i in train_index])
        for i, label in zip(test_index, pipeline.predict([data.contexts[i] for i in test_index])):
            predicted[i] = label
    originals = [i for i, copy in enumerate(data.augmented) if not copy]
    return [data.labels[i] for i in originals], [predicted[i] for i in originals]


def train_model(paths: Sequence[str | Path], out: str | Path, seed: int = 0,
                options: ClassifierOptions | None = None, name: str | None = None) -> dict:
    """Train on labelled JSONL files, cross-validate by document, save model and card.

    Args:
        paths: Labelled-document JSONL files.
        out: Model directory to write.
        seed: Random seed of every estimator.
        options: Classifier choices; defaults to :class:`ClassifierOptions`.
        name: Model name recorded in the card; defaults to the directory name.

    Returns:
        The saved card (it includes the cross-validation figures).
    """
    from scorer import __version__

    options = options or ClassifierOptions()
    options = ClassifierOptions(**{**asdict(options), "seed": seed})
    data, data_sha256 = load_training_set(paths, augment=options.augment)
    if len(set(data.labels)) < 2:
        raise ValueError("training needs at least two different labels")
    cv = classification_figures(*grouped_cv_predictions(data, options))
    pipeline = build_pipeline(options)
    pipeline.fit(data.contexts, data.labels)
    originals = [label for label, copy in zip(data.labels, data.augmented) if not copy]
    counts = {label: originals.count(label) for label in sorted(set(originals))}
    card = {
        "name": name or Path(out).name,
        "version": f"{__version__}+{data_sha256[:12]}",
        "training_data": sorted(Path(p).name for p in paths),
        "training_data_sha256": data_sha256,
        "n_documents": len(data.docs),
        "n_sentences": len(originals),
        "label_counts": counts,
        "parameters": asdict(options),
        "cross_validation": {"scheme": f"GroupKFold by document, {min(CV_FOLDS, len(data.docs))} folds", **cv},
    }
    return save_model(pipeline, card, out)
