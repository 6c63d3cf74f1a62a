"""Actions: gate decisions move projects only as the state machine says; all or nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samskab.innovation import actions
from samskab.innovation.gates import IllegalMoveError
from samskab.innovation.models import (
    Challenge,
    GateDecision,
    MembershipStatus,
    PartnerRole,
    Phase,
    PhaseEntry,
    Project,
    ProjectPartner,
    ProjectStatus,
)
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, user_with_role

from .factories import MissionFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def decide(project, outcome, to_phase=None, by=None, **kwargs):
    return actions.record_gate_decision(
        by=by,
        project=project,
        outcome=outcome,
        to_phase=to_phase,
        decided_on=kwargs.pop("decided_on", timezone.localdate()),
        decision_makers="Styregruppen",
        **kwargs,
    )


def test_create_project_starts_in_kickoff_with_owner_and_history():
    organisation = OrganisationFactory()
    user = user_with_role(Role.LEADER, organisation)
    project = actions.create_project(
        by=user, organisation=organisation, data={"title": "Ny idé", "mission": MissionFactory()}
    )
    assert project.phase == Phase.KICKOFF and project.status == ProjectStatus.ACTIVE
    assert project.partners.get().role == PartnerRole.OWNER
    assert list(project.phase_entries.values_list("phase", flat=True)) == [Phase.KICKOFF]


def test_two_gates_move_the_project_and_keep_history():
    project = ProjectFactory()
    actions.request_gate_decision(by=None, project=project)
    first = decide(project, "go", criteria_met=["involvement", "learning"], notes="  Godt  ")
    project.refresh_from_db()
    assert project.phase == Phase.IDEATION and project.gate_requested_on is None
    assert first.from_phase == Phase.KICKOFF and first.to_phase == Phase.IDEATION
    assert first.criteria_met == ["involvement", "learning"] and first.notes == "Godt"
    decide(project, "go")
    project.refresh_from_db()
    assert project.phase == Phase.PROTOTYPING
    assert list(project.phase_entries.values_list("phase", flat=True)) == [
        Phase.KICKOFF,
        Phase.IDEATION,
        Phase.PROTOTYPING,
    ]


def test_illegal_move_changes_nothing():
    project = ProjectFactory()
    decide(project, "stop")
    project.refresh_from_db()
    before = (GateDecision.objects.count(), PhaseEntry.objects.count())
    with pytest.raises(IllegalMoveError):
        decide(project, "go")
    project.refresh_from_db()
    assert project.phase == Phase.KICKOFF and project.status == ProjectStatus.STOPPED
    assert (GateDecision.objects.count(), PhaseEntry.objects.count()) == before


def test_back_to_earlier_phase_and_hold():
    project = ProjectFactory()
    decide(project, "go")
    decide(project, "go")
    decide(project, "back", Phase.KICKOFF)
    project.refresh_from_db()
    assert project.phase == Phase.KICKOFF
    decide(project, "hold")
    project.refresh_from_db()
    assert project.status == ProjectStatus.ON_HOLD
    assert project.phase_entries.count() == 4


def test_unknown_criterion_is_refused_and_nothing_stored():
    project = ProjectFactory()
    with pytest.raises(ValidationError):
        decide(project, "go", criteria_met=["made_up"])
    project.refresh_from_db()
    assert project.phase == Phase.KICKOFF and not GateDecision.objects.exists()


def test_gate_request_twice_is_refused():
    project = ProjectFactory()
    actions.request_gate_decision(by=None, project=project)
    with pytest.raises(ValidationError, match="venter allerede"):
        actions.request_gate_decision(by=None, project=project)


def test_mission_membership_request_accept_and_decline():
    mission = MissionFactory()
    organisation = OrganisationFactory()
    membership = actions.request_mission_membership(
        by=None, mission=mission, organisation=organisation, motivation="Viden om gravide"
    )
    assert membership.status == MembershipStatus.REQUESTED
    with pytest.raises(ValidationError):
        actions.request_mission_membership(by=None, mission=mission, organisation=organisation)
    actions.decide_mission_membership(by=None, membership=membership, accept=False)
    assert membership.status == MembershipStatus.DECLINED
    with pytest.raises(ValidationError, match="allerede besvaret"):
        actions.decide_mission_membership(by=None, membership=membership, accept=True)
    # A declined organisation may ask again.
    again = actions.request_mission_membership(by=None, mission=mission, organisation=organisation)
    assert again.pk == membership.pk and again.status == MembershipStatus.REQUESTED
    actions.decide_mission_membership(by=None, membership=again, accept=True)
    assert again.status == MembershipStatus.ACCEPTED


def test_add_partner_twice_is_refused():
    project = ProjectFactory()
    organisation = OrganisationFactory()
    actions.add_partner(by=None, project=project, organisation=organisation, role="partner")
    with pytest.raises(ValidationError, match="allerede partner"):
        actions.add_partner(by=None, project=project, organisation=organisation, role="partner")


def test_business_case_line_and_rate():
    project = ProjectFactory()
    line = actions.add_business_case_line(
        by=None,
        project=project,
        data={
            "kind": "gain",
            "payer": "region",
            "year": 1,
            "description": "Færre indlæggelser",
            "quantity": Decimal("10"),
            "unit_price": Decimal("45000"),
        },
    )
    assert line.amount == Decimal("450000")
    assert project.business_case.discount_rate == Decimal("3.50")
    actions.save_business_case(by=None, project=project, discount_rate=Decimal("2.5"))
    project.business_case.refresh_from_db()
    assert project.business_case.discount_rate == Decimal("2.5")
    with pytest.raises(ValidationError):
        actions.save_business_case(by=None, project=project, discount_rate=Decimal("-1"))


def test_freed_resource_needs_hours_or_amount():
    project = ProjectFactory()
    with pytest.raises(ValidationError, match="timer eller beløbet"):
        actions.record_freed_resource(
            by=None,
            project=project,
            data={"description": "Tid", "hours": None, "amount": None, "reinvested_in": "X"},
        )


def test_adoption_is_updated_not_duplicated():
    project = ProjectFactory()
    organisation = OrganisationFactory()
    day = timezone.localdate()
    actions.record_adoption(
        by=None, project=project, organisation=organisation, status="testing", since_on=day
    )
    actions.record_adoption(
        by=None, project=project, organisation=organisation, status="operation", since_on=day
    )
    assert project.adoptions.get().status == "operation"


def test_principle_checks_are_saved_once_per_principle():
    project = ProjectFactory()
    actions.save_principle_checks(by=None, project=project, levels={"value": 1}, notes={})
    actions.save_principle_checks(
        by=None, project=project, levels={"value": 2}, notes={"value": " ok "}
    )
    check = project.principle_checks.get()
    assert (check.level, check.note) == (2, "ok")
    assert Project.objects.count() == 1


def test_create_challenge_validates_unique_name():
    leader = user_with_role(Role.LEADER)
    challenge = actions.create_challenge(
        by=leader, data={"name": "Ensomhed blandt ældre", "description": "På tværs"}
    )
    assert challenge.pk and str(challenge) == "Ensomhed blandt ældre"
    with pytest.raises(ValidationError):
        actions.create_challenge(by=leader, data={"name": "Ensomhed blandt ældre"})
    assert Challenge.objects.count() == 1


def test_partner_role_change_and_removal():
    project = ProjectFactory()
    by = user_with_role(Role.LEADER)
    partner = actions.add_partner(
        by=by, project=project, organisation=OrganisationFactory(), role=PartnerRole.PARTNER
    )
    actions.change_partner_role(by=by, partner=partner, role=PartnerRole.FUNDER)
    partner.refresh_from_db()
    assert partner.role == PartnerRole.FUNDER
    actions.remove_partner(by=by, partner=partner)
    assert not ProjectPartner.objects.filter(pk=partner.pk).exists()


def test_last_owner_can_neither_be_removed_nor_demoted():
    project = ProjectFactory()
    owner = project.partners.get()
    with pytest.raises(ValidationError, match="eneste projektejer"):
        actions.remove_partner(by=None, partner=owner)
    with pytest.raises(ValidationError, match="eneste projektejer"):
        actions.change_partner_role(by=None, partner=owner, role=PartnerRole.PARTNER)
    owner.refresh_from_db()
    assert owner.role == PartnerRole.OWNER and project.partners.count() == 1


def test_an_owner_may_go_when_another_owner_remains():
    project = ProjectFactory()
    first = project.partners.get()
    second = actions.add_partner(
        by=None, project=project, organisation=OrganisationFactory(), role=PartnerRole.PARTNER
    )
    actions.change_partner_role(by=None, partner=second, role=PartnerRole.OWNER)
    actions.remove_partner(by=None, partner=first)
    assert list(project.partners.values_list("role", flat=True)) == [PartnerRole.OWNER]


def test_unknown_partner_role_is_refused():
    project = ProjectFactory()
    partner = actions.add_partner(
        by=None, project=project, organisation=OrganisationFactory(), role=PartnerRole.PARTNER
    )
    with pytest.raises(ValidationError):
        actions.change_partner_role(by=None, partner=partner, role="boss")
    partner.refresh_from_db()
    assert partner.role == PartnerRole.PARTNER
