"""Labelled documents -> sentence contexts, labels and document groups for training."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from scorer.features import build_contexts
from scorer.io import read_labelled
from scorer.types import LabelledDoc, Sentence, SentenceContext


@dataclass(frozen=True)
class TrainingSet:
    """Sentence contexts with their gold labels and the document each comes from."""

    contexts: list[SentenceContext]
    labels: list[str]
    groups: list[str]
    docs: list[LabelledDoc]

    def doc_meta(self, key: str) -> list[str]:
        """Return, for every sentence, its document's metadata value (``"?"`` when missing)."""
        by_doc = {d.doc_id: d.meta.get(key, "?") for d in self.docs}
        return [by_doc[g] for g in self.groups]


def gold_sentences(doc: LabelledDoc) -> list[Sentence]:
    """Return a document's gold spans as sentences."""
    return [Sentence(s.start, s.end, doc.text[s.start : s.end]) for s in doc.spans]


def make_training_set(docs: Sequence[LabelledDoc]) -> TrainingSet:
    """Turn labelled documents into one context per gold span."""
    contexts, labels, groups = [], [], []
    seen: set[str] = set()
    for doc in docs:
        if doc.doc_id in seen:
            raise ValueError(f"document id {doc.doc_id!r} occurs twice in the training data")
        seen.add(doc.doc_id)
        contexts.extend(build_contexts(doc.text, gold_sentences(doc)))
        labels.extend(s.label for s in doc.spans)
        groups.extend(doc.doc_id for _ in doc.spans)
    return TrainingSet(contexts, labels, groups, list(docs))


def load_training_set(paths: Sequence[str | Path]) -> tuple[TrainingSet, str]:
    """Read labelled JSONL files (in sorted order) and return the set and the data's SHA-256."""
    ordered = sorted(str(p) for p in paths)
    digest = hashlib.sha256()
    docs: list[LabelledDoc] = []
    for path in ordered:
        digest.update(Path(path).read_bytes())
        docs.extend(read_labelled(path))
    return make_training_set(docs), digest.hexdigest()
