"""A therapist and a client, end to end: invite, accept (results shared, journal private), homework,
adherence and the chart for the therapist, every access in the client's log, and revoking at once."""

import pytest

from tests.browser import people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SECRET = "SECRET JOURNAL TEXT about my brother"


def test_a_therapist_and_a_client_from_invitation_to_revocation(base_url, browser) -> None:
    from kindvoice.apps.accounts.models import User

    lee_context, pat_context = browser.new_context(), browser.new_context()
    lee, pat = lee_context.new_page(), pat_context.new_page()
    User.objects.create_user("lee@example.org", people.PASSWORD, display_name="Dr. Lee", role="therapist")

    # The therapist invites.
    people.log_in(lee, base_url, "lee@example.org", "/care/")
    lee.get_by_label("A note to remind you").fill("Pat, Tuesdays")
    lee.get_by_role("button", name="Create an invitation code").click()
    code = lee.locator("#invitation-code").text_content().strip()

    # The client accepts, sharing results and practice activity; the journal stays private.
    people.log_in(pat, base_url, "pat@example.org", "/care/accept/", name="Pat")
    pat.get_by_label("Invitation code").fill(code)
    pat.get_by_label("Your practice activity").check()
    assert pat.get_by_label("Your questionnaire results").is_checked()
    assert not pat.get_by_label("Everything in your journal").is_checked()
    pat.get_by_role("button", name="Link with my therapist").click()
    pat.get_by_text("You are now linked with Dr. Lee").wait_for()

    # The client writes in the journal and takes a questionnaire.
    pat.goto(base_url + "/journal/new/")
    pat.get_by_label("What's on your mind?").fill(SECRET + ".")
    pat.get_by_role("button", name="Save", exact=True).click()
    pat.goto(base_url + "/measures/who-5/take/")
    for number in range(1, 6):
        pat.locator(f"#item-{number} input[value='3']").check()
    pat.get_by_role("button", name="See my score").click()
    pat.get_by_text("not a diagnosis").first.wait_for()

    # The therapist assigns the breathing practice.
    lee.goto(base_url + "/care/")
    lee.get_by_role("link", name="Pat").click()
    lee.get_by_label("Practice").select_option("soothing-rhythm-breathing")
    lee.get_by_label("A note for your client").fill("Two minutes before bed.")
    lee.get_by_role("button", name="Assign").click()

    # The client does it, from the home page.
    pat.goto(base_url + "/")
    pat.get_by_text("Two minutes before bed.").wait_for()
    pat.get_by_role("link", name="Soothing-rhythm-breathing").click()
    pat.get_by_role("button", name="Begin").click()
    pat.get_by_label("6", exact=True).check()
    pat.get_by_role("button", name="Continue").click()
    pat.get_by_role("button", name="Continue").click()  # settle
    pat.get_by_role("button", name="Continue").click()  # breathe
    pat.get_by_label("What do you notice in your body now").fill("My shoulders dropped.")
    pat.get_by_role("button", name="Continue").click()
    pat.get_by_label("3", exact=True).check()
    pat.get_by_role("button", name="Continue").click()
    pat.get_by_text("Distress: 6 before, 3 after.").wait_for()

    # The therapist sees adherence and the chart, and no journal text anywhere.
    lee.goto(base_url + "/care/")
    lee.get_by_role("link", name="Pat").click()
    lee.get_by_text("done 1 of 1").wait_for()
    lee.get_by_text("distress 6 → 3").wait_for()
    lee.get_by_role("link", name="Questionnaires").click()
    assert lee.locator("svg.chart circle.measure-dot").count() == 1
    for path in (
        base_url + "/care/",
        lee.url,
        base_url + f"/care/clients/{User.objects.get(email='pat@example.org').pk}/summary/",
    ):
        lee.goto(path)
        assert SECRET not in lee.content()

    # The client sees each access, in plain words.
    pat.goto(base_url + "/care/access-log/")
    pat.get_by_text("Dr. Lee viewed your questionnaire results on").first.wait_for()
    pat.get_by_text("Dr. Lee viewed your homework and practice activity on").first.wait_for()

    # Revoking removes access at once.
    pat.goto(base_url + "/care/")
    pat.once("dialog", lambda dialog: dialog.accept())
    pat.get_by_role("button", name="End the link").click()
    pat.get_by_text("The link has ended").wait_for()
    response = lee.goto(lee.url.replace("/summary/", "/measures/"))
    assert response.status == 404
    lee_context.close()
    pat_context.close()
