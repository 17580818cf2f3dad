"""The quality gate: the shipped model, unchanged, on the corpus's held-out documents.

Floors live in models/quality_floors.json with the checksum of the held-out files; they are
raised by 'python -m training pin-floors' and lowered only with its --allow-lower flag.
"""
from __future__ import annotations

import json

import pytest

from training.gate import FLOORS_PATH, FloorError, check_floors, gate_figures, pin_floors


@pytest.fixture(scope="module")
def gate(default_model):
    return gate_figures(default_model)


def test_shipped_model_holds_its_floors(gate):
    figures, checksum = gate
    pinned = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
    assert check_floors(figures, checksum, pinned) == []


def test_gate_fails_on_a_drop_and_on_changed_data(gate):
    figures, checksum = gate
    pinned = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
    raised = {**pinned, "floors": {k: v + 0.1 for k, v in pinned["floors"].items()}}
    assert len(check_floors(figures, checksum, raised)) == len(pinned["floors"])
    assert "changed since the floors were pinned" in check_floors(figures, "0" * 64, pinned)[0]


def test_lowering_a_floor_needs_the_flag(gate, tmp_path):
    figures, checksum = gate
    path = tmp_path / "floors.json"
    pin_floors(figures, checksum, path=path)
    worse = json.loads(json.dumps(figures))
    worse["macro_f1"] -= 0.2
    with pytest.raises(FloorError, match="--allow-lower"):
        pin_floors(worse, checksum, path=path)
    assert pin_floors(worse, checksum, allow_lower=True, path=path)["floors"]["macro_f1"] < figures["macro_f1"] - 0.1
