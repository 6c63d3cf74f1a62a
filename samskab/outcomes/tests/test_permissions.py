"""Role × action matrix for measurements: need-to-know in the citizen's organisation."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from samskab.outcomes.permissions import (
    can_manage_measures,
    can_record_measurement,
    can_self_report,
    can_view_measurements,
    get_citizen_for_measurements,
)
from samskab.people.models import Role
from samskab.people.tests.factories import (
    CitizenFactory,
    OrganisationFactory,
    citizen_with_login,
    user_with_role,
)

pytestmark = pytest.mark.django_db

# role -> (may view and record measurements of a citizen in their own organisation)
MATRIX = {
    Role.ADMIN: False,
    Role.FACILITATOR: True,
    Role.LEADER: False,
    Role.PROFESSIONAL: True,
    Role.SUPERVISOR: True,
    Role.RESEARCHER: False,
    Role.CITIZEN: False,
}


@pytest.mark.parametrize(("role", "expected"), MATRIX.items())
def test_role_matrix_for_citizen_in_own_organisation(role, expected):
    organisation = OrganisationFactory()
    citizen = CitizenFactory(organisation=organisation)
    user = user_with_role(role, None if role == Role.ADMIN else organisation)
    assert can_view_measurements(user, citizen) is expected
    assert can_record_measurement(user, citizen) is expected
    assert can_manage_measures(user) is (role == Role.ADMIN)


def test_anonymous_sees_nothing():
    citizen = CitizenFactory()
    assert not can_view_measurements(AnonymousUser(), citizen)
    with pytest.raises(Http404):
        get_citizen_for_measurements(AnonymousUser(), citizen.pk)


def test_other_organisation_gets_the_same_404_as_a_missing_citizen():
    user = user_with_role(Role.PROFESSIONAL)
    stranger = CitizenFactory()
    for pk in (stranger.pk, stranger.pk + 1000):
        with pytest.raises(Http404):
            get_citizen_for_measurements(user, pk)


def test_citizen_sees_and_self_reports_own_but_not_another_citizens():
    me = citizen_with_login()
    other = CitizenFactory(organisation=me.organisation)
    assert can_view_measurements(me.user, me) and can_self_report(me.user, me)
    assert not can_record_measurement(me.user, me)
    assert not can_view_measurements(me.user, other) and not can_self_report(me.user, other)
    with pytest.raises(Http404):
        get_citizen_for_measurements(me.user, other.pk)
    with pytest.raises(Http404):
        get_citizen_for_measurements(me.user, me.pk, record=True)
