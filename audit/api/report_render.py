"""The transparency report as CSV, and as one self-contained HTML page a council can publish.

The page has inline CSS and inline SVG bar charts: no script, no external font, stylesheet or image, so it
can be archived or published as a single file. Every value is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from audit.api.rows import csv_lines

SECTIONS = (
    ("by_tool", "Use by tool"), ("by_use_case", "Use by use case"), ("by_department", "Use by department"),
    ("by_decision", "Decisions"), ("by_outcome", "Outcomes"), ("by_finding_class", "Requests by finding class"),
    ("by_entity", "Requests by type of data found"), ("by_model", "Use by model"),
)
CSV_COLUMNS = ("section", "key", "label", "requests", "total_tokens", "energy_wh", "co2e_g", "findings")


def report_csv(report: dict[str, Any]) -> bytes:
    rows: list[dict[str, Any]] = [{"section": "totals", "key": k, "requests": v}
                                  for k, v in report["totals"].items()]
    for section, _ in SECTIONS:
        rows += [{"section": section, **item} for item in report[section]]
    rows += [{"section": "review", "key": k, "requests": v}
             for k, v in report["review"].items() if k != "verdicts"]
    rows += [{"section": "review_verdicts", "key": k, "requests": v} for k, v in report["review"]["verdicts"].items()]
    rows += [{"section": "feedback", "key": k, "requests": v} for k, v in report["feedback"].items()]
    return csv_lines(rows, CSV_COLUMNS, header=True)


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:2rem auto;max-width:60rem;
color:#0b0c0c;line-height:1.5;padding:0 1rem}
h1{font-size:2rem;margin-bottom:.25rem}h2{margin-top:2.5rem;border-bottom:2px solid #1d70b8}
.meta{color:#505a5f}.cards{display:flex;flex-wrap:wrap;gap:1rem;margin:1.5rem 0}
.card{border-left:5px solid #1d70b8;background:#f3f2f1;padding:.75rem 1rem;min-width:10rem}
.card b{display:block;font-size:1.5rem}table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #b1b4b6}td.n,th.n{text-align:right}
svg{max-width:100%;height:auto}footer{margin-top:3rem;color:#505a5f;font-size:.9rem}
"""


def report_html(report: dict[str, Any]) -> str:
    period = report["period"]
    title = f"Generative AI transparency report — {period['from'][:10]} to {period['to'][:10]}"
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(report.get("organisation_policy", ""))}. Generated {escape(report["generated_at"])} '
        "by Steward from the gateway's audit records. Figures include every request through the gateway; "
        "energy and CO2e are estimates (clause 8.5).</p>",
        _cards(report["totals"]),
    ]
    for key, heading in SECTIONS:
        parts.append(_section(heading, report[key]))
    parts += [_review(report["review"]), _feedback(report["feedback"]),
              "<footer>Published under the organisation's GenAI policy, clause 9.3 (transparency). "
              "No personal data is included.</footer></main></body></html>"]
    return "\n".join(parts)


def _cards(totals: dict[str, Any]) -> str:
    shown = (("requests", "Requests"), ("users", "People using GenAI"), ("total_tokens", "Tokens"),
             ("energy_wh", "Energy (Wh, est.)"), ("co2e_g", "CO2e (g, est.)"))
    cards = "".join(f'<div class="card"><b>{_num(totals.get(k, 0))}</b>{escape(label)}</div>' for k, label in shown)
    return f'<div class="cards">{cards}</div>'


def _section(heading: str, items: list[dict[str, Any]]) -> str:
    if not items:
        return f"<h2>{escape(heading)}</h2><p>No requests in this period.</p>"
    has_tokens = "total_tokens" in items[0]
    head = "<tr><th>Name</th><th class=n>Requests</th>" + (
        "<th class=n>Tokens</th><th class=n>Energy (Wh)</th><th class=n>CO2e (g)</th>" if has_tokens
        else "<th class=n>Findings</th>") + "</tr>"
    body = "".join(
        f"<tr><td>{escape(_label(i))}</td><td class=n>{_num(i['requests'])}</td>"
        + (f"<td class=n>{_num(i['total_tokens'])}</td><td class=n>{_num(i['energy_wh'])}</td>"
           f"<td class=n>{_num(i['co2e_g'])}</td>" if has_tokens else f"<td class=n>{_num(i.get('findings', 0))}</td>")
        + "</tr>" for i in items)
    chart = bar_chart(heading, [(_label(i), int(i["requests"])) for i in items[:12]])
    return f"<h2>{escape(heading)}</h2>{chart}<table>{head}{body}</table>"


def _review(review: dict[str, Any]) -> str:
    rows = [("Queued for human review", review["queued"]), ("Sampled at the use case's rate", review["sampled"]),
            ("Refusals of restricted use cases", review["restricted_refusals"]), ("Reviewed", review["reviewed"]),
            ("Awaiting review", review["pending"])]
    rows += [(f"Verdict: {k.replace('_', ' ')}", v) for k, v in review["verdicts"].items()]
    return "<h2>Human review (clause 8.3)</h2>" + _pairs(rows)


def _feedback(feedback: dict[str, Any]) -> str:
    avg = feedback["average_rating"]
    rows = [("Feedback received", feedback["feedback"]), ("Challenges to outcomes", feedback["challenges"]),
            ("Average rating (1–5)", "—" if avg is None else avg), ("Low ratings (1–2)", feedback["low_ratings"])]
    return "<h2>Feedback and challenges (clause 8.3.2)</h2>" + _pairs(rows)


def _pairs(rows: Iterable[tuple[str, Any]]) -> str:
    body = "".join(f"<tr><td>{escape(k)}</td><td class=n>{_num(v)}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def bar_chart(title: str, bars: list[tuple[str, int | float]]) -> str:
    """A horizontal bar chart as inline SVG, with a text alternative for screen readers."""
    if not bars:
        return ""
    top = max(value for _, value in bars) or 1.0
    row_h, label_w, width = 26, 300, 760
    height = row_h * len(bars) + 10
    rows = []
    for n, (label, value) in enumerate(bars):
        y = 5 + n * row_h
        w = max(1.0, (width - label_w - 90) * value / top)
        rows.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="13">{escape(_short(label))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="#1d70b8"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" font-size="13">{_num(value)}</text>')
    desc = "; ".join(f"{label}: {_num(value)}" for label, value in bars)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{escape(title)}"><title>{escape(title)}</title><desc>{escape(desc)}</desc>'
            f'{"".join(rows)}</svg>')


def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _label(item: dict[str, Any]) -> str:
    label = item.get("label") or item.get("key")
    return "(not recorded)" if label is None else str(label)


def _num(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return escape(str(value))
