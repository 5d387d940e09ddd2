"""Debian's Chromium, the one browser the tests and benchmarks drive (never a downloaded one); logging in with it."""

from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(playwright, *extra_flags: str):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, *extra_flags])


def log_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    """Log in through the login page and wait until the landing page's scripts run.

    A visible heading is not enough: module scripts run after the page is
    parsed, and keys typed before that (a search as you type) go unheard.
    """
    page.goto(f"{base}/login")
    page.get_by_label("Sähköposti").fill(email)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("button", name="Kirjaudu").click()
    expect(page.get_by_role("button", name="Kirjaudu ulos")).to_be_visible()
    page.wait_for_load_state("load")
