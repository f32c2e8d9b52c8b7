"""Training the linear heads, on data whose licence allows it: our own corpora.

Splits are fixed and documented: a sentence belongs to the held-out test split when the
first 8 hex digits of the SHA-256 of its lower-cased, stripped text are 0 modulo 5 (about
20%). Thresholds are chosen by 5-fold cross-validation on the training split only; the test
split is never looked at while training.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from kindvoice.errors import InvalidInput
from kindvoice.language.analysis import COMPONENTS, REACTIONS
from kindvoice.language.heads import Head, Kind

CORPUS_DIR = Path(str(resources.files("kindvoice.language") / "corpus"))
TRAPS = (
    "All-or-nothing thinking",
    "Overgeneralizing",
    "Labeling",
    "Fortune telling",
    "Mind reading",
    "Emotional reasoning",
    "Should statements",
    "Personalizing",
    "Disqualifying the positive",
    "Catastrophizing",
    "Comparing and despairing",
    "Blaming",
    "Negative feeling or emotion",
    "Not distorted",
)
STANCES = ("critic", "reassuring", "neutral")
CRISIS_LABELS = ("none", "suicidal_thoughts", "self_harm", "harm_from_others")
# The most false alarms a model-added crisis flag may raise on our own non-crisis sentences
# (cross-validated on the training split). Rules carry recall; the head only fills gaps.
CRISIS_HEAD_MAX_FALSE_ALARMS = 0.01
# The issue allows 5% alarms on hard negatives; the head may spend what the rules leave of that
# budget on recall (rules and head together, with a little margin, on the training split).
CRISIS_MAX_HARD_ALARMS = 0.045
Progress = Callable[[str], None]


def split_of(text: str) -> str:
    digest = hashlib.sha256(text.strip().lower().encode("utf-8")).hexdigest()
    return "test" if int(digest[:8], 16) % 5 == 0 else "train"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read ({error.strerror}).") from None
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise InvalidInput(f"{path}, line {number}: not valid JSON ({error.msg}).") from None
    return rows


@dataclass
class Dataset:
    texts: list[str]
    targets: np.ndarray  # one-hot (softmax) or multi-hot (sigmoid)

    def split(self, name: str) -> Dataset:
        keep = [i for i, t in enumerate(self.texts) if split_of(t) == name]
        return Dataset([self.texts[i] for i in keep], self.targets[keep])


def one_hot(values: Iterable[str], labels: tuple[str, ...]) -> np.ndarray:
    values = list(values)
    out = np.zeros((len(values), len(labels)), dtype=np.float32)
    for i, value in enumerate(values):
        out[i, labels.index(value)] = 1.0
    return out


def multi_hot(values: Iterable[Iterable[str]], labels: tuple[str, ...]) -> np.ndarray:
    values = [list(v) for v in values]
    out = np.zeros((len(values), len(labels)), dtype=np.float32)
    for i, row in enumerate(values):
        for value in row:
            out[i, labels.index(value)] = 1.0
    return out


def corpus(name: str, folder: Path = CORPUS_DIR) -> list[dict[str, Any]]:
    """A corpus: `<name>.jsonl` and any `<name>-*.jsonl` beside it (later additions), in name order."""
    files = [folder / f"{name}.jsonl", *sorted(folder.glob(f"{name}-*.jsonl"))]
    return [row for path in files for row in read_jsonl(path)]


def datasets(folder: Path = CORPUS_DIR) -> dict[str, tuple[Kind, tuple[str, ...], Dataset]]:
    """Every head's labelled data, from the corpora we wrote ourselves."""
    selftalk = corpus("selftalk", folder)
    crisis = corpus("crisis", folder)
    traps = corpus("traps", folder)
    reaction_labels = ("none", *REACTIONS)
    # Self-talk sentences are all free of crisis language, so they teach the crisis head
    # what ordinary writing looks like.
    crisis_texts = [r["text"] for r in crisis] + [r["text"] for r in selftalk]
    crisis_targets = [r["category"] if r["level"] != "none" else "none" for r in crisis] + ["none"] * len(selftalk)
    return {
        "critic": (
            "softmax",
            STANCES,
            Dataset([r["text"] for r in selftalk], one_hot((r["stance"] for r in selftalk), STANCES)),
        ),
        "components": (
            "sigmoid",
            COMPONENTS,
            Dataset([r["text"] for r in selftalk], multi_hot((r["components"] for r in selftalk), COMPONENTS)),
        ),
        "reaction": (
            "softmax",
            reaction_labels,
            Dataset([r["text"] for r in selftalk], one_hot((r["reaction"] for r in selftalk), reaction_labels)),
        ),
        "traps": (
            "softmax",
            TRAPS,
            Dataset([r["text"] for r in traps], one_hot((r["traps"][0] for r in traps), TRAPS)),
        ),
        "crisis": ("softmax", CRISIS_LABELS, Dataset(crisis_texts, one_hot(crisis_targets, CRISIS_LABELS))),
    }


