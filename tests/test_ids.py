"""Input beyond what the app can hold: ids past 32 bits are "not found", oversized uploads a clear 413."""

import pytest

from kymppi.models import Role
from tests.conftest import csrf_token

HUGE = str(2**31)


@pytest.mark.parametrize(
    "path",
    [
        f"/admin/terms/{HUGE}",
        f"/admin/card-types/{HUGE}",
        f"/admin/courses/{HUGE}",
        f"/admin/staff/{HUGE}",
        f"/office/buyers/{HUGE}",
        f"/office/buyers/{HUGE}/edit",
        "/admin/terms/0",
        "/office/buyers/-1",
    ],
)
def test_out_of_range_ids_in_urls_are_404(client, login, world, path):
    login(Role.ADMIN)
    assert client.get(path).status_code == 404


def test_out_of_range_ids_in_forms_are_field_errors(client, login, world, make_card):
    login(Role.OFFICE)
    card = make_card()
    token = csrf_token(client, "/office/")
    sale = client.post("/office/", data={"csrf_token": token, "buyer_id": HUGE, "card_type": world.card_type.id})
    undo = client.post(
        f"/office/cards/{card.number}/undo", data={"csrf_token": token, "undo-check_in_id": HUGE, "undo-reason": "x"}
    )
    assert (sale.status_code, undo.status_code) == (422, 422)
    assert "Tuntematon tunniste." in sale.get_data(as_text=True)


def test_an_oversized_upload_is_refused_with_a_clear_page(client, login):
    login(Role.ADMIN)
    body = b"--b\r\nContent-Disposition: form-data; name=file; filename=big.csv\r\n\r\n" + b"x" * 3_000_000
    response = client.post("/admin/courses/import", data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413 and "Lähetetty tiedosto on liian suuri." in response.get_data(as_text=True)
