"""Labelled documents -> sentence contexts, labels and document groups for training."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from scorer.features import build_contexts
from scorer.io import read_labelled
from scorer.types import LabelledDoc, Sentence, SentenceContext, Span


_TERMINAL = re.compile(r"[.!?][\"'\u201d\u2019)]*$")


@dataclass(frozen=True)
class TrainingSet:
    """Sentence contexts with their gold labels and the document each comes from.

    ``augmented`` marks sentences of re-laid-out copies of documents: they are trained on but
    never scored, and they share their original's group so that no fold sees both.
    """

    contexts: list[SentenceContext]
    labels: list[str]
    groups: list[str]
    docs: list[LabelledDoc]
    augmented: list[bool]


def gold_sentences(doc: LabelledDoc) -> list[Sentence]:
    """Return a document's gold spans as sentences."""
    return [Sentence(s.start, s.end, doc.text[s.start : s.end]) for s in doc.spans]


def one_sentence_per_paragraph(doc: LabelledDoc) -> LabelledDoc:
    """Lay a document out again with every sentence its own paragraph.

    Much published news has one-sentence paragraphs, and exports often end the headline with a
    full stop; a copy in that layout keeps the model from reading labels off the layout.
    """
    pieces, spans, cursor = [], [], 0
    for index, span in enumerate(doc.spans):
        text = doc.text[span.start : span.end]
        if index == 0 and span.label == "none" and not _TERMINAL.search(text):
            text += "."
        if index:
            pieces.append("\n\n")
            cursor += 2
        spans.append(Span(cursor, cursor + len(text), span.label, span.source, span.cue))
        pieces.append(text)
        cursor += len(text)
    return LabelledDoc(doc.doc_id, "".join(pieces), tuple(spans), doc.meta)


def make_training_set(docs: Sequence[LabelledDoc], augment: bool = False) -> TrainingSet:
    """Turn labelled documents into one context per gold span.

    Args:
        docs: Labelled documents with unique ids.
        augment: Also add each document laid out one sentence per paragraph.
    """
    contexts, labels, groups, augmented = [], [], [], []
    seen: set[str] = set()
    for doc in docs:
        if doc.doc_id in seen:
            raise ValueError(f"document id {doc.doc_id!r} occurs twice in the training data")
        seen.add(doc.doc_id)
        variants = [(doc, False)]
        if augment:
            variants.append((one_sentence_per_paragraph(doc), True))
        for variant, is_copy in variants:
            contexts.extend(build_contexts(variant.text, gold_sentences(variant)))
            labels.extend(s.label for s in variant.spans)
            groups.extend(doc.doc_id for _ in variant.spans)
            augmented.extend(is_copy for _ in variant.spans)
    return TrainingSet(contexts, labels, groups, list(docs), augmented)


def training_data_sha256(paths: Sequence[str | Path]) -> str:
    """SHA-256 of labelled JSONL files read in sorted order (the card's training_data_sha256)."""
    digest = hashlib.sha256()
    for path in sorted(str(p) for p in paths):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def load_training_set(paths: Sequence[str | Path], augment: bool = False) -> tuple[TrainingSet, str]:
    """Read labelled JSONL files (in sorted order) and return the set and the data's SHA-256."""
    docs: list[LabelledDoc] = []
    for path in sorted(str(p) for p in paths):
        docs.extend(read_labelled(path))
    return make_training_set(docs, augment), training_data_sha256(paths)
