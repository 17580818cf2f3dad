"""Reading articles and labelled documents, and writing files atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import DataFormatError, InputError
from .types import LABELS, LabelledDoc, Span

STDIN = "-"


def decode_article(data: bytes, name: str) -> str:
    """Decode article bytes as UTF-8 (or UTF-16 with a byte-order mark), refusing empty, binary
    and undecodable input.

    Args:
        data: The raw bytes.
        name: How to name the input in error messages.

    Raises:
        InputError: With a one-line message naming the input and the problem.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{name}: is not valid UTF-16 text") from None
    if not data.strip():
        raise InputError(f"{name}: is empty")
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: is binary, not text (it contains NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: is not UTF-8 text (invalid byte at offset {exc.start})") from None
    if not text.strip():
        raise InputError(f"{name}: is empty")
    return text


def read_article(path: str | Path) -> str:
    """Read one article file as text, exactly as stored (no newline translation)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    return decode_article(data, str(path))


def _validate_span(raw: object, text: str, where: str) -> Span:
    if not isinstance(raw, dict):
        raise DataFormatError(f"{where}: a span must be an object")
    start, end, label = raw.get("start"), raw.get("end"), raw.get("label")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        raise DataFormatError(f"{where}: span start and end must be integers")
    if not 0 <= start < end <= len(text):
        raise DataFormatError(f"{where}: span {start}-{end} lies outside the text (length {len(text)})")
    if label not in LABELS:
        raise DataFormatError(f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
    source, cue = raw.get("source"), raw.get("cue")
    return Span(start, end, label, source if isinstance(source, str) else None, cue if isinstance(cue, str) else None)


def parse_labelled_line(line: str, where: str) -> LabelledDoc:
    """Parse and validate one line of labelled-document JSONL (unknown keys are kept as meta)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DataFormatError(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise DataFormatError(f"{where}: each line must be a JSON object")
    text, spans = record.get("text"), record.get("spans")
    if not isinstance(text, str) or not text.strip():
        raise DataFormatError(f"{where}: missing or empty 'text'")
    if not isinstance(spans, list) or not spans:
        raise DataFormatError(f"{where}: missing or empty 'spans'")
    parsed = sorted((_validate_span(s, text, where) for s in spans), key=lambda s: (s.start, s.end))
    for a, b in zip(parsed, parsed[1:]):
        if b.start < a.end:
            raise DataFormatError(f"{where}: spans {a.start}-{a.end} and {b.start}-{b.end} overlap")
    doc_id = record.get("doc_id")
    meta = {k: v for k, v in record.items() if k not in ("doc_id", "text", "spans") and isinstance(v, str)}
    return LabelledDoc(str(doc_id) if doc_id is not None else where, text, tuple(parsed), meta)


def read_labelled(path: str | Path) -> list[LabelledDoc]:
    """Read a labelled-document JSONL file, validating every line.

    Raises:
        InputError: If the file is missing, a directory, empty or not UTF-8.
        DataFormatError: If a line breaks the format; the message names file and line.
    """
    text = read_article(path)
    docs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            docs.append(parse_labelled_line(line, f"{path}:{number}"))
    if not docs:
        raise InputError(f"{path}: holds no labelled documents")
    return docs


def iter_labelled(paths: list[str | Path]) -> Iterator[LabelledDoc]:
    """Read several labelled JSONL files in the order given."""
    for path in paths:
        yield from read_labelled(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: str | Path, data: bytes, durable: bool = True) -> None:
    """Write bytes to a temporary file beside ``path`` and rename it into place.

    Args:
        path: Where the file ends up.
        data: Its content.
        durable: Flush the file to disk before the rename, so that it survives an operating
            system crash too. Renaming alone already means a killed process never leaves a
            half-written file; callers that check what they find (the batch's resume) skip it.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 would surprise users of the output
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write UTF-8 text atomically and durably (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))
