"""The project's labelled corpus: building JSONL from authored files, checking and counting it."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from scorer.io import atomic_write_text, parse_labelled_line
from scorer.sentences import split_sentences

from .authoring import dumps_jsonl, iter_authored

CORPUS_DIR = Path(__file__).parent / "corpus"
HELDOUT_DIR = Path(__file__).parent / "heldout"
#: Every HELDOUT_EVERY-th document of each authored file (counting from HELDOUT_FIRST) is held
#: out: the default model never trains on it, and the quality gate evaluates it.
HELDOUT_EVERY = 8
HELDOUT_FIRST = 3


def is_heldout(index: int) -> bool:
    """Return whether the document at this position of its authored file is held out."""
    return index % HELDOUT_EVERY == HELDOUT_FIRST


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    """Return the corpus's JSONL files in sorted order."""
    return sorted(directory.glob("*.jsonl"))


def all_corpus_files() -> list[Path]:
    """The training files and the held-out files together."""
    return corpus_files() + corpus_files(HELDOUT_DIR)


def build_corpus(directory: Path = CORPUS_DIR, heldout: Path = HELDOUT_DIR,
                 check_only: bool = False) -> list[Path]:
    """Convert every authored file into ``<file>.jsonl`` for training and for the held-out set.

    Args:
        directory: The corpus folder (holding ``authored/``); training files are written here.
        heldout: Where the held-out documents of each file go (see :func:`is_heldout`).
        check_only: Write nothing; return the JSONL files that are missing or out of date.

    Returns:
        The files written, or with ``check_only`` the files that differ from a fresh build.
    """
    changed = []
    heldout.mkdir(exist_ok=True)
    for path, records in iter_authored(sorted((directory / "authored").glob("*.txt"))):
        parts = {
            directory / (path.stem + ".jsonl"): [r for i, r in enumerate(records) if not is_heldout(i)],
            heldout / (path.stem + ".jsonl"): [r for i, r in enumerate(records) if is_heldout(i)],
        }
        for target, part in parts.items():
            content = dumps_jsonl(part)
            if target.exists() and target.read_text(encoding="utf-8") == content:
                continue
            changed.append(target)
            if not check_only:
                atomic_write_text(target, content)
    return changed


@dataclass
class CorpusStats:
    """Counts over a labelled corpus, with the problems found while checking it."""

    documents: int
    sentences: int
    by_label: Counter
    by_style: dict[str, Counter]
    by_beat: dict[str, Counter]
    problems: list[str]


def check_corpus(paths: list[Path]) -> CorpusStats:
    """Validate labelled JSONL files and count their labels by style and beat.

    Beyond the format checks of :func:`scorer.io.parse_labelled_line` (offsets, labels, no
    overlaps), every non-space character must lie in a span, and every sentence the splitter
    finds must overlap a span.
    """
    by_label: Counter = Counter()
    by_style: dict[str, Counter] = {}
    by_beat: dict[str, Counter] = {}
    problems: list[str] = []
    documents = 0
    seen: set[str] = set()
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            doc = parse_labelled_line(line, where)
            documents += 1
            if doc.doc_id in seen:
                problems.append(f"{where}: duplicate doc_id {doc.doc_id!r}")
            seen.add(doc.doc_id)
            covered = bytearray(len(doc.text))
            for span in doc.spans:
                covered[span.start : span.end] = b"\x01" * (span.end - span.start)
                if doc.text[span.start : span.end] != doc.text[span.start : span.end].strip():
                    problems.append(f"{where}: span {span.start}-{span.end} starts or ends with white space")
            uncovered = [i for i, c in enumerate(doc.text) if not covered[i] and not c.isspace()]
            if uncovered:
                problems.append(f"{where}: text at offset {uncovered[0]} is in no span")
            for sentence in split_sentences(doc.text):
                if not any(covered[sentence.start : sentence.end]):
                    problems.append(f"{where}: sentence at {sentence.start} overlaps no span")
            style, beat = doc.meta.get("style", "?"), doc.meta.get("beat", "?")
            for span in doc.spans:
                by_label[span.label] += 1
                by_style.setdefault(style, Counter())[span.label] += 1
                by_beat.setdefault(beat, Counter())[span.label] += 1
    return CorpusStats(documents, sum(by_label.values()), by_label, by_style, by_beat, problems)
