"""What a report says beyond the labels: score parts, materiality, corroboration, check-worthiness."""
from __future__ import annotations

import re

from .types import SCORE_WEIGHTS, ArticleScore

#: How many claim sentences after the headline make up the lede (issue "Who said it": "the
#: headline or the first three sentences").
LEDE_SENTENCES = 3

_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|"
                     r"trillion|percent|half|third|quarter|dozen)s?\b", re.I)
_DATE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d|\b(?:Monday|Tuesday|"
                   r"Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b|\b(?:19|20)\d\d\b")
_ENTITY = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_CAUSAL = re.compile(r"\b(?:because|due to|caused|causes|led to|leads to|result(?:ed|s)? in|as a result|"
                     r"therefore|blamed|responsible for|since)\b", re.I)
_HEADLINE_ANONYMITY = re.compile(r"\b(?:sources?|officials?|insiders?|aides?|people familiar|report(?:s|ed)?)\s+"
                                 r"(?:say|said|says|tell|told|claim|believe)|\baccording to (?:sources|officials|a report)",
                                 re.I)


def score_parts(report: ArticleScore) -> dict:
    """Each label's contribution to the score, so a reader can see why it is what it is."""
    claims = sum(report.counts[label] for label in SCORE_WEIGHTS)
    parts = {
        label: {
            "sentences": report.counts[label],
            "weight": weight,
            "points": round(100.0 * weight * report.counts[label] / claims, 1) if claims else 0.0,
        }
        for label, weight in SCORE_WEIGHTS.items()
    }
    return {"claims": claims, "parts": parts, "score": report.score}


def materiality(report: ArticleScore) -> dict:
    """Does an anonymous source carry the headline or the lede?"""
    sentences = report.sentences
    headline = sentences[0].text if sentences else ""
    headline_anonymous = bool(sentences) and (
        sentences[0].label == "anonymous" or bool(_HEADLINE_ANONYMITY.search(headline))
    )
    lede = [i for i, s in enumerate(sentences[1:], start=1) if s.label != "none"][:LEDE_SENTENCES]
    anonymous_lede = [i for i in lede if sentences[i].label == "anonymous"]
    return {
        "headline_anonymous": headline_anonymous,
        "lede_sentences": lede,
        "anonymous_lede_sentences": anonymous_lede,
        "material": headline_anonymous or bool(anonymous_lede),
    }


def corroboration(report: ArticleScore) -> dict:
    """How many distinct anonymous sources, and whether named sources support the story too."""
    anonymous = [s for s in report.sources if s.kind == "anonymous" and s.sentences]
    named = [s for s in report.sources if s.kind != "anonymous" and s.sentences]
    return {
        "anonymous_sources": len(anonymous),
        "named_sources": len(named),
        "anonymous_sentences": report.counts["anonymous"],
        "named_sentences": report.counts["named"],
        "named_sources_also_support": bool(anonymous) and bool(named),
    }


def check_worthiness(text: str) -> tuple[int, list[str]]:
    """Score an unverified claim by what a fact-checker could check: numbers, dates, names, causes."""
    reasons = []
    if _NUMBER.search(text):
        reasons.append("number")
    if _DATE.search(text):
        reasons.append("date")
    entities = _ENTITY.findall(text)
    if entities:
        reasons.append("named entity")
    if _CAUSAL.search(text):
        reasons.append("causal claim")
    weight = {"number": 3, "date": 2, "named entity": 1, "causal claim": 2}
    return sum(weight[r] for r in reasons) + min(len(entities), 3) - (1 if entities else 0), reasons


def ranked_claims(report: ArticleScore) -> list[dict]:
    """The unverified claims, most check-worthy first (ties in article order)."""
    rows = []
    for index, sentence in report.unverified_claims:
        worth, why = check_worthiness(sentence.text)
        rows.append({"index": index, "start": sentence.start, "end": sentence.end, "text": sentence.text,
                     "check_worthiness": worth, "why": why})
    return sorted(rows, key=lambda r: (-r["check_worthiness"], r["index"]))

