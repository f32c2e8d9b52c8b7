"""The patterns page: a person's own weeks, drawn as an accessible picture, and nobody else's."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kindvoice.apps.journal.models import Entry, KindReply, LabelCorrection
from kindvoice.apps.journal.patterns import bars, monday, patterns

pytestmark = pytest.mark.django_db


def entry(persona, text: str, days_ago: int = 0) -> Entry:
    e = Entry(user=persona.user, text=text, created=timezone.now() - timedelta(days=days_ago))
    e.analyse()
    e.save()
    return e


def test_critic_and_kind_sentences_are_counted_in_the_week_they_were_written(person) -> None:
    entry(person, "I'm such an idiot. I always ruin everything.", days_ago=0)
    old = entry(person, "What's wrong with me?", days_ago=14)
    KindReply.objects.create(user=person.user, entry=old, sentence_start=0, text="Nothing is wrong with you.")
    found = patterns(person.user, timezone.localdate())
    this_week = found.weeks[-1]
    assert this_week.critic == 2
    assert sum(w.critic for w in found.weeks) == 3
    assert sum(w.kind for w in found.weeks) >= 1, "the person's own kind reply counts"
    assert found.sentences == 3


def test_a_corrected_label_is_counted_as_the_person_said(person) -> None:
    e = entry(person, "I'm such an idiot.")
    LabelCorrection.objects.create(
        user=person.user, entry=e, sentence_start=0, label="critic", app_said="yes", person_said="no"
    )
    assert patterns(person.user, timezone.localdate()).weeks[-1].critic == 0


def test_only_ones_own_entries_count(person, other_person) -> None:
    entry(other_person, "I'm such an idiot.")
    assert sum(w.critic for w in patterns(person.user, timezone.localdate()).weeks) == 0


def test_the_page_draws_an_svg_with_a_text_description_and_a_table(person) -> None:
    entry(person, "I'm such an idiot.")
    page = person.client.get(reverse("journal:patterns")).text
    assert '<svg class="chart"' in page and 'role="img"' in page
    assert "critic, " in page and "<table>" in page
    assert "not a score" in page


def test_bars_stay_inside_the_chart() -> None:
    from kindvoice.apps.journal.patterns import Week

    weeks = [Week(monday(date(2026, 1, 5)) + timedelta(weeks=i), critic=i, kind=11 - i) for i in range(12)]
    chart = bars(weeks)
    for group in chart["groups"]:
        for kind in ("critic", "kind"):
            assert 0 <= group[kind]["y"] <= chart["baseline"] and group[kind]["h"] >= 0
            assert 0 <= group[kind]["x"] <= chart["width"]


def test_the_patterns_page_needs_a_login(anonymous) -> None:
    assert anonymous.get(reverse("journal:patterns")).status_code == 302
