"""The evaluation report of a training configuration: how well it holds on unseen text.

Every figure comes from models that never saw the documents they are scored on:
cross-validation grouped by document, leave-one-style-out and leave-one-beat-out (each house
style or beat held out in turn), the held-out documents, and a learning curve.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

from scorer.model import ClassifierOptions, build_pipeline
from scorer.types import LABELS, LabelledDoc

from .data import make_training_set
from .metrics import classification_figures
from .train import grouped_cv_predictions

LEARNING_CURVE_SIZES = (10, 20, 40, 80, 160)


#: Classifiers compared in the report, each a variation of the default options.
CANDIDATES: dict[str, dict] = {
    "logistic regression, no class weights (default)": {},
    "logistic regression, balanced class weights": {"balanced": True},
    "logistic regression, readable features only": {"words": False},
    "gradient-boosted trees, readable features": {"kind": "boosted", "words": False},
}


@dataclass
class EvaluationReport:
    """All figures of one training configuration."""

    n_train_docs: int
    n_heldout_docs: int
    grouped_cv: dict
    leave_one_style_out: dict
    per_style: dict[str, dict]
    leave_one_beat_out: dict
    per_beat: dict[str, dict]
    heldout: dict
    learning_curve: list[tuple[int, float]] = field(default_factory=list)
    comparison: dict[str, dict] = field(default_factory=dict)


def _fit(docs: Sequence[LabelledDoc], options: ClassifierOptions):
    data = make_training_set(docs, augment=options.augment)
    return build_pipeline(options).fit(data.contexts, data.labels)


def _timed_fit(docs: Sequence[LabelledDoc], options: ClassifierOptions) -> tuple:
    """Fit the pipeline of ``options`` on ``docs``; returns it and the seconds fitting took."""
    start = time.perf_counter()
    pipeline = _fit(docs, options)
    return pipeline, time.perf_counter() - start


def _predict(pipeline, docs: Sequence[LabelledDoc]) -> tuple[list[str], list[str]]:
    data = make_training_set(docs)
    return data.labels, list(pipeline.predict(data.contexts))


def leave_one_group_out(docs: Sequence[LabelledDoc], key: str, options: ClassifierOptions,
                        progress: Callable[[str], None] = lambda _: None) -> tuple[dict, dict[str, dict]]:
    """Hold out each value of a document metadata key in turn; pooled and per-group figures."""
    groups = sorted({d.meta.get(key, "?") for d in docs})
    gold, predicted, per_group = [], [], {}
    for group in groups:
        progress(f"{key} {group}")
        train = [d for d in docs if d.meta.get(key, "?") != group]
        test = [d for d in docs if d.meta.get(key, "?") == group]
        g, p = _predict(_fit(train, options), test)
        per_group[group] = classification_figures(g, p)
        gold += g
        predicted += p
    return classification_figures(gold, predicted), per_group


def evaluation_report(train_docs: Sequence[LabelledDoc], heldout_docs: Sequence[LabelledDoc],
                      options: ClassifierOptions,
                      progress: Callable[[str], None] = lambda _: None) -> EvaluationReport:
    """Compute every figure of the report (about forty model fits)."""
    progress("grouped cross-validation")
    cv = classification_figures(*grouped_cv_predictions(make_training_set(train_docs, options.augment), options))
    styled = [d for d in train_docs if "style" in d.meta]
    loso, per_style = leave_one_group_out(styled, "style", options, progress)
    lobo, per_beat = leave_one_group_out(styled, "beat", options, progress)
    progress("held-out documents")
    trained = _timed_fit(train_docs, options)
    heldout = classification_figures(*_predict(trained[0], heldout_docs))
    curve = []
    shuffled = list(train_docs)
    random.Random(options.seed).shuffle(shuffled)
    for size in [s for s in LEARNING_CURVE_SIZES if s < len(shuffled)] + [len(shuffled)]:
        progress(f"learning curve {size}")
        curve.append((size, classification_figures(*_predict(_fit(shuffled[:size], options), heldout_docs))["macro_f1"]))
    comparison = compare_classifiers(train_docs, heldout_docs, options, progress, trained)
    return EvaluationReport(len(train_docs), len(heldout_docs), cv, loso, per_style, lobo, per_beat, heldout, curve,
                            comparison)


def compare_classifiers(train_docs: Sequence[LabelledDoc], heldout_docs: Sequence[LabelledDoc],
                        options: ClassifierOptions, progress: Callable[[str], None] = lambda _: None,
                        trained: tuple | None = None) -> dict:
    """Train each candidate on the training documents; score the held-out ones end to end.

    Args:
        trained: A pipeline already fitted with ``options`` on ``train_docs`` and its fit
            seconds, used for the candidate with those options instead of fitting it again.

    Returns:
        Per candidate: held-out figures (with calibration), training seconds and scoring speed
        in sentences per second.
    """
    from dataclasses import replace

    from scorer.model import Model

    from .evaluate import evaluate_docs

    rows = {}
    n_sentences = sum(len(d.spans) for d in heldout_docs)
    for name, changes in CANDIDATES.items():
        progress(f"comparison: {name}")
        candidate = replace(options, **changes)
        if trained is not None and candidate == options:
            pipeline, fit_seconds = trained
        else:
            pipeline, fit_seconds = _timed_fit(train_docs, candidate)
        model = Model(pipeline, {"model_sha256": "-"}, name)
        evaluate_docs(heldout_docs[:2], model)  # warm up, so that no candidate pays first-call costs
        start = time.perf_counter()
        figures = evaluate_docs(heldout_docs, model)
        rows[name] = {**figures, "fit_seconds": round(fit_seconds, 1),
                      "sentences_per_s": round(n_sentences / (time.perf_counter() - start))}
    return rows


def _figures_table(rows: dict[str, dict]) -> list[str]:
    lines = ["| | spans | accuracy | macro-F1 | sourced-F1 | " + " | ".join(f"F1 {label}" for label in LABELS) + " |",
             "| --- | ---: | ---: | ---: | ---: | " + " | ".join("---:" for _ in LABELS) + " |"]
    for name, f in rows.items():
        per = " | ".join(f"{f['per_label'][label]['f1']:.3f}" for label in LABELS)
        lines.append(f"| {name} | {f['n_spans']} | {f['accuracy']:.3f} | {f['macro_f1']:.3f} | {f['sourced_f1']:.3f} | {per} |")
    return lines


def _per_label_and_confusion(f: dict) -> list[str]:
    lines = ["| label | precision | recall | F1 | support |", "| --- | ---: | ---: | ---: | ---: |"]
    for label in LABELS:
        row = f["per_label"][label]
        lines.append(f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |")
    lines += ["", "Confusion (rows gold, columns predicted):", "",
              "| gold \\ predicted | " + " | ".join(LABELS) + " |", "| --- | " + " | ".join("---:" for _ in LABELS) + " |"]
    for gold in LABELS:
        lines.append(f"| {gold} | " + " | ".join(str(f["confusion"][gold][p]) for p in LABELS) + " |")
    return lines


def render_markdown(report: EvaluationReport, options: ClassifierOptions, data_sha256: str, command: str) -> str:
    """Render the report as Markdown for ``models/EVALUATION.md``."""
    gap = report.leave_one_style_out["macro_f1"] - report.grouped_cv["macro_f1"]
    lines = [
        "# Evaluation of the default model's training configuration",
        "",
        f"Regenerate with `{command}`. Training data SHA-256 `{data_sha256}`; "
        f"{report.n_train_docs} training documents, {report.n_heldout_docs} held-out documents. "
        f"Parameters: {', '.join(f'{k}={v}' for k, v in options.__dict__.items())}.",
        "",
        "Every figure below comes from models that never saw the documents they label. Macro-F1 is "
        "averaged over the labels present; sourced-F1 scores named + anonymous against the rest.",
        "",
        "## Summary",
        "",
        *_figures_table({
            "grouped 5-fold cross-validation": report.grouped_cv,
            "leave one style out (pooled)": report.leave_one_style_out,
            "leave one beat out (pooled)": report.leave_one_beat_out,
            "held-out documents (shipped model's training set)": report.heldout,
        }),
        "",
        f"Leave-one-style-out macro-F1 minus grouped cross-validation macro-F1: {gap:+.3f} "
        f"({'within' if abs(gap) <= 0.05 else 'outside'} the 0.05 the project aims for).",
        "",
        "## Grouped cross-validation, per label",
        "",
        *_per_label_and_confusion(report.grouped_cv),
        "",
        "## Held-out documents, per label",
        "",
        *_per_label_and_confusion(report.heldout),
        "",
        "## Leave one style out (each style scored by a model trained on the others)",
        "",
        *_figures_table(report.per_style),
        "",
        "## Leave one beat out",
        "",
        *_figures_table(report.per_beat),
        "",
        "## Classifiers compared (trained on the training documents, scored on the held-out ones)",
        "",
        "Scoring speed includes splitting, features, sources and reports, on one core.",
        "",
        "| classifier | macro-F1 | sourced-F1 | F1 anonymous | calibration error | Brier | fit s | sentences/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *[f"| {name} | {f['macro_f1']:.3f} | {f['sourced_f1']:.3f} | {f['per_label']['anonymous']['f1']:.3f} | "
          f"{f['calibration']['ece']:.3f} | {f['calibration']['brier']:.3f} | {f['fit_seconds']} | {f['sentences_per_s']} |"
          for name, f in report.comparison.items()],
        "",
        "## Learning curve (macro-F1 on the held-out documents)",
        "",
        "| training documents | macro-F1 |",
        "| ---: | ---: |",
        *[f"| {n} | {f1:.3f} |" for n, f1 in report.learning_curve],
        "",
    ]
    return "\n".join(lines)
