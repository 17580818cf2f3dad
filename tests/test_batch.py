"""Batch scoring: inputs of every kind, bad inputs with defined outcomes, resume, summaries."""
from __future__ import annotations

import builtins
import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorer.batch import BatchOptions, Item, count_articles, discover, looks_like_html, report_name, run_batch
from scorer.cli import cli

from .conftest import SEED_000, SEED_003, read_text

ARTICLE = ("Senate passes stopgap bill\n\nThe Senate passed the bill on Tuesday, Majority Leader Ron Kessler said.\n\n"
           "The vote could slip, according to two aides familiar with the talks.\n\nThe measure now goes to the House.")
PAGE = ("<!DOCTYPE html><html><head><title>Deal is near</title></head><body><nav>Home | World</nav><article>"
        "<h1>Deal is near</h1><p>The deal is close, according to people familiar with the talks.</p>"
        "<p>Sen. Maria Ochoa said the vote would come on Friday.</p><p>The measure now goes to the House.</p>"
        "</article><footer>Share this</footer></body></html>")


def rows_by_id(out: Path) -> dict[str, dict]:
    with open(out / "summary.csv", encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def run(tmp_path: Path, *inputs, **options) -> tuple:
    out = tmp_path / "out"
    result = run_batch(discover([str(i) for i in inputs]), BatchOptions(out=out, **options))
    return result, out


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "in"
    (root / "wire").mkdir(parents=True)
    (root / "web").mkdir()
    (root / "wire" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "wire" / "seed.txt").write_text(read_text(SEED_003), encoding="utf-8")
    (root / "web" / "page.htm").write_text(PAGE, encoding="utf-8")
    (root / "web" / "page-as-text.txt").write_text(PAGE, encoding="utf-8")  # HTML told by content
    (root / "export.jsonl").write_text(
        json.dumps({"id": "cms-1", "outlet": "Daily", "url": "https://x.invalid/1", "date": "2016-03-01",
                    "text": ARTICLE}) + "\n"
        + json.dumps({"id": "cms-2", "outlet": "Daily", "html": PAGE}) + "\n", encoding="utf-8")
    return root


def test_folder_jsonl_and_html_are_all_scored(folder, tmp_path):
    result, out = run(tmp_path, folder)
    assert result.failed == []
    rows = rows_by_id(out)
    assert set(rows) == {"wire/a.txt", "wire/seed.txt", "web/page.htm", "web/page-as-text.txt", "cms-1", "cms-2"}
    assert rows["cms-1"]["group"] == "Daily" and rows["wire/a.txt"]["group"] == "wire"
    report = json.loads((out / "reports" / f"{report_name('cms-1')}.json").read_text())
    assert report["batch"]["meta"] == {"outlet": "Daily", "url": "https://x.invalid/1", "date": "2016-03-01"}
    page = json.loads((out / "reports" / f"{report_name('web/page-as-text.txt')}.json").read_text())
    assert page["batch"]["extracted_text"] and page["batch"]["meta"]["title"] == "Deal is near"
    extracted = (out / "reports" / f"{report_name('web/page-as-text.txt')}.txt").read_text(encoding="utf-8")
    assert all(extracted[s["start"] : s["end"]] == s["text"] for s in page["sentences"])
    assert "Home | World" not in extracted


def test_summaries_and_index(folder, tmp_path):
    _, out = run(tmp_path, folder, formats=("html", "markdown"))
    summary = json.loads((out / "summary.json").read_text())
    assert summary["articles"] == 6 and summary["errors"] == 0 and set(summary["groups"]) == {"Daily", "web", "wire"}
    index = (out / "index.html").read_text()
    assert index.count("<tr") == 7 and "<svg" in index and "data-col" in index
    assert (out / "errors.jsonl").read_text() == ""
    assert (out / "reports" / f"{report_name('wire/a.txt')}.html").exists()
    assert (out / "reports" / f"{report_name('wire/a.txt')}.md").exists()


def test_rerun_resumes_and_force_redoes(folder, tmp_path):
    run(tmp_path, folder)
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    again, _ = run(tmp_path, folder)
    assert all(r.skipped for r in again.rows)
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()} == before
    (folder / "wire" / "a.txt").write_text(ARTICLE + "\n\nA new line was added.", encoding="utf-8")
    changed, _ = run(tmp_path, folder)
    assert [r.id for r in changed.rows if not r.skipped] == ["wire/a.txt"]
    forced, _ = run(tmp_path, folder, force=True)
    assert not any(r.skipped for r in forced.rows)


def test_rerun_redoes_articles_whose_files_are_damaged_or_missing(folder, tmp_path):
    run(tmp_path, folder, formats=("markdown",))
    reports = tmp_path / "out" / "reports"
    (reports / f"{report_name('web/page.htm')}.txt").write_text("cut short", encoding="utf-8")
    (reports / f"{report_name('wire/a.txt')}.md").unlink()
    (reports / f"{report_name('cms-1')}.json").write_bytes(b"")  # as a system crash may leave it
    again, _ = run(tmp_path, folder, formats=("markdown",))
    assert sorted(r.id for r in again.rows if not r.skipped) == ["cms-1", "web/page.htm", "wire/a.txt"]
    assert again.failed == []
    assert (reports / f"{report_name('wire/a.txt')}.md").exists()


