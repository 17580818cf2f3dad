"""The scorer command, through click's CliRunner: formats, stdin, files, errors, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from scorer.cli import cli

from .conftest import SEED_000, SEED_003, SEED_LABELS, read_text


@pytest.fixture
def run():
    def invoke(*args, **kwargs):
        return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)

    return invoke


def test_score_json_offsets_reproduce_text(run):
    result = run("score", SEED_000, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    text = read_text(SEED_000)
    assert report["input"] == str(SEED_000)
    assert set(report["model"]) == {"name", "version", "sha256"}
    assert {"counts", "score"} <= set(report["summary"])
    assert all(text[s["start"] : s["end"]] == s["text"] for s in report["sentences"])


def test_score_jsonl_one_line_per_input_in_order(run):
    result = run("score", SEED_003, SEED_000, "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 2
    assert [json.loads(line)["input"] for line in lines] == [str(SEED_003), str(SEED_000)]


def test_score_json_for_several_inputs_is_a_list(run):
    result = run("score", SEED_003, SEED_003, "--format", "json")
    assert [r["input"] for r in json.loads(result.stdout)] == [str(SEED_003)] * 2


def test_score_stdin_text_summary(run):
    result = run("score", "-", input="Officials said it was over.\nComments\n")
    assert result.exit_code == 0
    assert result.stdout.startswith("-: sourcing score")


def test_score_markdown_to_file(run, tmp_path):
    out = tmp_path / "r.md"
    result = run("score", SEED_003, "--format", "markdown", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Sourcing report:")


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"\x00\x01\x02binary", "is binary"),
        (b"caf\xe9 \xfa text", "is not UTF-8 text"),
    ],
)
def test_bad_inputs_exit_1_with_one_line(run, tmp_path, content, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = run("score", SEED_003, path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and message in result.stderr and str(path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_utf16_with_byte_order_mark_is_scored(run, tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Officials said it was over.\nComments\n".encode("utf-16"))
    result = run("score", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [s["text"] for s in json.loads(result.stdout)["sentences"]] == ["Officials said it was over.", "Comments"]


def test_directory_input_and_bad_output(run, tmp_path):
    result = run("score", tmp_path)
    assert result.exit_code == 1 and "is a directory" in result.stderr
    result = run("score", SEED_003, "-o", tmp_path / "missing" / "r.txt")
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_bad_model_directory_exit_1(run, tmp_path):
    result = run("score", SEED_003, "--model", tmp_path)
    assert result.exit_code == 1 and "missing" in result.stderr


def test_failed_run_does_not_touch_existing_output(run, tmp_path):
    out = tmp_path / "keep.json"
    out.write_text("precious")
    result = run("score", SEED_003, tmp_path / "absent.txt", "-o", out)
    assert result.exit_code == 1 and out.read_text() == "precious"


@pytest.mark.parametrize("args", [["score"], ["score", "x", "--format", "pdf"], ["train", "x.jsonl"], ["nope"]])
def test_usage_errors_exit_2(run, args):
    assert run(*args).exit_code == 2


def test_train_then_evaluate(run, tmp_path):
    out = tmp_path / "model"
    result = run("train", SEED_LABELS, "--out", out, "--seed", "3")
    assert result.exit_code == 0, result.output
    assert "cross-validation" in result.stdout and "macro-F1" in result.stdout
    card = json.loads((out / "card.json").read_text())
    assert card["parameters"]["seed"] == 3 and card["n_documents"] == 2
    assert {"accuracy", "macro_f1", "per_label"} <= set(card["cross_validation"])
    result = run("evaluate", SEED_LABELS, "--model", out, "--format", "json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert {"accuracy", "macro_f1", "per_label", "confusion", "sourced_f1", "n_spans"} <= set(figures)
    assert figures["n_spans"] == 134


def test_evaluate_text_and_unknown_keys(run, tmp_path):
    data = tmp_path / "gold.jsonl"
    data.write_text(json.dumps({"doc_id": "x", "publisher": "p", "text": "Officials said it was over. Comments",
                                "spans": [{"start": 0, "end": 27, "label": "anonymous", "extra": 1},
                                          {"start": 28, "end": 36, "label": "none"}]}) + "\n")
    result = run("evaluate", data)
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.stdout and "confusion" in result.stdout


def test_train_refuses_bad_data(run, tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"text": "x", "spans": [{"start": 0, "end": 5, "label": "none"}]}\n')
    result = run("train", data, "--out", tmp_path / "m")
    assert result.exit_code == 1 and "bad.jsonl:1" in result.stderr


def test_help_and_version_do_not_import_heavy_modules():
    code = (
        "import sys\nfrom scorer.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('sklearn', 'nltk', 'numpy', 'scipy', 'joblib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_every_command_has_help(run):
    for name, command in cli.commands.items():
        assert command.help, name
        result = run(name, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout
