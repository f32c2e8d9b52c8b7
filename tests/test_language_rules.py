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
    # indirect wording, widened: fresh sentences for each new family
    ("Honestly I wouldn't mind if I never woke up", "concern", "suicidal_thoughts"),
    ("i wouldnt care if the bus hit me tbh", "concern", "suicidal_thoughts"),
    ("Some nights I hope the night will take me", "concern", "suicidal_thoughts"),
    ("I'd like to fade away and be forgotten", "concern", "suicidal_thoughts"),
    ("what's the point of sticking around", "concern", "suicidal_thoughts"),
    ("I'm so tired of surviving", "concern", "suicidal_thoughts"),
    ("my family would be happier if I wasn't around", "concern", "suicidal_thoughts"),
    ("nobody would even notice if I was gone", "concern", "suicidal_thoughts"),
    ("There's only one way out and I know it", "concern", "suicidal_thoughts"),
    ("i wish the universe would just delete me", "concern", "suicidal_thoughts"),
    ("I want out of everything", "concern", "suicidal_thoughts"),
    ("ready to be gone", "concern", "suicidal_thoughts"),
    ("by then it won't matter anyway", "concern", "suicidal_thoughts"),
    ("I've made my peace", "concern", "suicidal_thoughts"),
    ("I've written out who gets what", "concern", "suicidal_thoughts"),
    ("Gave my records away to my mates this week", "concern", "suicidal_thoughts"),
    ("I've been giving my vinyl away to friends lately", "concern", "suicidal_thoughts"),
    ("This is my final entry", "urgent", "suicidal_thoughts"),
    ("I've put my affairs in order and tonight's the night", "urgent", "suicidal_thoughts"),
    ("I've been saving up my prescription for weeks", "urgent", "suicidal_thoughts"),
    ("I looked up the tide times for tonight", "urgent", "suicidal_thoughts"),
    ("I'm sitting on the edge of the car park roof", "urgent", "suicidal_thoughts"),
    ("I keep thinking about walking into the sea and not coming back", "concern", "suicidal_thoughts"),
    ("sometimes I imagine letting go of the wheel on the motorway", "concern", "suicidal_thoughts"),
    ("i relapsed last night after 40 days", "concern", "self_harm"),
    ("I keep picking my scabs so they don't heal", "concern", "self_harm"),
    ("I've been hiding the burns on my arm from everyone", "concern", "self_harm"),
    ("I dug my nails into my wrist until it bled", "concern", "self_harm"),
    ("the blade is in my pencil case just in case", "concern", "self_harm"),
    ("I scratched my arms until they went purple", "concern", "self_harm"),
    ("I took the blade out of my sharpener again", "concern", "self_harm"),
    ("I slapped my own face after the meeting", "concern", "self_harm"),
    ("I need the sting tonight", "urgent", "self_harm"),
    ("my husband grabbed me and shoved me down the stairs", "concern", "harm_from_others"),
    ("I'm always walking on eggshells at home", "concern", "harm_from_others"),
    ("I never know what will set him off", "concern", "harm_from_others"),
    ("He broke my phone so I couldn't call anyone", "concern", "harm_from_others"),
    ("He punched the wall right next to my head", "concern", "harm_from_others"),
    ("She takes my pension every month", "concern", "harm_from_others"),
    ("my ex keeps threatening to post the videos", "concern", "harm_from_others"),
    ("he decides what I wear and who I see", "concern", "harm_from_others"),
    ("I'm scared to go back to the house", "concern", "harm_from_others"),
    ("he's coming up the stairs", "urgent", "harm_from_others"),
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
    # hard negatives for the widened families: idioms, other people, fiction, negation, the past
    "I wouldn't mind if it rained all weekend",
    "The night bus will take me home",
    "I'm tired of living in this tiny flat",
    "We finally set the date for the wedding!",
    "I'm done forever with dating apps",
    "I'd love to disappear to Cornwall for a week",
    "I gave my old baby clothes away to friends at church",
    "My brother pushed me into the pool",
    "We stood at the edge of the bridge for a selfie",
    "Looked up the tide times for our rock pooling trip",
    "I relapsed on sugar this week",
    "I burned myself with the iron this morning",
    "Since my last entry things have been better",
    "The quickest way to die in this game is lava",
    "I counted the tablets for Mum's dosette box",
    "My grandad made his peace before he passed",
    "In the film she writes a goodbye letter to her son",
    "my friend has been wearing long sleeves all summer and I'm worried",
    "She says life isn't worth living without coffee",
    "Don't worry, he'll get what's coming to him",
    "Grandma wrote her will last year",
    "My dad says he won't be around forever, so we should visit more",
    "Nobody at work is threatening me, I'm just stressed",
    "No thoughts of self-harm this week, just tired",
    "Harming myself isn't on the cards",
    "I made my peace with losing the job",
    "I used to pick my scabs as a kid",
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
