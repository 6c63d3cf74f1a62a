"""Who sees what: parties their own partnership, facilitators their round, nobody else; the
partner's meeting needs only while the two are meeting."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from samskab.partnerships.models import PartnershipState as S
from samskab.partnerships.permissions import (
    can_manage_partnership,
    can_view_aggregates,
    can_view_expert_needs,
    can_view_leader_needs,
    get_partnership_for,
    get_round_for,
)
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

from .factories import facilitator_for, partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return partnership()


def _viewers(p):
    other = partnership()
    return {
        "anonymous": (AnonymousUser(), False, False),
        "expert": (p.expert.citizen.user, True, False),
        "leader": (p.leader.user, True, False),
        "facilitator": (facilitator_for(p.round), True, True),
        "other_org_facilitator": (user_with_role(Role.FACILITATOR), False, False),
        "wrong_role_same_org": (
            user_with_role(Role.PROFESSIONAL, p.round.organisation),
            False,
            False,
        ),
        "researcher": (user_with_role(Role.RESEARCHER, p.round.organisation), False, False),
        "other_citizen": (other.expert.citizen.user, False, False),
        "other_leader": (other.leader.user, False, False),
    }


def test_partnership_access_matrix(pair):
    for name, (user, may_view, may_manage) in _viewers(pair).items():
        if may_view:
            assert get_partnership_for(user, pair.pk) == pair, name
        else:
            with pytest.raises(Http404):
                get_partnership_for(user, pair.pk)
        assert can_manage_partnership(user, pair) is may_manage, name


def test_round_only_for_its_facilitators(pair):
    for name, (user, _view, may_manage) in _viewers(pair).items():
        if may_manage:
            assert get_round_for(user, pair.round.pk) == pair.round
        else:
            with pytest.raises(Http404):
                get_round_for(user, pair.round.pk), name


def test_missing_and_forbidden_give_the_same_404(pair):
    with pytest.raises(Http404):
        get_partnership_for(pair.leader.user, 999_999)


def test_only_researchers_and_facilitators_see_aggregates(pair):
    assert can_view_aggregates(user_with_role(Role.RESEARCHER))
    assert not can_view_aggregates(pair.leader.user)
    assert not can_view_aggregates(pair.expert.citizen.user)


# The parties' meeting needs: shared only while the two are meeting -------------------------

SHARED = {S.KICKOFF, S.MEETINGS, S.WRAPUP}


@pytest.mark.parametrize("state", list(S), ids=str)
def test_partner_sees_the_others_needs_only_in_kickoff_meetings_and_wrapup(state):
    p = partnership(state=state)
    expert, leader = p.expert.citizen.user, p.leader.user
    assert can_view_expert_needs(leader, p) == (state in SHARED)
    assert can_view_leader_needs(expert, p) == (state in SHARED)
    # Each party's own needs, and the facilitator's view of both, do not depend on the phase.
    assert can_view_expert_needs(expert, p) and can_view_leader_needs(leader, p)
    facilitator = facilitator_for(p.round)
    assert can_view_expert_needs(facilitator, p) and can_view_leader_needs(facilitator, p)


def test_nobody_else_sees_the_needs():
    p = partnership(state=S.MEETINGS)
    for user in (
        AnonymousUser(),
        user_with_role(Role.FACILITATOR),
        user_with_role(Role.RESEARCHER, p.round.organisation),
        partnership().expert.citizen.user,
    ):
        assert not can_view_expert_needs(user, p) and not can_view_leader_needs(user, p)
