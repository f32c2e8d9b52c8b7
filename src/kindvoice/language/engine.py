"""The analysis pipeline: sentences → crisis rules → embeddings → heads → one Analysis."""

from __future__ import annotations

import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import numpy as np

from kindvoice.language import crisis as crisis_rules
from kindvoice.language import critic_rules
from kindvoice.language.analysis import Analysis, Crisis, Critic, Evidence, SentenceAnalysis
from kindvoice.language.heads import Head
from kindvoice.language.sentences import split_sentences
from kindvoice.language.suggestions import suggest

HEADS_DIR = Path(str(resources.files("kindvoice.language") / "heads"))
HEAD_NAMES = ("crisis", "critic", "components", "traps", "reaction")
RULE_CRITIC_SCORE = 0.9  # a rule hit is near-certain self-attack


class Engine:
    def __init__(
        self,
        heads: dict[str, Head],
        encode: Callable[[list[str]], np.ndarray] | None,
        crisis: crisis_rules.CrisisRules | None = None,
        critic: critic_rules.CriticRules | None = None,
    ):
        self.heads = heads
        self.encode = encode
        # Per-sentence work uses plain lists: numpy's per-call cost is larger than these few numbers.
        self.thresholds = {name: head.thresholds.tolist() for name, head in heads.items()}
        # Every head is linear over the same vectors, so one multiply serves them all.
        self._weights = np.hstack([h.weights for h in heads.values()]) if heads else None
        self._bias = np.concatenate([h.bias for h in heads.values()]) if heads else None
        edges = np.cumsum([0] + [h.weights.shape[1] for h in heads.values()])
        self._slices = {name: slice(int(a), int(b)) for name, a, b in zip(heads, edges[:-1], edges[1:], strict=True)}
        self.crisis = crisis or crisis_rules.default_rules()
        self.critic = critic or critic_rules.default_rules()

    def analyze(self, text: str) -> Analysis:
        sentences = split_sentences(text)
        texts = [s.text for s in sentences]
        crisis_results = self.crisis.text(texts)
        scores: dict[str, list[list[float]]] = {}
        if self.heads and self.encode and texts:
            logits = self.encode(texts) @ self._weights + self._bias
            scores = {name: head.activate(logits[:, self._slices[name]]).tolist() for name, head in self.heads.items()}
        analysed = []
        for i, sentence in enumerate(sentences):
            row = {name: s[i] for name, s in scores.items()}
            analysed.append(
                SentenceAnalysis(
                    text=sentence.text,
                    start=sentence.start,
                    end=sentence.end,
                    crisis=self._crisis(sentence.text, sentence.start, crisis_results[i], row),
                    critic=self._critic(sentence.text, sentence.start, row),
                    components=self._components(row),
                    traps=self._traps(row),
                    reaction=self._reaction(row),
                )
            )
        analysis = Analysis(text, analysed)
        for index, analysed_sentence in enumerate(analysis.sentences):
            analysed_sentence.suggestions = suggest(analysis, index)
        return analysis

    def _crisis(self, text: str, offset: int, found: crisis_rules.CrisisResult, row: dict[str, list[float]]) -> Crisis:
        evidence = [Evidence(text[h.start : h.end], offset + h.start, offset + h.end, h.rule) for h in found.hits]
        result = Crisis(found.level, found.category, evidence)
        head = self.heads.get("crisis")
        if head is not None and "crisis" in row and found.level == "none":
            # The model may add a flag the rules missed; it never removes one.
            probs = row["crisis"]
            best = _argmax(probs)
            label = head.labels[best]
            if label != "none" and probs[best] >= self.thresholds["crisis"][best]:
                result = Crisis("concern", label, [Evidence(text, offset, offset + len(text), "head.crisis")])
        return result

    def _critic(self, text: str, offset: int, row: dict[str, list[float]]) -> Critic:
        spans = self.critic.spans(text)
        evidence = [Evidence(text[s:e], offset + s, offset + e, rule) for rule, s, e in spans]
        score = RULE_CRITIC_SCORE if spans else 0.0
        head = self.heads.get("critic")
        flag = bool(spans)
        if head is not None and "critic" in row:
            index = head.labels.index("critic")
            probability = row["critic"][index]
            score = max(score, probability)
            if probability >= self.thresholds["critic"][index]:
                flag = True
                if not evidence:
                    evidence = [Evidence(text, offset, offset + len(text), "head.critic")]
        return Critic(flag, score, evidence)

    def _components(self, row: dict[str, list[float]]) -> dict[str, float]:
        head = self.heads.get("components")
        if head is None or "components" not in row:
            return {}
        return dict(zip(head.labels, row["components"], strict=True))

    def _traps(self, row: dict[str, list[float]]) -> list[tuple[str, float]]:
        head = self.heads.get("traps")
        if head is None or "traps" not in row:
            return []
        above = [
            (label, p)
            for label, p, threshold in zip(head.labels, row["traps"], self.thresholds["traps"], strict=True)
            if p >= threshold and label != "Not distorted"
        ]
        return sorted(above, key=lambda t: -t[1])[:3]

    def _reaction(self, row: dict[str, list[float]]) -> str | None:
        head = self.heads.get("reaction")
        if head is None or "reaction" not in row:
            return None
        best = _argmax(row["reaction"])
        label = head.labels[best]
        return label if label != "none" and row["reaction"][best] >= self.thresholds["reaction"][best] else None


def _argmax(values: list[float]) -> int:
    return max(range(len(values)), key=values.__getitem__)


def load_heads(folder: Path = HEADS_DIR) -> dict[str, Head]:
    return {name: Head.load(folder / f"{name}.npz") for name in HEAD_NAMES if (folder / f"{name}.npz").exists()}


_lock = threading.Lock()
_engine: Engine | None = None


def default_engine() -> Engine:
    """The process's engine: rules always; the model and heads when they are installed."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                from kindvoice.language import embeddings

                heads = load_heads()
                encode = embeddings.encode if heads and embeddings.model_present() else None
                _engine = Engine(heads if encode else {}, encode)
    return _engine


def analyze(text: str) -> Analysis:
    """Analyse a text: crisis, inner critic, Neff's components, thinking traps, reaction."""
    return default_engine().analyze(text)
