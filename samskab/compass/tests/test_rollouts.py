"""From a rollout to observations: pilot vs comparison by membership, periods, contamination."""

from datetime import date
from decimal import Decimal

import pytest

from samskab.compass import rollouts
from samskab.compass.models import FollowUpPeriod, RolloutStage, UnitMembership
from samskab.core.tests.dates import pinned
from samskab.outcomes.models import Measurement
from samskab.outcomes.tests.factories import builtin
from samskab.people.tests.factories import CitizenFactory, ConsentFactory, UnitFactory

from .factories import RolloutFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    """The rollouts here run on fixed calendar dates, seen from December 2026."""
    with pinned(date(2026, 12, 4)):
        yield


@pytest.fixture
def setup():
    rollout = RolloutFactory()
    org = rollout.organisation
    pilot, comparison, late = (UnitFactory(organisation=org) for _ in range(3))
    RolloutStage.objects.create(
        rollout=rollout, number=1, name="Pilot", starts_on=date(2025, 7, 1)
    ).units.set([pilot])
    RolloutStage.objects.create(
        rollout=rollout, number=2, name="Udvidelse", starts_on=date(2025, 11, 1)
    ).units.set([late])
    rollout.comparison_units.set([comparison, late])
    FollowUpPeriod.objects.create(
        rollout=rollout, name="Opfølgning", starts_on=date(2025, 9, 1), ends_on=date(2025, 12, 31)
    )
    rollout.measures.set([builtin("support_hours")])
    return rollout, pilot, comparison, late


def _citizen_in(unit, **kwargs):
    citizen = CitizenFactory(organisation=unit.organisation)
    ConsentFactory(citizen=citizen)
    UnitMembership.objects.create(
        citizen=citizen,
        unit=unit,
        started_on=kwargs.get("start", date(2024, 1, 1)),
        ended_on=kwargs.get("end"),
    )
    return citizen


def _measure(citizen, day, value=5):
    Measurement.objects.create(
        citizen=citizen, measure=builtin("support_hours"), value=Decimal(value), measured_on=day
    )


def test_observations_by_group_and_period(setup):
    rollout, pilot, comparison, late = setup
    a, b, c = _citizen_in(pilot), _citizen_in(comparison), _citizen_in(late)
    left = _citizen_in(comparison, end=date(2025, 8, 31))
    for citizen in (a, b, c, left):
        _measure(citizen, date(2025, 3, 1))  # baseline
        _measure(citizen, date(2025, 8, 1))  # between periods: ignored
        _measure(citizen, date(2025, 10, 1))  # follow-up
        _measure(citizen, date(2025, 12, 1))  # follow-up, after `late` joined stage 2
    observations = rollouts.observations_by_measure(rollout)[builtin("support_hours").pk]
    got = sorted((o.citizen_id, o.is_treated, o.period) for o in observations)
    assert got == sorted(
        [
            (a.pk, True, 0),
            (a.pk, True, 1),
            (a.pk, True, 1),
            (b.pk, False, 0),
            (b.pk, False, 1),
            (b.pk, False, 1),
            (c.pk, False, 0),
            (c.pk, False, 1),  # not after its unit joined the rollout
            (left.pk, False, 0),  # not after the membership ended
        ]
    )


def test_evaluate_groups_results_by_domain_and_says_why_when_too_small(setup):
    rollout = setup[0]
    evaluation = rollouts.evaluate(rollout, by=None, minimum=10)
    assert [domain.value for domain, _items in evaluation] == [
        "economic",
        "health",
        "quality_of_life",
    ]
    item = dict(evaluation)["economic"][0]
    assert not item.result.has_estimate and "ingen målinger" in item.summary


def _count_queries(rollout):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        rollouts.evaluate(rollout, by=None, minimum=1)
    return len(ctx)


def _add(units, count):
    for unit in units * count:
        citizen = _citizen_in(unit)
        _measure(citizen, date(2025, 3, 1))
        _measure(citizen, date(2025, 10, 1))


def test_query_count_does_not_grow_with_citizens(setup):
    rollout, pilot, comparison, _late = setup
    _add((pilot, comparison), 1)
    _count_queries(rollout)  # the first access-log entry ever creates the log's head row
    one = _count_queries(rollout)
    _add((pilot, comparison), 9)
    assert _count_queries(rollout) == one


def test_withdrawn_consent_removes_the_citizen_from_the_evaluation(setup):
    rollout, pilot, comparison, _late = setup
    stays, leaves = _citizen_in(pilot), _citizen_in(comparison)
    for citizen in (stays, leaves):
        _measure(citizen, date(2025, 3, 1))
    consent = leaves.consents.get()
    consent.withdrawn_at = consent.given_at
    consent.save()
    observations = rollouts.observations_by_measure(rollout)[builtin("support_hours").pk]
    assert {o.citizen_id for o in observations} == {stays.pk}


def test_evaluation_logs_each_included_citizen(setup):
    from samskab.core.models import AccessLogEntry
    from samskab.people.models import Role
    from samskab.people.tests.factories import user_with_role

    rollout, pilot, comparison, _late = setup
    included = [_citizen_in(pilot), _citizen_in(comparison)]
    for citizen in included:
        _measure(citizen, date(2025, 3, 1))
    _citizen_in(pilot)  # no measurements: not read, not logged
    leader = user_with_role(Role.LEADER, rollout.organisation)
    rollouts.evaluate(rollout, by=leader, minimum=10)
    entries = AccessLogEntry.objects.all()
    assert {e.citizen_id for e in entries} == {c.pk for c in included}
    assert {(e.actor_id, e.action) for e in entries} == {(leader.pk, "read")}