def test_parallel_run_writes_identical_outputs(folder, tmp_path):
    run(tmp_path / "one", folder, jobs=1)
    run(tmp_path / "two", folder, jobs=2, chunk_size=1)
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert one == two


BAD_INPUTS = [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"  \n\t\n  ", "is empty"),
    ("nul.txt", b"Some text\x00with a NUL byte", "is binary"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is binary"),
    ("latin1.txt", "Caf\u00e9 owners said prices rose.".encode("latin-1"), "is not UTF-8 text"),
    ("scripts.html", b"<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>",
     "holds no article text"),
]


@pytest.mark.parametrize("name, data, reason", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_files_are_recorded_and_the_rest_scored(tmp_path, name, data, reason):
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (root / name).write_bytes(data)
    result, out = run(tmp_path, root)
    assert [r.id for r in result.failed] == [name] and reason in result.failed[0].error
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert errors == [{"id": name, "input": str(root / name), "reason": result.failed[0].error}]
    assert rows_by_id(out)["good.txt"]["error"] == "" and rows_by_id(out)[name]["error"]


@pytest.mark.parametrize(
    "name, data",
    [
        ("utf16.txt", "\ufeff".encode("utf-16-le") + ARTICLE.encode("utf-16-le")),
        ("utf16be.txt", ARTICLE.encode("utf-16")),
        ("windows.txt", ARTICLE.replace("\n", "\r\n").encode("utf-8")),
        ("oldmac.txt", ARTICLE.replace("\n", "\r").encode("utf-8")),
    ],
)
def test_other_encodings_and_line_endings_are_scored(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    result, out = run(tmp_path, tmp_path / name)
    assert result.failed == []
    report = json.loads(next((out / "reports").glob("*.json")).read_text())
    assert [s["text"] for s in report["sentences"]][0] == "Senate passes stopgap bill"
    assert len(report["sentences"]) == 4


def test_size_and_sentence_limits(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.write(b"word " * 10_000_000)  # 50 MB
    long_line = tmp_path / "line.txt"
    long_line.write_text("words without any punctuation " * 35_000, encoding="utf-8")  # about 1 MB, one line
    many = tmp_path / "many.txt"
    many.write_text("It rained. " * 50, encoding="utf-8")
    result, out = run(tmp_path, big, long_line, many, max_sentences=20)
    failed = {r.id: r.error for r in result.failed}
    assert "more than the limit of 10,000,000" in failed["big.txt"]
    assert "50 sentences, more than the limit of 20" in failed["many.txt"]
    assert "line.txt" not in failed and rows_by_id(out)["line.txt"]["none"] + rows_by_id(out)["line.txt"]["unverified"]


def test_deeply_nested_html_does_not_stop_the_batch(tmp_path):
    nested = "<html><body>" + "<div>" * 5000 + "<p>The mayor said the budget was balanced.</p>" + "</div>" * 5000
    (tmp_path / "nested.html").write_text(nested + "</body></html>", encoding="utf-8")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    result, out = run(tmp_path, tmp_path / "nested.html", tmp_path / "good.txt")
    rows = rows_by_id(out)
    assert rows["good.txt"]["error"] == ""
    assert rows["nested.html"]["error"] == "" or "HTML" in rows["nested.html"]["error"]


def test_html_whose_fast_extraction_loses_the_paragraphs_is_extracted_in_full(monkeypatch):
    import types

    import trafilatura

    from scorer import batch

    paragraphs = ["The mayor said the bridge would reopen next month after repairs to its deck."] * 8
    calls = []

    def bare_extraction(html, fast=False, **options):
        calls.append(fast)
        text = (" " if fast else "\n").join(paragraphs)  # the fast mode's baseline joins all lines
        return types.SimpleNamespace(text=text, title=None, author=None, date=None)

    monkeypatch.setattr(trafilatura, "bare_extraction", bare_extraction)
    text, _ = batch.extract_html("<html><body><p>...</p></body></html>", "page.html")
    assert calls == [True, False] and text.count("\n") == 7
    calls.clear()
    paragraphs[:] = paragraphs[:2]  # a short single line is an article of one or two paragraphs
    batch.extract_html("<html><body><p>...</p></body></html>", "page.html")
    assert calls == [True]


def test_non_english_text_is_scored_with_a_warning(tmp_path):
    text = ("Der Minister sagte am Freitag, dass die Regierung die Pläne prüfen werde. "
            "Nach Angaben von Diplomaten sollen die Gespräche in der kommenden Woche fortgesetzt werden. ") * 3
    (tmp_path / "de.txt").write_text(text, encoding="utf-8")
    result, out = run(tmp_path, tmp_path / "de.txt")
    assert result.failed == [] and "not look like English" in rows_by_id(out)["de.txt"]["warnings"]


def test_bad_jsonl_lines_and_duplicates(tmp_path):
    export = tmp_path / "export.jsonl"
    export.write_text(
        json.dumps({"id": "a", "text": ARTICLE}) + "\nnot json\n" + json.dumps({"id": "b", "title": "x"}) + "\n"
        + json.dumps(["list"]) + "\n" + json.dumps({"id": "a", "text": "Again."}) + "\n", encoding="utf-8")
    result, out = run(tmp_path, export)
    reasons = sorted(r.error for r in result.failed)
    assert [r.id for r in result.rows if not r.error] == ["a"]
    assert reasons == ["duplicate id 'a'", "line is not JSON (Expecting value)", "line is not a JSON object",
                       "record has no 'text' or 'html' string"]


def test_unreadable_and_vanishing_files(tmp_path, monkeypatch):
    locked, gone, good = tmp_path / "locked.txt", tmp_path / "gone.txt", tmp_path / "good.txt"
    for path in (locked, gone, good):
        path.write_text(ARTICLE, encoding="utf-8")
    items = list(discover([str(tmp_path)]))
    gone.unlink()  # vanishes between discovery and reading
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):  # tests run as root, where chmod cannot lock a file
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    result = run_batch(items, BatchOptions(out=tmp_path / "out"))
    failed = {r.id: r.error for r in result.failed}
    assert "permission denied" in failed["locked.txt"] and "vanished" in failed["gone.txt"]
    assert "good.txt" not in failed


def test_missing_paths_and_empty_globs(tmp_path):
    items = list(discover([str(tmp_path / "absent.txt"), str(tmp_path / "*.nothing")]))
    assert [i.error for i in items] == ["no such file or folder", "pattern matches no file"]


def test_glob_and_stdin(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    assert [i.id for i in discover([str(tmp_path / "*.txt")])] == ["a.txt", "b.txt"]
    assert [i.payload for i in discover(["-"], stdin=lambda: ARTICLE)] == [ARTICLE]
    records = list(discover(["-"], stdin=lambda: json.dumps({"id": "s1", "text": ARTICLE}) + "\n"))
    assert [(i.id, i.kind) for i in records] == [("s1", "text")]


def test_html_is_told_by_content():
    assert looks_like_html(PAGE) and looks_like_html("\n  <html><body><p>x</p></body></html>")
    assert not looks_like_html(ARTICLE) and not looks_like_html("Use <b> for bold, he said.")


def test_cli_exit_codes_and_quiet_progress(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "good.txt"), "--out", str(tmp_path / "o1"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "1 scored" in result.stderr and "\r" not in result.stderr
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "--out", str(tmp_path / "o2"), "-j", "1"])
    assert result.exit_code == 3 and "1 articles failed" in result.stderr
    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "--out", str(tmp_path / "o3"), "--backend", "dask"])
    assert result.exit_code == 2 and "--scheduler" in result.stderr


