"""Generated batches for measuring ``scorer batch``: speed, peak memory, and an interrupted rerun.

Articles are built from the corpus's documents, cut at a paragraph break once they reach the
news length of the batch issue (about 30 sentences), and written as plain text, HTML pages and
JSON Lines records, with the bad inputs of the batch issue mixed in.
"""
from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from html import escape
from pathlib import Path

from scorer.io import iter_labelled

from .corpus import all_corpus_files

#: Bad inputs sprinkled into a generated batch: file name and bytes (see the batch issue).
BAD_FILES = {
    "bad/empty.txt": b"",
    "bad/blank.txt": b" \n\t \n",
    "bad/nul.txt": b"text with a \x00 byte",
    "bad/image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "bad/latin1.txt": "Caf\u00e9 prices rose, the owner said.".encode("latin-1"),
    "bad/scripts.html": b"<html><head><script>var a = 1;</script></head><body><script>x()</script></body></html>",
    "bad/broken.jsonl": b'{"id": "broken-1", "text": "Fine."}\nnot json\n{"id": "broken-3"}\n',
}


#: Sentences of a news-length article (the batch issue's speed target is set on "about 30").
NEWS_SENTENCES = 30


#: Sentences per paragraph when a document is all one line (a flattened scrape), so that its
#: HTML page has paragraphs as a real page would, not a title thousands of characters long.
SENTENCES_PER_PARAGRAPH = 3


def _separator(text: str) -> str:
    """The document's paragraph break: a blank line, or a single line break in pages without any."""
    return "\n\n" if "\n\n" in text else "\n"


def _paragraphs(doc) -> list[tuple[str, int]]:
    """The document's non-blank paragraphs, each with the number of gold sentences starting in it.

    A document without line breaks is cut into a headline (its first gold sentence) and
    paragraphs of a few gold sentences each.
    """
    if "\n" not in doc.text.strip():
        starts = [span.start for span in doc.spans]
        starts = starts[:1] + starts[1::SENTENCES_PER_PARAGRAPH] + [len(doc.text)]
        pieces = [(doc.text[a:b].strip(), a, b) for a, b in zip(starts, starts[1:])]
    else:
        separator = _separator(doc.text)
        pieces, start = [], 0
        for paragraph in doc.text.split(separator):
            pieces.append((paragraph, start, start + len(paragraph)))
            start += len(paragraph) + len(separator)
    return [(text, sum(1 for span in doc.spans if a <= span.start < b)) for text, a, b in pieces if text.strip()]


def _news_length(doc, sentences: int) -> tuple[list[str], int]:
    """The document's paragraphs up to the first break at or after ``sentences`` gold sentences.

    Returns:
        The paragraphs kept and the number of gold sentences in them.
    """
    paragraphs, count = [], 0
    for paragraph, n_sentences in _paragraphs(doc):
        paragraphs.append(paragraph)
        count += n_sentences
        if count >= sentences:
            break
    return paragraphs, count


def _articles(n: int, seed: int, sentences: int = NEWS_SENTENCES) -> list[tuple[str, str, int]]:
    """``n`` (id, text, sentence count) articles, repeating the corpus's documents if needed."""
    docs = list(iter_labelled(all_corpus_files()))
    rng = random.Random(seed)
    out = []
    for i in range(n):
        doc = docs[i % len(docs)]
        paragraphs, count = _news_length(doc, sentences)
        if i >= len(docs):  # vary repeated documents so their inputs differ
            body = paragraphs[1:]
            rng.shuffle(body)
            paragraphs[1:] = body
        out.append((f"{doc.doc_id}-{i:05d}", _separator(doc.text).join(paragraphs), count))
    return out


def _html_page(text: str) -> str:
    """A simple news page: the first line is the title and headline, each further line a paragraph."""
    title, *body = [line for line in text.splitlines() if line.strip()]
    return (f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body>"
            "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article>"
            f"<h1>{escape(title)}</h1>" + "".join(f"<p>{escape(p)}</p>" for p in body)
            + "</article><footer>Share this article</footer></body></html>")


