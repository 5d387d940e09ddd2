"""The office's whole term-end round in a real browser: buyer list, emails, answers, report.

Shared by tests/test_term_end_browser.py, which checks every step works, and
bench/term_end_round.py, which times the office's own part of it. Clicks are
counted, so "a few clicks" is a number; the buyers' answering is done in a
phone-sized context of its own and is not the office's time.
"""

import io
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import openpyxl
from playwright.sync_api import Browser, Page, expect

SURVEY_LINK = re.compile(r"/palaute/[A-Za-z0-9_-]+")
PHONE = {"width": 390, "height": 844}


@dataclass
class Walk:
    """What the office did: the clicks, the seconds each step took, and what they got."""

    clicks: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    buyer_list_rows: int = 0
    results_csv: bytes = b""
    report_pdf: bytes = b""

    @property
    def office_seconds(self) -> float:
        return sum(self.seconds.values())


class Office:
    """The secretary's browser: every click counted, every step timed."""

    def __init__(self, page: Page, walk: Walk):
        self.page, self.walk = page, walk

    def click(self, locator) -> None:
        self.walk.clicks += 1
        locator.click()

    def step(self, name: str, action: Callable[[], None]) -> None:
        started = time.perf_counter()
        action()
        self.walk.seconds[name] = time.perf_counter() - started


def run_office_round(page: Page, base: str, *, invited: int) -> tuple[Walk, int]:
    """From the front page to invitations sent; returns the walk so far and the round's id."""
    walk = Walk()
    office = Office(page, walk)
    page.goto(f"{base}/")

    def buyer_list():
        office.click(page.get_by_role("link", name="Raportit"))
        office.click(page.get_by_role("link", name="Ostajalista"))
        with page.expect_download() as download:
            office.click(page.get_by_role("link", name="Lataa Excel (XLSX)"))
        sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
        walk.buyer_list_rows = sheet.max_row - 1

    def start_and_edit():
        office.click(page.get_by_role("link", name="‹ Raportit"))
        office.click(page.get_by_role("link", name="Palautekierros"))
        office.click(page.get_by_role("button", name="Aloita palautekierros"))
        office.click(page.get_by_role("link", name="Muokkaa ja esikatsele viestiä"))
        subject = page.get_by_label("Otsikko (suomi)")
        subject.fill("Miten kymppikortti toimi? Kerro meille")
        office.click(page.get_by_role("button", name="Esikatsele muutokset"))
        expect(page.get_by_label("Esikatselu (suomi)")).to_contain_text("Miten kymppikortti toimi? Kerro meille")
        office.click(page.get_by_role("button", name="Tallenna viesti"))

    def send():
        if "/message" in page.url:
            office.click(page.get_by_role("link", name=re.compile("^← Palautekierros")))
        office.click(page.get_by_role("button", name=re.compile("^Lähetä kutsut")))
        expect(page.locator("#send-progress")).to_have_attribute("value", str(invited), timeout=120_000)
        expect(page.get_by_text("Kaikki kutsut on käsitelty.")).to_be_visible(timeout=30_000)

    office.step("buyer list and its Excel file", buyer_list)
    office.step("start the round, edit and preview the message", start_and_edit)
    office.step("send the invitations", send)
    round_id = int(re.search(r"/reports/feedback/(\d+)", page.url)[1])
    return walk, round_id


def answer_surveys(browser: Browser, base: str, links: list[str], rating: Callable[[int], int]) -> None:
    """Each buyer opens their link on a phone and answers; the office's clock is not running."""
    context = browser.new_context(viewport=PHONE, locale="fi-FI")
    try:
        page = context.new_page()
        for n, link in enumerate(links):
            page.goto(base + SURVEY_LINK.search(link)[0])
            page.locator(".rating .tile").nth(rating(n) - 1).click()
            page.locator(".buy-again .tile").first.click()
            page.locator("button[type=submit]").click()
            expect(page.get_by_role("status")).to_be_visible()
    finally:
        context.close()


def finish_round(page: Page, base: str, walk: Walk, round_id: int) -> None:
    """Results, their CSV, closing the round, and the report for management as a PDF."""
    office = Office(page, walk)
    page.goto(f"{base}/reports/feedback/{round_id}")

    def results():
        office.click(page.get_by_role("link", name="Tulokset", exact=True))
        with page.expect_download() as download:
            office.click(page.get_by_role("link", name="Lataa vastaukset (CSV)"))
        walk.results_csv = download.value.path().read_bytes()
        office.click(page.get_by_role("link", name="← Palautekierros"))
        office.click(page.get_by_role("button", name="Sulje kierros"))
        expect(page.get_by_text("vastauksia ei voi enää muuttaa").first).to_be_visible()

    def report():
        office.click(page.get_by_role("link", name="Raportit"))
        office.click(page.get_by_role("link", name="Tulosraportti"))
        expect(page.get_by_role("heading", name="Palaute")).to_be_visible()
        pdf_link = page.get_by_role("link", name="Tulosta PDF johdolle")
        walk.clicks += 1  # the secretary clicks it; the test fetches the same URL with the session's cookies
        response = page.context.request.get(base + pdf_link.get_attribute("href"))
        assert response.ok and response.headers["content-type"] == "application/pdf"
        walk.report_pdf = response.body()

    office.step("read the results, export them, close the round", results)
    office.step("the report for management as a PDF", report)
