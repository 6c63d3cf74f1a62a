"""Compass answers (one per person, 1–5 only), rounds and readiness assessments."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samskab.compass import actions
from samskab.compass.models import SUPPORTS, CompassAnswer, CompassResponse, ReadinessAssessment
from samskab.core.tests.dates import days_ago, days_ahead
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, user_with_role

from .factories import CompassRoundFactory

pytestmark = pytest.mark.django_db
SCORES = {s.value: 3 for s in SUPPORTS}


def test_leader_answers_as_leader_and_employee_as_employee():
    round_ = CompassRoundFactory()
    leader = user_with_role(Role.LEADER, round_.organisation)
    employee = user_with_role(Role.PROFESSIONAL, round_.organisation)
    comments = {"backing": "  Direktionen er med  "}
    response = actions.submit_compass_response(
        by=leader, round_=round_, scores=SCORES, comments=comments
    )
    assert response.role == "leader"
    assert CompassAnswer.objects.get(response=response, support="backing").comment == (
        "Direktionen er med"
    )
    assert (
        actions.submit_compass_response(by=employee, round_=round_, scores=SCORES, comments={}).role
        == "employee"
    )
    assert CompassAnswer.objects.count() == 12


def test_one_response_per_person_and_round():
    round_ = CompassRoundFactory()
    leader = user_with_role(Role.LEADER, round_.organisation)
    actions.submit_compass_response(by=leader, round_=round_, scores=SCORES, comments={})
    with pytest.raises(ValidationError, match="allerede svaret"):
        actions.submit_compass_response(by=leader, round_=round_, scores=SCORES, comments={})
    assert CompassResponse.objects.count() == 1


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_scores_outside_1_to_5_are_refused_and_nothing_is_stored(bad):
    round_ = CompassRoundFactory()
    with pytest.raises(ValidationError, match="score fra 1"):
        actions.submit_compass_response(
            by=user_with_role(Role.LEADER, round_.organisation),
            round_=round_,
            scores={**SCORES, "flexibility": bad},
            comments={},
        )
    assert not CompassResponse.objects.exists() and not CompassAnswer.objects.exists()


def test_missing_support_is_refused():
    round_ = CompassRoundFactory()
    scores = dict(SCORES)
    del scores["competence"]
    with pytest.raises(ValidationError, match="alle seks"):
        actions.submit_compass_response(
            by=user_with_role(Role.LEADER, round_.organisation),
            round_=round_,
            scores=scores,
            comments={},
        )


def test_closed_round_refuses_answers():
    round_ = CompassRoundFactory(is_open=False)
    with pytest.raises(ValidationError, match="lukket"):
        actions.submit_compass_response(
            by=user_with_role(Role.LEADER, round_.organisation),
            round_=round_,
            scores=SCORES,
            comments={},
        )


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.ADMIN])
def test_citizens_and_outsiders_cannot_answer(role):
    round_ = CompassRoundFactory()
    user = user_with_role(role, None if role == Role.ADMIN else round_.organisation)
    with pytest.raises(PermissionDenied):
        actions.submit_compass_response(by=user, round_=round_, scores=SCORES, comments={})
    with pytest.raises(PermissionDenied):
        actions.submit_compass_response(
            by=user_with_role(Role.LEADER), round_=round_, scores=SCORES, comments={}
        )


def test_leaders_open_and_close_rounds_in_their_own_organisation():
    leader = user_with_role(Role.LEADER)
    organisation = leader.staff_member.organisation
    round_ = actions.open_round(
        by=leader,
        organisation=organisation,
        unit=None,
        title="Runde 1",
        period_start=days_ago(14),
        period_end=days_ahead(14),
    )
    assert round_.is_open
    with pytest.raises(PermissionDenied):
        actions.open_round(
            by=leader,
            organisation=OrganisationFactory(),
            unit=None,
            title="X",
            period_start=days_ago(14),
            period_end=days_ahead(14),
        )
    with pytest.raises(PermissionDenied):
        actions.close_round(by=user_with_role(Role.PROFESSIONAL, organisation), round_=round_)
    assert not actions.close_round(by=leader, round_=round_).is_open
    with pytest.raises(ValidationError, match="allerede lukket"):
        actions.close_round(by=leader, round_=round_)


def test_round_period_must_be_in_order():
    leader = user_with_role(Role.LEADER)
    with pytest.raises(ValidationError, match="slutte efter"):
        actions.open_round(
            by=leader,
            organisation=leader.staff_member.organisation,
            unit=None,
            title="X",
            period_start=days_ahead(14),
            period_end=days_ago(14),
        )


def _readiness_data(source, receiving):
    return {
        "model_name": "Esbjerg-modellen",
        "source_organisation": source,
        "receiving_organisation": receiving,
        "assessed_on": timezone.localdate(),
        "advantage": "yes",
        "values": "partly",
        "backing": "no",
        "conditions": "partly",
    }


def test_leader_records_readiness_for_own_organisation_only():
    leader = user_with_role(Role.LEADER)
    mine = leader.staff_member.organisation
    assessment = actions.record_readiness(
        by=leader, data=_readiness_data(mine, OrganisationFactory())
    )
    assert assessment.created_by == leader
    with pytest.raises(ValidationError, match="selv arbejder i"):
        actions.record_readiness(
            by=leader, data=_readiness_data(OrganisationFactory(), OrganisationFactory())
        )
    with pytest.raises(ValidationError, match="anden organisation end afsenderen"):
        actions.record_readiness(by=leader, data=_readiness_data(mine, mine))
    with pytest.raises(PermissionDenied):
        actions.record_readiness(
            by=user_with_role(Role.PROFESSIONAL, mine),
            data=_readiness_data(mine, OrganisationFactory()),
        )
    assert ReadinessAssessment.objects.count() == 1
