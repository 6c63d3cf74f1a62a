"""The innovation main flow through the API alone: create a project, pass a gate (an
illegal gate decision is 409 and changes nothing), fill a business case and read its NPV."""

import pytest
from django.utils import timezone

from samskab.api.testing import ApiClient
from samskab.innovation import economics
from samskab.innovation.models import BusinessCaseLine, GateDecision, Project
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, citizen_with_login, user_with_role

from .factories import ProjectFactory, partner_user

pytestmark = pytest.mark.django_db


def test_main_flow_project_gate_and_business_case():
    organisation = OrganisationFactory()
    staff = ApiClient(user_with_role(Role.PROFESSIONAL, organisation))
    leader = ApiClient(user_with_role(Role.LEADER, organisation))

    created = staff.post("/innovation/projects", {"title": "Digital medicinhåndtering"})
    assert created.status_code == 201, created.json()
    project = created.json()
    assert (project["phase"], project["status"]) == ("kickoff", "active")
    assert project["partner_organisation_ids"] == [organisation.pk]
    path = f"/innovation/projects/{project['id']}"

    assert staff.post(f"{path}/gate-request").json()["gate_requested_on"] == str(
        timezone.localdate()
    )
    assert staff.post(f"{path}/gate-request").status_code == 409
    decision = {"decided_on": str(timezone.localdate()), "decision_makers": "Styregruppen"}
    assert staff.post(f"{path}/gate-decisions", {**decision, "outcome": "go"}).status_code == 403
    passed = leader.post(
        f"{path}/gate-decisions", {**decision, "outcome": "go", "criteria_met": ["business_case"]}
    )
    assert passed.status_code == 201, passed.json()
    assert passed.json()["to_phase"] == "ideation"
    illegal = leader.post(
        f"{path}/gate-decisions", {**decision, "outcome": "back", "to_phase": "prototyping"}
    )
    assert illegal.status_code == 409
    assert "tidligere fase" in illegal.json()["detail"]
    assert Project.objects.get(pk=project["id"]).phase == "ideation"
    assert GateDecision.objects.count() == 1

    saved = staff.put(f"{path}/business-case", {"discount_rate": "3.50", "notes": "SØM-priser"})
    assert saved.status_code == 200, saved.json()
    lines = [
        {
            "kind": "cost",
            "payer": "kommune",
            "year": 0,
            "description": "Udvikling",
            "unit_price": "100000",
        },
        {
            "kind": "gain",
            "payer": "region",
            "year": 1,
            "description": "Færre indlæggelser",
            "quantity": "4",
            "unit_price": "40000",
        },
    ]
    for line in lines:
        response = staff.post(f"{path}/business-case/lines", line)
        assert response.status_code == 201, response.json()
    case = staff.get(f"{path}/business-case").json()
    expected = economics.compute(BusinessCaseLine.objects.all(), 3.5)
    assert case["npv"] == pytest.approx(expected.total_npv)
    assert case["npv"] == pytest.approx(160000 / 1.035 - 100000)
    assert case["break_even_year"] == 1
    assert case["incentive_problem"]
    assert {p["payer"] for p in case["payers"]} == {"kommune", "region"}
    assert len(case["sensitivity"]) == len(economics.SENSITIVITY_STEPS)

    line_id = case["lines"][0]["id"]
    assert staff.delete(f"{path}/business-case/lines/{line_id}").status_code == 204
    assert len(staff.get(f"{path}/business-case").json()["lines"]) == 1


def test_bad_business_case_line_is_422_and_not_stored():
    project = ProjectFactory()
    client = ApiClient(partner_user(project))
    response = client.post(
        f"/innovation/projects/{project.pk}/business-case/lines",
        {"kind": "cost", "payer": "kommune", "year": 99, "description": "x", "unit_price": "1"},
    )
    assert response.status_code == 422
    assert not BusinessCaseLine.objects.exists()


def test_non_partner_staff_read_but_cannot_change_and_citizens_get_nothing():
    project = ProjectFactory()
    outsider = ApiClient(user_with_role(Role.PROFESSIONAL))
    assert outsider.get(f"/innovation/projects/{project.pk}").status_code == 200
    assert (
        outsider.put(
            f"/innovation/projects/{project.pk}/business-case", {"discount_rate": "3"}
        ).status_code
        == 403
    )
    citizen = ApiClient(citizen_with_login().user)
    assert citizen.get(f"/innovation/projects/{project.pk}").status_code == 404
    assert citizen.get("/innovation/projects").status_code == 403
