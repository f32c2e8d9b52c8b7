"""Static sentence embeddings (model2vec, distilled from all-MiniLM-L6-v2), loaded once per process."""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np

from kindvoice.errors import ConfigurationError

MODEL_DIR = Path(str(resources.files("kindvoice.language") / "model"))


class Embedder(Protocol):
    def encode(self, sentences: list[str]) -> np.ndarray: ...


_lock = threading.Lock()
_model: Embedder | None = None


def model_present(folder: Path = MODEL_DIR) -> bool:
    return (folder / "model.safetensors").exists()


def embedder() -> Embedder:
    """The shared static model; the first call loads it (about 0.3 s), later calls are free."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                if not model_present():
                    raise ConfigurationError(
                        f"The language model is missing from {MODEL_DIR}; run scripts/distill-model."
                    )
                from model2vec import StaticModel

                _model = StaticModel.from_pretrained(str(MODEL_DIR))
    return _model


def encode(sentences: list[str]) -> np.ndarray:
    if not sentences:
        return np.zeros((0, 0), dtype=np.float32)
    return np.asarray(embedder().encode(sentences), dtype=np.float32)
