"""The text of what `train`, `evaluate` and `models` found: tables of
metrics, the retraining verdict, and the model report written to docs/."""

from __future__ import annotations

import datetime
import platform
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.training.retrain import Comparison


def what_is_new(comparison: Comparison) -> str:
    if comparison.previous is None:
        return ""
    since = comparison.previous["version"]
    if comparison.new_annotations is None:
        return f"; the card of {since} does not list its units, so new annotations are not counted"
    return f"; {comparison.new_annotations} annotations new since {since} ({comparison.relabelled} relabelled)"


def format_comparison(comparison: Comparison, version: str) -> str:
    previous = comparison.previous
    header = ["leave-one-article-out", f"{previous['version']} (active)", f"{version} (new)"]
    if comparison.shared_metrics:
        header.append(f"{version} on the {comparison.shared_metrics['units']} units of {previous['version']}")
    names = list(dict.fromkeys([*comparison.new_metrics, *comparison.previous_metrics]))
    rows = [
        [name, comparison.previous_metrics.get(name, "-"), comparison.new_metrics.get(name, "-")]
        + ([comparison.shared_metrics.get(name, "-")] if comparison.shared_metrics else [])
        for name in names
    ]
    return format_columns([header, *rows])


def verdict(comparison: Comparison, version: str, activated: bool) -> str:
    if comparison.previous is None or comparison.previous_score is None:
        return f"active: {version}"
    old = comparison.previous["version"]
    where = f"on the {comparison.shared_metrics['units']} units both were scored on" if comparison.shared_metrics else "over all units"
    change = f"{comparison.metric} {comparison.previous_score} -> {comparison.new_score} {where}"
    if not comparison.is_worse:
        return f"active: {version} ({change})"
    if activated:
        return f"active: {version}, forced although it scores lower ({change})"
    return (
        f"kept {old} active: {version} scores lower ({change}); it is saved, "
        f"`pipeline models --activate {version}` or `make train FORCE=1` makes it active"
    )


VERSION_COLUMNS = ("claim_f1", "label_macro_f1", "end_to_end_macro_f1", "actor_f1")


def format_versions(versions: list[tuple[dict, bool]]) -> str:
    header = ["", "version", "units", "articles", "new", *VERSION_COLUMNS]
    rows = [
        ["*" if active else "", card["version"], card.get("units", "-"), card.get("articles", "-"), card.get("new_annotations", "-")]
        + [card.get("metrics_loao", {}).get(column, "-") for column in VERSION_COLUMNS]
        for card, active in versions
    ]
    return format_columns([header, *rows])


def format_columns(rows: list[list]) -> str:
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in cells)


def format_table(results: dict[str, dict]) -> str:
    columns = ["claim_f1", "label_macro_f1", "end_to_end_macro_f1", "label_ece", "plover_label_macro_f1", "un_quadclass_label_macro_f1"]
    lines = ["| variant | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for name, scores in results.items():
        lines.append(f"| {name} | " + " | ".join(str(scores.get(column, "-")) for column in columns) + " |")
    return "\n".join(lines)


def format_metrics(scores: dict, *, title: str = "leave-one-article-out cross-validation:") -> str:
    width = max(len(name) for name in scores)
    lines = [title]
    lines += [f"  {name:<{width}}  {value}" for name, value in scores.items()]
    return "\n".join(lines)


def describe_machine() -> str:
    """The CPU model, the cores this process may use and the Python version."""
    import os

    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.machine())
    return f"{cpu}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}"


def model_report(
    scores: dict[str, Any], behaviour: dict[str, float], *, command: str, external: bool, written: dict[str, Any] | None = None
) -> str:
    """`docs/model-report.md`: the metrics, with when, where and how they were made."""
    data = "the corpus's annotations and the external sets" if external else "the corpus's annotations only (no external sets given)"
    if written:
        data += (
            f", the claim detector also on the {written['sentences']} sentences written for the project"
            f" (`{written['file']}`, weight {written['weight']}, [written-set.md](written-set.md); never a test fold)"
        )
    lines = [
        "# Model report",
        "",
        f"Written by `{command}` on {datetime.date.today().isoformat()}, on {describe_machine()}.",
        f"Trained and scored on {data}; every figure is leave-one-article-out except the external sets',",
        "which a model trained on every annotation never saw, and the events': `plover_event_*` by nested",
        "cross-validation on PLOVER (folds grouped by text), `un_quadclass_quad_macro_f1` on the UN set's scored",
        "sample (never trained on), `dates_resolved` and `event_pairs_f1` on `corpus/events-gold/` ([events.md](events.md)),",
        "and `heldout_*` on `corpus/heldout/`, articles about other pairs a model trained on every annotation never saw",
        "([written-set.md](written-set.md), \"Held-out articles\").",
        "",
        "| metric | value |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in scores.items()),
        "",
        *dyad_table(scores),
        "## Behavioural suite",
        "",
        "Pass rates of the CheckList-style cases of `pipeline/training/behaviour.py` (sentences written for it,",
        "about ten pairs of actors), scored by the model trained on every annotation.",
        "",
        "| capability | pass rate |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in behaviour.items()),
    ]
    return "\n".join(lines) + "\n"


DYAD_ROWS = (
    ("source and target are two distinct gold actors", "both_within_gold", 0.90),
    ("unordered pair = the gold pair", "pair", 0.85),
    ("directed (source first)", "directed", 0.75),
    ("actor-set F1", "actor_set_f1", 0.90),
)
DYAD_COLUMNS = (
    ("dyad model, leave-one-article-out", "dyad"),
    ("rules alone", "dyad_rules"),
    ("PLOVER gold codes", "plover_dyad"),
    ("written articles on other pairs, dyad model, leave-one-article-out", "articles_dyad"),
    ("written articles, rules alone", "articles_rules"),
    ("held-out articles (never trained on), dyad model", "heldout_dyad"),
    ("held-out articles, rules alone", "heldout_rules"),
)


def dyad_table(scores: dict[str, Any]) -> list[str]:
    """The dyad's four rows (issue 13) by the learned dyad (leave-one-article-out),
    the rules alone and on PLOVER, with the targets; nothing if not scored."""
    columns = [(title, prefix) for title, prefix in DYAD_COLUMNS if f"{prefix}_cases" in scores]
    if not columns:
        return []
    counts = ", ".join(f"{title}: {scores[f'{prefix}_cases']} claims" for title, prefix in columns)
    return [
        "## Who with whom",
        "",
        f"Claims with at least two gold sides ({counts}); the source is the first side listed.",
        "",
        "| | " + " | ".join(title for title, _prefix in columns) + " | target (leave-one-article-out) |",
        "|---" * (len(columns) + 2) + "|",
        *(
            f"| {name} | " + " | ".join(str(scores[f"{prefix}_{key}"]) for _title, prefix in columns) + f" | {target} |"
            for name, key, target in DYAD_ROWS
        ),
        "",
    ]
