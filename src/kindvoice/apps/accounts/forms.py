from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from kindvoice.apps.accounts.models import User, normalize_email
from kindvoice.errors import InvalidInput
from kindvoice.text import check_text

NAME_MAX = 80
INTENTION_MAX = 2000
TOKEN_NAME_MAX = 100


def clean_text(value: str, *, label: str, max_length: int, allow_markup: bool = True) -> str:
    try:
        return check_text(value.strip(), label=label, max_length=max_length, allow_markup=allow_markup)
    except InvalidInput as error:
        raise forms.ValidationError(error.message) from None


def clean_name(value: str) -> str:
    """A name is short and plain: no markup, which is never meant there."""
    return clean_text(value, label="Your name", max_length=NAME_MAX, allow_markup=False)


class SignupForm(forms.Form):
    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    display_name = forms.CharField(
        label="What would you like to be called?",
        required=False,
        help_text="Optional. Only you see it.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password_again = forms.CharField(
        label="Password, once more",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError("An account with this email already exists. You can log in instead.")
        return email

    def clean_display_name(self) -> str:
        return clean_name(self.cleaned_data["display_name"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password, again = data.get("password"), data.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", "The two passwords are not the same.")
        elif password:
            candidate = User(email=data.get("email", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data

    def save(self) -> User:
        data = self.cleaned_data
        return User.objects.create_user(data["email"], data["password"], display_name=data["display_name"])


def region_choices() -> list[tuple[str, str]]:
    from kindvoice.safety import regions

    return (
        [("", "Choose…")]
        + [(code, r.name) for code, r in regions().items() if code != "international"]
        + [("international", "Somewhere else")]
    )


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    region = forms.ChoiceField(
        label="Where you live",
        choices=region_choices,
        required=False,
        help_text="So that, if you ever need it, kindvoice shows the right helplines.",
    )

    class Meta:
        model = User
        fields = ("display_name", "intention", "region")
        widgets = {
            "display_name": forms.TextInput(),
            "intention": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "display_name": "Only you see this.",
            "intention": "A few words for yourself, if you like. Stored encrypted; only you can read it.",
        }

    def clean_display_name(self) -> str:
        return clean_name(self.cleaned_data["display_name"])

    def clean_intention(self) -> str:
        return clean_text(self.cleaned_data["intention"], label="What brings you here", max_length=INTENTION_MAX)


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        help_text="So you can recognise it later, e.g. “my laptop”.",
        max_length=TOKEN_NAME_MAX,
    )

    def clean_name(self) -> str:
        return clean_text(
            self.cleaned_data["name"],
            label="Token name",
            max_length=TOKEN_NAME_MAX,
            allow_markup=False,
        )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label="I understand that everything I have written and saved here will be gone for good."
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right.")
        return password
