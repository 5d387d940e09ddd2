"""The buyer's card link keeps itself private: headers, one not-found page for every bad link, throttling."""

import pytest

from kymppi.domain.replacement import replace_card


@pytest.fixture
def card(world, make_card):
    return make_card()


def test_card_page_tells_browsers_and_robots_to_keep_it_to_themselves(client, card):
    headers = client.get(f"/k/{card.secret}").headers
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Robots-Tag"] == "noindex, nofollow"
    assert headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in headers["Content-Security-Policy"]


def test_a_revoked_link_looks_exactly_like_one_that_never_existed(client, world, card):
    old_secret = card.secret
    replace_card(card.id, by=world.office, reason="kadonnut")
    revoked = client.get(f"/k/{old_secret}")
    never = client.get("/k/" + "Q" * 32)
    garbage = client.get("/k/x")
    assert revoked.status_code == never.status_code == garbage.status_code == 404
    assert revoked.get_data() == never.get_data() == garbage.get_data()
    assert "Korttia ei löytynyt" in never.get_data(as_text=True)
    assert "Testiopisto" in never.get_data(as_text=True)
    assert never.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert card.number not in revoked.get_data(as_text=True)


@pytest.mark.parametrize("app_config", [{"CARD_PAGE_LIMIT": "3 per minute"}])
def test_card_pages_are_throttled_per_address_with_a_clear_page(client, card, app_config):
    codes = [client.get(f"/k/{card.secret}").status_code for _ in range(3)]
    refused = client.get("/k/" + "Q" * 32)
    assert codes == [200, 200, 200]
    assert refused.status_code == 429
    assert "Odota hetki" in refused.get_data(as_text=True)
    english = client.get("/k/" + "Q" * 32, headers={"Accept-Language": "en-GB"})
    assert english.status_code == 429 and "Please wait a moment" in english.get_data(as_text=True)
    other = client.get(f"/k/{card.secret}", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 200
