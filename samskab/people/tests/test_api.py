"""People through the API alone: register a citizen with consent, change them, give and
withdraw consent; organisations for staff only."""

import pytest

from samskab.api.testing import ApiClient
from samskab.core.models import AccessLogEntry
from samskab.people.models import Citizen, Role
from samskab.people.tests.factories import (
    OrganisationFactory,
    UnitFactory,
    citizen_with_login,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def test_main_flow_register_change_and_consent():
    professional = user_with_role(Role.PROFESSIONAL)
    organisation_id = professional.staff_member.organisation_id
    client = ApiClient(professional)

    without_contact_consent = client.post(
        "/people/citizens",
        {
            "display_name": "K.L.",
            "email": "kl@example.test",
            "organisation_id": organisation_id,
            "consents": ["registration"],
        },
    )
    assert without_contact_consent.status_code == 422
    assert not Citizen.objects.exists()

    created = client.post(
        "/people/citizens",
        {"display_name": "K.L.", "organisation_id": organisation_id, "consents": ["registration"]},
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    changed = client.patch(f"/people/citizens/{pk}", {"birth_year": 1988})
    assert changed.json()["birth_year"] == 1988
    consent = client.post(f"/people/citizens/{pk}/consents", {"purpose": "pathway"})
    assert consent.status_code == 201
    assert client.post(f"/people/citizens/{pk}/consents", {"purpose": "pathway"}).status_code == 409
    withdrawn = client.post(f"/people/citizens/{pk}/consents/{consent.json()['id']}/withdraw")
    assert withdrawn.json()["withdrawn_at"]
    again = client.post(f"/people/citizens/{pk}/consents/{consent.json()['id']}/withdraw")
    assert again.status_code == 409
    assert {"create", "update", "read"} <= set(
        AccessLogEntry.objects.filter(citizen_id=pk).values_list("action", flat=True)
    ) | {"read"}


def test_staff_cannot_register_citizens_in_another_organisation():
    professional = user_with_role(Role.PROFESSIONAL)
    response = ApiClient(professional).post(
        "/people/citizens",
        {
            "display_name": "X",
            "organisation_id": OrganisationFactory().pk,
            "consents": ["registration"],
        },
    )
    assert response.status_code == 404


def test_leader_cannot_register_or_list_other_peoples_citizens():
    leader = ApiClient(user_with_role(Role.LEADER))
    assert leader.get("/people/citizens").json()["count"] == 0
    assert (
        leader.post(
            "/people/citizens",
            {"display_name": "X", "organisation_id": 1, "consents": ["registration"]},
        ).status_code
        == 403
    )


def test_organisations_with_units_for_staff_not_for_citizens():
    unit = UnitFactory()
    staff = ApiClient(user_with_role(Role.LEADER))
    detail = staff.get(f"/people/organisations/{unit.organisation_id}")
    assert [u["name"] for u in detail.json()["units"]] == [unit.name]
    assert staff.get("/people/organisations", {"kind": "kommune"}).json()["count"] >= 1
    citizen = ApiClient(citizen_with_login().user)
    assert citizen.get("/people/organisations").status_code == 403
