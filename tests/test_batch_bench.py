"""The generated batches behind the batch benchmark and the interrupted-rerun check."""
from __future__ import annotations

import json

from training.batch_bench import BAD_FILES, generate_batch, interrupted_rerun_check


def test_generated_batch_mixes_text_html_jsonl_and_bad_inputs(tmp_path):
    counts = generate_batch(tmp_path / "in", 40, bad=True)
    assert {k: v for k, v in counts.items() if k != "sentences"} == {"text": 28, "html": 8, "jsonl": 4, "bad": len(BAD_FILES) + 1}
    assert 30 <= counts["sentences"] / 40 < 40  # news length: cut at the first paragraph break after 30
    assert len(list((tmp_path / "in").rglob("*.html"))) == 8 + 1  # one bad page holds only scripts
    assert len((tmp_path / "in" / "export.jsonl").read_text().splitlines()) == 4


def test_killed_batch_resumes_to_identical_outputs(tmp_path):
    result = interrupted_rerun_check(tmp_path, 30, jobs=1)
    assert result["identical_outputs"]
    assert result["clean_run"]["exit"] == 3 and result["rerun"]["exit"] == 3
    assert result["reports"] == 31 and result["errors_listed"] == 8
    errors = [json.loads(line) for line in (tmp_path / "check-clean" / "errors.jsonl").read_text().splitlines()]
    assert {e["id"].split("/")[-1] for e in errors} >= {"empty.txt", "blank.txt", "nul.txt", "image.png"}


def _doc(sentences: list[str], joiner: str, label: str):
    """A labelled document of ``sentences`` joined by ``joiner``, one gold span each."""
    from scorer.types import LabelledDoc, Span

    spans, start = [], 0
    for sentence in sentences:
        spans.append(Span(start, start + len(sentence), label))
        start += len(sentence) + len(joiner)
    return LabelledDoc("d", joiner.join(sentences), tuple(spans))


def test_pages_without_blank_lines_are_cut_at_line_breaks_and_keep_their_paragraphs():
    from training.batch_bench import _html_page, _news_length

    lines = ["Headline"] + [f"Paragraph {i} says the mayor spoke." for i in range(1, 6)]
    paragraphs, count = _news_length(_doc(lines, "\n", "none"), 3)
    assert paragraphs == lines[:3] and count == 3
    page = _html_page("\n".join(paragraphs))
    assert "<title>Headline</title>" in page and page.count("<p>") == 2


def test_documents_on_one_line_become_pages_with_a_headline_and_paragraphs():
    from training.batch_bench import _html_page, _news_length

    sentences = ["Mayor quits."] + [f"Sentence {i} is here." for i in range(1, 8)]
    paragraphs, count = _news_length(_doc(sentences, " ", "unverified"), 30)
    assert paragraphs == ["Mayor quits.", " ".join(sentences[1:4]), " ".join(sentences[4:7]), sentences[7]]
    assert count == 8
    page = _html_page("\n".join(paragraphs))
    assert "<title>Mayor quits.</title>" in page and page.count("<p>") == 3
