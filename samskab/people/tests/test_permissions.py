"""Role × action matrix for people data, including the negative cases."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from samskab.people.models import Role
from samskab.people.permissions import (
    can_change_citizen,
    can_manage_consent,
    can_view_citizen,
    get_citizen_for,
    may_register_citizens,
)

from .factories import CitizenFactory, OrganisationFactory, citizen_with_login, user_with_role

pytestmark = pytest.mark.django_db

# role -> (may view/change a citizen of their own organisation, may register citizens)
MATRIX = {
    Role.ADMIN: (False, False),
    Role.FACILITATOR: (True, True),
    Role.LEADER: (False, False),
    Role.PROFESSIONAL: (True, True),
    Role.SUPERVISOR: (True, True),
    Role.RESEARCHER: (False, False),
    Role.CITIZEN: (False, False),
}


@pytest.mark.parametrize(("role", "expected"), MATRIX.items())
def test_role_matrix_for_citizen_in_own_organisation(role, expected):
    organisation = OrganisationFactory()
    citizen = CitizenFactory(organisation=organisation)
    user = user_with_role(role, None if role == Role.ADMIN else organisation)
    sees, registers = expected
    assert can_view_citizen(user, citizen) is sees
    assert can_change_citizen(user, citizen) is sees
    assert can_manage_consent(user, citizen) is sees
    assert may_register_citizens(user) is registers


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.PROFESSIONAL, Role.SUPERVISOR])
def test_staff_cannot_see_citizen_of_other_organisation(role):
    user = user_with_role(role)
    stranger = CitizenFactory()  # in another organisation
    assert not can_view_citizen(user, stranger)
    with pytest.raises(Http404):
        get_citizen_for(user, stranger.pk)


def test_citizen_sees_own_record_but_not_another_citizens():
    me = citizen_with_login()
    other = CitizenFactory(organisation=me.organisation)
    assert can_view_citizen(me.user, me)
    assert can_manage_consent(me.user, me)
    assert not can_change_citizen(me.user, me)
    assert not can_view_citizen(me.user, other)
    with pytest.raises(Http404):
        get_citizen_for(me.user, other.pk)


def test_missing_and_forbidden_citizen_give_the_same_404():
    user = user_with_role(Role.PROFESSIONAL)
    stranger = CitizenFactory()
    for pk in (stranger.pk, 999_999):
        with pytest.raises(Http404):
            get_citizen_for(user, pk)


def test_anonymous_user_has_no_access():
    citizen = CitizenFactory()
    anonymous = AnonymousUser()
    assert not can_view_citizen(anonymous, citizen)
    assert not may_register_citizens(anonymous)


def test_visible_to_scopes_queryset_like_the_predicate():
    organisation = OrganisationFactory()
    mine = CitizenFactory(organisation=organisation)
    CitizenFactory()
    user = user_with_role(Role.SUPERVISOR, organisation)
    from samskab.people.models import Citizen

    assert list(Citizen.objects.visible_to(user)) == [mine]
    assert not Citizen.objects.visible_to(AnonymousUser()).exists()
