"""Creating rollouts, adding stages and keeping citizens' unit memberships."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samskab.compass import actions
from samskab.compass.models import FollowUpPeriod, Rollout, RolloutStage, UnitMembership
from samskab.core.models import AccessAction, AccessLogEntry
from samskab.core.tests.dates import pinned
from samskab.people.models import Role
from samskab.people.tests.factories import (
    CitizenFactory,
    ConsentFactory,
    OrganisationFactory,
    UnitFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    """The rollouts here run on fixed calendar dates, seen from December 2026."""
    with pinned(date(2026, 12, 4)):
        yield


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def units(org):
    return [UnitFactory(organisation=org, name=f"Distrikt {n}") for n in "ABCD"]


def rollout_kwargs(org, units, **overrides):
    return {
        "organisation": org,
        "name": "Hjemmeplejen",
        "model_name": "Esbjerg-modellen",
        "pilot_units": units[:1],
        "comparison_units": units[1:3],
        "baseline_start": date(2026, 1, 1),
        "baseline_end": date(2026, 6, 30),
        "pilot_starts_on": date(2026, 7, 1),
        "follow_up_periods": [("Efter 6 måneder", date(2027, 1, 1), date(2027, 6, 30))],
        **overrides,
    }


def test_leader_creates_rollout_with_pilot_stage_and_periods(org, units):
    leader = user_with_role(Role.LEADER, org)
    rollout = actions.create_rollout(by=leader, **rollout_kwargs(org, units))
    stage = rollout.stages.get()
    assert (stage.number, stage.starts_on) == (1, date(2026, 7, 1))
    assert list(stage.units.all()) == units[:1]
    assert set(rollout.comparison_units.all()) == set(units[1:3])
    assert FollowUpPeriod.objects.get(rollout=rollout).name == "Efter 6 måneder"


def test_unit_cannot_be_both_pilot_and_comparison(org, units):
    leader = user_with_role(Role.LEADER, org)
    with pytest.raises(ValidationError) as error:
        actions.create_rollout(by=leader, **rollout_kwargs(org, units, comparison_units=units[:2]))
    assert "både være pilot- og sammenligningsenhed: Distrikt A" in str(error.value)
    assert not Rollout.objects.exists() and not RolloutStage.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"pilot_units": []}, "mindst én pilotenhed"),
        ({"comparison_units": []}, "mindst én sammenligningsenhed"),
        ({"pilot_starts_on": date(2026, 6, 1)}, "Piloten skal starte efter før-perioden"),
        ({"follow_up_periods": []}, "mindst én opfølgningsperiode"),
        (
            {"follow_up_periods": [("Tidlig", date(2026, 3, 1), date(2026, 4, 1))]},
            "skal begynde, når piloten er startet",
        ),
        ({"baseline_end": date(2025, 12, 1)}, "Før-perioden skal slutte efter starten"),
    ],
)
def test_bad_rollout_input_stores_nothing(org, units, overrides, message):
    leader = user_with_role(Role.LEADER, org)
    with pytest.raises(ValidationError) as error:
        actions.create_rollout(by=leader, **rollout_kwargs(org, units, **overrides))
    assert message in str(error.value)
    assert not Rollout.objects.exists()


def test_units_of_another_organisation_are_refused(org, units):
    leader = user_with_role(Role.LEADER, org)
    foreign = UnitFactory(name="Fremmed")
    with pytest.raises(ValidationError, match="Fremmed hører ikke til"):
        actions.create_rollout(by=leader, **rollout_kwargs(org, units, comparison_units=[foreign]))


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.RESEARCHER, Role.CITIZEN])
def test_only_leaders_create_rollouts(org, units, role):
    with pytest.raises(PermissionDenied):
        actions.create_rollout(by=user_with_role(role, org), **rollout_kwargs(org, units))


def test_leader_of_another_organisation_cannot_create(org, units):
    with pytest.raises(PermissionDenied):
        actions.create_rollout(by=user_with_role(Role.LEADER), **rollout_kwargs(org, units))


@pytest.fixture
def rollout(org, units):
    return actions.create_rollout(by=user_with_role(Role.LEADER, org), **rollout_kwargs(org, units))


def test_later_stage_widens_the_rollout(rollout, units):
    leader = user_with_role(Role.LEADER, rollout.organisation)
    stage = actions.add_stage(
        by=leader, rollout=rollout, name="Resten", starts_on=date(2027, 1, 1), units=units[1:]
    )
    assert stage.number == 2
    assert set(stage.units.all()) == set(units[1:])


@pytest.mark.parametrize(
    ("starts_on", "unit_index", "message"),
    [
        (date(2026, 7, 1), 1, "Trinnet skal starte efter det forrige trin"),
        (date(2027, 1, 1), 0, "Distrikt A er allerede med i udrulningen"),
    ],
)
def test_bad_stage_stores_nothing(rollout, units, starts_on, unit_index, message):
    leader = user_with_role(Role.LEADER, rollout.organisation)
    with pytest.raises(ValidationError) as error:
        actions.add_stage(
            by=leader, rollout=rollout, name="x", starts_on=starts_on, units=[units[unit_index]]
        )
    assert message in str(error.value)
    assert rollout.stages.count() == 1


def test_stage_needs_a_leader_of_the_organisation(rollout, units):
    for user in [
        user_with_role(Role.PROFESSIONAL, rollout.organisation),
        user_with_role(Role.LEADER),
    ]:
        with pytest.raises(PermissionDenied):
            actions.add_stage(
                by=user, rollout=rollout, name="x", starts_on=date(2027, 1, 1), units=units[1:]
            )


def test_membership_is_added_ended_and_access_logged(rollout, units):
    worker = user_with_role(Role.PROFESSIONAL, rollout.organisation)
    citizen = CitizenFactory(organisation=rollout.organisation)
    ConsentFactory(citizen=citizen)  # registration: memberships are registered data
    membership = actions.add_membership(
        by=worker, rollout=rollout, citizen=citizen, unit=units[0], started_on=date(2026, 1, 1)
    )
    entry = AccessLogEntry.objects.latest("sequence")
    assert (entry.action, entry.citizen_id) == (AccessAction.CREATE, citizen.pk)
    with pytest.raises(ValidationError, match="allerede tilknyttet"):
        actions.add_membership(
            by=worker, rollout=rollout, citizen=citizen, unit=units[0], started_on=date(2026, 2, 1)
        )
    with pytest.raises(ValidationError, match="tidligst slutte samme dag"):
        actions.end_membership(
            by=worker, rollout=rollout, membership=membership, ended_on=date(2025, 1, 1)
        )
    actions.end_membership(
        by=worker, rollout=rollout, membership=membership, ended_on=date(2026, 12, 31)
    )
    membership.refresh_from_db()
    assert membership.ended_on == date(2026, 12, 31)
    assert AccessLogEntry.objects.latest("sequence").action == AccessAction.UPDATE
    with pytest.raises(ValidationError, match="allerede afsluttet"):
        actions.end_membership(
            by=worker, rollout=rollout, membership=membership, ended_on=date(2027, 1, 1)
        )
    assert actions.rollout_memberships(by=worker, rollout=rollout) == [membership]
    assert AccessLogEntry.objects.latest("sequence").action == AccessAction.READ


def test_membership_unit_must_be_in_the_rollout(rollout, units):
    worker = user_with_role(Role.PROFESSIONAL, rollout.organisation)
    citizen = CitizenFactory(organisation=rollout.organisation)
    ConsentFactory(citizen=citizen)
    with pytest.raises(ValidationError, match="enhed, der er med i udrulningen"):
        actions.add_membership(
            by=worker, rollout=rollout, citizen=citizen, unit=units[3], started_on=date(2026, 1, 1)
        )
    assert not UnitMembership.objects.exists()


def test_membership_needs_need_to_know(rollout, units):
    citizen = CitizenFactory(organisation=rollout.organisation)
    other_citizen = CitizenFactory()
    worker = user_with_role(Role.PROFESSIONAL, rollout.organisation)
    for user, who in [
        (user_with_role(Role.LEADER, rollout.organisation), citizen),
        (user_with_role(Role.RESEARCHER, rollout.organisation), citizen),
        (user_with_role(Role.PROFESSIONAL), citizen),
        (worker, other_citizen),
    ]:
        with pytest.raises(PermissionDenied):
            actions.add_membership(
                by=user, rollout=rollout, citizen=who, unit=units[0], started_on=date(2026, 1, 1)
            )
    assert not UnitMembership.objects.exists()
    assert not AccessLogEntry.objects.exists()
