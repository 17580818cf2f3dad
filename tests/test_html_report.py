"""The HTML report: self-contained, accessible, every sentence present, article text escaped."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from scorer.report import render_html
from scorer.scoring import score_article

HOSTILE = ("Officials say <b>deal</b> is near\n\n"
           "The mayor said <script>alert('x')</script> was found in the code.\n\n"
           "<img src=x onerror=\"alert(1)\"> appeared on the page, according to people familiar with the matter.")


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.sentences, self.external = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "s" in (attrs.get("class") or "").split():
            self.sentences.append(attrs)
        for key in ("src", "href"):
            if attrs.get(key) and not attrs[key].startswith("#"):
                self.external.append(attrs[key])


@pytest.fixture(scope="module")
def seed_page(default_model, seed_000_text):
    report = score_article(seed_000_text, default_model, "seed-000")
    return report, render_html(report)


def test_every_sentence_is_a_labelled_element(seed_page):
    report, page = seed_page
    parsed = Collector()
    parsed.feed(page)
    assert len(parsed.sentences) == len(report.sentences)
    assert [a["data-label"] for a in parsed.sentences] == [s.label for s in report.sentences]
    assert all(f"s-{a['data-label']}" in a["class"] for a in parsed.sentences)


def test_page_is_self_contained_and_has_no_script(seed_page):
    _, page = seed_page
    parsed = Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    assert parsed.external == []
    assert "<svg" in page and "<title id=\"mix-title\">" in page
    assert "@media print" in page


def test_labels_are_shown_as_text_and_in_a_legend(seed_page):
    report, page = seed_page
    for label in ("named", "anonymous", "unverified", "none"):
        assert f'<span class="tag tag-{label}">{label}</span>' in page
        assert f"<b>{label}</b>:" in page
    assert "Sources" in page and "Unverified claims" in page and "John Healey" in page


def test_article_markup_is_escaped(default_model):
    page = render_html(score_article(HOSTILE, default_model, "<i>hostile</i>.txt"))
    parsed = Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" in parsed.tags  # <b> from the legend
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "<i>hostile</i>" not in page and "&lt;i&gt;hostile&lt;/i&gt;.txt" in page
    assert not re.search(r"<[^>]+\son\w+=", page)
