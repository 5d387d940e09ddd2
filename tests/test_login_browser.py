"""Staff login in real headless Chromium against gunicorn."""

from playwright.sync_api import expect

from kymppi.models import Role
from tests.factories import PASSWORD


def test_wrong_password_is_shown_beside_the_field_and_keeps_the_email(live_server, page, make_user):
    user = make_user(Role.OFFICE)
    page.goto(f"{live_server}/login")
    page.get_by_label("Sähköposti").fill(user.email)
    page.get_by_label("Salasana").fill("not the password")
    page.get_by_role("button", name="Kirjaudu").click()

    password = page.get_by_label("Salasana")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{password.get_attribute('aria-describedby')}")).to_have_text(
        "Väärä sähköposti tai salasana."
    )
    expect(page.get_by_label("Sähköposti")).to_have_value(user.email)


def test_instructor_logs_in_lands_on_check_in_and_logs_out(live_server, page, make_user):
    user = make_user(Role.INSTRUCTOR)
    page.goto(f"{live_server}/office/")
    expect(page).to_have_url(f"{live_server}/login?next=/office/")
    page.get_by_label("Sähköposti").fill(user.email)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu").click()

    # The office page is not for instructors: the next= target answers 403.
    expect(page.get_by_role("heading", name="Virhe 403")).to_be_visible()
    page.goto(f"{live_server}/")
    expect(page.get_by_role("heading", name="Päivän kurssit")).to_be_visible()
    page.get_by_role("button", name="Kirjaudu ulos").click()
    expect(page).to_have_url(f"{live_server}/login")
    expect(page.get_by_role("status")).to_have_text("Olet kirjautunut ulos.")
