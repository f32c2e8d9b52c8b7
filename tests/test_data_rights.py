"""A person can take all their data with them, and delete all of it."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse

from kindvoice.apps.accounts.models import AccessToken, FailedLogin, User
from kindvoice.privacy.data_rights import SCHEMA, models_through_others, personal_models
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def give_pat_some_data(person) -> None:
    from kindvoice.apps.measures.models import Administration, Schedule
    from kindvoice.apps.practices.models import PersonalList, Run
    from kindvoice.practices import find

    person.user.intention = "to be gentler with myself"
    person.user.save()
    AccessToken.issue(person.user, "my laptop")
    FailedLogin.record(FailedLogin.limits_for(person.email, "10.0.0.9"))
    run = Run.begin(person.user, find("self-compassion-break"))
    runner = run.runner()
    runner.answer(6)
    runner.answer("a hard day")
    run.keep(runner)
    PersonalList.put(person.user, "soothing_menu", ["a warm bath"])
    administration = Administration.in_progress(person.user, "who-5")
    administration.save_answers(dict.fromkeys(range(1, 6), 3))
    administration.complete()
    Schedule.set(person.user, "who-5", 14)


def rows_pointing_at(user_id: int) -> dict[str, int]:
    """Every foreign key to the user model, in every installed model: how many rows still point at the id."""
    found = {}
    user_model = apps.get_model("accounts", "User")
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                count = model._default_manager.filter(**{field.attname: user_id}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    return found


def test_the_download_holds_everything_of_the_person_and_nothing_secret(person, other_person) -> None:
    give_pat_some_data(person)
    AccessToken.issue(other_person.user, "olu's phone")

    response = person.client.get(reverse("export"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)

    assert data["schema"] == SCHEMA
    assert data["account"]["email"] == person.email
    assert data["account"]["intention"] == "to be gentler with myself"
    assert "password" not in data["account"]
    tokens = data["records"]["accounts.accesstoken"]
    assert [t["name"] for t in tokens] == ["my laptop"]
    assert "digest" not in tokens[0]
    assert "olu" not in response.content.decode().lower()
    runs = data["records"]["practices.run"]
    assert '"a hard day"' in runs[0]["state"] and runs[0]["ratings"] == {"distress": {"before": 6}}
    assert json.loads(data["records"]["measures.administration"][0]["result_text"])["total"] == 60
    assert data["records"]["practices.personallist"][0]["items_text"] == '["a warm bath"]'


def test_the_export_covers_every_model_that_points_at_a_person(person) -> None:
    data = person.user.export_data()
    expected = {model._meta.label_lower for model in [*personal_models(User), *models_through_others()]}
    assert set(data["records"]) == expected
    assert {"accounts.accesstoken", "care.sessionnote", "care.safetyalert"} <= expected


def test_a_therapist_exports_their_notes_and_a_client_never_sees_unshared_ones(person, therapist) -> None:
    from kindvoice.apps.care.models import CareLink, Invitation, SessionNote

    _, code = Invitation.issue(therapist.user)
    link = CareLink.accept(person.user, code, {"measures"})
    SessionNote.objects.create(link=link, text="Private thoughts about the session.")
    mine = therapist.user.export_data()["records"]["care.sessionnote"]
    assert mine[0]["text"] == "Private thoughts about the session."
    assert person.user.export_data()["records"]["care.sessionnote"] == []


def test_the_documented_export_schema_names_every_top_level_key(person) -> None:
    doc = (Path(__file__).parents[1] / "docs" / "data-export.md").read_text(encoding="utf-8")
    for key in person.user.export_data():
        assert f"`{key}`" in doc, f"docs/data-export.md does not describe {key}"


def test_deleting_needs_the_password_and_a_clear_yes(person) -> None:
    response = person.client.post(reverse("delete_account"), {"password": "wrong", "understood": "on"})
    assert response.status_code == 200 and "not right" in response.text
    response = person.client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 200 and "required" in response.text
    assert User.objects.filter(pk=person.user.pk).exists()


def test_after_deletion_no_row_anywhere_refers_to_the_person(person, other_person) -> None:
    give_pat_some_data(person)
    AccessToken.issue(other_person.user, "olu's phone")
    pat_id = person.user.pk
    assert rows_pointing_at(pat_id), "the test must start with rows to delete"

    response = person.client.post(reverse("delete_account"), {"password": PASSWORD, "understood": "on"})

    assert response.status_code == 200 and "has been deleted" in response.text
    assert not User.objects.filter(pk=pat_id).exists()
    assert rows_pointing_at(pat_id) == {}
    assert not FailedLogin.objects.filter(key__in=list(FailedLogin.limits_for(person.email, "x"))[:1]).exists()
    assert not any(s.get_decoded().get("_auth_user_id") == str(pat_id) for s in Session.objects.all())
    assert person.client.get(reverse("settings")).status_code == 302, "the session is gone"
    assert other_person.user.tokens.count() == 1, "other people's data is untouched"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads the SQLite file itself")
def test_after_deletion_the_database_file_holds_no_trace_of_the_email(person, admin) -> None:
    give_pat_some_data(person)
    # The admin changes Pat's role: the admin's history now names Pat by email.
    change = admin.client.get(f"/admin/accounts/user/{person.user.pk}/change/")
    form = change.context["adminform"].form
    data = {name: form.initial.get(name, "") for name in ("email", "role", "date_joined_0", "date_joined_1")}
    data.update(email=person.email, role="therapist", is_active="on")
    response = admin.client.post(f"/admin/accounts/user/{person.user.pk}/change/", data)
    assert response.status_code == 302, response.content
    from django.contrib.admin.models import LogEntry

    assert LogEntry.objects.filter(object_repr=person.email).exists()

    person.user.delete_account()
    assert not LogEntry.objects.filter(object_repr=person.email).exists()
    name = Path(connection.settings_dict["NAME"])
    raw = b"".join(p.read_bytes() for p in (name, name.with_name(name.name + "-wal")) if p.exists())
    assert b"pat@example.org" not in raw


def test_an_account_deleted_through_the_api_needs_the_email_typed_back(person) -> None:
    _, token = AccessToken.issue(person.user, "script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    wrong = person.client.post("/api/me/delete", {"confirm_email": "x@y.z"}, content_type="application/json", **auth)
    assert wrong.status_code == 422 and "Nothing was deleted" in wrong.json()["error"]["message"]
    ok = person.client.post("/api/me/delete", {"confirm_email": person.email}, content_type="application/json", **auth)
    assert ok.status_code == 200 and ok.json() == {"deleted": True}
    assert rows_pointing_at(person.user.pk) == {}


def test_deleting_from_the_admin_site_removes_everything_too(admin, person) -> None:
    give_pat_some_data(person)
    response = admin.client.post(f"/admin/accounts/user/{person.user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert rows_pointing_at(person.user.pk) == {}
    assert person.client.get(reverse("settings")).status_code == 302, "their session is gone"
