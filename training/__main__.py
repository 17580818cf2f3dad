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

    from .corpus import check_corpus, corpus_files

    files = [Path(p) for p in paths] or corpus_files()
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


if __name__ == "__main__":
    sys.exit(main(prog_name="python -m training"))
