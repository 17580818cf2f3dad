"""The ``scorer`` command: a thin client of the library.

Each command parses its options, calls one library function and renders what it returns.
Heavy modules (scikit-learn, nltk) are imported inside the commands, so ``scorer --help``
starts instantly.
"""
from __future__ import annotations

import json
import sys

import click

from . import __version__

FORMAT_CHOICES = ("text", "json", "jsonl", "markdown", "html")


class BadInput(click.ClickException):
    """A bad input or model: one line on stderr, exit code 1."""

    exit_code = 1


def _read_inputs(inputs: tuple[str, ...]) -> list[tuple[str, str]]:
    from .io import STDIN, decode_article, read_article

    texts = []
    for name in inputs:
        if name == STDIN:
            with click.open_file("-", "rb") as stdin:
                texts.append(("-", decode_article(stdin.read(), "<stdin>")))
        else:
            texts.append((name, read_article(name)))
    return texts


def _write_output(output: str, text: str) -> None:
    if output == "-":
        click.echo(text, nl=False)
        return
    from pathlib import Path

    from .io import atomic_write_text

    target = Path(output)
    if target.is_dir():
        raise BadInput(f"{output}: is a directory; give a file name for -o")
    if not target.parent.exists():
        raise BadInput(f"{output}: folder {target.parent} does not exist")
    atomic_write_text(target, text)


