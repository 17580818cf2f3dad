"""Plain data types that flow through the pipeline: sentences, predictions, reports."""
from __future__ import annotations

from dataclasses import dataclass, field

#: The four labels of the labelling guide, in a fixed order used everywhere (ANNOTATION.md).
LABELS: tuple[str, ...] = ("named", "anonymous", "unverified", "none")


@dataclass(frozen=True)
class Sentence:
    """A sentence as a character span of the original text (end exclusive)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SentenceContext:
    """One sentence with what the classifier may know about its surroundings.

    Built once per document by :func:`scorer.features.build_contexts`, so that training (gold
    spans) and scoring (split sentences) see exactly the same kind of record.
    """

    text: str
    prev_text: str
    next_text: str
    index: int
    n_sentences: int
    starts_line: bool
    ends_line: bool
    open_quote_before: bool


@dataclass(frozen=True)
class SentencePrediction:
    """A sentence with its predicted label and class probabilities."""

    start: int
    end: int
    text: str
    label: str
    confidence: float
    probabilities: dict[str, float]


@dataclass(frozen=True)
class Span:
    """A labelled span of a labelled document."""

    start: int
    end: int
    label: str
    source: str | None = None
    cue: str | None = None


@dataclass(frozen=True)
class LabelledDoc:
    """A document with gold sentence spans (the JSONL format of ANNOTATION.md)."""

    doc_id: str
    text: str
    spans: tuple[Span, ...]
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


#: Weight of each label in the sourcing score; `none` sentences are no claim and do not count.
SCORE_WEIGHTS: dict[str, float] = {"named": 1.0, "anonymous": 0.5, "unverified": 0.0}
SCORE_FORMULA = (
    "score = 100 * (named + 0.5 * anonymous) / (named + anonymous + unverified), "
    "over sentences that make a claim (label other than none); null when there is no claim"
)


@dataclass(frozen=True)
class ArticleScore:
    """The sourcing report of one article.

    ``sources``, ``attributions`` and ``reasons`` come from :mod:`scorer.sources` and the
    model; ``attributions`` and ``reasons`` hold one entry per sentence.
    """

    input: str
    model: dict[str, str]
    sentences: tuple[SentencePrediction, ...]
    counts: dict[str, int]
    score: float | None
    sources: tuple = ()
    attributions: tuple = ()
    reasons: tuple[tuple[str, ...], ...] = ()
    text: str = field(default="", repr=False, compare=False)

    @property
    def shares(self) -> dict[str, float]:
        """Share of sentences per label (0 when the article has no sentence)."""
        total = sum(self.counts.values())
        return {label: (self.counts[label] / total if total else 0.0) for label in LABELS}

    @property
    def unverified_claims(self) -> list[tuple[int, SentencePrediction]]:
        """The unverified sentences with their indices, in article order."""
        return [(i, s) for i, s in enumerate(self.sentences) if s.label == "unverified"]
