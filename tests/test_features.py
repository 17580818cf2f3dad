"""Readable features: the labelling guide's own examples, quote state, contexts."""
from __future__ import annotations

import pytest

from scorer.features import (
    SentenceFeatures,
    attributions,
    build_contexts,
    describe,
    quote_balance,
    strip_quotes,
)
from scorer.sentences import split_sentences

from .conftest import SEED_000, read_text


def subjects(text: str) -> set[str]:
    return {k.split(":", 1)[1] for k in describe(text) if k.startswith("subj:")}


# Examples from ANNOTATION.md, sections "named" and "anonymous" and the hard cases.
@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("The coalition will help Kyiv, U.K. Defense Secretary John Healey said Friday.", "title_name"),
        ("Lecornu said Turkey was looking into possible involvement.", "name"),
        ("\"We are doing a lot,\" he said.", "pronoun"),
        ("The army would remain on the front lines, the French minister said.", "role"),
        ("The drills will go on, a Pentagon spokesman said.", "spokesperson"),
        ("The plan is ready, said U.S. special envoy Steve Witkoff on Friday.", "title_name"),
        ("The strikes will continue, the Pentagon said in a statement.", "organisation"),
        ("The plan is ready, according to people familiar with the matter.", "anonymous"),
        ("Fifteen of them have offered forces, the people said.", "anonymous"),
        ("The talks stalled, a senior Ukrainian official said.", "anonymous"),
        ("Western and Ukrainian officials said the plan was taking shape.", "anonymous"),
        ("The bill is dead, according to a senior White House official.", "anonymous"),
        ("Clinton's aides said the plan was dead.", "anonymous"),
        ("Growth will slow, according to the IMF's April outlook.", "document"),
        ("Healey, a former minister, said the force was ready.", "name"),
        # Adverbs and time phrases between source and cue; coordinated sources of which one is named.
        ("Chairman Dalton Breck earlier in the day touted the panel's progress.", "title_name"),
        ("Two House committees on Monday asked the department to investigate.", "organisation"),
        ("He and Sen. Mara Lind both condemned the program.", "title_name"),
        ("Breck and his aides believe they can win the state.", "name"),
        ("Mrs. Lind has publicly derided the plan.", "title_name"),
        ("Breck is promising to cut taxes.", "name"),
        # A vague source with modifiers before its cue is still the source, not the modifier's noun.
        ("Several delegates at the caucus in Des Moines said the rules were unfair.", "anonymous"),
        ("A second source speaking to Reuters said the deal was off.", "anonymous"),
        ("Voters interviewed outside polling places in Dane County said turnout felt low.", "anonymous"),
        ("Her advisers have long maintained that the map favours her.", "anonymous"),
        ("Some senior Labour figures are confident the bill will pass.", "anonymous"),
        ("Breck campaign officials defend the decision to skip the debate.", "anonymous"),
        ("The head of the Federal Aviation Administration said the runway was safe.", "role"),
        # A short parenthesis after the source (party and state, an acronym) belongs to it.
        ("Rep. Dalton Breck (R-Ohio) vowed to block the bill.", "title_name"),
        ("Sen. Mara Lind (D-Ore.), promised a vote by June.", "title_name"),
        ("Chairman Dalton Breck (R-Ohio) earlier in the day touted the panel's progress.", "title_name"),
        ("Officials (speaking anonymously) said the talks failed.", "anonymous"),
        ("Breck will lose, according to Democratic and independent analysts.", "anonymous"),
        ("Critics charged that the hearing failed to provide new information.", "anonymous"),
        # Participles and plain forms of speech verbs.
        ("Breck forwarded the file to the inspector, asking her to investigate.", "missing"),
    ],
)
def test_source_kind_of_guide_examples(sentence, kind):
    assert kind in subjects(sentence)


def test_a_prosecution_is_not_speech():
    assert subjects("Breck was charged with fraud on Monday.") == set()
    assert subjects("Prosecutors charged him with fraud.") == set()


