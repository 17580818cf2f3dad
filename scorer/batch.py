"""Batch scoring of many articles: streamed, parallel, resumable, and safe with bad input.

Inputs are discovered lazily (files, folders, glob patterns, JSON Lines exports, standard
input); workers read, extract, score and write each article's report themselves and return
only a small summary row, so memory stays flat however many articles there are. A report
records the checksums of its input and of the model, so a rerun skips what is already done.
One bad article never stops the batch: it becomes an error row.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputError, ScorerError
from .io import decode_article

#: Endings read as JSON Lines exports: one article per line.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
#: Function words whose share tells English text from other languages (a warning, not an error).
# Distinctly English ones: "in", "a" or "was" are words in other languages too.
ENGLISH_MARKERS = frozenset("the of and to that for with said from this have has are were would".split())
_SLUG = re.compile(r"[^A-Za-z0-9_-]+")
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAG = re.compile(r"<(?:p|div|span|a|body|head|article|section|script|meta|br|h[1-6])\b[^>]*>", re.I)
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0600-\u06FF\u4E00-\u9FFF]+")


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs.

    Args:
        out: Output folder.
        jobs: Parallel workers (1: in this process).
        formats: Report formats per article besides JSON: ``html``, ``markdown``.
        force: Redo articles whose report is already up to date.
        max_bytes: Largest input accepted, in bytes.
        max_sentences: Most sentences accepted in one article.
        backend: ``loky`` (processes on this machine) or ``dask`` (a Dask cluster).
        scheduler: Address of the Dask scheduler, with ``backend="dask"``.
        chunk_size: Articles sent to a worker at once.
        model_dir: Model directory (None: the shipped default model).
    """

    out: Path
    jobs: int = 1
    formats: tuple[str, ...] = ()
    force: bool = False
    max_bytes: int = 10_000_000
    max_sentences: int = 20_000
    backend: str = "loky"
    scheduler: str | None = None
    chunk_size: int = 16
    model_dir: str | None = None


@dataclass(frozen=True)
class Item:
    """One article to score: where it comes from, and its payload when it is not a file."""

    id: str
    origin: str
    group: str
    path: str | None = None
    payload: str | None = None
    kind: str | None = None
    meta: dict = field(default_factory=dict)
    error: str | None = None


@dataclass
class Row:
    """One line of summary.csv: an article's outcome."""

    id: str
    origin: str
    group: str
    named: int = 0
    anonymous: int = 0
    unverified: int = 0
    none: int = 0
    score: float | None = None
    named_sources: int = 0
    anonymous_sources: int = 0
    unverified_claims: int = 0
    warnings: str = ""
    error: str = ""
    skipped: bool = False


# --- discovery ------------------------------------------------------------------------------

def _group_of(path: Path, root: Path) -> str:
    try:
        parent = path.parent.relative_to(root)
    except ValueError:
        parent = path.parent
    return str(parent) if str(parent) != "." else (root.name or ".")


