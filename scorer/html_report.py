"""The HTML sourcing report: one self-contained, accessible, printable page (no scripts).

Every piece of article text goes through :func:`html.escape`, so markup inside an article is
shown as text and never runs.
"""
from __future__ import annotations

from html import escape

from .analysis import corroboration, materiality, ranked_claims, score_parts
from .types import LABELS, SCORE_FORMULA, ArticleScore

# Colours chosen for contrast with black text (WCAG AA); each label also has its own border
# style and a visible text tag, so colour is never the only cue.
LABEL_STYLE = {
    "named": ("#cfe3ff", "#1f4e99", "solid"),
    "anonymous": ("#ffe0a8", "#8a5300", "dashed"),
    "unverified": ("#ffd2d2", "#a11b1b", "dotted"),
    "none": ("#ececec", "#555555", "none"),
}
LABEL_HELP = {
    "named": "rests on an identifiable person, body or document",
    "anonymous": "rests on a source whose identity is withheld",
    "unverified": "a factual claim with no source",
    "none": "no claim: headline, furniture, opinion or question",
}

_CSS = """
body{font:16px/1.55 Georgia,'Times New Roman',serif;color:#111;background:#fff;margin:0 auto;max-width:60rem;padding:1rem 1.5rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
.meta,.small{font:13px/1.4 system-ui,sans-serif;color:#333}
.score{font:700 2rem system-ui,sans-serif}
.legend{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;list-style:none;padding:0;font:14px system-ui,sans-serif}
.swatch{display:inline-block;width:1.1em;height:1.1em;vertical-align:-.2em;margin-right:.3em;border-width:2px}
article p{margin:0 0 .9em}
.s{padding:.05em .15em;border-bottom-width:2px;border-radius:2px;text-decoration:none;color:#111}
.s:focus,.s:hover{outline:2px solid #000;outline-offset:1px}
.tag{font:600 10px/1 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.03em;margin-left:.2em;vertical-align:super}
table{border-collapse:collapse;width:100%;font:13px/1.4 system-ui,sans-serif}
th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right}
tr:target{outline:3px solid #000}
@media print{body{max-width:none;padding:0}a{color:#111;text-decoration:none}
.s,.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}h2{break-after:avoid}tr{break-inside:avoid}}
"""


def _label_css() -> str:
    rules = []
    for label, (background, ink, border) in LABEL_STYLE.items():
        rules.append(f".s-{label},.swatch-{label}{{background:{background};border-bottom:2px {border} {ink}}}"
                     f".swatch-{label}{{border:2px {border if border != 'none' else 'solid'} {ink}}}"
                     f".tag-{label}{{color:{ink}}}")
    return "".join(rules)


def _chart(report: ArticleScore) -> str:
    """An inline SVG bar chart of the label mix, with a text alternative."""
    total = sum(report.counts.values()) or 1
    width, bar, row = 420, 18, 26
    parts = [f'<svg role="img" aria-labelledby="mix-title" width="{width + 170}" height="{row * len(LABELS) + 6}" '
             f'viewBox="0 0 {width + 170} {row * len(LABELS) + 6}" xmlns="http://www.w3.org/2000/svg">',
             '<title id="mix-title">Label mix: ' + escape(", ".join(
                 f"{label} {report.counts[label]} ({report.counts[label] / total:.0%})" for label in LABELS)) + "</title>"]
    for i, label in enumerate(LABELS):
        background, ink, _ = LABEL_STYLE[label]
        y = 4 + i * row
        length = round(width * report.counts[label] / total, 1)
        parts.append(f'<text x="0" y="{y + 14}" font-family="sans-serif" font-size="13" fill="#111">{label}</text>')
        parts.append(f'<rect x="90" y="{y}" width="{max(length, 1)}" height="{bar}" fill="{background}" '
                     f'stroke="{ink}" stroke-width="1.5"/>')
        parts.append(f'<text x="{96 + length}" y="{y + 14}" font-family="sans-serif" font-size="13" fill="#111">'
                     f'{report.counts[label]} ({report.counts[label] / total:.0%})</text>')
    parts.append("</svg>")
    return "".join(parts)


def _paragraphs(report: ArticleScore) -> list[list[int]]:
    """Group sentence indices into the article's paragraphs (a line break starts a new one)."""
    groups: list[list[int]] = []
    previous_end = 0
    for i, sentence in enumerate(report.sentences):
        gap = report.text[previous_end : sentence.start] if report.text else " "
        if not groups or "\n" in gap or "\r" in gap:
            groups.append([])
        groups[-1].append(i)
        previous_end = sentence.end
    return groups


def _sentence_title(report: ArticleScore, index: int) -> str:
    sentence = report.sentences[index]
    parts = [f"{sentence.label} ({sentence.confidence:.0%})"]
    attribution = report.attributions[index] if report.attributions else None
    if attribution is not None:
        if attribution.source_id is not None:
            parts.append(f"source: {report.sources[attribution.source_id].name}")
        if attribution.cue_span:
            parts.append(f"cue: {report.text[attribution.cue_span[0]:attribution.cue_span[1]]}")
    return "; ".join(parts)


