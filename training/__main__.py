"""``python -m training``: build and check the corpus, write the evaluation report."""
from __future__ import annotations

import sys

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Corpus and evaluation tools of the scorer project."""


@main.command("build-corpus")
@click.option("--check", is_flag=True, help="Write nothing; fail if a JSONL file is out of date.")
def build_corpus_command(check: bool) -> None:
    """Convert training/corpus/authored/*.txt into training/corpus/*.jsonl."""
    from .authoring import AuthoringError
    from .corpus import build_corpus

    try:
        changed = build_corpus(check_only=check)
    except AuthoringError as exc:
        raise click.ClickException(str(exc)) from None
    for path in changed:
        click.echo(f"{'out of date' if check else 'wrote'}: {path}")
    if check and changed:
        raise click.ClickException("corpus JSONL is out of date: run 'python -m training build-corpus'")


@main.command("stats")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def stats_command(paths: tuple[str, ...]) -> None:
    """Check corpus files (default: training/corpus/*.jsonl) and count labels by style and beat."""
    from pathlib import Path

    from scorer.errors import ScorerError
    from scorer.types import LABELS

    from .corpus import all_corpus_files, check_corpus

    files = [Path(p) for p in paths] or all_corpus_files()
    try:
        stats = check_corpus(files)
    except ScorerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{stats.documents} documents, {stats.sentences} sentences")
    header = f"{'':<16}" + "".join(f"{label:>12}" for label in LABELS) + f"{'total':>8}"
    for title, table in (("label", {"all": stats.by_label}), ("style", stats.by_style), ("beat", stats.by_beat)):
        click.echo(f"\nby {title}:\n{header}")
        for key in sorted(table):
            row = table[key]
            total = sum(row.values())
            cells = "".join(f"{row[label]:>6} {row[label] / total:>4.0%}" for label in LABELS)
            click.echo(f"{key:<16}{cells}{total:>8}")
    for problem in stats.problems:
        click.echo(f"problem: {problem}", err=True)
    if stats.problems:
        raise click.ClickException(f"{len(stats.problems)} problems found")


@main.command("report")
@click.option("--out", default="models/EVALUATION.md", show_default=True, help="Markdown file to write.")
def report_command(out: str) -> None:
    """Write the evaluation report of the default training configuration."""
    from pathlib import Path

    from scorer.io import atomic_write_text, iter_labelled
    from scorer.model import ClassifierOptions

    from .corpus import HELDOUT_DIR, corpus_files
    from .data import training_data_sha256
    from .report import evaluation_report, render_markdown

    train_paths = ["seeds/seeds.jsonl", *map(str, corpus_files())]
    sha = training_data_sha256(train_paths)
    train_docs = list(iter_labelled(train_paths))
    heldout_docs = list(iter_labelled(corpus_files(HELDOUT_DIR)))
    options = ClassifierOptions()
    report = evaluation_report(train_docs, heldout_docs, options, progress=lambda m: click.echo(m, err=True))
    atomic_write_text(Path(out), render_markdown(report, options, sha, "python -m training report"))
    click.echo(f"wrote {out}: grouped CV macro-F1 {report.grouped_cv['macro_f1']:.3f}, "
               f"leave-one-style-out {report.leave_one_style_out['macro_f1']:.3f}, "
               f"held-out {report.heldout['macro_f1']:.3f}")


@main.command("pin-floors")
@click.option("--model", "model_dir", metavar="DIR", help="Model directory (default: the shipped model).")
@click.option("--allow-lower", is_flag=True, help="Accept floors lower than the pinned ones.")
def pin_floors_command(model_dir: str | None, allow_lower: bool) -> None:
    """Pin the model's held-out figures as the quality gate's floors."""
    from scorer.model import load_model

    from .gate import FLOORS_PATH, FloorError, gate_figures, pin_floors

    figures, checksum = gate_figures(load_model(model_dir))
    try:
        pinned = pin_floors(figures, checksum, allow_lower)
    except FloorError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"pinned {FLOORS_PATH}: " + ", ".join(f"{k} {v:.3f}" for k, v in pinned["floors"].items()))


@main.command("benchmark")
@click.option("--model", "model_dir", metavar="DIR", help="Model directory (default: the shipped model).")
@click.option("--repeat", default=3, show_default=True, help="Runs per measurement (the median is shown).")
def benchmark_command(model_dir: str | None, repeat: int) -> None:
    """Measure splitting and scoring speed on the corpus texts, in one process."""
    import json

    from scorer.io import iter_labelled
    from scorer.model import load_model

    from .benchmark import benchmark
    from .corpus import all_corpus_files

    texts = [d.text for d in iter_labelled(all_corpus_files())]
    click.echo(json.dumps(benchmark(texts, load_model(model_dir), repeat), indent=2))


@main.command("batch-benchmark")
@click.option("--articles", "sizes", default="1000,10000", show_default=True, help="Batch sizes, comma-separated.")
@click.option("--jobs", "jobs", default="1,2", show_default=True, help="Worker counts, comma-separated.")
@click.option("--sentences", default=30, show_default=True,
              help="Article length: documents are cut at the first paragraph break after this many sentences.")
@click.option("--work", default="/tmp/scorer-batch-bench", show_default=True, help="Scratch folder.")
def batch_benchmark_command(sizes: str, jobs: str, sentences: int, work: str) -> None:
    """Time 'scorer batch' on generated news-length articles; report speed and peak memory."""
    import json
    from pathlib import Path

    from .batch_bench import batch_benchmark

    rows = batch_benchmark(Path(work), [int(s) for s in sizes.split(",")], [int(j) for j in jobs.split(",")],
                           sentences)
    for row in rows:
        click.echo(json.dumps(row))


@main.command("batch-check")
@click.option("--articles", default=1000, show_default=True, help="Generated articles (bad inputs are added).")
@click.option("--jobs", default=2, show_default=True, help="Workers.")
@click.option("--work", default="/tmp/scorer-batch-check", show_default=True, help="Scratch folder.")
def batch_check_command(articles: int, jobs: int, work: str) -> None:
    """Generate a mixed batch with bad inputs, kill a run half-way, rerun it, compare outputs."""
    import json
    from pathlib import Path

    from .batch_bench import interrupted_rerun_check

    result = interrupted_rerun_check(Path(work), articles, jobs)
    click.echo(json.dumps(result, indent=2))
    if not result["identical_outputs"]:
        raise click.ClickException("the resumed run's outputs differ from the uninterrupted run's")


if __name__ == "__main__":
    sys.exit(main(prog_name="python -m training"))