def _jsonl_items(lines: Iterable[str], origin: str, group: str) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(where, where, group, error=f"line is not JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield Item(where, where, group, error="line is not a JSON object")
            continue
        text, html = record.get("text"), record.get("html")
        article_id = str(record.get("id", where))
        meta = {k: v for k, v in record.items() if k not in ("id", "text", "html")
                and isinstance(v, (str, int, float)) and not isinstance(v, bool)}
        outlet = str(record.get("outlet") or group)
        if isinstance(text, str) and text.strip():
            yield Item(article_id, where, outlet, payload=text, kind="text", meta=meta)
        elif isinstance(html, str) and html.strip():
            yield Item(article_id, where, outlet, payload=html, kind="html", meta=meta)
        else:
            yield Item(article_id, where, outlet, error="record has no 'text' or 'html' string")


def _file_items(path: Path, root: Path) -> Iterator[Item]:
    group = _group_of(path, root)
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            with open(path, encoding="utf-8", errors="strict") as handle:
                yield from _jsonl_items(handle, str(path), group)
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            yield Item(str(path), str(path), group, error=f"cannot read JSON Lines file ({reason})")
        return
    try:
        article_id = str(path.relative_to(root)) if root.is_dir() else path.name
    except ValueError:
        article_id = str(path)
    yield Item(article_id, str(path), group, path=str(path))


def discover(inputs: Iterable[str], stdin: Callable[[], str] | None = None) -> Iterator[Item]:
    """Expand inputs into articles, lazily and in a stable order.

    Args:
        inputs: Files, folders (searched recursively), glob patterns, ``-`` for stdin.
        stdin: Reads standard input when ``-`` is given.

    Yields:
        Items in order; a duplicate id or a missing path yields an item carrying an error.
    """
    seen: set[str] = set()

    def unique(items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            if item.id in seen and not item.error:
                yield Item(item.id, item.origin, item.group, error=f"duplicate id {item.id!r}")
                continue
            seen.add(item.id)
            yield item

    for spec in inputs:
        if spec == "-":
            text = stdin() if stdin else sys.stdin.read()
            first = text.lstrip()[:1]
            if first == "{":
                yield from unique(_jsonl_items(text.splitlines(), "<stdin>", "stdin"))
            else:
                yield from unique([Item("stdin", "<stdin>", "stdin", payload=text)])
            continue
        files, error = _expand(spec)
        if error:
            yield Item(spec, spec, ".", error=error)
        for file, root in files:
            yield from unique(_file_items(file, root))


def _expand(spec: str) -> tuple[list[tuple[Path, Path]], str | None]:
    """The files an input names, each with the root its ids are relative to, and any error."""
    path = Path(spec)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        return [(file, path) for file in files], None
    if path.is_file():
        return [(path, path.parent)], None
    if glob.has_magic(spec):
        matches = sorted(glob.glob(spec, recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file()]
        return [(file, file.parent) for file in files], None if matches else "pattern matches no file"
    return [], "no such file or folder"


def count_articles(inputs: Iterable[str]) -> int | None:
    """How many items :func:`discover` will yield, or None when it cannot tell (stdin).

    Cheap next to scoring: it lists the files and counts the lines of JSON Lines exports.
    """
    inputs = list(inputs)
    if "-" in inputs:
        return None
    total = 0
    for spec in inputs:
        files, error = _expand(spec)
        total += bool(error)
        for file, _ in files:
            total += _count_lines(file) if file.suffix.lower() in JSONL_SUFFIXES else 1
    return total


def _count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            count = sum(1 for line in handle if line.strip())
    except OSError:
        return 1
    return max(count, 1)


# --- one article ----------------------------------------------------------------------------

def looks_like_html(text: str) -> bool:
    """Tell HTML from plain text by content: a document start, or several common tags."""
    head = text[:4000]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= 3


_DATE_PARAMS = {"original_date": True, "extensive_search": False}


# Longer than a paragraph or two: as one line, an article whose paragraphs were lost.
_LONGEST_SINGLE_LINE = 500


def _extract_with_fallback(trafilatura, html: str):
    """trafilatura's fast extraction, or its full one when the fast one lost the paragraphs.

    The fast mode skips comparing its result with readability's and jusText's, which halves
    the time per page; when its own extractor misses the article it falls back to a baseline
    that joins all the page's text into one line, so a long single line is extracted again
    in full.
    """
    # Dates from the page's markup only: htmldate's free-text search guesses dates from any
    # year in the body and costs seconds of dateparser start-up in every worker.
    options = {"with_metadata": True, "include_comments": False, "date_extraction_params": _DATE_PARAMS}
    document = trafilatura.bare_extraction(html, fast=True, **options)
    text = getattr(document, "text", None) or ""
    if len(text) > _LONGEST_SINGLE_LINE and "\n" not in text.strip():
        document = trafilatura.bare_extraction(html, **options)
    return document


def extract_html(html: str, name: str) -> tuple[str, dict]:
    """Reduce an HTML page to its main text with trafilatura; returns text and metadata."""
    try:
        import trafilatura
    except ImportError:
        raise InputError(f"{name}: is HTML; install the HTML extra to read it: pip install 'scorer[html]'") from None
    try:
        document = _extract_with_fallback(trafilatura, html)
    except RecursionError:
        raise InputError(f"{name}: HTML is nested too deeply to extract") from None
    except Exception as exc:  # a broken page must not stop the batch; its reason is reported
        raise InputError(f"{name}: HTML extraction failed ({type(exc).__name__}: {exc})") from None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(f"{name}: HTML holds no article text")
    meta = {key: getattr(document, key) for key in ("title", "author", "date")
            if getattr(document, key, None)}
    if meta.get("title") and not text.startswith(meta["title"]):
        text = meta["title"] + "\n\n" + text
    return text, meta


def language_warning(text: str) -> str | None:
    """Warn when a text does not look like English (it is still scored)."""
    words = _WORD.findall(text[:20000].lower())
    if len(words) < 20:
        return None
    share = sum(1 for w in words if w in ENGLISH_MARKERS) / len(words)
    return None if share >= 0.05 else "text does not look like English; labels may be unreliable"


def report_name(article_id: str) -> str:
    """A file name for an article's report: readable, unique, and safe on every system."""
    digest = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:10]
    slug = _SLUG.sub("_", article_id).strip("_-")[-80:] or "article"
    return f"{slug}-{digest}"


_WORKER_MODELS: dict[str | None, object] = {}


def worker_model(model_dir: str | None):
    """The model, loaded once per process (each worker, and the main process of a 1-job batch)."""
    if model_dir not in _WORKER_MODELS:
        from .model import load_model

        _WORKER_MODELS[model_dir] = load_model(model_dir)
    return _WORKER_MODELS[model_dir]


def _read_payload(item: Item, options: BatchOptions) -> bytes:
    if item.path is None:
        data = (item.payload or "").encode("utf-8")
    else:
        try:
            size = os.path.getsize(item.path)
            if size > options.max_bytes:
                raise InputError(f"{item.origin}: is {size:,} bytes, more than the limit of {options.max_bytes:,} "
                                 "(raise it with --max-bytes)")
            with open(item.path, "rb") as handle:
                data = handle.read(options.max_bytes + 1)
        except FileNotFoundError:
            raise InputError(f"{item.origin}: vanished before it could be read") from None
        except PermissionError:
            raise InputError(f"{item.origin}: cannot be read (permission denied)") from None
        except IsADirectoryError:
            raise InputError(f"{item.origin}: is a directory") from None
    if len(data) > options.max_bytes:
        raise InputError(f"{item.origin}: is more than the limit of {options.max_bytes:,} bytes "
                         "(raise it with --max-bytes)")
    return data


@dataclass
class _Prepared:
    """An article read, decoded and extracted, waiting to be scored with its chunk."""

    item: Item
    row: Row
    text: str
    input_sha: str
    base: str
    meta: dict
    extracted: bool
    warning: str | None


_POSSIBLE_END = re.compile(r"[.!?\n\r]")


_FORMAT_SUFFIXES = {"html": ".html", "markdown": ".md"}


def _previous_row(base: str, input_sha: str, options: BatchOptions, model) -> Row | None:
    """The row of an earlier run's report that is still good for this input and model, or None.

    A report counts only when it parses, names the same input and model checksums and the
    formats asked for, and its companion files (extracted text, HTML, Markdown) have the sizes
    it recorded; anything else (a crash, an edit, a missing file) means the article is redone.
    """
    try:
        previous = json.loads(Path(base + ".json").read_text(encoding="utf-8"))["batch"]
        if (previous["input_sha256"] != input_sha or previous["model_sha256"] != model.sha256
                or not set(options.formats) <= set(previous["formats"])):
            return None
        companions = previous["companions"]
        wanted = [_FORMAT_SUFFIXES[f] for f in options.formats] + ([".txt"] if previous["extracted_text"] else [])
        if any(suffix not in companions for suffix in wanted):
            return None
        for suffix, size in companions.items():
            if os.path.getsize(base + suffix) != size:
                return None
        done = Row(**previous["row"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    done.skipped = True
    return done


def _prepare(item: Item, options: BatchOptions, model) -> _Prepared | Row:
    """Read, check and extract one article; returns a finished Row when there is nothing to score."""
    row = Row(item.id, item.origin, item.group)
    data = _read_payload(item, options)
    input_sha = hashlib.sha256(data).hexdigest()
    base = str(Path(options.out) / "reports" / report_name(item.id))
    if not options.force:
        done = _previous_row(base, input_sha, options, model)
        if done is not None:
            return done
    text = decode_article(data, item.origin)
    meta = dict(item.meta)
    extracted = item.kind == "html" or (item.kind is None and looks_like_html(text))
    if extracted:
        text, page_meta = extract_html(text, item.origin)
        meta.update(page_meta)
    # Every sentence ends at one of these marks or a line break, so their count bounds the
    # sentence count cheaply; only a text near the limit is split to check it.
    if len(_POSSIBLE_END.findall(text)) + 1 > options.max_sentences:
        from .sentences import split_sentences

        n_sentences = len(split_sentences(text))
        if n_sentences > options.max_sentences:
            raise InputError(f"{item.origin}: has {n_sentences:,} sentences, more than the limit of "
                             f"{options.max_sentences:,} (raise it with --max-sentences)")
    return _Prepared(item, row, text, input_sha, base, meta, extracted, language_warning(text))


def _write(prepared: _Prepared, report, options: BatchOptions, model) -> Row:
    """Fill the summary row and write the article's report files atomically."""
    from .analysis import corroboration
    from .io import atomic_write_bytes
    from .report import RENDERERS, report_to_dict

    row = prepared.row
    row.named, row.anonymous = report.counts["named"], report.counts["anonymous"]
    row.unverified, row.none = report.counts["unverified"], report.counts["none"]
    row.score = report.score
    support = corroboration(report)
    row.named_sources, row.anonymous_sources = support["named_sources"], support["anonymous_sources"]
    row.unverified_claims = report.counts["unverified"]
    row.warnings = prepared.warning or ""
    base = prepared.base
    Path(base).parent.mkdir(parents=True, exist_ok=True)
    companions = {}
    if prepared.extracted:
        companions[".txt"] = prepared.text
    for fmt in options.formats:
        companions[_FORMAT_SUFFIXES[fmt]] = RENDERERS[fmt](report)
    sizes = {}
    # Not flushed to disk one by one (that doubles a batch's time): the report is renamed into
    # place last and records its companions' sizes, and a rerun redoes any article whose
    # files do not match after a system crash (see _previous_row).
    for suffix, text in companions.items():
        data = text.encode("utf-8")
        atomic_write_bytes(Path(base + suffix), data, durable=False)
        sizes[suffix] = len(data)
    document = report_to_dict(report)
    item = prepared.item
    document["batch"] = {
        "id": item.id, "origin": item.origin, "group": item.group, "meta": prepared.meta,
        "input_sha256": prepared.input_sha, "model_sha256": model.sha256, "extracted_text": prepared.extracted,
        "warnings": [prepared.warning] if prepared.warning else [], "formats": sorted(options.formats),
        "row": asdict(row), "companions": sizes,
    }
    # Compact JSON: the C encoder is several times faster than the indented one.
    report_bytes = (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    atomic_write_bytes(Path(base + ".json"), report_bytes, durable=False)
    return row


def _failure(item: Item, exc: BaseException) -> Row:
    row = Row(item.id, item.origin, item.group)
    row.error = str(exc) if isinstance(exc, ScorerError) else f"{item.origin}: {type(exc).__name__}: {exc}"
    return row


# What one bad article may raise; it becomes that article's error row, never the batch's end.
_ARTICLE_ERRORS = (ScorerError, OSError, UnicodeError, ValueError, MemoryError, RecursionError)


def process_chunk(items: list[Item], options: BatchOptions) -> list[Row]:
    """Process a chunk of articles: read each, score them together in one call, write each.

    Runs joblib sequentially inside, whatever the outer backend: in a Dask task the active
    backend is still Dask, and scikit-learn's own Parallel calls would send work back to the
    cluster (the nested-parallelism trap).
    """
    from joblib import parallel_config

    from .scoring import score_articles

    model = worker_model(options.model_dir)
    rows: list[Row | None] = [None] * len(items)
    ready: list[tuple[int, _Prepared]] = []
    with parallel_config(backend="sequential"):
        for index, item in enumerate(items):
            if item.error:
                rows[index] = Row(item.id, item.origin, item.group, error=item.error)
                continue
            try:
                prepared = _prepare(item, options, model)
            except _ARTICLE_ERRORS as exc:
                rows[index] = _failure(item, exc)
                continue
            if isinstance(prepared, Row):
                rows[index] = prepared
            else:
                ready.append((index, prepared))
        reports = score_articles([(p.item.id, p.text) for _, p in ready], model) if ready else []
        for (index, prepared), report in zip(ready, reports):
            try:
                rows[index] = _write(prepared, report, options, model)
            except _ARTICLE_ERRORS as exc:
                rows[index] = _failure(prepared.item, exc)
    return rows


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class BatchResult:
    """What a batch did: one row per article, in id order."""

    rows: list[Row]

    @property
    def failed(self) -> list[Row]:
        """Rows of articles that could not be scored."""
        return [r for r in self.rows if r.error]


def run_batch(items: Iterable[Item], options: BatchOptions,
              progress: Callable[[Row], None] = lambda row: None) -> BatchResult:
    """Score every item and write the per-article reports and the batch summaries.

    Args:
        items: Articles, typically from :func:`discover` (consumed lazily).
        options: How to run.
        progress: Called with each article's row as it completes.

    Returns:
        The rows of every article, sorted by id.
    """
    out = Path(options.out)
    (out / "reports").mkdir(parents=True, exist_ok=True)
    for stale in out.rglob(".*.tmp"):  # left by a run that was killed mid-write
        stale.unlink(missing_ok=True)
    rows: list[Row] = []
    chunks = _chunks(items, options.chunk_size)
    if options.backend == "dask":
        results = _run_dask(chunks, options)
    elif options.jobs == 1:
        results = (process_chunk(chunk, options) for chunk in chunks)
    else:
        from joblib import Parallel, delayed

        results = Parallel(n_jobs=options.jobs, backend="loky", return_as="generator", pre_dispatch="2*n_jobs")(
            delayed(process_chunk)(chunk, options) for chunk in chunks
        )
    for chunk_rows in results:
        for row in chunk_rows:
            rows.append(row)
            progress(row)
    rows.sort(key=lambda r: (r.id, r.origin))
    from .batch_report import write_summaries

    write_summaries(out, rows)
    return BatchResult(rows)


def _run_dask(chunks: Iterator[list[Item]], options: BatchOptions):
    if not options.scheduler:
        raise InputError("--backend dask needs --scheduler ADDRESS (a running Dask scheduler)")
    try:
        from dask.distributed import Client
    except ImportError:
        raise InputError("the Dask backend needs the dask extra: pip install 'scorer[dask]'") from None
    from joblib import Parallel, delayed, parallel_config

    # joblib's Dask backend finds the client opened here.
    with Client(options.scheduler, timeout="30s"), parallel_config(backend="dask"):
        yield from Parallel(n_jobs=-1, return_as="generator")(
            delayed(process_chunk)(chunk, options) for chunk in chunks
        )
