"""Scores on every held-out set: our own test splits, and outside data used only for evaluation.

Outside sets are read from a data directory (default ../shared/data), never copied into the
project: Cognitive-Reframing (CC BY-NC-ND, evaluation only) for thinking traps, and the
Reddit C-SSRS set (Gaur et al., CC BY) as a user-level sanity check for crisis detection.
"""

from __future__ import annotations

import ast
import csv
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kindvoice.language.engine import Engine
from kindvoice.language.training import CORPUS_DIR, TRAPS, corpus, split_of

Progress = Callable[[str], None]
# Cognitive-Reframing spells some traps differently from the paper's list.
CR_LABELS = {
    "Overgeneralization": "Overgeneralizing",
    "Personalization": "Personalizing",
    "Disqualifying the Positive": "Disqualifying the positive",
    "Comparing and Despairing": "Comparing and despairing",
    "Comparing": "Comparing and despairing",
}


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    tp, fp, fn = int(tp), int(fp), int(fn)  # counts may arrive as numpy integers
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _analysed(engine: Engine, text: str) -> Any:
    """Corpus items are mostly single sentences; a few have two, so the whole item is judged."""
    return engine.analyze(text)


def critic_scores(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    tp = fp = fn = 0
    for row in rows:
        flagged = _analysed(engine, row["text"]).critic.flag
        gold = row["stance"] == "critic"
        tp += flagged and gold
        fp += flagged and not gold
        fn += gold and not flagged
    return {"n": len(rows), **_f1(tp, fp, fn)}


def component_scores(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    head = engine.heads.get("components")
    if head is None:
        return {"n": len(rows), "note": "no components head"}
    per_label: dict[str, dict[str, float]] = {}
    counts = {label: [0, 0, 0] for label in head.labels}
    for row in rows:
        components = _analysed(engine, row["text"]).components
        for j, label in enumerate(head.labels):
            predicted = components.get(label, 0.0) >= head.thresholds[j]
            gold = label in row["components"]
            counts[label][0] += predicted and gold
            counts[label][1] += predicted and not gold
            counts[label][2] += gold and not predicted
    for label, (tp, fp, fn) in counts.items():
        per_label[label] = {**_f1(tp, fp, fn), "support": int(tp + fn)}
    macro = sum(v["f1"] for v in per_label.values()) / len(per_label)
    return {"n": len(rows), "macro_f1": round(macro, 3), "labels": per_label}


def reaction_scores(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    counts = {label: [0, 0, 0] for label in ("fight", "flight", "freeze")}
    correct = 0
    for row in rows:
        predicted = _analysed(engine, row["text"]).reaction or "none"
        gold = row["reaction"]
        correct += predicted == gold
        for label in counts:
            counts[label][0] += predicted == label and gold == label
            counts[label][1] += predicted == label and gold != label
            counts[label][2] += gold == label and predicted != label
    per_label = {label: {**_f1(*c), "support": int(c[0] + c[2])} for label, c in counts.items()}
    macro = sum(v["f1"] for v in per_label.values()) / len(per_label)
    return {
        "n": len(rows),
        "accuracy": round(correct / max(1, len(rows)), 3),
        "macro_f1": round(macro, 3),
        "labels": per_label,
    }


def trap_ranking(engine: Engine, text: str) -> list[str]:
    """Every trap label ranked by the head, "Not distorted" included."""
    head = engine.heads["traps"]
    assert engine.encode is not None
    scores = head.scores(engine.encode([text]))[0]
    return [head.labels[i] for i in scores.argsort()[::-1]]


def trap_scores(engine: Engine, items: list[tuple[str, set[str]]]) -> dict[str, Any]:
    if "traps" not in engine.heads or not items:
        return {"n": len(items), "note": "no traps head"}
    top1 = top3 = 0
    for text, gold in items:
        ranking = trap_ranking(engine, text)
        top1 += ranking[0] in gold
        top3 += bool(gold & set(ranking[:3]))
    return {"n": len(items), "top1": round(top1 / len(items), 3), "top3": round(top3 / len(items), 3)}


def crisis_scores(engine: Engine, rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_form: Counter[str] = Counter()
    caught_by_form: Counter[str] = Counter()
    urgent = urgent_caught = category_right = detected = 0
    alarms: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    missed: list[str] = []
    false_alarms: list[str] = []
    for row in rows:
        result = engine.analyze(row["text"]).crisis
        if row["level"] != "none":
            by_form[row["form"]] += 1
            if result.level != "none":
                caught_by_form[row["form"]] += 1
                detected += 1
                category_right += result.category == row["category"]
            else:
                missed.append(row["text"])
            if row["level"] == "urgent":
                urgent += 1
                urgent_caught += result.level == "urgent"
        else:
            totals[row["form"]] += 1
            if result.level != "none":
                alarms[row["form"]] += 1
                false_alarms.append(row["text"])
    positives = sum(by_form.values())
    return {
        "n": len(rows),
        "recall": round(detected / max(1, positives), 3),
        "recall_by_form": {form: round(caught_by_form[form] / n, 3) for form, n in by_form.items()},
        "urgent_recall": round(urgent_caught / max(1, urgent), 3),
        "category_accuracy": round(category_right / max(1, detected), 3),
        "alarm_rate": {form: round(alarms[form] / n, 3) for form, n in totals.items()},
        "missed": missed,
        "false_alarms": false_alarms,
    }


def ordinary_alarm_rate(engine: Engine, texts: list[str]) -> dict[str, Any]:
    alarms = [t for t in texts if engine.analyze(t).crisis.level != "none"]
    return {"n": len(texts), "alarm_rate": round(len(alarms) / max(1, len(texts)), 3), "false_alarms": alarms}


def cognitive_reframing(data_dir: Path) -> list[tuple[str, set[str]]]:
    path = data_dir / "cognitive-reframing" / "thinking_traps.jsonl"
    if not path.exists():
        return []
    gold: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            thought = row["prompt"].rsplit("->", 1)[0].strip()
            label = row["completion"].strip()
            label = CR_LABELS.get(label, label)
            if label in TRAPS:
                gold.setdefault(thought, set()).add(label)
    return sorted(gold.items())


def gaur_users(engine: Engine, data_dir: Path) -> dict[str, Any]:
    path = data_dir / "reddit-cssrs-gaur2019" / "500_Reddit_users_posts_labels.csv"
    if not path.exists():
        return {"note": f"{path} not found"}
    csv.field_size_limit(1 << 30)
    flagged: Counter[str] = Counter()
    users: Counter[str] = Counter()
    with path.open(encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle):
            try:
                posts = ast.literal_eval(row["Post"])
            except (ValueError, SyntaxError):
                posts = [row["Post"]]
            users[row["Label"]] += 1
            flagged[row["Label"]] += any(_any_crisis(engine, post) for post in posts)
    return {label: {"users": n, "flagged": round(flagged[label] / n, 3)} for label, n in sorted(users.items())}


def _any_crisis(engine: Engine, post: str) -> bool:
    return engine.analyze(post).crisis.level != "none"


def evaluate(
    engine: Engine, data_dir: Path, folder: Path = CORPUS_DIR, progress: Progress | None = None
) -> dict[str, Any]:
    def step(name: str) -> None:
        if progress:
            progress(name)

    selftalk_test = [r for r in corpus("selftalk", folder) if split_of(r["text"]) == "test"]
    crisis_test = [r for r in corpus("crisis", folder) if split_of(r["text"]) == "test"]
    traps_test = [(r["text"], set(r["traps"])) for r in corpus("traps", folder) if split_of(r["text"]) == "test"]
    results: dict[str, Any] = {}
    step("crisis (our test split)")
    results["crisis"] = crisis_scores(engine, crisis_test)
    step("crisis alarms on ordinary self-talk")
    results["crisis_on_selftalk"] = ordinary_alarm_rate(engine, [r["text"] for r in selftalk_test])
    step("inner critic")
    results["critic"] = critic_scores(engine, selftalk_test)
    step("Neff's components")
    results["components"] = component_scores(engine, selftalk_test)
    step("reaction patterns")
    results["reaction"] = reaction_scores(engine, selftalk_test)
    step("thinking traps (our test split)")
    results["traps"] = trap_scores(engine, traps_test)
    step("thinking traps (Cognitive-Reframing, evaluation only)")
    results["traps_cognitive_reframing"] = trap_scores(engine, cognitive_reframing(data_dir))
    step("crisis, Reddit C-SSRS users (sanity check)")
    results["crisis_gaur_users"] = gaur_users(engine, data_dir)
    return results
