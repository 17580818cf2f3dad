"""Shared fixtures: paths to the seeds and the shipped default model, loaded once."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_8a9ec97805bb31d5.txt"
SEED_003 = SEEDS / "003_46fb9981fc4a7e15.txt"
SEED_LABELS = SEEDS / "seeds.jsonl"


def read_text(path: Path) -> str:
    """Read a file exactly as stored (no newline translation)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.fixture(scope="session")
def default_model():
    from scorer.model import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_000_text() -> str:
    return read_text(SEED_000)
