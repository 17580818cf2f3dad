"""The quality gate: the shipped model on the held-out documents, against pinned floors."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from scorer.io import atomic_write_text, iter_labelled
from scorer.model import Model
from scorer.types import LABELS

from .corpus import HELDOUT_DIR, corpus_files
from .evaluate import evaluate_docs

FLOORS_PATH = Path(__file__).resolve().parent.parent / "models" / "quality_floors.json"
#: Tolerance for floating-point differences between platforms; a real regression is larger.
EPSILON = 0.005


class FloorError(ValueError):
    """Pinning would lower a floor without the explicit flag."""


def heldout_checksum(paths: list[Path]) -> str:
    """SHA-256 of the held-out files, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def gate_figures(model: Model, heldout: Path = HELDOUT_DIR) -> tuple[dict, str]:
    """Evaluate a model on the held-out documents; returns the figures and the data checksum."""
    paths = corpus_files(heldout)
    return evaluate_docs(list(iter_labelled(paths)), model), heldout_checksum(paths)


def floors_from(figures: dict) -> dict[str, float]:
    """The gated numbers of a set of figures: macro-F1 and every per-label F1."""
    floors = {"macro_f1": figures["macro_f1"]}
    floors.update({f"f1_{label}": figures["per_label"][label]["f1"] for label in LABELS})
    return floors


def check_floors(figures: dict, checksum: str, pinned: dict) -> list[str]:
    """Return one message per figure below its floor (minus EPSILON), or a checksum mismatch."""
    if pinned.get("heldout_sha256") != checksum:
        return ["the held-out documents changed since the floors were pinned: re-pin them with "
                "'python -m training pin-floors'"]
    current = floors_from(figures)
    return [f"{name} {current[name]:.4f} is below its floor {floor:.4f}"
            for name, floor in pinned["floors"].items() if current[name] < floor - pinned.get("epsilon", EPSILON)]


def pin_floors(figures: dict, checksum: str, allow_lower: bool = False, path: Path = FLOORS_PATH) -> dict:
    """Pin the current figures as floors; refuses to lower one unless ``allow_lower``."""
    new = {name: round(value - 0.0005, 3) for name, value in floors_from(figures).items()}
    if path.exists() and not allow_lower:
        old = json.loads(path.read_text(encoding="utf-8"))
        lowered = [f"{k} {old['floors'][k]:.3f} -> {v:.3f}" for k, v in new.items()
                   if k in old.get("floors", {}) and v < old["floors"][k]]
        if lowered:
            raise FloorError("pinning would lower floors (" + "; ".join(lowered) + "); pass --allow-lower to accept")
    pinned = {"heldout_sha256": checksum, "epsilon": EPSILON, "floors": new}
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(pinned, indent=2, sort_keys=True) + "\n")
    return pinned