def test_modified_source_spans_the_whole_noun_phrase():
    sentence = "Another intelligence source speaking to Reuters said the deal was off."
    (attribution,) = attributions(strip_quotes(sentence))
    assert sentence[attribution.source_start : attribution.source_end] == "Another intelligence source speaking to Reuters"


@pytest.mark.parametrize(
    "sentence, feature",
    [
        ("Pevkur provided no evidence to support his claims.", "hedge:no evidence"),
        ("The strike reportedly killed 12.", "hedge:reportedly"),
        ("The figures could not be independently verified.", "hedge:could not be independently verified"),
        ("The bill is expected to pass.", "passive:is expected to"),
        ("said the people who declined to be named speaking on condition of anonymity.", "anon:condition of anonymity"),
        ("Comments", "furniture:comments"),
        ("15 minutes ago", "furniture:timestamp"),
        ("Dow: DOWN 0.4 percent at 17,959.64", "data:market_line"),
        ("What means of deterrence?", "shape:question"),
        ("- Dana Reyes.", "shape:dash_start"),
        ("45,000.", "shape:very_short"),
        ("Breck did rule out a second term.", "cue:rule out"),
        ("Lind has pushed back on the charges.", "cue:pushed back"),
        ("The two senators sent a letter to the agency.", "cue:sent a letter"),
    ],
)
def test_guide_markers_are_named_features(sentence, feature):
    assert feature in describe(sentence)


def test_words_inside_quotes_are_not_cues():
    features = describe('"They said nothing," Healey told reporters.')
    assert "cue:told" in features and "cue:said" not in features
    assert strip_quotes('A "quoted" word') == "A          word"


def test_furniture_words_inside_long_sentences_are_news():
    sentence = "Clinton defended her use of a private email server in a long interview with reporters on Tuesday."
    assert not any(k.startswith("furniture:") for k in describe(sentence))


def test_quote_state_carries_across_sentences():
    assert quote_balance('"We are going to win this state.', False) is True
    assert quote_balance("We will win it big,\u201d he said.", True) is False
    assert quote_balance("``We always do,'' she said.", False) is False
    text = '"We will win. Nobody thought we could," he said. Polls closed.'
    contexts = build_contexts(text, split_sentences(text))
    assert [c.open_quote_before for c in contexts] == [False, True, False]
    row = SentenceFeatures().transform(contexts)[1]
    assert row["quote:open_before"] == 1 and "subj:pronoun" in row


def test_middle_sentence_of_a_long_quote_is_wholly_quoted():
    text = '"We will win. We always win when we campaign. Nobody thought we could," he said.'
    contexts = build_contexts(text, split_sentences(text))
    middle = contexts[1]
    assert middle.open_quote_before
    assert strip_quotes(middle.text, open_quote=True).strip() == ""
    features = describe(middle.text, open_quote=True)
    assert features["quote:has"] == 1 and features["quote:share"] == 1.0
    closing = describe(contexts[2].text, open_quote=True)
    assert 0 < closing["quote:share"] < 1 and "cue:said" in closing


def test_contexts_know_neighbours_and_lines():
    text = "Headline here\nFirst sentence. Second sentence."
    contexts = build_contexts(text, split_sentences(text))
    assert [(c.prev_text, c.next_text) for c in contexts] == [
        ("", "First sentence."), ("Headline here", "Second sentence."), ("First sentence.", "")]
    assert [(c.starts_line, c.ends_line) for c in contexts] == [(True, True), (True, False), (False, True)]


def test_transform_is_deterministic_and_keeps_order():
    text = "Officials said it was over. \"It is,\" he added. Comments"
    contexts = build_contexts(text, split_sentences(text))
    transformer = SentenceFeatures().fit(contexts)
    assert transformer.transform(contexts) == transformer.transform(contexts)
    assert len(transformer.transform(contexts)) == 3


def test_numeric_dict_vectorizer_matches_scikit_learns():
    from sklearn.feature_extraction import DictVectorizer

    from scorer.features import NumericDictVectorizer

    text = read_text(SEED_000)
    rows = SentenceFeatures().transform(build_contexts(text, split_sentences(text)))
    general = DictVectorizer().fit(rows[:20])
    fast = NumericDictVectorizer().fit(rows[:20])  # later rows carry features it never saw
    assert fast.vocabulary_ == general.vocabulary_
    assert (fast.transform(rows) != general.transform(rows)).nnz == 0
    assert fast.transform(rows).has_sorted_indices


