"""Sentence splitting: offsets into the original text, scraped-text quirks, seed goldens."""
from __future__ import annotations

import json

import pytest

from scorer.sentences import split_sentences

from .conftest import DATA, SEED_000, SEED_003, SEED_LABELS, read_text


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("seed", [SEED_000, SEED_003], ids=["seed-000", "seed-003"])
def test_seed_sentences_match_reviewed_golden(seed):
    text = read_text(seed)
    golden = [json.loads(line) for line in (DATA / f"{seed.stem}.sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    got = [{"start": s.start, "end": s.end, "text": s.text} for s in split_sentences(text)]
    assert got == golden
    assert all(text[g["start"] : g["end"]] == g["text"] for g in golden)


def test_seed_boundaries_agree_with_hand_labels():
    # Every boundary the splitter finds is one the labellers drew (precision 1.0); it misses
    # only the boundaries with no punctuation at all, inside run-together furniture lines.
    for line in SEED_LABELS.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        gold_starts = {s["start"] for s in doc["spans"]}
        starts = {s.start for s in split_sentences(doc["text"])}
        assert starts <= gold_starts
        assert len(gold_starts - starts) <= 4


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The company moved to the U.S. The decision surprised analysts.",
         ["The company moved to the U.S.", "The decision surprised analysts."]),
        ("Gen. Mark Milley said the plan was sound. Sen. Jim Risch disagreed.",
         ["Gen. Mark Milley said the plan was sound.", "Sen. Jim Risch disagreed."]),
        ("The vote is set for Jan. 15 in Washington. Officials declined to comment.",
         ["The vote is set for Jan. 15 in Washington.", "Officials declined to comment."]),
        ("Shares of Acme Inc. rose 3.5 percent. The stock has doubled this year.",
         ["Shares of Acme Inc. rose 3.5 percent.", "The stock has doubled this year."]),
        ('"We are ready," said Lt. Col. Anna Kovalenko. "The enemy is not."',
         ['"We are ready," said Lt. Col. Anna Kovalenko.', '"The enemy is not."']),
        ("It was No. 10 Downing Street that leaked the memo. The Cabinet Office denied it.",
         ["It was No. 10 Downing Street that leaked the memo.", "The Cabinet Office denied it."]),
        ("The firm, based in St. Louis, employs 300 people. It was founded in 1990.",
         ["The firm, based in St. Louis, employs 300 people.", "It was founded in 1990."]),
        ("Dr. Smith, a U.K. official, spoke first. Prof. Jones followed.",
         ["Dr. Smith, a U.K. official, spoke first.", "Prof. Jones followed."]),
        ("She said the deal was \"dead.' \"We will move on,\" she added. Her aides agreed.",
         ["She said the deal was \"dead.'", "\"We will move on,\" she added.", "Her aides agreed."]),
        ("Was the ceasefire holding? Officials in Kyiv said it was.",
         ["Was the ceasefire holding?", "Officials in Kyiv said it was."]),
        ("Chairman Dalton Breck (R-S.C.) sent a letter. (The letter was leaked.) It was long.",
         ["Chairman Dalton Breck (R-S.C.) sent a letter.", "(The letter was leaked.)", "It was long."]),
    ],
)
def test_news_abbreviations_and_quotes(text, expected):
    assert texts(text) == expected


def test_headline_without_full_stop_stands_alone():
    text = "Europe to present force plan within weeks\nThe U.K. and France are planning a force."
    assert texts(text) == ["Europe to present force plan within weeks", "The U.K. and France are planning a force."]


def test_line_break_inside_a_sentence_is_kept():
    text = "The senator said the plan was\nfinished last week, and\nOfficials agreed."
    assert texts(text) == ["The senator said the plan was\nfinished last week, and\nOfficials agreed."]


def test_short_furniture_lines_stay_apart():
    assert texts("Kyodo News\nan hour ago\n- Kyodo News") == ["Kyodo News", "an hour ago", "- Kyodo News"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He called it \u201cdead.\u201d Then he left.", ["He called it \u201cdead.\u201d", "Then he left."]),
        ("``We will win,'' Mr. Alvarez said. ``We always do.'' He smiled.",
         ["``We will win,'' Mr. Alvarez said.", "``We always do.''", "He smiled."]),
    ],
)
def test_closing_quotes_stay_with_their_sentence(text, expected):
    assert texts(text) == expected


def test_list_numbers_and_datelines():
    text = "3.\nTariffs rise\nWASHINGTON (AP) \u2014 The Senate voted on Tuesday. It passed."
    assert texts(text) == ["3.", "Tariffs rise", "WASHINGTON (AP) \u2014 The Senate voted on Tuesday.", "It passed."]


def test_offsets_refer_to_the_text_as_given_with_crlf_and_spaces():
    text = "  First line here.\r\n\r\nSecond one, with\u00a0a space.  \r\nThird?\r\n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["First line here.", "Second one, with\u00a0a space.", "Third?"]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_empty_and_blank_text_have_no_sentences():
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n ") == []


def test_long_merged_line_is_split():
    line = " ".join(f"Sentence number {i} ends here." for i in range(400))
    sentences = split_sentences(line)
    assert len(sentences) == 400
    assert all(line[s.start : s.end] == s.text for s in sentences)


def _punkt_pair():
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from scorer.sentences import _tokenizer

    fast = _tokenizer()
    return fast, PunktSentenceTokenizer(fast._params)


@pytest.mark.parametrize("context", ["said. The", "rates.\" Officials", "rates.\u201d", "it? No", "now!\n\nBy", "other... Republicans", "what?! No", "said.-Jan. 5", "it?-x! Y",
                                     "Mr. Smith", "Sen. Lind", "J. Smith", "U.S. officials", "3. The", "etc. and"])
def test_fast_break_decision_agrees_with_punkt(context):
    fast, punkt = _punkt_pair()
    assert fast.text_contains_sentbreak(context) == punkt.text_contains_sentbreak(context)


def test_fast_break_decision_agrees_with_punkt_on_every_corpus_context():
    from training.corpus import all_corpus_files
    from scorer.io import iter_labelled

    fast, punkt = _punkt_pair()
    contexts = {context for doc in iter_labelled(all_corpus_files())
                for _, context in punkt._match_potential_end_contexts(doc.text)}
    assert len(contexts) > 10000
    assert [c for c in contexts if fast.text_contains_sentbreak(c) != punkt.text_contains_sentbreak(c)] == []
