"""Convert the line-per-sentence authoring format into labelled-document JSONL.

Hand-labelled corpus documents are written one sentence per line, which is far easier to
review and edit than character offsets. Offsets are computed here, so they cannot drift.

Format (see ``training/corpus/README.md``)::

    === doc: wire-politics-001
    style: wire
    beat: politics
    sep: blank
    ---
    x Senate passes stopgap bill
    n WASHINGTON (AP) - The Senate passed the bill, Majority Leader John Thune said. {source: Majority Leader John Thune | cue: said}
    u The bill now goes to the House.

Each sentence line starts with a label code (``n`` named, ``a`` anonymous, ``u`` unverified,
``x`` none) and a space. Consecutive lines form one paragraph, joined by a single space; a
blank line ends the paragraph. ``sep`` chooses how paragraphs are joined: ``blank`` (an empty
line), ``line`` (a line break) or ``merged`` (a space, as in scraped text whose paragraphs ran
together). An optional trailing ``{source: ... | cue: ...}`` names the source and the
attributing words; both must occur verbatim in the sentence.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

LABEL_CODES = {"n": "named", "a": "anonymous", "u": "unverified", "x": "none"}
PARAGRAPH_SEPARATORS = {"blank": "\n\n", "line": "\n", "merged": " "}
_META = re.compile(r"\s*\{([^{}]*)\}\s*$")


class AuthoringError(ValueError):
    """A line of an authored corpus file breaks the format."""


@dataclass
class _Sentence:
    label: str
    text: str
    source: str | None = None
    cue: str | None = None


@dataclass
class _Doc:
    doc_id: str
    meta: dict[str, str] = field(default_factory=dict)
    paragraphs: list[list[_Sentence]] = field(default_factory=list)


def _parse_sentence(line: str, where: str) -> _Sentence:
    code, _, rest = line.partition(" ")
    if code not in LABEL_CODES or not rest.strip():
        raise AuthoringError(f"{where}: expected '<n|a|u|x> <sentence>', got {line[:60]!r}")
    sentence = _Sentence(LABEL_CODES[code], rest.strip())
    match = _META.search(rest)
    if match:
        sentence.text = rest[: match.start()].strip()
        for part in match.group(1).split("|"):
            key, sep, value = part.partition(":")
            key, value = key.strip(), value.strip()
            if not sep or key not in ("source", "cue") or not value:
                raise AuthoringError(f"{where}: bad annotation {part.strip()!r}")
            if value not in sentence.text:
                raise AuthoringError(f"{where}: {key} {value!r} does not occur in the sentence")
            setattr(sentence, key, value)
    if not sentence.text:
        raise AuthoringError(f"{where}: empty sentence")
    if re.search(r"\{\s*(?:source|cue)\s*:", sentence.text):
        raise AuthoringError(f"{where}: an annotation must end its line (one sentence a line)")
    return sentence


def parse_authored(text: str, name: str = "<text>") -> list[_Doc]:
    """Parse an authored file into documents; raises AuthoringError naming the line."""
    docs: list[_Doc] = []
    doc: _Doc | None = None
    in_header = False
    paragraph: list[_Sentence] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        where = f"{name}:{number}"
        line = raw.rstrip()
        if line.startswith("=== doc:"):
            if doc is not None and paragraph:
                doc.paragraphs.append(paragraph)
            paragraph = []
            doc = _Doc(line.split(":", 1)[1].strip())
            if not doc.doc_id:
                raise AuthoringError(f"{where}: document without an id")
            docs.append(doc)
            in_header = True
            continue
        if doc is None:
            if line and not line.startswith("#"):
                raise AuthoringError(f"{where}: text before the first '=== doc:' line")
            continue
        if in_header:
            if line == "---":
                in_header = False
            elif line:
                key, sep, value = line.partition(":")
                if not sep:
                    raise AuthoringError(f"{where}: expected 'key: value' or '---' in the header")
                doc.meta[key.strip()] = value.strip()
            continue
        if not line.strip():
            if paragraph:
                doc.paragraphs.append(paragraph)
            paragraph = []
            continue
        paragraph.append(_parse_sentence(line, where))
    if doc is not None and paragraph:
        doc.paragraphs.append(paragraph)
    for doc in docs:
        if not doc.paragraphs:
            raise AuthoringError(f"{name}: document {doc.doc_id!r} has no sentences")
        sep = doc.meta.get("sep", "blank")
        if sep not in PARAGRAPH_SEPARATORS:
            raise AuthoringError(f"{name}: document {doc.doc_id!r} has unknown sep {sep!r}")
    return docs


def locate_phrase(sentence: str, needle: str, near: int | None = None) -> tuple[int, int]:
    """Find a phrase in a sentence on whole words (the occurrence nearest ``near`` if given)."""
    # Whole words only, so that a source "he" is never found inside "the" or "when".
    pattern = (r"(?<!\w)" if needle[:1].isalnum() else "") + re.escape(needle) + (r"(?!\w)" if needle[-1:].isalnum() else "")
    starts = [m.start() for m in re.finditer(pattern, sentence)] or [sentence.index(needle)]
    best = starts[0] if near is None else min(starts, key=lambda s: abs(s - near))
    return best, best + len(needle)


def to_labelled_doc(doc: _Doc) -> dict:
    """Join a parsed document into text and spans with character offsets."""
    sep = PARAGRAPH_SEPARATORS[doc.meta.get("sep", "blank")]
    parts: list[str] = []
    spans: list[dict] = []
    cursor = 0
    for p_index, paragraph in enumerate(doc.paragraphs):
        if p_index:
            parts.append(sep)
            cursor += len(sep)
        for s_index, sentence in enumerate(paragraph):
            if s_index:
                parts.append(" ")
                cursor += 1
            span: dict = {"start": cursor, "end": cursor + len(sentence.text), "label": sentence.label}
            if sentence.source:
                span["source"] = sentence.source
                s, e = locate_phrase(sentence.text, sentence.source)
                span["source_start"], span["source_end"] = cursor + s, cursor + e
            if sentence.cue:
                span["cue"] = sentence.cue
                s, e = locate_phrase(sentence.text, sentence.cue, span.get("source_start", cursor) - cursor)
                span["cue_start"], span["cue_end"] = cursor + s, cursor + e
            spans.append(span)
            parts.append(sentence.text)
            cursor += len(sentence.text)
    record = {"doc_id": doc.doc_id, "text": "".join(parts), "spans": spans}
    record.update({k: v for k, v in sorted(doc.meta.items()) if k != "sep"})
    return record


def convert_file(path: Path) -> list[dict]:
    """Read one authored file and return its labelled documents."""
    return [to_labelled_doc(d) for d in parse_authored(path.read_text(encoding="utf-8"), str(path))]


def iter_authored(paths: list[Path]) -> Iterator[tuple[Path, list[dict]]]:
    """Convert every authored file, checking that document ids are unique across them."""
    seen: dict[str, Path] = {}
    for path in sorted(paths):
        records = convert_file(path)
        for record in records:
            if record["doc_id"] in seen:
                raise AuthoringError(f"{path}: doc id {record['doc_id']!r} also in {seen[record['doc_id']]}")
            seen[record["doc_id"]] = path
        yield path, records


def dumps_jsonl(records: list[dict]) -> str:
    """Serialise records as deterministic JSONL."""
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def main(argv: list[str]) -> int:
    """Check authored files and print label counts; with --write, write JSONL beside the corpus."""
    write = "--write" in argv
    paths = [Path(a) for a in argv if a != "--write"]
    try:
        for path, records in iter_authored(paths):
            counts: dict[str, int] = {}
            for r in records:
                for s in r["spans"]:
                    counts[s["label"]] = counts.get(s["label"], 0) + 1
            total = sum(counts.values())
            mix = ", ".join(f"{k} {v} ({v / total:.0%})" for k, v in sorted(counts.items()))
            print(f"{path}: {len(records)} docs, {total} sentences: {mix}")
            if write:
                out = path.parent.parent / (path.stem + ".jsonl")
                out.write_text(dumps_jsonl(records), encoding="utf-8")
    except (AuthoringError, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
