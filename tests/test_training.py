"""Training tools: the authoring format, the corpus, grouped cross-validation and evaluation."""
from __future__ import annotations

import pytest

from scorer.io import read_labelled
from training.authoring import AuthoringError, parse_authored, to_labelled_doc
from training.corpus import HELDOUT_DIR, build_corpus, check_corpus, corpus_files
from training.data import make_training_set, one_sentence_per_paragraph
from training.evaluate import align_predictions
from training.metrics import classification_figures, format_figures
from scorer.types import SentencePrediction

from .conftest import SEED_LABELS

AUTHORED = """=== doc: t-1
style: wire
beat: politics
---
x Senate passes bill

n WASHINGTON (AP) - The bill passed, Majority Leader Ron Kessler said. {source: Majority Leader Ron Kessler | cue: said}
u It now goes to the House.

a The vote could slip, aides said. {source: aides | cue: said}
"""


def test_authored_document_becomes_offsets(tmp_path):
    doc = to_labelled_doc(parse_authored(AUTHORED)[0])
    assert doc["style"] == "wire" and doc["beat"] == "politics"
    text = doc["text"]
    assert [text[s["start"] : s["end"]] for s in doc["spans"]] == [
        "Senate passes bill",
        "WASHINGTON (AP) - The bill passed, Majority Leader Ron Kessler said.",
        "It now goes to the House.",
        "The vote could slip, aides said.",
    ]
    named = doc["spans"][1]
    assert text[named["source_start"] : named["source_end"]] == "Majority Leader Ron Kessler"
    assert text[named["cue_start"] : named["cue_end"]] == "said"


def test_source_is_found_on_whole_words():
    doc = to_labelled_doc(parse_authored(
        "=== doc: t\nstyle: s\nbeat: b\n---\nn When the vote came, he said no. {source: he | cue: said}\n")[0])
    span = doc["spans"][0]
    assert doc["text"][span["source_start"] - 1 : span["source_end"] + 1] == " he "


@pytest.mark.parametrize(
    "text, message",
    [
        ("x Orphan line\n", "before the first"),
        ("=== doc: t\nstyle: s\n---\nq Bad label\n", "expected '<n|a|u|x>"),
        ("=== doc: t\n---\nn He said. {source: she | cue: said}\n", "does not occur"),
        ("=== doc: t\n---\nn He said. {who: he}\n", "bad annotation"),
        ("=== doc: t\n---\n", "has no sentences"),
        ("=== doc: t\nsep: weird\n---\nx Hi\n", "unknown sep"),
    ],
)
def test_authoring_errors_name_the_line(text, message):
    with pytest.raises(AuthoringError, match=message):
        parse_authored(text, "f.txt")


def test_corpus_jsonl_is_built_from_the_authored_files():
    assert build_corpus(check_only=True) == []


def test_corpus_passes_every_check():
    stats = check_corpus(corpus_files() + corpus_files(HELDOUT_DIR))
    assert stats.problems == []
    assert stats.documents >= 150 and stats.sentences >= 5000
    assert set(stats.by_label) == {"named", "anonymous", "unverified", "none"}
    for style, counts in stats.by_style.items():
        assert sum(counts.values()) > 300, style


def test_relayout_keeps_labels_and_ends_headline():
    doc = read_labelled(SEED_LABELS)[0]
    copy = one_sentence_per_paragraph(doc)
    assert [s.label for s in copy.spans] == [s.label for s in doc.spans]
    first = copy.spans[0]
    assert copy.text[first.start : first.end].endswith(".")
    assert all("\n\n" == copy.text[a.end : b.start] for a, b in zip(copy.spans, copy.spans[1:]))


def test_augmented_copies_share_their_document_group():
    docs = read_labelled(SEED_LABELS)
    data = make_training_set(docs, augment=True)
    assert len(data.labels) == 2 * sum(len(d.spans) for d in docs)
    assert set(data.groups) == {d.doc_id for d in docs}
    with pytest.raises(ValueError, match="occurs twice"):
        make_training_set([docs[0], docs[0]])


def test_alignment_takes_the_most_overlapping_sentence():
    doc = read_labelled(SEED_LABELS)[1]
    first, second = doc.spans[0], doc.spans[1]
    merged = SentencePrediction(first.start, first.end + 3, "x", "named", 1.0, {})
    rest = SentencePrediction(first.end + 3, second.end, "y", "anonymous", 1.0, {})
    labels = align_predictions(type(doc)(doc.doc_id, doc.text, (first, second), {}), [merged, rest])
    assert labels == ["named", "anonymous"]


def test_figures_and_their_text():
    figures = classification_figures(["named", "none", "anonymous", "unverified"],
                                     ["named", "none", "named", "unverified"])
    assert figures["accuracy"] == 0.75 and figures["n_spans"] == 4
    assert figures["confusion"]["anonymous"]["named"] == 1
    assert figures["per_label"]["anonymous"]["recall"] == 0.0
    assert figures["sourced_f1"] == 1.0
    assert "macro-F1" in format_figures(figures)