def fit(
    x: np.ndarray, y: np.ndarray, kind: Kind, *, l2: float = 1e-3, steps: int = 400
) -> tuple[np.ndarray, np.ndarray]:
    """Logistic regression (softmax or one-vs-rest sigmoid) by full-batch Adam, classes balanced.

    Features are standardised while fitting and the scaling folded back into the weights,
    so the saved head works on raw embeddings.
    """
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / std
    n, d = z.shape
    k = y.shape[1]
    if kind == "softmax":
        counts = y.sum(axis=0) + 1e-6
        sample = (y @ (n / (k * counts))).astype(np.float32)
    else:
        sample = np.ones(n, dtype=np.float32)
        positive = y.sum(axis=0) + 1e-6
        column = ((n - positive) / positive).clip(1.0, 20.0)  # weight rare positives up
    w, b = np.zeros((d, k), dtype=np.float32), np.zeros(k, dtype=np.float32)
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        logits = z @ w + b
        if kind == "softmax":
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            g = (p - y) * sample[:, None]
        else:
            p = 1.0 / (1.0 + np.exp(-logits))
            g = (p - y) * np.where(y > 0, column, 1.0)
        g /= n
        grad_w, grad_b = z.T @ g + l2 * w, g.sum(axis=0)
        m_w = beta1 * m_w + (1 - beta1) * grad_w
        v_w = beta2 * v_w + (1 - beta2) * grad_w**2
        m_b = beta1 * m_b + (1 - beta1) * grad_b
        v_b = beta2 * v_b + (1 - beta2) * grad_b**2
        correction1, correction2 = 1 - beta1**step, 1 - beta2**step
        w -= rate * (m_w / correction1) / (np.sqrt(v_w / correction2) + 1e-8)
        b -= rate * (m_b / correction1) / (np.sqrt(v_b / correction2) + 1e-8)
    weights = w / std[:, None]
    bias = b - (mean / std) @ w
    return weights.astype(np.float32), bias.astype(np.float32)


def out_of_fold(x: np.ndarray, y: np.ndarray, kind: Kind, folds: int = 5, l2: float = 1e-3) -> np.ndarray:
    """Cross-validated scores for every training row, for choosing thresholds honestly."""
    order = np.arange(len(x)) % folds
    scores = np.zeros_like(y)
    for fold in range(folds):
        train, held = order != fold, order == fold
        w, b = fit(x[train], y[train], kind, l2=l2)
        head = Head("fold", kind, [], w, b, np.zeros(y.shape[1]), {})
        scores[held] = head.scores(x[held])
    return scores


L2_GRID = (1e-3, 1e-2, 3e-2, 0.1, 0.3)


def log_loss(scores: np.ndarray, y: np.ndarray, kind: Kind) -> float:
    clipped = np.clip(scores, 1e-6, 1 - 1e-6)
    if kind == "softmax":
        return float(-(y * np.log(clipped)).sum(axis=1).mean())
    return float(-(y * np.log(clipped) + (1 - y) * np.log(1 - clipped)).mean())


def best_f1_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    best, best_f1 = 0.5, -1.0
    for threshold in np.linspace(0.1, 0.9, 33):
        predicted = scores >= threshold
        tp = float((predicted & (truth > 0)).sum())
        f1 = 2 * tp / (predicted.sum() + (truth > 0).sum() + 1e-9)
        if f1 > best_f1:
            best, best_f1 = float(threshold), f1
    return best


