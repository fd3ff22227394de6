"""`make bench`: speed and memory at 1x and 10x the bundled corpus.

Each scale runs in its own process (so peak RSS is that scale's own) and
times, with the models already loaded: the whole pipeline, and the bare
model cost of the same work (spaCy `nlp.pipe` over the same texts plus the
embedding model over the same sentences).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .config import MODELS_DIR, RAW_DIR

SCALES = tuple(int(s) for s in os.environ.get("BENCH_SCALES", "1,10").split(","))


def build_corpus(folder: Path, scale: int) -> int:
    """Copy the bundled articles `scale` times under distinct names; return the word count."""
    words = 0
    for copy in range(scale):
        for path in sorted(RAW_DIR.glob("*.txt")):
            shutil.copyfile(path, folder / f"{copy:03d}_{path.name}")
            words += len(path.read_text(encoding="utf-8").split())
    return words


def measure(corpus: Path, out: Path) -> dict[str, float]:
    """Run in a child process: time the pipeline and the bare model cost."""
    from .classify import predict  # noqa: F401  (import cost outside the timings)
    from .embed import embed
    from .model import load_model
    from .nlp import load_nlp
    from .run import run

    model, card = load_model(MODELS_DIR)
    nlp = load_nlp()
    embed(["warm up"])
    started = time.perf_counter()
    first = run(corpus, out, nlp=nlp, model=model, version=card["version"])
    pipeline_seconds = time.perf_counter() - started
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))]
    sentences = [json.loads(line)["text"] for line in (out / "sentences.jsonl").open(encoding="utf-8")]
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=4):
        pass
    embed(sentences)
    bare_seconds = time.perf_counter() - started
    return {"pipeline_s": pipeline_seconds, "bare_model_s": bare_seconds, "sentences": first.sentences}


def run_scale(scale: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        words = build_corpus(corpus, scale)
        command = [sys.executable, "-m", "pipeline.bench", "--child", str(corpus), str(out)]
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        if status != 0:
            raise SystemExit(f"bench child failed at {scale}x")
        figures = json.loads(child.stdout.read())
    return {
        "scale": scale,
        "words": words,
        "process_wall_s": round(wall, 2),
        "pipeline_s": round(figures["pipeline_s"], 2),
        "bare_model_s": round(figures["bare_model_s"], 2),
        "ratio": round(figures["pipeline_s"] / figures["bare_model_s"], 2),
        "words_per_s": round(words / figures["pipeline_s"]),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
    }


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    print(f"machine: {os.cpu_count()} cores, {sys.platform}, Python {sys.version.split()[0]}")
    header = ["scale", "words", "process_wall_s", "pipeline_s", "bare_model_s", "ratio", "words_per_s", "peak_rss_mb"]
    print(" | ".join(header))
    for scale in SCALES:
        row = run_scale(scale)
        print(" | ".join(str(row[key]) for key in header), flush=True)


if __name__ == "__main__":
    main()
