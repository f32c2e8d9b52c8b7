"""Static sentence embeddings (model2vec, distilled from all-MiniLM-L6-v2), loaded once per process.

model2vec's own `encode` runs the whole tokenizer on every sentence. A sentence embedding here
is only the mean of its tokens' vectors, and a person's words repeat, so each whitespace-separated
word is tokenized once and remembered. The result is the same vector, several times faster.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

import numpy as np

from kindvoice.errors import ConfigurationError

MODEL_DIR = Path(str(resources.files("kindvoice.language") / "model"))
MAX_TOKENS = 512  # what the model was distilled with; longer sentences are cut, as model2vec does
MAX_CHARS = MAX_TOKENS * 6
CACHE_WORDS = 200_000  # a bound, so a long-running server's memory cannot grow without end


class StaticEncoder:
    def __init__(self, folder: Path = MODEL_DIR):
        if not model_present(folder):
            raise ConfigurationError(f"The language model is missing from {folder}; run scripts/distill-model.")
        from model2vec import StaticModel

        model = StaticModel.from_pretrained(str(folder))
        self.tokenizer = model.tokenizer
        self.unknown = model.unk_token_id
        self.table = np.asarray(model.embedding, dtype=np.float32)
        self.dim = int(self.table.shape[1])
        self.words: dict[str, list[int]] = {}
        self._lock = threading.Lock()

    def _learn(self, chunks: list[str]) -> None:
        encodings = self.tokenizer.encode_batch_fast(chunks, add_special_tokens=False)
        with self._lock:
            if len(self.words) + len(chunks) > CACHE_WORDS:
                self.words = {}
            for chunk, encoding in zip(chunks, encodings, strict=True):
                self.words[chunk] = [i for i in encoding.ids if i != self.unknown]

    def encode(self, sentences: list[str]) -> np.ndarray:
        """One unit-length row per sentence (zeros for a sentence with no known tokens)."""
        split = [s[:MAX_CHARS].split() for s in sentences]
        words = self.words
        unseen = {chunk for chunks in split for chunk in chunks if chunk not in words}
        if unseen:
            self._learn(sorted(unseen))
            words = self.words
        flat: list[int] = []
        counts = np.zeros(len(sentences), dtype=np.int64)
        for row, chunks in enumerate(split):
            before = len(flat)
            for chunk in chunks:
                ids = words.get(chunk)
                if ids is None:  # forgotten when the cache was cleared by another thread
                    self._learn([chunk])
                    ids = self.words[chunk]
                flat.extend(ids)
            if len(flat) - before > MAX_TOKENS:
                del flat[before + MAX_TOKENS :]
            counts[row] = len(flat) - before
        out = np.zeros((len(sentences), self.dim), dtype=np.float32)
        present = counts > 0
        if flat:
            starts = np.concatenate(([0], np.cumsum(counts)[:-1]))[present]
            sums = np.add.reduceat(self.table[np.asarray(flat, dtype=np.int64)], starts, axis=0)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            out[present] = sums / np.maximum(norms, 1e-12)  # the mean's direction is the sum's
        return out


_lock = threading.Lock()
_encoder: StaticEncoder | None = None


def model_present(folder: Path = MODEL_DIR) -> bool:
    return (folder / "model.safetensors").exists()


def encoder() -> StaticEncoder:
    """The shared static model; the first call loads it (about 0.3 s), later calls are free."""
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                _encoder = StaticEncoder()
    return _encoder


def encode(sentences: list[str]) -> np.ndarray:
    if not sentences:
        return np.zeros((0, 0), dtype=np.float32)
    return encoder().encode(sentences)
