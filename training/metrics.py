"""Classification figures shared by training, evaluation and the quality gate."""
from __future__ import annotations

from typing import Sequence

from scorer.types import LABELS

SOURCED = ("named", "anonymous")


def classification_figures(gold: Sequence[str], predicted: Sequence[str]) -> dict:
    """Return accuracy, macro-F1, per-label figures, confusion matrix and sourced-vs-rest F1.

    The confusion matrix is ``confusion[gold][predicted]``; labels follow ``LABELS``.
    """
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    labels = list(LABELS)
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0
    )
    present = [i for i, label in enumerate(labels) if support[i] > 0]
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, predicted):
        confusion[g][p] += 1
    sourced_gold = [g in SOURCED for g in gold]
    sourced_pred = [p in SOURCED for p in predicted]
    return {
        "n_spans": len(gold),
        "accuracy": round(float(accuracy_score(gold, predicted)), 4) if len(gold) else 0.0,
        "macro_f1": round(float(sum(f1[i] for i in present) / len(present)), 4) if present else 0.0,
        "per_label": {
            label: {
                "precision": round(float(precision[i]), 4),
                "recall": round(float(recall[i]), 4),
                "f1": round(float(f1[i]), 4),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        "confusion": confusion,
        "sourced_f1": round(float(f1_score(sourced_gold, sourced_pred, zero_division=0)), 4),
    }


def format_figures(figures: dict, title: str = "") -> str:
    """Render classification figures as a plain-text table."""
    lines = [title] if title else []
    lines.append(
        f"spans {figures['n_spans']}  accuracy {figures['accuracy']:.3f}  macro-F1 {figures['macro_f1']:.3f}  "
        f"sourced-F1 {figures['sourced_f1']:.3f}"
    )
    lines.append(f"{'label':<11}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}")
    for label, row in figures["per_label"].items():
        lines.append(f"{label:<11}{row['precision']:>10.3f}{row['recall']:>8.3f}{row['f1']:>7.3f}{row['support']:>9}")
    labels = list(figures["confusion"])
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(" " * 11 + "".join(f"{label[:10]:>11}" for label in labels))
    for gold in labels:
        lines.append(f"{gold:<11}" + "".join(f"{figures['confusion'][gold][p]:>11}" for p in labels))
    if figures.get("calibration"):
        lines.append(f"calibration: expected calibration error {figures['calibration']['ece']:.3f}, "
                     f"Brier score {figures['calibration']['brier']:.3f}")
    for part, spans in (figures.get("attribution") or {}).items():
        if spans:
            lines.append(
                f"{part} spans: {spans['gold']} gold, {spans['predicted']} predicted; "
                + "; ".join(f"{how} P {spans[how]['precision']:.3f} R {spans[how]['recall']:.3f} "
                            f"F1 {spans[how]['f1']:.3f}" for how in ("exact", "overlap"))
            )
    return "\n".join(lines) + "\n"


def calibration_figures(gold: Sequence[str], probabilities: Sequence[dict[str, float]], bins: int = 10) -> dict:
    """Expected calibration error of the top label's confidence, and the multi-class Brier score."""
    if not gold:
        return {"ece": 0.0, "brier": 0.0, "bins": bins}
    totals = [[0, 0.0, 0] for _ in range(bins)]  # count, summed confidence, correct
    brier = 0.0
    for label, probs in zip(gold, probabilities):
        top = max(probs, key=probs.get)
        confidence = probs[top]
        cell = totals[min(int(confidence * bins), bins - 1)]
        cell[0] += 1
        cell[1] += confidence
        cell[2] += top == label
        brier += sum((probs.get(k, 0.0) - (k == label)) ** 2 for k in LABELS)
    n = len(gold)
    ece = sum(abs(c[2] - c[1]) for c in totals if c[0]) / n
    return {"ece": round(ece, 4), "brier": round(brier / n, 4), "bins": bins}
