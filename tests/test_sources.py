"""Who said it: attribution spans, sources merged across an article, and the report's analyses."""
from __future__ import annotations

import pytest

from scorer.analysis import check_worthiness, corroboration, materiality, score_parts
from scorer.scoring import score_article
from scorer.sources import extract_sources
from scorer.types import ArticleScore, SentencePrediction

SEED_000_OFFICIALS = {
    "John Healey": "U.K. Defense Secretary",
    "Sebastien Lecornu": "French counterpart",
    "Dovile Sakaliene": "Lithuanian Defense Minister",
    "Hanno Pevkur": "Estonian Defense Minister",
    "Pete Hegseth": "U.S. Defense Secretary",
}


@pytest.fixture(scope="module")
def seed_report(default_model, seed_000_text):
    return score_article(seed_000_text, default_model, "seed-000")


def test_seed_000_officials_appear_once_with_titles(seed_report):
    people = [s for s in seed_report.sources if s.kind == "person"]
    for name, title in SEED_000_OFFICIALS.items():
        matches = [s for s in people if name.split()[-1] in s.name]
        assert len(matches) == 1, name
        assert matches[0].name == name and matches[0].title == title and matches[0].official


def test_seed_000_anonymous_source_with_reason_and_back_references(seed_report, seed_000_text):
    anonymous = [s for s in seed_report.sources if s.kind == "anonymous" and "people" in s.name]
    assert len(anonymous) == 1
    people = anonymous[0]
    assert people.name == "people familiar with the matter"
    assert people.anonymity_reason == "declined to be named"
    mentions = [m.text for m in people.mentions]
    assert any(m.startswith("the people who declined to be named") for m in mentions)
    assert mentions.count("the people") >= 3
    for mention in people.mentions:
        assert seed_000_text[mention.start : mention.end] == mention.text
    back_references = [i for i, s in enumerate(seed_report.sentences) if s.text.endswith("the people said.")]
    assert back_references and all(seed_report.attributions[i].source_id == people.id for i in back_references)


def test_spans_point_into_the_text(seed_report, seed_000_text):
    for sentence, attribution in zip(seed_report.sentences, seed_report.attributions):
        for span in (attribution.source_span, attribution.cue_span):
            if span:
                assert sentence.start <= span[0] < span[1] <= sentence.end
        if sentence.label not in ("named", "anonymous"):
            assert attribution.source_id is None and attribution.cue_span is None
    said = [a for s, a in zip(seed_report.sentences, seed_report.attributions)
            if a.cue_span and seed_000_text[a.cue_span[0] : a.cue_span[1]] == "said"]
    assert len(said) > 10


def prediction(text: str, label: str, start: int = 0) -> SentencePrediction:
    return SentencePrediction(start, start + len(text), text, label, 1.0, {label: 1.0})


def run(*rows):
    sentences, cursor = [], 0
    for text, label in rows:
        sentences.append(prediction(text, label, cursor))
        cursor += len(text) + 1
    return extract_sources(" ".join(t for t, _ in rows), sentences)


def test_pronouns_and_roles_resolve_to_people():
    sources, records = run(
        ("Sen. Maria Ochoa said the bill was dead.", "named"),
        ("Gov. Tom Reyes said it was alive.", "named"),
        ('"We have the votes," he said.', "named"),
        ("It will pass, the senator said.", "named"),
        ("Ochoa later told reporters she was sure.", "named"),
    )
    by_id = {s.id: s for s in sources}
    assert [by_id[r.source_id].name for r in records] == ["Maria Ochoa", "Tom Reyes", "Tom Reyes", "Maria Ochoa",
                                                          "Maria Ochoa"]
    assert by_id[records[0].source_id].title == "Sen." and by_id[records[0].source_id].official


def test_quote_continuation_takes_the_previous_source():
    sources, records = run(('"We are ready," Healey said.', "named"), ('"The enemy is not."', "named"))
    assert records[1].source_id == records[0].source_id and records[1].source_span is None
    assert sources[0].quotes == 2


@pytest.mark.parametrize(
    "sentence, reason",
    [
        ("The plan is dead, said two officials who spoke on condition of anonymity because the talks are private.",
         "spoke on condition of anonymity because the talks are private"),
        ("It is over, said an aide who was not authorized to speak publicly.", "was not authorized to speak publicly"),
        ("The deal is near, according to a person who asked not to be identified.", "asked not to be identified"),
    ],
)
def test_anonymity_reasons(sentence, reason):
    sources, _ = run((sentence, "anonymous"))
    assert sources[0].kind == "anonymous" and sources[0].anonymity_reason == reason


def test_check_worthiness_prefers_numbers_dates_and_causes():
    dull, _ = check_worthiness("The mood was tense.")
    rich, why = check_worthiness("The strike killed 12 people in Kharkiv on Friday because the defences failed.")
    assert rich > dull and why == ["number", "date", "named entity", "causal claim"]


def test_materiality_corroboration_and_score_parts():
    rows = [("Officials say deal is near", "none"),
            ("The deal is close, according to people familiar with the talks.", "anonymous"),
            ("Sen. Maria Ochoa said the deal was close.", "named"), ("The vote is on Friday.", "unverified")]
    sentences, cursor = [], 0
    for text, label in rows:
        sentences.append(prediction(text, label, cursor))
        cursor += len(text) + 1
    sources, attributions = extract_sources(" ".join(t for t, _ in rows), sentences)
    counts = {"named": 1, "anonymous": 1, "unverified": 1, "none": 1}
    report = ArticleScore("x", {}, tuple(sentences), counts, 50.0, tuple(sources), tuple(attributions))
    assert materiality(report) == {"headline_anonymous": True, "lede_sentences": [1, 2, 3],
                                   "anonymous_lede_sentences": [1], "material": True}
    assert corroboration(report)["anonymous_sources"] == 1 and corroboration(report)["named_sources_also_support"]
    parts = score_parts(report)
    assert parts["claims"] == 3 and parts["parts"]["named"]["points"] == 33.3
