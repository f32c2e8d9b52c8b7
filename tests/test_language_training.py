"""Training and evaluation: fixed splits, heads that learn, and a crisis head that can only add."""

import json
import zlib
from pathlib import Path

import numpy as np
import pytest

from kindvoice.language import analyze
from kindvoice.language.engine import HEAD_NAMES, Engine, load_heads
from kindvoice.language.evaluation import evaluate
from kindvoice.language.heads import Head
from kindvoice.language.training import fit, split_of, train_all


def toy_encode(texts: list[str]) -> np.ndarray:
    """A bag of hashed words: enough for a linear head to learn from a toy corpus."""
    out = np.zeros((len(texts), 64), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in text.lower().split():
            out[i, zlib.crc32(word.encode()) % 64] += 1.0
    return out


def write_corpus(folder: Path) -> None:
    def lines(rows):
        return "\n".join(json.dumps(r) for r in rows) + "\n"

    selftalk = []
    for i in range(60):
        selftalk.append(
            {
                "text": f"i am such an idiot number {i}",
                "stance": "critic",
                "components": ["self_judgement"],
                "reaction": "fight",
            }
        )
        selftalk.append(
            {
                "text": f"it is okay to struggle sometimes {i}",
                "stance": "reassuring",
                "components": ["self_kindness"],
                "reaction": "none",
            }
        )
        selftalk.append(
            {"text": f"the bus was late on tuesday {i}", "stance": "neutral", "components": [], "reaction": "none"}
        )
        selftalk.append(
            {
                "text": f"i keep replaying it over and over {i}",
                "stance": "neutral",
                "components": ["over_identification"],
                "reaction": "freeze",
            }
        )
        selftalk.append(
            {
                "text": f"i stayed in bed and ignored everyone {i}",
                "stance": "neutral",
                "components": [],
                "reaction": "flight",
            }
        )
    crisis = [
        {
            "text": f"i want to vanish forever now {i}",
            "level": "concern",
            "category": "suicidal_thoughts",
            "form": "indirect",
        }
        for i in range(40)
    ]
    crisis += [
        {"text": f"my phone battery died today {i}", "level": "none", "category": "none", "form": "hard_negative"}
        for i in range(40)
    ]
    traps = [{"text": f"everyone will laugh at me {i}", "traps": ["Fortune telling"]} for i in range(40)]
    traps += [{"text": f"i failed so i am a loser {i}", "traps": ["Labeling"]} for i in range(40)]
    traps += [
        {"text": f"i missed the train and will catch the next {i}", "traps": ["Not distorted"]} for i in range(40)
    ]
    (folder / "selftalk.jsonl").write_text(lines(selftalk))
    (folder / "crisis.jsonl").write_text(lines(crisis))
    (folder / "traps.jsonl").write_text(lines(traps))


def test_the_split_is_fixed_and_about_one_in_five() -> None:
    texts = [f"sentence {i}" for i in range(2000)]
    assert [split_of(t) for t in texts] == [split_of(t) for t in texts]
    assert split_of("Hello ") == split_of("hello")
    share = sum(split_of(t) == "test" for t in texts) / len(texts)
    assert 0.17 < share < 0.23


def test_logistic_regression_learns_a_separable_problem() -> None:
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(-2, 1, (100, 5)), rng.normal(2, 1, (100, 5))]).astype(np.float32)
    y = np.zeros((200, 2), dtype=np.float32)
    y[:100, 0] = y[100:, 1] = 1
    w, b = fit(x, y, "softmax")
    accuracy = (Head("t", "softmax", ["a", "b"], w, b, np.zeros(2), {}).scores(x).argmax(1) == y.argmax(1)).mean()
    assert accuracy > 0.95


def test_training_on_a_corpus_gives_heads_that_save_load_and_evaluate(tmp_path) -> None:
    write_corpus(tmp_path)
    progress: list[str] = []
    heads = train_all(toy_encode, tmp_path, progress=progress.append)
    assert set(heads) == set(HEAD_NAMES) and len(progress) == len(HEAD_NAMES)
    for head in heads.values():
        head.save(tmp_path / "heads")
    loaded = load_heads(tmp_path / "heads")
    assert set(loaded) == set(HEAD_NAMES)
    assert "kindvoice corpus" in str(loaded["critic"].meta["trained_on"])

    engine = Engine(loaded, toy_encode)
    assert engine.analyze("i am such an idiot number 999").critic.flag
    assert not engine.analyze("the bus was late on tuesday 999").critic.flag
    results = evaluate(engine, tmp_path / "no-shared-data", tmp_path)
    assert results["critic"]["f1"] > 0.9
    assert results["traps"]["top3"] == 1.0
    assert results["traps_cognitive_reframing"]["n"] == 0, "outside sets are skipped when absent"


def test_the_crisis_head_adds_a_flag_the_rules_missed_but_never_removes_one() -> None:
    always_crisis = Head(
        "crisis", "softmax", ["none", "suicidal_thoughts", "self_harm", "harm_from_others"],
        np.zeros((64, 4), np.float32), np.array([-9, 9, -9, -9], np.float32), np.full(4, 0.5, np.float32), {},
    )  # fmt: skip
    never_crisis = Head(
        "crisis", "softmax", always_crisis.labels,
        np.zeros((64, 4), np.float32), np.array([9, -9, -9, -9], np.float32), np.full(4, 0.5, np.float32), {},
    )  # fmt: skip
    added = Engine({"crisis": always_crisis}, toy_encode).analyze("everything is grey").crisis
    assert (added.level, added.category) == ("concern", "suicidal_thoughts")
    assert added.evidence[0].source == "head.crisis"
    kept = Engine({"crisis": never_crisis}, toy_encode).analyze("I want to die").crisis
    assert kept.level == "concern", "a head can never remove a rule's flag"


def test_the_shipped_heads_and_model_are_used_by_default() -> None:
    heads = load_heads()
    assert set(heads) == set(HEAD_NAMES), "run `kindvoice model train` and commit the heads"
    data = analyze("I messed up again, I'm so useless").to_dict()
    assert data["components"], "components come from the shipped head"
    assert data["critic"]["flag"]


@pytest.mark.parametrize("name", HEAD_NAMES)
def test_every_shipped_head_says_what_it_was_trained_on(name: str) -> None:
    head = load_heads()[name]
    assert "kindvoice corpus" in str(head.meta["trained_on"])
    assert head.weights.shape[0] == 256


def test_a_corpus_includes_its_later_additions(tmp_path) -> None:
    from kindvoice.language.training import corpus

    (tmp_path / "traps.jsonl").write_text(json.dumps({"text": "a", "traps": ["Labeling"]}) + "\n")
    (tmp_path / "traps-more.jsonl").write_text(json.dumps({"text": "b", "traps": ["Blaming"]}) + "\n")
    (tmp_path / "trapsx.jsonl").write_text(json.dumps({"text": "c", "traps": ["Blaming"]}) + "\n")
    assert [r["text"] for r in corpus("traps", tmp_path)] == ["a", "b"]
