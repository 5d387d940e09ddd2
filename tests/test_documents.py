"""The printed card, the sheet of cards and the receipt, read back as text, size and QR codes."""

import pytest

from kymppi.documents.card_pdf import CardFace, card_pdf, card_sheet_pdf
from kymppi.documents.receipt_pdf import receipt_pdf
from kymppi.domain.codes import card_url, format_card_number
from kymppi.extensions import db
from kymppi.models import Language, Organization, PaymentMethod
from tests import pdfs

BASE_URL = "https://kurssit.opisto.example"


def face(card, opisto="Hausjärven kansalaisopisto"):
    return CardFace.of(card, opisto, BASE_URL)


def test_card_is_credit_card_sized_with_a_scannable_qr_of_its_url(make_card):
    card = make_card(name="Åsa Öhman-Järvinen")
    data = card_pdf(face(card))

    [(width, height)] = pdfs.page_sizes_mm(data)
    assert (round(width, 1), round(height, 1)) == (85.6, 54.0)
    [[(payload, side_mm)]] = pdfs.qr_codes(data)
    assert payload == card_url(BASE_URL, card.secret)
    # Phone cameras read about one tenth of the distance: 30 cm wants ~25 mm of code.
    assert side_mm >= 25


def test_card_shows_opisto_holder_number_validity_and_ten_stamp_boxes(make_card):
    card = make_card(name="Åsa Öhman-Järvinen")
    printed = pdfs.text(card_pdf(face(card)))
    for expected in (
        "Kymppikortti",
        "Hausjärven kansalaisopisto",
        "Åsa Öhman-Järvinen",
        format_card_number(card.number),
        "Voimassa 24.8.2026–13.12.2026",
    ):
        assert expected in printed
    assert all(str(n) in printed.split() for n in range(1, 11))


def test_finnish_letters_use_the_embedded_dejavu_font(make_card):
    fonts = pdfs.embedded_fonts(card_pdf(face(make_card(name="Äijä Öljynen"))))
    assert any("DejaVuSans" in font for font in fonts)


def test_a_very_long_name_still_fits_and_the_qr_still_scans(make_card):
    card = make_card(name="Maria-Magdalena Katariina Wilhelmiina Vähä-Järvenpää-Öhman")
    data = card_pdf(face(card, opisto="Etelä-Pohjanmaan kansalaisopiston Kauhavan sivutoimipiste"))
    assert "Wilhelmiina" in pdfs.text(data)
    assert [[payload for payload, _ in page] for page in pdfs.qr_codes(data)] == [[card_url(BASE_URL, card.secret)]]


def test_sheet_prints_ten_cards_a_page_and_every_qr_scans(make_card):
    cards = [make_card(name=f"Ostaja {n}") for n in range(12)]
    data = card_sheet_pdf([face(card) for card in cards])

    assert [tuple(round(v) for v in size) for size in pdfs.page_sizes_mm(data)] == [(210, 297), (210, 297)]
    scanned = pdfs.qr_codes(data, dpi=200)
    assert [len(page) for page in scanned] == [10, 2]
    assert {payload for page in scanned for payload, _ in page} == {card_url(BASE_URL, c.secret) for c in cards}


@pytest.mark.parametrize(
    ("method", "reference", "shown"),
    [(PaymentMethod.EPASSI, "EP-884213", "ePassi, viite EP-884213"), (PaymentMethod.CASH, None, "Käteinen")],
)
def test_receipt_has_number_buyer_item_price_payment_and_vat_note(world, make_card, method, reference, shown):
    organization = db.session.get(Organization, 1)
    organization.business_id, organization.address = "0123456-7", "Keskustie 2, 12100 Oitti"
    card = make_card(name="Jörö Jäärä", payment_method=method)
    card.payment_reference = reference
    db.session.commit()

    printed = pdfs.text(receipt_pdf(card.receipt, organization))

    for expected in (
        "Kuitti",
        "2026-00001",
        "24.8.2026",
        "Jörö Jäärä",
        shown,
        "Kymppikortti",
        "50,00 €",
        "Y-tunnus 0123456-7",
        "Keskustie 2",
        "ALV 0 %",
        "39 §",
    ):
        assert expected in printed


def test_a_card_is_printed_in_its_buyers_language(make_card):
    card = make_card(language=Language.EN)
    printed = pdfs.text(card_pdf(face(card)))
    for expected in (
        "Ten-visit card",
        f"Card {format_card_number(card.number)}",
        "Valid 24 Aug 2026–13 Dec 2026",
        "Show the QR code to the instructor or open it on your phone.",
    ):
        assert expected in printed
    assert "Kymppikortti" not in printed


def test_a_sheet_prints_each_card_in_its_own_buyers_language(make_card):
    cards = [make_card(name="Maija Meikäläinen"), make_card(name="Åsa Öhman", language=Language.SV)]
    printed = pdfs.text(card_sheet_pdf([face(card) for card in cards]))
    assert "Voimassa 24.8.2026–13.12.2026" in printed and "Giltigt 24.8.2026–13.12.2026" in printed
    assert f"Kort {format_card_number(cards[1].number)}" in printed


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            Language.SV,
            [
                "Kvitto",
                "Kvittonummer",
                "Betalningssätt",
                "ePassi, referens EP-884213",
                "FO-nummer 0123456-7",
                "10 besök, giltigt 24.8.2026–13.12.2026",
                "Totalt",
                "50,00 €",
                "Moms 0 %",
            ],
        ),
        (
            Language.EN,
            [
                "Receipt",
                "Receipt number",
                "Payment method",
                "ePassi, reference EP-884213",
                "Business ID 0123456-7",
                "10 visits, valid 24 Aug 2026–13 Dec 2026",
                "Total",
                "€50.00",
                "24 Aug 2026",
                "VAT 0%",
            ],
        ),
    ],
)
def test_a_receipt_is_written_in_its_buyers_language(world, make_card, language, expected):
    organization = db.session.get(Organization, 1)
    organization.business_id = "0123456-7"
    card = make_card(payment_method=PaymentMethod.EPASSI, language=language)
    card.payment_reference = "EP-884213"
    db.session.commit()

    printed = pdfs.text(receipt_pdf(card.receipt, organization))

    assert all(text in printed for text in expected), printed
    assert "Kuitti" not in printed


def test_the_office_prints_a_swedish_buyers_receipt_in_swedish(client, login, make_card):
    login(language=Language.EN)
    card = make_card(language=Language.SV)
    printed = pdfs.text(client.get(f"/office/cards/{card.number}/receipt.pdf").data)
    assert "Kvitto" in printed and "Receipt" not in printed
