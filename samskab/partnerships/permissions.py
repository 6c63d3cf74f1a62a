"""Who may do what in equal partnerships: `rules` predicates and 404-giving access functions.

An expert and a leader see only their own partnership; the facilitator sees the rounds of
their organisation; a researcher sees only pseudonymised aggregates. Same 404 for "does not
exist" and "not yours", so IDs leak nothing.
"""

import rules
from django.http import Http404

from samskab.people.models import Role
from samskab.people.permissions import organisation_ids_with_role, role_names

from .models import Gathering, Partnership, PartnershipState, Party, Round

#: The phases in which the two meet: only then does a partner see the other's meeting needs
#: (often health-related). Not while proposed or paused, nor after completion, ending or a
#: declined proposal; the facilitator always sees them, each party always their own.
NEEDS_SHARED_STATES = (
    PartnershipState.KICKOFF,
    PartnershipState.MEETINGS,
    PartnershipState.WRAPUP,
)


def facilitator_organisation_ids(user) -> set[int]:
    return organisation_ids_with_role(user, {Role.FACILITATOR})


@rules.predicate
def is_facilitator(user):
    return bool(facilitator_organisation_ids(user))


@rules.predicate
def is_leader(user):
    return Role.LEADER in role_names(user) and hasattr(user, "staff_member")


@rules.predicate
def is_researcher(user):
    return Role.RESEARCHER in role_names(user)


@rules.predicate
def facilitates_round(user, round_):
    return round_ is not None and round_.organisation_id in facilitator_organisation_ids(user)


@rules.predicate
def facilitates_partnership(user, partnership):
    return partnership is not None and facilitates_round(user, partnership.round)


@rules.predicate
def is_party(user, partnership):
    return partnership is not None and partnership.party_of(user) is not None


@rules.predicate
def facilitates_gathering(user, gathering):
    return gathering is not None and gathering.organisation_id in facilitator_organisation_ids(user)


def can_view_needs_of(user, partnership, party) -> bool:
    """May `user` see the accessibility/meeting needs of `party` ("expert" or "leader")?"""
    if partnership is None:
        return False
    if facilitates_partnership(user, partnership):
        return True
    own = partnership.party_of(user)
    if own is None:
        return False
    return own == party or partnership.state in NEEDS_SHARED_STATES


def can_view_expert_needs(user, partnership) -> bool:
    return can_view_needs_of(user, partnership, Party.EXPERT)


def can_view_leader_needs(user, partnership) -> bool:
    return can_view_needs_of(user, partnership, Party.LEADER)


can_view_partnership = is_party | facilitates_partnership
can_manage_partnership = facilitates_partnership
can_register_meeting = is_party | facilitates_partnership
can_view_aggregates = is_researcher | is_facilitator

rules.add_perm("partnerships.view_round", facilitates_round)
rules.add_perm("partnerships.view_partnership", can_view_partnership)
rules.add_perm("partnerships.manage_partnership", can_manage_partnership)
rules.add_perm("partnerships.add_meeting", can_register_meeting)
rules.add_perm("partnerships.view_aggregates", can_view_aggregates)


def get_round_for(user, pk) -> Round:
    round_ = Round.objects.select_related("organisation").filter(pk=pk).first()
    if round_ is None or not facilitates_round(user, round_):
        raise Http404
    return round_


def get_partnership_for(user, pk) -> Partnership:
    partnership = (
        Partnership.objects.select_related(
            "round",
            "round__organisation",
            "expert__citizen",
            "leader__user",
            "leader__organisation",
        )
        .filter(pk=pk)
        .first()
    )
    if partnership is None or not can_view_partnership(user, partnership):
        raise Http404
    return partnership


def get_gathering_for(user, pk) -> Gathering:
    gathering = Gathering.objects.filter(pk=pk).first()
    if gathering is None or not facilitates_gathering(user, gathering):
        raise Http404
    return gathering
