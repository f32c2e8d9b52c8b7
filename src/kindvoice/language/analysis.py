"""What `analyze` returns: per sentence, and summarised for the whole text.

`to_dict()` is the contract other tools rely on (`kindvoice analyze --jsonl`, POST /api/analyze):
{"text", "crisis": {"level", "category", "evidence"}, "critic": {"flag", "score", "evidence"},
 "components": {...}, "traps": [{"name", "score"}], "reaction", "sentences": [...]}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kindvoice.language.crisis import LEVELS, Level

COMPONENTS = ("self_kindness", "self_judgement", "common_humanity", "isolation", "mindfulness", "over_identification")
REACTIONS = ("fight", "flight", "freeze")


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int
    end: int
    source: str  # the rule id or head that found it

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "source": self.source}


@dataclass(slots=True)
class Crisis:
    level: Level = "none"
    category: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "category": self.category, "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(slots=True)
class Critic:
    flag: bool = False
    score: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"flag": self.flag, "score": round(self.score, 3), "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What a kind voice might say: always shown as a suggestion from the app."""

    text: str
    kind: str  # the pole of self-compassion, or the thinking trap it answers
    source: str = "app"

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "kind": self.kind, "source": self.source}


@dataclass(slots=True)
class SentenceAnalysis:
    text: str
    start: int
    end: int
    crisis: Crisis
    critic: Critic
    components: dict[str, float]
    traps: list[tuple[str, float]]
    reaction: str | None
    suggestions: list[Suggestion] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "crisis": self.crisis.to_dict(),
            "critic": self.critic.to_dict(),
            "components": {k: round(v, 3) for k, v in self.components.items()},
            "traps": [{"name": n, "score": round(s, 3)} for n, s in self.traps],
            "reaction": self.reaction,
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


@dataclass(slots=True)
class Analysis:
    text: str
    sentences: list[SentenceAnalysis]

    @property
    def crisis(self) -> Crisis:
        """The highest level of any sentence, with every sentence's evidence."""
        top = max(self.sentences, key=lambda s: LEVELS.index(s.crisis.level), default=None)
        if top is None or top.crisis.level == "none":
            return Crisis()
        evidence = [e for s in self.sentences for e in s.crisis.evidence]
        return Crisis(top.crisis.level, top.crisis.category, evidence)

    @property
    def critic(self) -> Critic:
        flagged = [s for s in self.sentences if s.critic.flag]
        score = max((s.critic.score for s in self.sentences), default=0.0)
        return Critic(bool(flagged), score, [e for s in flagged for e in s.critic.evidence])

    @property
    def components(self) -> dict[str, float]:
        return {c: max((s.components.get(c, 0.0) for s in self.sentences), default=0.0) for c in COMPONENTS}

    @property
    def traps(self) -> list[tuple[str, float]]:
        best: dict[str, float] = {}
        for sentence in self.sentences:
            for name, score in sentence.traps:
                best[name] = max(score, best.get(name, 0.0))
        return sorted(best.items(), key=lambda item: -item[1])[:3]

    @property
    def reaction(self) -> str | None:
        seen = [s.reaction for s in self.sentences if s.reaction]
        return max(set(seen), key=seen.count) if seen else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "crisis": self.crisis.to_dict(),
            "critic": self.critic.to_dict(),
            "components": {k: round(v, 3) for k, v in self.components.items()},
            "traps": [{"name": n, "score": round(s, 3)} for n, s in self.traps],
            "reaction": self.reaction,
            "sentences": [s.to_dict() for s in self.sentences],
        }