def test_article_count_for_progress_matches_discovery(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "b" / "page.html").write_text(PAGE, encoding="utf-8")
    lines = [json.dumps({"id": f"r{i}", "text": ARTICLE}) for i in range(3)] + ["", "not json"]
    (tmp_path / "a" / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    inputs = [str(tmp_path / "a"), str(tmp_path / "a" / "*.txt"), str(tmp_path / "missing.txt")]
    assert count_articles(inputs) == len(list(discover(inputs))) == 8
    assert count_articles(["-"]) is None


def test_progress_on_a_terminal_shows_rate_and_time_left(tmp_path, monkeypatch):
    import io

    from scorer import cli as cli_module

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(ARTICLE, encoding="utf-8")
    stream = Terminal()
    monkeypatch.setattr(cli_module.sys, "stderr", stream)
    report = cli_module._progress_reporter([str(tmp_path)])
    for row in run_batch(discover([str(tmp_path)]), BatchOptions(out=tmp_path / "o", jobs=1)).rows:
        report(row)
    last = stream.getvalue().split("\r")[-1]
    assert last.startswith("3/3 articles, ") and "/s, 0m00s left" in last


def test_stdin_through_the_cli(tmp_path):
    result = CliRunner().invoke(cli, ["batch", "-", "--out", str(tmp_path / "o"), "-j", "1"], input=ARTICLE)
    assert result.exit_code == 0
    assert rows_by_id(tmp_path / "o")["stdin"]["named"] != ""


def test_items_with_errors_never_reach_the_model(tmp_path):
    result = run_batch([Item("x", "x", "g", error="broken")], BatchOptions(out=tmp_path / "o"))
    assert result.rows[0].error == "broken"


def test_seed_000_through_the_batch_matches_score(tmp_path, default_model):
    from scorer.report import report_to_dict
    from scorer.scoring import score_article

    result, out = run(tmp_path, SEED_000)
    document = json.loads(next((out / "reports").glob("*.json")).read_text())
    expected = report_to_dict(score_article(read_text(SEED_000), default_model, "000_8a9ec97805bb31d5.txt"))
    assert {k: v for k, v in document.items() if k != "batch"} == json.loads(json.dumps(expected))
