"""`make bench`: speed and memory at 1x, 10x and 100x the bundled corpus,
printed and written to `--output` (docs/benchmarks.md) with the date and the
machine.

For each scale, in a temp folder: copies of the bundled articles under
distinct names, then, each in a fresh process (so its peak RSS is its own):

- the pipeline with 1 worker, models loaded before the clock starts;
- the pipeline with more workers (they start and load their models on the
  clock: that is what a run costs), and a check that its outputs are the
  same bytes as with 1 worker;
- a re-run of the whole `pipeline run` command over the unchanged corpus
  (`rerun_pct`: its wall time as a percentage of the 1-worker run's);
- the bare model cost of the same work on the same one core as 1 worker:
  spaCy `nlp.pipe` over the same texts plus the sentence-transformers encoder
  (one torch thread) over the same sentences in one batched call, nothing
  else. `ratio` is the 1-worker pipeline's time over this.

Then one long article, `BENCH_LONG_LINES` lines (default 50,000: the seed
articles' sentences, one per paragraph, numbered so none repeats), with 1
worker: its time per character against the seed corpus's (1x, 1 worker;
`per_char_vs_seed`, which stays near 1 when ingest and tagging are linear in
an article's length) and its peak RSS.

`BENCH_SCALES` (default 1,10,100) and `BENCH_WORKERS` (default 1 and the
number of cores) choose the runs.
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

SCALES = tuple(int(s) for s in os.environ.get("BENCH_SCALES", "1,10,100").split(","))
WORKERS = tuple(int(w) for w in os.environ.get("BENCH_WORKERS", ",".join(sorted({"1", str(available_cores())}))).split(","))
LONG_LINES = int(os.environ.get("BENCH_LONG_LINES", "50000"))
LONG_HEADER = ("lines", "chars", "pipeline_s", "us_per_char", "seed_us_per_char", "per_char_vs_seed", "peak_rss_mb")
# sentence-transformers' own default batch size.
BARE_BATCH_SIZE = 32
HEADER = (
    "scale", "words", "workers", "pipeline_s", "bare_model_s", "ratio", "cpu_ratio",
    "words_per_s", "speedup", "peak_rss_mb", "first_sentence_s", "rerun_s", "rerun_pct",
)


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


def run_long_article(seed_seconds: float, seed_chars: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        chars = build_long_article(corpus, LONG_LINES)
        figures, rss = child("pipeline", str(corpus), str(Path(tmp) / "out"), "1", repr(time.time()))
    per_char, seed_per_char = figures["seconds"] / chars * 1e6, seed_seconds / seed_chars * 1e6
    return {
        "lines": LONG_LINES,
        "chars": chars,
        "pipeline_s": round(figures["seconds"], 1),
        "us_per_char": round(per_char, 1),
        "seed_us_per_char": round(seed_per_char, 1),
        "per_char_vs_seed": round(per_char / seed_per_char, 2),
        "peak_rss_mb": rss,
    }


def seed_chars() -> int:
    return sum(len(path.read_text(encoding="utf-8")) for path in RAW_DIR.glob("*.txt"))


def measure_pipeline(corpus: Path, out: Path, workers: int, launched: float) -> dict[str, float]:
    """In a child process: time `run` over the corpus."""
    from pipeline.progress import progress_bar
    from pipeline.runner.run import run
    from pipeline.runner.worker import ModelPaths, cached_models

    models = ModelPaths(models_dir=MODELS_DIR, actors_path=ACTORS_PATH)
    if workers == 1:
        cached_models(models)
    first: list[float] = []

    def on_article(_result) -> None:
        if not first:
            first.append(time.time() - launched)
        advance()

    with progress_bar(f"{workers} worker(s)", len(list(corpus.glob("*.txt")))) as advance:
        started, cpu = time.perf_counter(), time.process_time()
        summary = run(corpus, out, models=models, workers=workers, on_article=on_article)
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "first_sentence_s": first[0], "sentences": summary.sentences}


def measure_bare(corpus: Path, sentences_path: Path) -> dict[str, float]:
    """In a child process: spaCy over the texts plus the encoder over the sentences."""
    import torch

    from pipeline.model.encoder import ENCODER_THREADS, load_encoder
    from pipeline.stages.nlp import load_nlp

    torch.set_num_threads(ENCODER_THREADS)
    nlp = load_nlp()
    encoder = load_encoder()
    encoder.encode(["warm up"])
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))]
    with sentences_path.open(encoding="utf-8") as lines:
        sentences = [json.loads(line)["text"] for line in lines]
    started, cpu = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=4):
        pass
    encoder.encode(sentences, batch_size=BARE_BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False)
    return {"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu}


def child(*args: str) -> tuple[dict[str, float], int]:
    """Run this script with `--child ...`; return its figures and peak RSS in MB."""
    command = [sys.executable, __file__, "--child", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read()
    if status != 0:
        raise SystemExit(f"bench child failed: {' '.join(args)}")
    return json.loads(output), round(usage.ru_maxrss / 1024)


def time_rerun(corpus: Path, out: Path) -> float:
    """Wall time of the whole `pipeline run` command again over an unchanged
    corpus (process start and imports included): the cache answers, nothing
    is parsed and no model is loaded."""
    before = outputs(out)
    command = [sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), "--workers", "1"]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    if outputs(out) != before:
        raise SystemExit(f"a re-run changed the outputs in {out}")
    return seconds


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.jsonl"))}


def run_scale(scale: int) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        words = build_corpus(corpus, scale)
        runs = {}
        for workers in WORKERS:
            out = Path(tmp) / f"out-{workers}"
            runs[workers] = child("pipeline", str(corpus), str(out), str(workers), repr(time.time()))
            if outputs(out) != outputs(Path(tmp) / f"out-{WORKERS[0]}"):
                raise SystemExit(f"outputs differ between {WORKERS[0]} and {workers} workers at {scale}x")
        bare, _rss = child("bare", str(corpus), str(Path(tmp) / f"out-{WORKERS[0]}" / "sentences.jsonl"))
        rerun = time_rerun(corpus, Path(tmp) / f"out-{WORKERS[0]}")
    base = runs[WORKERS[0]][0]
    for workers, (figures, rss) in runs.items():
        single = workers == 1
        rows.append(
            {
                "scale": scale,
                "words": words,
                "workers": workers,
                "pipeline_s": round(figures["seconds"], 2),
                "bare_model_s": round(bare["seconds"], 2),
                "ratio": round(figures["seconds"] / bare["seconds"], 2) if single else "-",
                "cpu_ratio": round(figures["cpu_seconds"] / bare["cpu_seconds"], 2) if single else "-",
                "words_per_s": round(words / figures["seconds"]),
                "speedup": round(base["seconds"] / figures["seconds"], 2),
                "peak_rss_mb": rss,
                "first_sentence_s": round(figures["first_sentence_s"], 2),
                "rerun_s": round(rerun, 2) if single else "-",
                "rerun_pct": round(100 * rerun / figures["seconds"], 1) if single else "-",
            }
        )
    return rows


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        mode, *args = sys.argv[2:]
        if mode == "pipeline":
            figures = measure_pipeline(Path(args[0]), Path(args[1]), int(args[2]), float(args[3]))
        else:
            figures = measure_bare(Path(args[0]), Path(args[1]))
        print(json.dumps(figures))
        return
    parser = argparse.ArgumentParser(description="Speed and memory of `pipeline run` against bare spaCy and the encoder.")
    parser.add_argument("--output", type=Path, help="Markdown file to write the figures to.")
    options = parser.parse_args()
    lines = [
        f"Measured {datetime.date.today().isoformat()} on {machine()} by `make bench`"
        f" (BENCH_SCALES={','.join(map(str, SCALES))}, BENCH_WORKERS={','.join(map(str, WORKERS))}).",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|---" * len(HEADER) + "|",
    ]
    print("\n".join(lines), flush=True)
    seed_run = None
    for scale in SCALES:
        for row in run_scale(scale):
            lines.append("| " + " | ".join(str(row[key]) for key in HEADER) + " |")
            print(lines[-1], flush=True)
            if seed_run is None and row["workers"] == 1:
                seed_run = (float(row["pipeline_s"]), scale * seed_chars())
    if seed_run is not None and LONG_LINES:
        lines += ["", f"One long article (BENCH_LONG_LINES={LONG_LINES}), 1 worker:", ""]
        lines += ["| " + " | ".join(LONG_HEADER) + " |", "|---" * len(LONG_HEADER) + "|"]
        row = run_long_article(*seed_run)
        lines.append("| " + " | ".join(str(row[key]) for key in LONG_HEADER) + " |")
        print("\n".join(lines[-5:]), flush=True)
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
