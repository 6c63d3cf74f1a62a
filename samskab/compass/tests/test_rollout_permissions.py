"""Role × action matrix for creating rollouts, adding stages and keeping memberships."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samskab.compass.permissions import (
    can_create_rollout,
    can_manage_memberships,
    can_manage_rollout,
)
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

from .factories import RolloutFactory

pytestmark = pytest.mark.django_db

# role -> (create rollout, add stage, keep memberships)
MATRIX = {
    Role.ADMIN: (True, True, False),
    Role.FACILITATOR: (False, False, True),
    Role.LEADER: (True, True, False),
    Role.PROFESSIONAL: (False, False, True),
    Role.SUPERVISOR: (False, False, True),
    Role.RESEARCHER: (False, False, False),
    Role.CITIZEN: (False, False, False),
}


@pytest.mark.parametrize(("role", "expected"), MATRIX.items())
def test_role_matrix_in_own_organisation(role, expected):
    rollout = RolloutFactory()
    user = user_with_role(role, None if role == Role.ADMIN else rollout.organisation)
    assert (
        bool(can_create_rollout(user)),
        bool(can_manage_rollout(user, rollout)),
        bool(can_manage_memberships(user, rollout)),
    ) == expected


@pytest.mark.parametrize("role", [Role.LEADER, Role.PROFESSIONAL, Role.FACILITATOR])
def test_other_organisation_may_do_nothing_with_the_rollout(role):
    rollout = RolloutFactory()
    user = user_with_role(role)
    assert not can_manage_rollout(user, rollout)
    assert not can_manage_memberships(user, rollout)


def test_anonymous_may_do_nothing():
    rollout = RolloutFactory()
    user = AnonymousUser()
    assert not can_create_rollout(user)
    assert not can_manage_rollout(user, rollout)
    assert not can_manage_memberships(user, rollout)
