"""A buyer's data PDF while a feedback round that invites them is still unsent: found by tests/test_hostile_input.py."""

from kymppi.domain.feedback import start_round
from kymppi.domain.periods import Period
from tests import pdfs
from tests.feedback_helpers import AT


def test_an_invitation_not_yet_sent_is_listed_by_its_round_alone(client, login, world, make_card):
    """Nothing sent, answered or visited: the invitation has no facts, only its round's heading (was a 500)."""
    card = make_card(feedback_consent=True)
    start_round(Period.of_term(world.term), by=world.office, at=AT)
    login()
    response = client.get(f"/office/buyers/{card.buyer_id}/data.pdf")
    assert response.status_code == 200
    assert "Palautekierros 24.8.2026–13.12.2026" in pdfs.text(response.get_data())
