from __future__ import annotations

import uuid

from django import forms

from kindvoice.apps.accounts.forms import clean_text
from kindvoice.apps.journal.models import TAG_MAX, TAGS_MAX, TEXT_MAX, Draft, Entry, SafetyPlan


def clean_tags(raw: str) -> list[str]:
    tags: list[str] = []
    for part in raw.split(","):
        tag = clean_text(part.strip(), label="A tag", max_length=TAG_MAX, allow_markup=False)
        if tag and tag.lower() not in (t.lower() for t in tags):
            tags.append(tag)
    if len(tags) > TAGS_MAX:
        raise forms.ValidationError(f"Up to {TAGS_MAX} tags, please.")
    return tags


class EntryForm(forms.Form):
    text = forms.CharField(
        label="What's on your mind?",
        widget=forms.Textarea(attrs={"rows": 10, "autofocus": True}),
        help_text="Write as much or as little as you like. Only you can read it.",
    )
    tags = forms.CharField(label="Tags", required=False, help_text="Optional, separated by commas, e.g. work, family.")
    draft_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    mood = forms.TypedChoiceField(
        label="How are you feeling, from 0 (very low) to 10 (very good)?",
        choices=[("", "Rather not say")] + [(str(i), str(i)) for i in range(11)],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def clean_text(self) -> str:
        text = clean_text(self.cleaned_data["text"], label="Your entry", max_length=TEXT_MAX)
        if not text:
            raise forms.ValidationError("There is nothing to save yet.")
        return text

    def clean_tags(self) -> list[str]:
        return clean_tags(self.cleaned_data["tags"])

    def save(self, entry: Entry) -> Entry:
        entry.text = self.cleaned_data["text"]
        entry.tag_list = self.cleaned_data["tags"]
        entry.mood = self.cleaned_data["mood"]
        entry.analyse()
        entry.save()
        if self.cleaned_data.get("draft_key"):
            Draft.objects.filter(user=entry.user, key=self.cleaned_data["draft_key"]).delete()
        return entry

    @classmethod
    def for_entry(cls, entry: Entry) -> EntryForm:
        initial = {
            "text": entry.text,
            "tags": ", ".join(entry.tag_list),
            "mood": entry.mood,
            "draft_key": uuid.uuid4().hex,
        }
        return cls(initial=initial)


class ReplyForm(forms.Form):
    sentence_start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    text = forms.CharField(
        label="In your own words, what would a kind voice say?", widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_text(self) -> str:
        text = clean_text(self.cleaned_data["text"], label="Your reply", max_length=TEXT_MAX)
        if not text:
            raise forms.ValidationError("Write a few words first.")
        return text


class SafetyPlanForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = SafetyPlan
        fields = [field for field, _, _ in SafetyPlan.STEPS]
        labels = {field: title for field, title, _ in SafetyPlan.STEPS}
        help_texts = {field: help for field, _, help in SafetyPlan.STEPS}
        widgets = {field: forms.Textarea(attrs={"rows": 3}) for field, _, _ in SafetyPlan.STEPS}

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for field, title, _ in SafetyPlan.STEPS:
            value = data.get(field) or ""
            data[field] = clean_text(str(value), label=title, max_length=4000)
        return data
