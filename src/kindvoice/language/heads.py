"""Linear heads over static sentence embeddings: one matrix multiply each, weights in .npz files.

A head file holds W (dims × labels), b (labels), the label names, its kind ("softmax": one
label per sentence; "sigmoid": any number) and a threshold per label.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from kindvoice.errors import ConfigurationError

Kind = Literal["softmax", "sigmoid"]


@dataclass
class Head:
    name: str
    kind: Kind
    labels: list[str]
    weights: np.ndarray
    bias: np.ndarray
    thresholds: np.ndarray
    meta: dict[str, object]

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """One row per sentence, one column per label, each in 0–1."""
        return self.activate(vectors @ self.weights + self.bias)

    def activate(self, logits: np.ndarray) -> np.ndarray:
        if self.kind == "softmax":
            logits = logits - logits.max(axis=1, keepdims=True)
            exp = np.exp(logits)
            return exp / exp.sum(axis=1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-logits))

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}.npz"
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
            labels=np.array(self.labels),
            kind=np.array(self.kind),
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )
        return path

    @classmethod
    def load(cls, path: Path) -> Head:
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(
                    name=path.stem,
                    kind=str(data["kind"]),  # type: ignore[arg-type]
                    labels=[str(x) for x in data["labels"]],
                    weights=data["weights"],
                    bias=data["bias"],
                    thresholds=data["thresholds"],
                    meta=json.loads(str(data["meta"])),
                )
        except (OSError, KeyError, ValueError) as error:
            raise ConfigurationError(
                f"The model head {path} cannot be read ({error}). Run `kindvoice model train`."
            ) from None