def render_html(report: ArticleScore) -> str:
    """Render one report as a self-contained HTML page."""
    e = escape
    score = "n/a" if report.score is None else f"{report.score:.1f}"
    material = materiality(report)
    support = corroboration(report)
    parts = score_parts(report)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Sourcing report: {e(report.input)}</title>",
        f"<style>{_CSS}{_label_css()}</style></head><body>",
        "<header>",
        f"<h1>Sourcing report: {e(report.input)}</h1>",
        f'<p><span class="score">{score}</span><span class="meta"> / 100 sourcing score</span></p>',
        f'<p class="meta">{e(SCORE_FORMULA)}.<br>Model {e(report.model["name"])} {e(report.model["version"])} '
        f'(sha256 {e(report.model["sha256"][:12])}).</p>',
        '<ul class="legend" aria-label="Legend">',
        *[f'<li><span class="swatch swatch-{label}" aria-hidden="true"></span><b>{label}</b>: {LABEL_HELP[label]}</li>'
          for label in LABELS],
        "</ul>",
        _chart(report),
        "</header>",
        '<h2 id="article">Article</h2><article>',
    ]
    for paragraph in _paragraphs(report):
        pieces = []
        for i in paragraph:
            sentence = report.sentences[i]
            pieces.append(
                f'<a class="s s-{sentence.label}" id="s{i}" href="#d{i}" data-label="{sentence.label}" '
                f'title="{e(_sentence_title(report, i))}">{e(sentence.text)}'
                f'<span class="tag tag-{sentence.label}">{sentence.label}</span></a>'
            )
        out.append("<p>" + " ".join(pieces) + "</p>")
    out.append("</article>")

    out += ['<h2 id="sources">Sources</h2>']
    cited = [s for s in report.sources if s.sentences]
    if cited:
        out.append("<table><thead><tr><th>source</th><th>kind</th><th>title or role</th><th>official</th>"
                   "<th>reason for anonymity</th><th>sentences</th><th>direct quotes</th></tr></thead><tbody>")
        for source in cited:
            links = " ".join(f'<a href="#s{i}">{i}</a>' for i in sorted(source.sentences))
            out.append(f"<tr><td>{e(source.name)}</td><td>{source.kind}</td><td>{e(source.title or '')}</td>"
                       f"<td>{'yes' if source.official else 'no'}</td><td>{e(source.anonymity_reason or '')}</td>"
                       f'<td>{links}</td><td class="num">{source.quotes}</td></tr>')
        out.append("</tbody></table>")
    else:
        out.append("<p>No source found.</p>")
    out.append(f'<p class="small">Anonymous sources: {support["anonymous_sources"]}; named sources: '
               f'{support["named_sources"]}. '
               + ("An anonymous source carries the headline or the lede." if material["material"]
                  else "No anonymous source carries the headline or the lede.") + "</p>")

    out += ['<h2 id="claims">Unverified claims, most check-worthy first</h2>']
    claims = ranked_claims(report)
    if claims:
        out.append("<ol>" + "".join(
            f'<li><a href="#s{c["index"]}">{e(c["text"])}</a> <span class="small">'
            f'({e(", ".join(c["why"]) or "no checkable detail")})</span></li>' for c in claims) + "</ol>")
    else:
        out.append("<p>None.</p>")

    out += ['<h2 id="score">How the score is made</h2>',
            "<table><thead><tr><th>label</th><th>sentences</th><th>weight</th><th>points</th></tr></thead><tbody>"]
    for label, part in parts["parts"].items():
        out.append(f'<tr><td>{label}</td><td class="num">{part["sentences"]}</td><td class="num">{part["weight"]}</td>'
                   f'<td class="num">{part["points"]}</td></tr>')
    out.append(f'</tbody></table><p class="small">{parts["claims"]} sentences make a claim.</p>')

    out += ['<h2 id="details">Sentence details</h2>',
            "<table><thead><tr><th>#</th><th>label</th><th>confidence</th><th>source</th><th>cue</th>"
            "<th>why</th></tr></thead><tbody>"]
    for i, sentence in enumerate(report.sentences):
        attribution = report.attributions[i] if report.attributions else None
        source = cue = ""
        if attribution is not None and attribution.source_id is not None:
            source = report.sources[attribution.source_id].name
        if attribution is not None and attribution.cue_span and report.text:
            cue = report.text[attribution.cue_span[0] : attribution.cue_span[1]]
        why = ", ".join(report.reasons[i]) if report.reasons else ""
        out.append(f'<tr id="d{i}"><td><a href="#s{i}">{i}</a></td><td>{sentence.label}</td>'
                   f'<td class="num">{sentence.confidence:.2f}</td><td>{e(source)}</td><td>{e(cue)}</td>'
                   f"<td>{e(why)}</td></tr>")
    out += ["</tbody></table>", "</body></html>", ""]
    return "\n".join(out)
