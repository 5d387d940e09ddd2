"""Texts a buyer receives that are built outside a page: the round's default invitation and contact checks."""

import pytest
from flask_babel import force_locale

from kymppi.domain.contact import clean_contact
from kymppi.domain.errors import InvalidInput
from kymppi.feedback_mail import DEFAULT_TEXTS, has_link, unknown_placeholders
from kymppi.i18n import speak
from kymppi.models import Language


def test_each_language_has_its_own_default_invitation_whatever_the_request_speaks(app):
    with app.test_request_context():
        speak(Language.EN)
        swedish = DEFAULT_TEXTS[Language.SV]
        english = DEFAULT_TEXTS[Language.EN]
        finnish = DEFAULT_TEXTS[Language.FI]
    assert swedish.subject == "Hur fungerade tiokortet? – {opisto}" and swedish.body.startswith("Hej {nimi},\n\n")
    assert english.subject == "How did the ten-visit card work for you? – {opisto}"
    assert finnish.body.endswith("Ystävällisin terveisin\n{opisto}")
    assert list(DEFAULT_TEXTS) == list(Language)
    for text in (finnish, swedish, english):
        assert has_link(text.body) and unknown_placeholders(text.subject + text.body) == []


@pytest.mark.parametrize(
    ("details", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the buyer's name."),
        ({"email": "maija@"}, "email", "Check the email address, for example name@example.org."),
        ({"email": "", "phone": ""}, "phone", "Enter an email address or a phone number, so the buyer can be reached."),
        ({"phone": "soita"}, "phone", "Check the phone number, for example 040 123 4567."),
    ],
)
def test_contact_details_are_refused_in_the_readers_language(app, details, field, message):
    values = {"name": "John Smith", "email": "john@example.org", "phone": None, "municipality": None} | details
    with force_locale("en"), pytest.raises(InvalidInput) as refused:
        clean_contact(**values)
    assert (refused.value.field, str(refused.value.message)) == (field, message)
