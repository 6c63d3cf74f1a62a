"""The stakeholder network (stakeholder × phase) and the risk register reviewed at every gate."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.innovation import actions
from samskab.innovation.models import (
    GateDecision,
    Phase,
    RiskReview,
    RiskStatus,
    Stakeholder,
    StakeholderRole,
)
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

from .factories import ProjectFactory, partner_user

pytestmark = pytest.mark.django_db


def _risk(project, **extra):
    return actions.add_risk(
        by=None,
        project=project,
        data={
            "description": "Journalsystemerne kan ikke tale sammen.",
            "likelihood": 4,
            "impact": 4,
            "owner": "Psykiatrien",
            "response": "Fælles samtykke.",
            **extra,
        },
    )


def _gate(project, **kwargs):
    return actions.record_gate_decision(
        by=None,
        project=project,
        outcome="go",
        decided_on=timezone.localdate(),
        decision_makers="Styregruppen",
        **kwargs,
    )


def test_gate_with_open_risks_needs_the_review_and_changes_nothing_without_it():
    project = ProjectFactory()
    risk = _risk(project)
    _risk(project, description="Lukket risiko", status=RiskStatus.CLOSED)
    with pytest.raises(ValidationError, match="åbne risici"):
        _gate(project)
    project.refresh_from_db()
    assert project.phase == Phase.KICKOFF and not GateDecision.objects.exists()

    decision = _gate(project, risks_reviewed=True)
    review = RiskReview.objects.get()
    assert review.gate_decision == decision and review.risk == risk
    assert (review.likelihood, review.impact, review.status) == (4, 4, RiskStatus.OPEN)


def test_gate_without_open_risks_needs_no_review():
    project = ProjectFactory()
    _gate(project)
    assert not RiskReview.objects.exists()


def test_risk_validates_scale_one_to_five():
    project = ProjectFactory()
    with pytest.raises(ValidationError):
        _risk(project, likelihood=6)
    assert not project.risks.exists()
    assert _risk(project, likelihood=5, impact=3).score == 15


def test_gate_page_lists_open_risks_and_records_the_review(client):
    project = ProjectFactory()
    _risk(project)
    leader = partner_user(project, Role.LEADER)
    client.force_login(leader)
    url = reverse("innovation:gate-decide", args=[project.pk])
    page = client.get(url).content.decode()
    assert "Journalsystemerne kan ikke tale sammen." in page
    data = {
        "outcome": "go",
        "decided_on": timezone.localdate().isoformat(),
        "decision_makers": "Styregruppen",
    }
    response = client.post(url, data)
    assert "Gennemgå dem" in response.content.decode()
    assert not GateDecision.objects.exists()
    response = client.post(url, {**data, "risks_reviewed": "on"})
    assert response.status_code == 302 and RiskReview.objects.count() == 1
    page = client.get(reverse("innovation:risk-list", args=[project.pk])).content.decode()
    assert "1 åben risiko gennemgået" in page


def test_partner_staff_add_risks_others_only_read(client):
    project = ProjectFactory()
    url = reverse("innovation:risk-list", args=[project.pk])
    data = {
        "risk-description": "Frafald",
        "risk-likelihood": "2",
        "risk-impact": "3",
        "risk-owner": "Projektleder",
        "risk-status": "open",
    }
    client.force_login(user_with_role(Role.PROFESSIONAL))
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    client.force_login(partner_user(project))
    assert client.post(url, data).status_code == 302
    assert project.risks.get().score == 6
    client.force_login(user_with_role(Role.CITIZEN))
    assert client.get(url).status_code == 404


def test_stakeholder_matrix_shows_roles_per_phase(client):
    project = ProjectFactory()
    client.force_login(partner_user(project))
    url = reverse("innovation:project-stakeholders", args=[project.pk])
    response = client.post(
        url,
        {
            "stakeholder-name": "Praktiserende læger",
            "stakeholder-phase_kickoff": StakeholderRole.INFORMED,
            "stakeholder-phase_scaling": StakeholderRole.LEADS,
        },
    )
    assert response.status_code == 302
    stakeholder = Stakeholder.objects.get()
    assert stakeholder.phase_roles == {"kickoff": "informed", "scaling": "leads"}
    page = client.get(url).content.decode()
    assert "Praktiserende læger" in page and "Orienteres" in page and "Driver" in page


def test_stakeholder_roles_must_be_known():
    project = ProjectFactory()
    with pytest.raises(ValidationError):
        actions.add_stakeholder(by=None, name="X", phase_roles={"kickoff": "boss"}, project=project)
    with pytest.raises(ValidationError):
        actions.add_stakeholder(
            by=None, name="X", phase_roles={"nowhere": "leads"}, project=project
        )


def test_mission_network_is_changed_by_the_owners_leaders_only(client):
    project = ProjectFactory()
    mission = project.mission
    url = reverse("innovation:mission-stakeholders", args=[mission.pk])
    client.force_login(user_with_role(Role.LEADER))
    assert client.get(url).status_code == 200
    assert client.post(url, {"stakeholder-name": "Borgerpanel"}).status_code == 403
    client.force_login(user_with_role(Role.LEADER, mission.owner))
    assert client.post(url, {"stakeholder-name": "Borgerpanel"}).status_code == 302
    assert mission.stakeholders.count() == 1


def test_stakeholder_page_queries_do_not_grow(client):
    project = ProjectFactory()
    client.force_login(partner_user(project))
    url = reverse("innovation:project-stakeholders", args=[project.pk])
    client.get(url)
    actions.add_stakeholder(by=None, name="A", phase_roles={}, project=project)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(9):
        actions.add_stakeholder(by=None, name=f"B{n}", phase_roles={}, project=project)
    with CaptureQueriesContext(connection) as ten:
        client.get(url)
    assert len(one) == len(ten)
