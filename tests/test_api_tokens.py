"""API tokens on the admin's page: listed without their secret, revoked after a confirmation, refused at once after."""

import pytest

from kymppi.domain.api_tokens import revoke_api_token
from kymppi.domain.staff import USE_RECORDED_EVERY, _digest, create_api_token
from kymppi.extensions import db
from kymppi.models import ApiToken, Role
from tests.conftest import csrf_token
from tests.rows import audit_events, count, get_fresh

LIST = "/admin/api-tokens"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def api_status(app, token: str) -> int:
    """The API's answer to a tablet holding `token`: a client of its own, with no staff session to fall back on,
    in an app context of its own, so Flask-Login can't reuse a user an earlier request left in `g`."""
    with app.app_context():
        return app.test_client().get("/api/v1/courses", headers=bearer(token)).status_code


def only_token() -> ApiToken:
    return db.session.scalars(db.select(ApiToken)).one()


def revoke(client, token_id: int):
    return client.post(f"{LIST}/{token_id}/revoke", data={"csrf_token": csrf_token(client, LIST)})


def test_making_a_token_is_audited_without_its_secret(world):
    secret = create_api_token(world.office)
    (event,) = audit_events("api_token_created")
    assert event.details == {"token_id": only_token().id, "user_id": world.office.id}
    assert event.actor_id is None  # made on the command line
    assert secret not in repr(event.details)


def test_the_list_names_each_tokens_owner_and_never_its_secret(client, login, world):
    secret = create_api_token(world.office)
    login(Role.ADMIN)
    page = client.get(LIST).get_data(as_text=True)
    assert world.office.name in page
    assert secret not in page and _digest(secret) not in page
    assert f"{LIST}?revoke={only_token().id}" in page


def test_revoking_asks_first_and_an_unknown_token_is_not_found(client, login, world):
    create_api_token(world.office)
    login(Role.ADMIN)
    token = only_token()
    confirming = client.get(f"{LIST}?revoke={token.id}").get_data(as_text=True)
    assert f"Perutaanko avain {token.id}?" in confirming
    assert f'action="{LIST}/{token.id}/revoke"' in confirming
    assert token.revoked_at is None  # asking changed nothing
    assert client.get(f"{LIST}?revoke=99999").status_code == 404


def test_a_revoked_token_is_refused_at_once_and_the_revocation_audited(app, client, login, world):
    secret = create_api_token(world.office)
    assert api_status(app, secret) == 200
    admin = login(Role.ADMIN)
    token_id = only_token().id
    response = revoke(client, token_id)
    assert response.status_code == 302 and response.location.endswith(LIST)
    assert api_status(app, secret) == 401
    (event,) = audit_events("api_token_revoked")
    assert (event.actor_id, event.details) == (admin.id, {"token_id": token_id, "user_id": world.office.id})


def test_a_second_revocation_changes_nothing(client, login, world):
    create_api_token(world.office)
    admin = login(Role.ADMIN)
    token_id = only_token().id
    assert revoke_api_token(token_id, by=admin)
    revoked_at = only_token().revoked_at
    response = revoke(client, token_id)
    assert response.status_code == 302
    assert "Avain oli jo peruttu." in client.get(LIST).get_data(as_text=True)
    assert only_token().revoked_at == revoked_at
    assert len(audit_events("api_token_revoked")) == 1


def test_revoking_needs_the_forms_csrf_token(app, client, login, world):
    secret = create_api_token(world.office)
    login(Role.ADMIN)
    assert client.post(f"{LIST}/{only_token().id}/revoke").status_code == 400
    assert api_status(app, secret) == 200


@pytest.mark.parametrize("role", [Role.OFFICE, Role.INSTRUCTOR])
def test_only_the_admin_sees_or_revokes_tokens(app, client, login, world, role):
    secret = create_api_token(world.office)
    login(role)
    token_id = only_token().id
    assert client.get(LIST).status_code == 403
    assert (
        client.post(f"{LIST}/{token_id}/revoke", data={"csrf_token": csrf_token(client, "/checkin/")}).status_code
        == 403
    )
    assert api_status(app, secret) == 200
    assert count(ApiToken, ApiToken.revoked_at.is_not(None)) == 0


def test_each_use_is_noted_at_most_once_an_hour(app, world):
    secret = create_api_token(world.office)
    assert only_token().last_used_at is None
    assert api_status(app, secret) == 200
    first = get_fresh(ApiToken, only_token().id).last_used_at
    assert first is not None
    assert api_status(app, secret) == 200
    assert get_fresh(ApiToken, only_token().id).last_used_at == first  # no write for every scan
    db.session.execute(db.update(ApiToken).values(last_used_at=first - USE_RECORDED_EVERY))
    db.session.commit()
    assert api_status(app, secret) == 200
    assert get_fresh(ApiToken, only_token().id).last_used_at > first


def test_the_list_tells_when_a_token_was_last_used(client, login, world):
    create_api_token(world.office)
    login(Role.ADMIN)
    assert "ei käytetty" in client.get(LIST).get_data(as_text=True)
