"""The HTML report in a real browser (headless Chromium): DOM, console, escaping, screenshot.

CI installs Debian's chromium and sets SCORER_REQUIRE_BROWSER=1, so there a missing browser
fails instead of skipping.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scorer.report import render_html
from scorer.scoring import score_article

from .test_html_report import HOSTILE

BROWSERS = ("chromium", "chromium-headless-shell", "chromium-browser", "google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]


@pytest.fixture(scope="module")
def browser():
    found = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    if found is None:
        if os.environ.get("SCORER_REQUIRE_BROWSER"):
            pytest.fail("SCORER_REQUIRE_BROWSER is set but no Chromium is installed")
        pytest.skip("no Chromium installed (CI installs Debian's chromium)")
    return found


def run_browser(browser: str, page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120, check=True)


def console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module")
def seed_page(default_model, seed_000_text, tmp_path_factory):
    report = score_article(seed_000_text, default_model, "seeds/000_8a9ec97805bb31d5.txt")
    page = tmp_path_factory.mktemp("html") / "seed-000.html"
    page.write_text(render_html(report), encoding="utf-8")
    return report, page


def test_dom_has_every_sentence_and_no_console_errors(browser, seed_page, tmp_path):
    report, page = seed_page
    result = run_browser(browser, page, tmp_path / "profile", "--dump-dom")
    labels = re.findall(r'<a class="s s-(\w+)" id="s\d+"', result.stdout)
    assert labels == [s.label for s in report.sentences]
    assert "<svg" in result.stdout
    assert console_errors(result.stderr) == []


def test_screenshot_renders(browser, seed_page, tmp_path):
    _, page = seed_page
    target = tmp_path / "seed-000.png"  # never into the checkout: a test run leaves it clean
    run_browser(browser, page, tmp_path / "profile", "--window-size=1100,1600", f"--screenshot={target}")
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_hostile_article_renders_as_text(browser, default_model, tmp_path):
    page = tmp_path / "hostile.html"
    page.write_text(render_html(score_article(HOSTILE, default_model, "hostile.txt")), encoding="utf-8")
    result = run_browser(browser, page, tmp_path / "profile", "--dump-dom")
    assert "<script" not in result.stdout and "<img" not in result.stdout
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in result.stdout
    assert console_errors(result.stderr) == []


def test_console_check_sees_script_errors(browser, tmp_path):
    page = tmp_path / "broken.html"
    page.write_text('<html><body><script>throw new Error("boom")</script></body></html>', encoding="utf-8")
    result = run_browser(browser, page, tmp_path / "profile", "--dump-dom")
    assert any("boom" in line for line in console_errors(result.stderr))