def test_word_ngrams_match_scikit_learns_word_analyzer():
    from sklearn.feature_extraction.text import CountVectorizer

    from scorer.features import WordNgrams

    reference = CountVectorizer(ngram_range=(1, 3)).build_analyzer()
    for text in ["Officials SAID on Tuesday that the 2 bridges would reopen.", "\u201cN\u00e3o,\u201d he said.", "", "a I"]:
        assert WordNgrams(3)(text) == reference(text)


def _kinds(sentence):
    return [(hit.cue, hit.kind) for hit in attributions(strip_quotes(sentence))]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("It was announced on Monday that the plant would close.", [("announced", "passive")]),
        ("The senator has been widely criticized for the vote.", [("criticized", "passive")]),
        ("He is expected to win the primary.", [("expected", "passive")]),
        ("She was told by two officials that the plan was dead.", [("told by", "anonymous")]),
        ("The ban was first reported by BuzzFeed.", [("reported by", "name")]),
        ("Aides were worried that he would lose.", [("worried", "anonymous")]),
        ("Officials were warning that the storm would hit.", [("warning", "anonymous")]),
    ],
)
def test_a_cue_participle_after_be_is_an_agentless_passive(sentence, expected):
    assert _kinds(sentence) == expected
    if expected[0][1] == "passive":
        features = describe(sentence)
        assert features["passive:cue_participle"] == 1 and "cue:any" not in features


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("A new study found that the drug works.", "anonymous"),
        ("The company receives, according to one report, $234 million a year.", "anonymous"),
        ("A Gallup poll released Monday found that most voters disagree.", "document"),
        ("The new study found that the drug works.", "document"),
    ],
)
def test_a_document_with_nothing_naming_it_is_anonymous(sentence, kind):
    assert _kinds(sentence)[0][1] == kind


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The plan was cut, as first reported by the Denver Gazette.", [("reported by", "organisation")]),
        ("As reported by Reuters, the deal collapsed.", [("reported by", "organisation")]),
        ("No cancellations had been reported by Monday evening.", [("reported", "passive")]),
        ("The deal was announced by the end of the week.", [("announced", "passive")]),
    ],
)
def test_the_agent_after_by_speaks_but_a_date_after_by_is_a_deadline(sentence, expected):
    assert _kinds(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Employers added 143,000 jobs in January, the Labor Department said.", [("said", "organisation")]),
        ("The Dow added 1.2 percent.", []),
        ("The city has added about 1,900 housing units.", []),
        ("He added that the plan was sound.", [("added", "pronoun")]),
        ("Prices rose 3 percent, she added.", [("added", "pronoun")]),
    ],
)
def test_adding_a_number_is_not_speech(sentence, expected):
    assert _kinds(sentence) == expected


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("A win there would go a long way, his team believes.", "anonymous"),
        ("The Clinton camp believes the race is over.", "anonymous"),
        ("Trump's team said it would appeal.", "anonymous"),
        ("The team said in a statement that Moss would miss two weeks.", "organisation"),
        ("The talks stalled, according to someone in the room.", "anonymous"),
    ],
)
def test_a_persons_circle_and_someone_are_unnamed(sentence, kind):
    assert _kinds(sentence)[0][1] == kind


def test_an_aside_between_dashes_stands_between_source_and_cue():
    sentence = "Party establishment figures \u2014 who had kept quiet for weeks \u2014 both demanded his resignation."
    assert _kinds(sentence) == [("demanded", "anonymous")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("In the email, Okafor bluntly accused the chairman of lying.", [("accused", "name")]),
        ("The ministry angrily denied the report.", [("denied", "organisation")]),
        ("The family said it was relieved.", [("said", "organisation")]),
        ("The weekly reported the sale on Friday.", [("reported", "organisation")]),
    ],
)
def test_a_manner_adverb_between_source_and_cue_is_skipped(sentence, expected):
    assert _kinds(sentence) == expected

