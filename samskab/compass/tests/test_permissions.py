"""Role × action matrix for the Esbjerg model pages."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from samskab.compass.permissions import (
    can_answer_round,
    can_create_assessment,
    can_create_round,
    can_manage_round,
    can_view_assessment,
    can_view_rollout,
    can_view_round,
    get_assessment_for,
    get_rollout_for,
    get_round_for,
)
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

from .factories import CompassRoundFactory, ReadinessAssessmentFactory, RolloutFactory

pytestmark = pytest.mark.django_db

# role -> (view round/rollout/assessment, answer round, manage round, create round/assessment)
MATRIX = {
    Role.ADMIN: (True, False, True, True),
    Role.FACILITATOR: (True, True, False, False),
    Role.LEADER: (True, True, True, True),
    Role.PROFESSIONAL: (True, True, False, False),
    Role.SUPERVISOR: (True, True, False, False),
    Role.RESEARCHER: (True, True, False, False),
    Role.CITIZEN: (False, False, False, False),
}


@pytest.mark.parametrize(("role", "expected"), MATRIX.items())
def test_role_matrix_in_own_organisation(role, expected):
    round_ = CompassRoundFactory()
    organisation = round_.organisation
    assessment = ReadinessAssessmentFactory(receiving_organisation=organisation)
    rollout = RolloutFactory(organisation=organisation)
    user = user_with_role(role, None if role == Role.ADMIN else organisation)
    views, answers, manages, creates = expected
    assert can_view_round(user, round_) is views
    assert can_view_assessment(user, assessment) is views
    assert can_view_rollout(user, rollout) is views
    assert can_answer_round(user, round_) is answers
    assert can_manage_round(user, round_) is manages
    assert can_create_round(user) is creates
    assert can_create_assessment(user) is creates


@pytest.mark.parametrize("role", [Role.LEADER, Role.PROFESSIONAL, Role.RESEARCHER])
def test_other_organisation_gets_the_same_404_as_missing(role):
    user = user_with_role(role)
    round_ = CompassRoundFactory()
    assessment = ReadinessAssessmentFactory()
    rollout = RolloutFactory()
    for getter, obj in [
        (get_round_for, round_),
        (get_assessment_for, assessment),
        (get_rollout_for, rollout),
    ]:
        for pk in (obj.pk, obj.pk + 1000):
            with pytest.raises(Http404):
                getter(user, pk)
    assert not can_answer_round(user, round_)


def test_anonymous_sees_nothing():
    round_ = CompassRoundFactory()
    assert not can_view_round(AnonymousUser(), round_)
    assert not can_create_round(AnonymousUser())
    with pytest.raises(Http404):
        get_round_for(AnonymousUser(), round_.pk)


def test_closed_round_cannot_be_answered():
    round_ = CompassRoundFactory(is_open=False)
    assert not can_answer_round(user_with_role(Role.LEADER, round_.organisation), round_)


def test_both_organisations_see_a_readiness_assessment():
    assessment = ReadinessAssessmentFactory()
    assert can_view_assessment(
        user_with_role(Role.PROFESSIONAL, assessment.source_organisation), assessment
    )
    assert can_view_assessment(
        user_with_role(Role.PROFESSIONAL, assessment.receiving_organisation), assessment
    )
