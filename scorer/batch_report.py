"""Batch summaries: summary.csv, summary.json, errors.jsonl and a sortable index.html."""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import asdict
from html import escape
from pathlib import Path

from .html_report import LABEL_STYLE
from .io import atomic_write_text
from .types import LABELS

CSV_FIELDS = ("id", "group", "origin", "named", "anonymous", "unverified", "none", "score", "named_sources",
              "anonymous_sources", "unverified_claims", "warnings", "error")


def _summary_csv(rows) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        record = asdict(row)
        record["score"] = "" if row.score is None else f"{row.score:.1f}"
        writer.writerow(record)
    return buffer.getvalue()


def aggregates(rows) -> dict:
    """Totals per group (outlet or folder) and overall."""
    groups: dict[str, list] = defaultdict(list)
    for row in rows:
        groups[row.group].append(row)
    groups_out = {}
    for name in sorted(groups):
        members = groups[name]
        scored = [r for r in members if not r.error]
        scores = [r.score for r in scored if r.score is not None]
        groups_out[name] = {
            "articles": len(members),
            "errors": len(members) - len(scored),
            "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
            "counts": {label: sum(getattr(r, label) for r in scored) for label in LABELS},
            "named_sources": sum(r.named_sources for r in scored),
            "anonymous_sources": sum(r.anonymous_sources for r in scored),
        }
    scores = [r.score for r in rows if not r.error and r.score is not None]
    return {
        "articles": len(rows),
        "scored": sum(1 for r in rows if not r.error),
        "errors": sum(1 for r in rows if r.error),
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        "groups": groups_out,
    }


def _histogram(rows) -> str:
    scores = [r.score for r in rows if not r.error and r.score is not None]
    bins = [0] * 10
    for score in scores:
        bins[min(int(score // 10), 9)] += 1
    top = max(bins) or 1
    bars = []
    for i, count in enumerate(bins):
        height = round(120 * count / top)
        bars.append(f'<rect x="{40 + i * 36}" y="{140 - height}" width="30" height="{height}" fill="#cfe3ff" '
                    f'stroke="#1f4e99"><title>{i * 10}-{i * 10 + 10}: {count}</title></rect>'
                    f'<text x="{55 + i * 36}" y="156" font-size="10" text-anchor="middle">{i * 10}</text>'
                    f'<text x="{55 + i * 36}" y="{134 - height}" font-size="10" text-anchor="middle">{count}</text>')
    return ('<svg role="img" aria-labelledby="hist-title" width="420" height="170" viewBox="0 0 420 170" '
            'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">'
            f'<title id="hist-title">Score distribution of {len(scores)} articles</title>{"".join(bars)}</svg>')


def _mix_by_group(summary: dict) -> str:
    groups = summary["groups"]
    height = 24 * len(groups) + 10
    parts = [f'<svg role="img" aria-labelledby="mix-title" width="640" height="{height}" viewBox="0 0 640 {height}" '
             'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif"><title id="mix-title">Label mix per group</title>']
    for i, (name, data) in enumerate(groups.items()):
        total = sum(data["counts"].values()) or 1
        x, y = 180.0, 5 + i * 24
        parts.append(f'<text x="0" y="{y + 13}" font-size="12">{escape(name[:28])}</text>')
        for label in LABELS:
            width = 440 * data["counts"][label] / total
            background, ink, _ = LABEL_STYLE[label]
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="16" fill="{background}" stroke="{ink}">'
                         f'<title>{escape(name)}: {label} {data["counts"][label]}</title></rect>')
            x += width
    parts.append("</svg>")
    return "".join(parts)


# A few lines of script so the table sorts by any column; the page works without it.
_SORT_SCRIPT = """
document.querySelectorAll('th[data-col]').forEach(function (th) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0], col = +th.dataset.col;
    var asc = th.dataset.dir !== 'asc'; th.dataset.dir = asc ? 'asc' : 'desc';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v, nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""


def _index_html(rows, summary: dict) -> str:
    from .batch import report_name

    e = escape
    head = ["article", "group", "score", *LABELS, "named sources", "anonymous sources", "error"]
    lines = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sourcing reports</title><style>',
             "body{font:14px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:72rem;padding:0 1rem;color:#111}"
             "table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.2rem .4rem}"
             "th{background:#f2f2f2;cursor:pointer}td.n{text-align:right}tr.err{background:#fff0f0}"
             "@media print{th{cursor:auto}}</style></head><body>",
             f"<h1>Sourcing reports: {summary['articles']} articles</h1>",
             f"<p>{summary['scored']} scored, {summary['errors']} failed (see errors.jsonl); mean score "
             f"{summary['mean_score'] if summary['mean_score'] is not None else 'n/a'}. Click a column to sort.</p>",
             "<h2>Score distribution</h2>", _histogram(rows), "<h2>Label mix per group</h2>", _mix_by_group(summary),
             "<h2>Articles</h2><table><thead><tr>"
             + "".join(f'<th data-col="{i}" scope="col">{e(h)}</th>' for i, h in enumerate(head))
             + "</tr></thead><tbody>"]
    for row in rows:
        name = report_name(row.id)
        link = e(row.id) if row.error else f'<a href="reports/{e(name)}.json">{e(row.id)}</a>'
        score = "" if row.score is None else f"{row.score:.1f}"
        cells = [(link, row.id), (e(row.group), row.group), (score, score if score else "-1")]
        cells += [(str(getattr(row, label)), str(getattr(row, label))) for label in LABELS]
        cells += [(str(row.named_sources), str(row.named_sources)), (str(row.anonymous_sources), str(row.anonymous_sources)),
                  (e(row.error), row.error)]
        row_class = ' class="err"' if row.error else ""
        tds = []
        for content, value in cells:
            numeric = ' class="n"' if value.replace(".", "").lstrip("-").isdigit() else ""
            tds.append(f'<td data-v="{e(value)}"{numeric}>{content}</td>')
        lines.append(f"<tr{row_class}>" + "".join(tds) + "</tr>")
    lines += ["</tbody></table>", f"<script>{_SORT_SCRIPT}</script>", "</body></html>", ""]
    return "\n".join(lines)


def write_summaries(out: Path, rows) -> None:
    """Write summary.csv, summary.json, errors.jsonl and index.html atomically into ``out``."""
    summary = aggregates(rows)
    atomic_write_text(out / "summary.csv", _summary_csv(rows))
    atomic_write_text(out / "summary.json", json.dumps(summary, indent=2, sort_keys=True) + "\n")
    atomic_write_text(out / "errors.jsonl", "".join(
        json.dumps({"id": r.id, "input": r.origin, "reason": r.error}, ensure_ascii=False) + "\n"
        for r in rows if r.error))
    atomic_write_text(out / "index.html", _index_html(rows, summary))