def thresholds_for(
    name: str, kind: Kind, labels: tuple[str, ...], oof: np.ndarray, y: np.ndarray, texts: list[str]
) -> np.ndarray:
    if name == "crisis":
        return crisis_thresholds(labels, oof, y, texts)
    if name == "critic":
        return critic_thresholds(labels, oof, y, texts)
    if name == "traps":
        return np.full(len(labels), 0.12, dtype=np.float32)  # shown as "might be", ranked: a low bar is fine
    return np.array([best_f1_threshold(oof[:, j], y[:, j]) for j in range(len(labels))], dtype=np.float32)


def critic_thresholds(labels: tuple[str, ...], oof: np.ndarray, y: np.ndarray, texts: list[str]) -> np.ndarray:
    """The bar for the critic head, chosen for what ships: a sentence is flagged by a rule or the head."""
    from kindvoice.language.critic_rules import default_rules

    rules = default_rules()
    ruled = np.array([bool(rules.spans(t)) for t in texts])
    j = labels.index("critic")
    truth = y[:, j] > 0
    best, best_f1 = 0.5, -1.0
    for threshold in np.linspace(0.2, 0.9, 29):
        flagged = (oof[:, j] >= threshold) | ruled
        tp = float((flagged & truth).sum())
        f1 = 2 * tp / (flagged.sum() + truth.sum() + 1e-9)
        if f1 > best_f1:
            best, best_f1 = float(threshold), f1
    thresholds = np.full(len(labels), 0.5, dtype=np.float32)
    thresholds[j] = best
    return thresholds


def crisis_thresholds(labels: tuple[str, ...], oof: np.ndarray, y: np.ndarray, texts: list[str]) -> np.ndarray:
    """One bar for every category: the lowest at which alarms stay within the allowed rate.

    Measured where alarms matter most, on our hard negatives (idioms, other people's deaths,
    fiction), counting the rules' alarms and the head's together, and on ordinary sentences
    too. Cross-validated scores on the training split only.
    """
    from kindvoice.language.crisis import default_rules

    hard_texts = {r["text"] for r in corpus("crisis") if r.get("form") == "hard_negative"}
    negatives = y[:, labels.index("none")] > 0
    hard = np.array([t in hard_texts for t in texts]) & negatives
    ordinary = negatives & ~hard
    rules = default_rules()
    ruled = np.array([any(r.level != "none" for r in rules.text([t])) for t in texts])
    crisis_columns = [j for j, label in enumerate(labels) if label != "none"]
    best = oof[:, crisis_columns].max(axis=1)
    wins = oof.argmax(axis=1) != labels.index("none")
    chosen = 1.0
    for threshold in np.linspace(0.99, 0.3, 70):
        flagged = wins & (best >= threshold)
        hard_alarms = (flagged | ruled)[hard].mean() if hard.any() else 0.0
        added_ordinary = flagged[ordinary].mean() if ordinary.any() else 0.0
        if hard_alarms > CRISIS_MAX_HARD_ALARMS or added_ordinary > CRISIS_HEAD_MAX_FALSE_ALARMS:
            break
        chosen = float(threshold)
    thresholds = np.full(len(labels), chosen, dtype=np.float32)
    thresholds[labels.index("none")] = 1.0
    return thresholds


def train_all(
    encode: Callable[[list[str]], np.ndarray], folder: Path = CORPUS_DIR, progress: Progress | None = None
) -> dict[str, Head]:
    heads = {}
    for name, (kind, labels, data) in datasets(folder).items():
        if progress:
            progress(f"training {name}")
        train = data.split("train")
        x = encode(train.texts)
        # The strength of regularisation is chosen by cross-validation on the training split.
        tried = {l2: out_of_fold(x, train.targets, kind, l2=l2) for l2 in L2_GRID}
        l2 = min(tried, key=lambda value: log_loss(tried[value], train.targets, kind))
        oof = tried[l2]
        weights, bias = fit(x, train.targets, kind, l2=l2)
        heads[name] = Head(
            name=name,
            kind=kind,
            labels=list(labels),
            weights=weights,
            bias=bias,
            thresholds=thresholds_for(name, kind, labels, oof, train.targets, train.texts),
            meta={
                "trained_on": f"kindvoice corpus ({name}), train split: {len(train.texts)} sentences",
                "l2": l2,
                "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
    return heads