def _library_errors():
    """Turn the library's own errors into one-line click errors (exit 1)."""
    from contextlib import contextmanager

    @contextmanager
    def guard():
        from .errors import ScorerError

        try:
            yield
        except ScorerError as exc:
            raise BadInput(str(exc)) from None
        except OSError as exc:
            raise BadInput(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")) from None

    return guard()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scorer")
def cli() -> None:
    """Label each sentence of news articles by its sourcing: named, anonymous, unverified or none."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--model", "model_dir", envvar="SCORER_MODEL", metavar="DIR",
              help="Model directory (default: the model shipped with scorer).")
@click.option("--format", "output_format", type=click.Choice(FORMAT_CHOICES, case_sensitive=False),
              default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", default="-", metavar="PATH", show_default=True,
              help="Write to this file instead of standard output ('-').")
def score(inputs: tuple[str, ...], model_dir: str | None, output_format: str, output: str) -> None:
    """Score article files (or '-' for standard input) and print their sourcing reports."""
    from .model import load_model
    from .report import RENDERERS, report_to_dict
    from .scoring import score_articles

    with _library_errors():
        texts = _read_inputs(inputs)
        model = load_model(model_dir)
        reports = score_articles(texts, model)
        output_format = output_format.lower()
        if output_format == "html" and len(reports) > 1:
            raise click.UsageError("--format html takes one input (one page per article)")
        if output_format == "json" and len(reports) > 1:
            rendered = json.dumps([report_to_dict(r) for r in reports], ensure_ascii=False, indent=2) + "\n"
        else:
            rendered = "".join(RENDERERS[output_format](r) for r in reports)
        _write_output(output, rendered)


@cli.command()
@click.argument("data", nargs=-1, required=True, metavar="DATA.jsonl...")
@click.option("--out", required=True, metavar="DIR", help="Directory to write model.joblib and card.json to.")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
def train(data: tuple[str, ...], out: str, seed: int) -> None:
    """Train a model from labelled-document JSONL files, with grouped cross-validation."""
    from training.metrics import format_figures
    from training.train import train_model

    with _library_errors():
        try:
            card = train_model(list(data), out, seed=seed)
        except ValueError as exc:
            raise BadInput(str(exc)) from None
    cv = card["cross_validation"]
    click.echo(f"trained on {card['n_documents']} documents, {card['n_sentences']} sentences")
    click.echo(format_figures(cv, f"cross-validation ({cv['scheme']}):"), nl=False)
    click.echo(f"model written to {out} (sha256 {card['model_sha256'][:12]})")


@cli.command()
@click.argument("data", nargs=-1, required=True, metavar="DATA.jsonl...")
@click.option("--model", "model_dir", envvar="SCORER_MODEL", metavar="DIR",
              help="Model directory (default: the model shipped with scorer).")
@click.option("--format", "output_format", type=click.Choice(("text", "json"), case_sensitive=False),
              default="text", show_default=True, help="Output format.")
def evaluate(data: tuple[str, ...], model_dir: str | None, output_format: str) -> None:
    """Compare a model's labels with the gold spans of labelled-document JSONL files."""
    from training.evaluate import evaluate_files
    from training.metrics import format_figures

    from .model import load_model

    with _library_errors():
        model = load_model(model_dir)
        figures = evaluate_files(list(data), model)
    if output_format.lower() == "json":
        click.echo(json.dumps(figures, indent=2, sort_keys=True))
    else:
        title = f"{figures['n_documents']} documents, model {model.name} {model.version}"
        click.echo(format_figures(figures, title), nl=False)


class SomeFailed(click.ClickException):
    """Exit code 3: the batch ran, but some articles could not be scored."""

    exit_code = 3


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", required=True, metavar="DIR", help="Output folder (reports/, index.html, summary.csv...).")
@click.option("--model", "model_dir", envvar="SCORER_MODEL", metavar="DIR",
              help="Model directory (default: the model shipped with scorer).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Parallel workers [default: all cores].")
@click.option("--format", "formats", multiple=True, type=click.Choice(("html", "markdown")),
              help="Also write each report in this format (repeatable); JSON is always written.")
@click.option("--force", is_flag=True, help="Redo articles whose report is already up to date.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=10_000_000, show_default=True,
              help="Largest input file or record accepted.")
@click.option("--max-sentences", type=click.IntRange(min=1), default=20_000, show_default=True,
              help="Most sentences accepted in one article.")
@click.option("--backend", type=click.Choice(("loky", "dask")), default="loky", show_default=True,
              help="Run on this machine's cores (loky) or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address, with --backend dask.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles sent to a worker at once.")
def batch(inputs, out, model_dir, jobs, formats, force, max_bytes, max_sentences, backend, scheduler,
          chunk_size) -> None:
    """Score files, folders, glob patterns, JSON Lines exports or '-' into a report folder.

    Resumable: an article whose report exists for the same input and model is skipped.
    Exit code 0 when every article was scored, 3 when some failed (see errors.jsonl).
    """
    import os
    from pathlib import Path

    from .batch import BatchOptions, discover, run_batch

    if backend == "dask" and not scheduler:
        raise click.UsageError("--backend dask needs --scheduler ADDRESS")
    options = BatchOptions(
        out=Path(out), jobs=jobs or os.cpu_count() or 1, formats=tuple(dict.fromkeys(formats)), force=force,
        max_bytes=max_bytes, max_sentences=max_sentences, backend=backend, scheduler=scheduler,
        chunk_size=chunk_size, model_dir=model_dir,
    )
    with _library_errors():
        # A bad model is one error for the whole batch, found before any work. A one-worker
        # batch reuses the model loaded here; parallel workers load their own, so the main
        # process only checks it (without the second or so that importing scikit-learn takes).
        if options.jobs == 1 and backend == "loky":
            from .batch import worker_model

            worker_model(model_dir)
        else:
            from .model import check_model

            check_model(model_dir)
        items = discover(inputs, stdin=_read_stdin_text)
        result = run_batch(items, options, progress=_progress_reporter(inputs))
    scored = len(result.rows) - len(result.failed)
    skipped = sum(1 for r in result.rows if r.skipped)
    click.echo(f"{scored} scored ({skipped} already up to date), {len(result.failed)} failed; "
               f"summary in {Path(out) / 'index.html'}", err=True)
    if result.failed:
        raise SomeFailed(f"{len(result.failed)} articles failed; see {Path(out) / 'errors.jsonl'}")


def _read_stdin_text() -> str:
    with click.open_file("-", "r", encoding="utf-8") as stdin:
        return stdin.read()


def _progress_reporter(inputs):
    """A progress line on stderr (articles done, rate, time left) when stderr is a terminal."""
    import time

    stream = sys.stderr
    if not stream.isatty():
        return lambda row: None
    from .batch import count_articles

    total = count_articles(inputs)
    started = time.monotonic()
    done = [0]

    def report(row) -> None:
        done[0] += 1
        elapsed = max(time.monotonic() - started, 1e-6)
        rate = done[0] / elapsed
        line = f"\r{done[0]:,}" + (f"/{total:,}" if total else "") + f" articles, {rate:.1f}/s"
        if total and total >= done[0]:
            line += f", {_duration((total - done[0]) / rate)} left"
        stream.write(f"{line}   ")
        stream.flush()

    return report


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m" if seconds >= 3600 else f"{seconds // 60}m{seconds % 60:02d}s"


def main() -> None:
    """Entry point used by ``python -m scorer``."""
    cli(prog_name="scorer")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