def generate_batch(root: Path, n: int, seed: int = 0, bad: bool = True,
                   sentences: int = NEWS_SENTENCES) -> dict[str, int]:
    """Write ``n`` articles (about 70% text, 20% HTML, 10% in a JSONL export) under ``root``.

    Returns:
        How many inputs of each kind were written, and the articles' labelled sentences in all.
    """
    root.mkdir(parents=True, exist_ok=True)
    counts = {"text": 0, "html": 0, "jsonl": 0, "bad": 0, "sentences": 0}
    export = []
    for i, (article_id, text, n_sentences) in enumerate(_articles(n, seed, sentences)):
        counts["sentences"] += n_sentences
        outlet = f"outlet-{i % 5}"
        if i % 10 == 9:
            export.append(json.dumps({"id": article_id, "outlet": outlet, "text": text}))
            counts["jsonl"] += 1
        elif i % 10 in (3, 7):
            folder = root / outlet
            folder.mkdir(exist_ok=True)
            (folder / f"{article_id}.html").write_text(_html_page(text), encoding="utf-8")
            counts["html"] += 1
        else:
            folder = root / outlet
            folder.mkdir(exist_ok=True)
            (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
            counts["text"] += 1
    (root / "export.jsonl").write_text("\n".join(export) + "\n", encoding="utf-8")
    if bad:
        for name, data in BAD_FILES.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        counts["bad"] = len(BAD_FILES) + 1  # broken.jsonl holds two bad lines and a good one
    return counts


def _batch_argv(inputs: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "scorer", "batch", str(inputs), "--out", str(out), "--jobs", str(jobs)]


def run_batch_command(inputs: Path, out: Path, jobs: int, *extra: str) -> dict:
    """Run ``scorer batch`` in a fresh process; returns exit code, wall time and peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run([*_batch_argv(inputs, out, jobs), *extra], capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"exit": result.returncode, "seconds": round(wall, 2), "peak_rss_mb": round(max(peak, before) / 1024, 1),
            "stderr": result.stderr.strip().splitlines()[-1:] if result.stderr else []}


def batch_benchmark(work: Path, sizes: list[int], jobs: list[int], sentences: int = NEWS_SENTENCES) -> list[dict]:
    """Time ``scorer batch`` on generated batches of each size, with each number of workers.

    Peak memory is the largest resident set of any process of the run (ru_maxrss), measured
    in a fresh process per size so that earlier runs do not mask it.
    """
    rows = []
    for size in sizes:
        inputs = work / f"in-{size}-{sentences}"
        shutil.rmtree(inputs, ignore_errors=True)
        counts = generate_batch(inputs, size, bad=False, sentences=sentences)
        for n_jobs in jobs:
            out = work / f"out-{size}-{n_jobs}"
            shutil.rmtree(out, ignore_errors=True)
            measured = _fresh(inputs, out, n_jobs)
            measured.update({"articles": size, "jobs": n_jobs,
                             "sentences_per_article": round(counts["sentences"] / size, 1),
                             "articles_per_s": round(size / measured["seconds"], 1),
                             "sentences_per_s": round(counts["sentences"] / measured["seconds"])})
            rows.append(measured)
    return rows


def _fresh(inputs: Path, out: Path, jobs: int) -> dict:
    """Measure in a child interpreter, so ru_maxrss covers this run only."""
    code = ("import json,sys; from pathlib import Path; from training.batch_bench import run_batch_command; "
            f"print(json.dumps(run_batch_command(Path({str(inputs)!r}), Path({str(out)!r}), {jobs})))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parent.parent)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def interrupted_rerun_check(work: Path, size: int, jobs: int = 2) -> dict:
    """Run a batch cleanly; run it again, kill it half-way, rerun it; compare the two outputs."""
    inputs = work / f"check-{size}"
    shutil.rmtree(inputs, ignore_errors=True)
    counts = generate_batch(inputs, size, bad=True)
    clean, resumed = work / "check-clean", work / "check-resumed"
    for folder in (clean, resumed):
        shutil.rmtree(folder, ignore_errors=True)
    first = run_batch_command(inputs, clean, jobs)
    process = subprocess.Popen(_batch_argv(inputs, resumed, jobs), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    reports = resumed / "reports"
    while process.poll() is None and len(list(reports.glob("*.json")) if reports.exists() else []) < size // 2:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    written_before_kill = len(list(reports.glob("*.json")))
    leftovers = [p.name for p in reports.glob(".*.tmp")]
    rerun = run_batch_command(inputs, resumed, jobs)
    errors = (clean / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    return {
        "generated": counts,
        "clean_run": first,
        "killed_after_reports": written_before_kill,
        "temporary_files_left_by_kill": len(leftovers),
        "rerun": rerun,
        "reports": len(list((clean / "reports").glob("*.json"))),
        "errors_listed": len(errors),
        "identical_outputs": _tree(clean) == _tree(resumed),
    }
