"""`make bench`: the sentence encoder's paths compared in one run, against
bare spaCy, at each scale of the bundled corpus; printed and written to
`--output` (docs/benchmarks.md) with the date, the machine and its load.

For each scale (`--scales`, default 10,100), in a temp folder: copies of the
bundled articles under distinct names, then, each in a fresh process (so its
peak RSS is its own):

- bare spaCy: `nlp.pipe` over the same texts, one process, at each
  `nlp.pipe` batch size of `--batch-sizes` (the first is what the run does:
  one article per call);
- for each encoder path (`--paths`, default torch and onnx; PIPELINE_ENCODER
  in the child) and each worker count (`--workers`, default 1 and 2):
  `pipeline run` over the corpus, models loaded before the clock starts with
  1 worker, on the clock with more; the outputs must be the same bytes with
  any worker count.

Columns: `words_per_s_worker` (words/s over the workers), `vs_torch` (that
against the torch path's at the same worker count), `over_spacy` (wall time
over bare spaCy's at the first batch size, 1 worker), `speedup` (1 worker's
time over this one's), `peak_rss_mb` (the measuring process: with 1 worker,
the one worker), `rss_vs_torch`.

Then one long article of `--long-lines` lines (default 50,000: the seed
articles' sentences, one per paragraph, numbered so none repeats), with the
first path and 1 worker: its time per character against the corpus's at the
first scale (`per_char_vs_seed`, near 1 when ingest and tagging are linear in
an article's length) and its peak RSS (bounded: long articles are parsed in
pieces). `--long-lines 0` skips it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.config import ACTORS_PATH, MODELS_DIR, RAW_DIR
from pipeline.runner.executors import available_cores

HEADER = ("scale", "words", "path", "workers", "seconds", "words_per_s_worker", "vs_torch", "over_spacy", "speedup", "peak_rss_mb", "rss_vs_torch")
SPACY_HEADER = ("scale", "words", "batch_size", "seconds", "words_per_s")
LONG_HEADER = ("lines", "chars", "path", "seconds", "us_per_char", "seed_us_per_char", "per_char_vs_seed", "peak_rss_mb")


def build_corpus(folder: Path, scale: int) -> int:
    """Copy the bundled articles `scale` times under distinct names; return the word count."""
    words = 0
    for copy in range(scale):
        for path in sorted(RAW_DIR.glob("*.txt")):
            shutil.copyfile(path, folder / f"{copy:03d}_{path.name}")
            words += len(path.read_text(encoding="utf-8").split())
    return words


def build_long_article(folder: Path, lines: int) -> int:
    """One article of `lines` lines, every other one blank, from the seed
    articles' sentences; return its length in characters."""
    sentences = [
        sentence.strip().rstrip(".") + "."
        for path in sorted(RAW_DIR.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        for sentence in line.split(". ")
        if len(sentence.split()) > 3
    ]
    paragraphs = (f"In report {n}, {sentences[n % len(sentences)]}" for n in range(lines // 2))
    text = "\n\n".join(paragraphs) + "\n"
    (folder / "long.txt").write_text(text, encoding="utf-8")
    return len(text)


def corpus_chars(scale: int) -> int:
    return scale * sum(len(path.read_text(encoding="utf-8")) for path in RAW_DIR.glob("*.txt"))


def run_long_article(lines: int, path: str, seed_seconds: float, seed_chars: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        chars = build_long_article(corpus, lines)
        figures, rss = child("pipeline", str(corpus), str(Path(tmp) / "out"), "1", encoder=path)
    per_char, seed_per_char = figures["seconds"] / chars * 1e6, seed_seconds / seed_chars * 1e6
    return {
        "lines": lines,
        "chars": chars,
        "path": path,
        "seconds": round(figures["seconds"], 1),
        "us_per_char": round(per_char, 1),
        "seed_us_per_char": round(seed_per_char, 1),
        "per_char_vs_seed": round(per_char / seed_per_char, 2),
        "peak_rss_mb": rss,
    }


def measure_pipeline(corpus: Path, out: Path, workers: int) -> dict[str, float]:
    """In a child process: time `run` over the corpus."""
    from pipeline.runner.run import run
    from pipeline.runner.worker import ModelPaths, cached_models

    models = ModelPaths(models_dir=MODELS_DIR, actors_path=ACTORS_PATH)
    if workers == 1:
        cached_models(models)
    started = time.perf_counter()
    summary = run(corpus, out, models=models, workers=workers)
    return {"seconds": time.perf_counter() - started, "sentences": summary.sentences}


def measure_spacy(corpus: Path, batch_size: int) -> dict[str, float]:
    """In a child process: spaCy alone over the texts, as the run loads it."""
    from pipeline.stages.nlp import load_nlp

    nlp = load_nlp()
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))]
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return {"seconds": time.perf_counter() - started}


def child(*args: str, encoder: str | None = None) -> tuple[dict[str, float], int]:
    """Run this script with `--child ...`; return its figures and peak RSS in MB."""
    env = {**os.environ, **({"PIPELINE_ENCODER": encoder} if encoder else {})}
    process = subprocess.Popen([sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE, text=True, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read()
    if status != 0:
        raise SystemExit(f"bench child failed: {' '.join(args)} ({encoder or 'default encoder'})")
    return json.loads(output), round(usage.ru_maxrss / 1024)


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.jsonl"))}


def run_scale(scale: int, paths: list[str], workers: list[int], batch_sizes: list[int]) -> tuple[list[dict], list[dict]]:
    rows, spacy_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        words = build_corpus(corpus, scale)
        for batch_size in batch_sizes:
            figures, _rss = child("spacy", str(corpus), str(batch_size))
            spacy_rows.append({"scale": scale, "words": words, "batch_size": batch_size, "seconds": round(figures["seconds"], 2), "words_per_s": round(words / figures["seconds"])})
        spacy_seconds = spacy_rows[0]["seconds"]
        measured: dict[tuple[str, int], tuple[float, int]] = {}
        for path in paths:
            for count in workers:
                out = Path(tmp) / f"out-{path}-{count}"
                figures, rss = child("pipeline", str(corpus), str(out), str(count), encoder=path)
                if outputs(out) != outputs(Path(tmp) / f"out-{path}-{workers[0]}"):
                    raise SystemExit(f"{path}: outputs differ between {workers[0]} and {count} workers at {scale}x")
                measured[path, count] = (figures["seconds"], rss)
                rows.append(row(scale, words, path, count, measured, spacy_seconds, workers[0]))
                print(" | ".join(str(value) for value in rows[-1].values()), flush=True)
    return rows, spacy_rows


def row(scale: int, words: int, path: str, count: int, measured: dict, spacy_seconds: float, first_count: int) -> dict[str, object]:
    seconds, rss = measured[path, count]
    torch = measured.get(("torch", count))
    return {
        "scale": scale,
        "words": words,
        "path": path,
        "workers": count,
        "seconds": round(seconds, 2),
        "words_per_s_worker": round(words / seconds / count),
        "vs_torch": round(torch[0] / seconds, 2) if torch else "-",
        "over_spacy": round(seconds / spacy_seconds, 2) if count == 1 else "-",
        "speedup": round(measured[path, first_count][0] / seconds, 2),
        "peak_rss_mb": rss if count == 1 else "-",
        "rss_vs_torch": round(rss / torch[1], 2) if torch and count == 1 else "-",
    }


def table(header: tuple[str, ...], rows: list[dict]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"] + ["| " + " | ".join(str(r[key]) for key in header) + " |" for r in rows]


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        mode, *args = sys.argv[2:]
        if mode == "pipeline":
            figures = measure_pipeline(Path(args[0]), Path(args[1]), int(args[2]))
        else:
            figures = measure_spacy(Path(args[0]), int(args[1]))
        print(json.dumps(figures))
        return
    parser = argparse.ArgumentParser(description="Speed and memory of the encoder's paths against bare spaCy.")
    parser.add_argument("--output", type=Path, help="Markdown file to write the figures to.")
    parser.add_argument("--scales", default=os.environ.get("BENCH_SCALES", "10,100"), help="Comma-separated copies of the corpus.")
    parser.add_argument("--paths", default=os.environ.get("BENCH_PATHS", "torch,onnx"), help="Encoder paths (PIPELINE_ENCODER values).")
    parser.add_argument("--workers", default=os.environ.get("BENCH_WORKERS", "1,2"), help="Worker counts.")
    parser.add_argument("--batch-sizes", default="1,8", help="nlp.pipe batch sizes for bare spaCy.")
    parser.add_argument("--long-lines", type=int, default=int(os.environ.get("BENCH_LONG_LINES", "50000")), help="Lines of the long article (0: skip it).")
    options = parser.parse_args()
    ints = lambda text: [int(part) for part in text.split(",")]  # noqa: E731
    load_before = os.getloadavg()
    rows, spacy_rows = [], []
    for scale in ints(options.scales):
        found = run_scale(scale, options.paths.split(","), ints(options.workers), ints(options.batch_sizes))
        rows += found[0]
        spacy_rows += found[1]
    long_rows = []
    if options.long_lines and rows:
        first = rows[0]
        long_rows.append(run_long_article(options.long_lines, first["path"], first["seconds"], corpus_chars(first["scale"])))
        print(" | ".join(str(value) for value in long_rows[-1].values()), flush=True)
    load_after = os.getloadavg()
    lines = [
        f"Measured {datetime.date.today().isoformat()} on {machine()} by `make bench`"
        f" (`--scales {options.scales} --paths {options.paths} --workers {options.workers}`);"
        f" load average {load_before[0]:.1f} before, {load_after[0]:.1f} after (the machine is shared:"
        " compare rows of one run, not across runs).",
        "",
        *table(HEADER, rows),
        "",
        "Bare spaCy (`nlp.pipe`, 1 process) at each batch size:",
        "",
        *table(SPACY_HEADER, spacy_rows),
    ]
    if long_rows:
        lines += ["", f"One long article ({options.long_lines} lines), 1 worker, against the corpus at {rows[0]['scale']}x:", "", *table(LONG_HEADER, long_rows)]
    print("\n".join(lines), flush=True)
    if options.output:
        write_doc(options.output, lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.machine())
    return f"{cpu}, {available_cores()} cores, Python {platform.python_version()}"


def write_doc(path: Path, lines: list[str]) -> None:
    from pipeline.io import atomic_writer

    header = ["# Benchmarks", "", "Written by `make bench` (`scripts/bench.py`); the columns are explained in its docstring.", ""]
    with atomic_writer(path) as handle:
        handle.write("\n".join(header + lines) + "\n")


if __name__ == "__main__":
    main()
