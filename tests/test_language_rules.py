"""The crisis and inner-critic rules, phrase by phrase: what must fire, and what must not."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindvoice.errors import InvalidInput
from kindvoice.language.crisis import CrisisRules, default_rules
from kindvoice.language.critic_rules import default_rules as critic_rules
from kindvoice.language.phrases import compile_phrases, normalize, required_words

MUST_FIRE = [
    # (sentence, level, category)
    ("I want to die", "concern", "suicidal_thoughts"),
    ("i just wanna die", "concern", "suicidal_thoughts"),
    ("I wish I could go to sleep and not wake up", "concern", "suicidal_thoughts"),
    ("i dont want to be here anymore", "concern", "suicidal_thoughts"),
    ("Everyone would be better off without me.", "concern", "suicidal_thoughts"),
    ("I'm such a burden to my family", "concern", "suicidal_thoughts"),
    ("I've been giving my things away to friends", "concern", "suicidal_thoughts"),
    ("what if I just stepped in front of the bus", "concern", "suicidal_thoughts"),
    ("I'm so tired of existing", "concern", "suicidal_thoughts"),
    ("I don't know why I shouldn't just kill myself", "concern", "suicidal_thoughts"),
    ("I keep thinking about ending it", "concern", "suicidal_thoughts"),
    ("kms", "concern", "suicidal_thoughts"),
    ("I’ve been feeling suicidal again", "concern", "suicidal_thoughts"),
    ("I keep thinking about how many pills would be enough", "urgent", "suicidal_thoughts"),
    ("I've saved up my pills and I'm doing it tonight", "urgent", "suicidal_thoughts"),
    ("I'm standing on the bridge", "urgent", "suicidal_thoughts"),
    ("This is my last entry.", "urgent", "suicidal_thoughts"),
    ("I cut again last night", "concern", "self_harm"),
    ("the urge to cut is so strong", "concern", "self_harm"),
    ("I burned myself on purpose", "concern", "self_harm"),
    ("he hits me when he's drunk", "concern", "harm_from_others"),
    ("My stepdad choked me", "concern", "harm_from_others"),
    ("I'm scared to go home", "concern", "harm_from_others"),
    ("I don't feel safe at home tonight", "urgent", "harm_from_others"),
]

MUST_NOT_FIRE = [
    "this traffic is killing me",
    "my feet are killing me",
    "I'd die for a coffee",
    "I nearly died laughing",
    "I died 20 times on that boss",
    "my phone died",
    "my grandad died last year",
    "I'm not suicidal, just exhausted",
    "I'm not going to kill myself",
    "I would never hurt myself",
    "I used to self-harm but I've been clean two years",
    "my friend said she wants to die, what do I do?",
    "I cut myself chopping onions",
    "I accidentally burned myself on the oven",
    "my mum will kill me if I fail",
    "we studied how the hero kills himself at the end of the play",
    "cut the onions finely",
    "I don't want to die",
]


@pytest.mark.parametrize(("sentence", "level", "category"), MUST_FIRE, ids=[s for s, _, _ in MUST_FIRE])
def test_crisis_language_fires_at_the_right_level(sentence: str, level: str, category: str) -> None:
    result = default_rules().text([sentence])[0]
    assert (result.level, result.category) == (level, category)
    assert result.hits, "every flag carries its evidence"


@pytest.mark.parametrize("sentence", MUST_NOT_FIRE)
def test_idioms_other_people_negation_and_the_past_do_not_fire(sentence: str) -> None:
    assert default_rules().text([sentence])[0].level == "none"


def test_urgency_in_a_neighbouring_sentence_makes_crisis_urgent() -> None:
    levels = [r.level for r in default_rules().text(["I have the pills.", "I want to die.", "Tonight."])]
    assert levels == ["urgent", "concern", "urgent"]


def test_urgent_words_alone_are_not_crisis() -> None:
    levels = [r.level for r in default_rules().text(["I have an exam tonight.", "I'm so nervous."])]
    assert levels == ["none", "none"]


CRITIC = [
    ("I'm such an idiot", True),
    ("what's wrong with me", True),
    ("I should have known better", True),
    ("I always ruin everything", True),
    ("I hate myself", True),
    ("you stupid idiot, you did it again", True),
    ("I don't deserve to be happy", True),
    ("it's all my fault", True),
    ("I'm not an idiot, I just didn't know", False),
    ("my boss said I'm lazy", False),
    ("I hate Mondays", False),
    ("the meeting was a disaster", False),
    ("I used to think I was worthless", False),
    ("I'm tired today", False),
]


@pytest.mark.parametrize(("sentence", "flagged"), CRITIC, ids=[s for s, _ in CRITIC])
def test_inner_critic_phrases(sentence: str, flagged: bool) -> None:
    assert bool(critic_rules().spans(sentence)) is flagged


@given(st.text(max_size=300))
def test_any_text_gives_evidence_that_points_into_it(text: str) -> None:
    for result in default_rules().text([text]):
        for hit in result.hits:
            assert 0 <= hit.start < hit.end <= len(text)
    assert len(normalize(text)) == len(text)


def test_a_phrase_with_a_typo_in_a_macro_is_explained() -> None:
    with pytest.raises(InvalidInput, match=r"unknown macro \{mee\}"):
        compile_phrases(["kill {mee}"])


def test_a_rule_file_error_names_the_file_line_and_problem(tmp_path) -> None:
    broken = tmp_path / "crisis.yaml"
    broken.write_text("version: 1\nrules:\n  - id: a.b\n    category: sadness\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"crisis.yaml: rules.0.category"):
        CrisisRules.from_file(broken)
    broken.write_text("version: 1\nrules: [\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"not valid YAML at line"):
        CrisisRules.from_file(broken)


def test_the_word_index_never_changes_what_a_rule_file_finds() -> None:
    """Phrases are skipped when a word they need is absent; that must be a pure speed-up."""
    from kindvoice.language.training import corpus

    texts = (
        [r["text"] for name in ("crisis", "selftalk", "traps") for r in corpus(name)]
        + [s for s, _, _ in MUST_FIRE]
        + MUST_NOT_FIRE
    )
    for phrases in (default_rules().phrases, critic_rules().phrases):
        assert len(phrases.always) < len(phrases.keys) / 5, "most phrases should have a word to wait for"
        for text in texts:
            norm = normalize(text)
            assert sorted(phrases.find(norm)) == sorted(phrases.find_all(norm)), text


def test_a_phrase_needs_the_rarest_word_it_cannot_match_without() -> None:
    assert required_words("{I} want to die") == {"die"}
    assert required_words("(wish|hope) {I} was dead") == {"dead"}
    assert required_words("(wish|hope) {I} (was|were) (gone|away)?") == {"wish", "hope"}
    assert required_words("what('?s| is) wrong with me") == {"wrong"}
    assert required_words("{I} ... (don't|dont|do not) deserve love") == {"deserve"}
    assert required_words("kill {ME}") == {"kill"}
    assert required_words("you {INSULT}", {"INSULT": "(idiot|waste of space)"}) == {"idiot", "waste"}
    assert required_words("self[- ]?harm (again)?") == {"self", "selfharm"}
    assert required_words("(it's|its|it is) (all )?my (own )?fault") == {"fault"}
    assert required_words("self[- ]?injur(y|ed) (again)?") is None
