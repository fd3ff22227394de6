"""The report page: one self-contained HTML file, its style, script and data
inline, so it opens from disk anywhere and makes no network request."""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline.io import atomic_writer
from pipeline.report.data import page_data

REPORT_FILE = "report.html"
PLACEHOLDER_RE = re.compile(r"@@(\w+)@@")
# No request for a favicon either: an empty inline icon.
TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<link rel="icon" href="data:,">
<title>@@title@@</title>
<style>
@@style@@
</style>
</head>
<body>
<h1>@@title@@</h1>
<p class="summary" id="summary"></p>
<div class="filters" id="filters">
  <label>Pair <select id="filter-pair"><option value="">all pairs</option></select></label>
  <label>Label <select id="filter-label"><option value="">all labels</option></select></label>
  <label>Confidence ≥ <input id="filter-confidence" type="range" min="0" max="1" step="0.05" value="0"> <output id="confidence-value">0.00</output></label>
  <label>Article <select id="filter-doc"><option value="">all articles</option></select></label>
  <strong id="shown-count"></strong>
</div>
<div class="overview">
  <section>
    <h2>Pairs of actors</h2>
    <div class="pairs-box">
      <table>
        <thead><tr><th>Pair</th><th>Claims</th><th>Coop.</th><th>Tension</th><th>Balance</th><th>Trend</th><th>Timeline</th></tr></thead>
        <tbody id="pairs-body"></tbody>
      </table>
    </div>
    <h2>Timeline</h2>
    <div id="timeline"></div>
  </section>
  <section>
    <h2>Network</h2>
    <p class="muted">Edges coloured by balance: <span class="coop">green cooperation</span>, grey even, <span class="tension">red tension</span>; width by claims. Click an edge or a row to filter.</p>
    <div id="network"></div>
  </section>
</div>
<h2>Claims</h2>
<p class="muted">Highlighted: <mark class="source">source</mark> <mark class="target">target</mark> <mark class="cue">cue</mark>. The link opens the article with the sentence in context.</p>
<div class="pager" id="pager"><button type="button" id="page-prev">previous</button><span id="page-info"></span><button type="button" id="page-next">next</button></div>
<div id="claims"></div>
<div id="article-view" hidden></div>
<script id="report-data" type="application/json">@@data@@</script>
<script>
@@script@@
</script>
</body>
</html>
"""


def write_report(out_dir: Path, *, title: str = "Claims report") -> tuple[Path, dict[str, Any]]:
    """Write `out_dir/report.html` from the run's JSONL (atomically); return
    its path and the page's data."""
    data = page_data(out_dir)
    path = out_dir / REPORT_FILE
    with atomic_writer(path) as handle:
        handle.write(render_page(data, title=title))
    return path, data


def render_page(data: dict[str, Any], *, title: str) -> str:
    values = {"title": html.escape(title), "style": asset("report.css"), "script": asset("report.js"), "data": inline_json(data)}
    return PLACEHOLDER_RE.sub(lambda match: values[match.group(1)], TEMPLATE)


def inline_json(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element: no "<" can close it or open a comment."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def asset(name: str) -> str:
    return resources.files("pipeline.report").joinpath("assets", name).read_text(encoding="utf-8")
