"""Who may see and do what in the Esbjerg model pages.

Compass rounds, readiness assessments and rollouts belong to organisations: their staff
see them, leaders run them. Evaluations are aggregates with a minimum group size; only the
citizens' unit memberships identify citizens, so only staff with need-to-know in the
rollout's organisation keep them. Same 404 for "does not exist" and "not yours".
"""

import rules
from django.http import Http404

from samskab.people.models import Role
from samskab.people.permissions import (
    citizen_data_organisation_ids,
    is_platform_admin,
    organisation_ids_with_role,
)

from .models import CompassRound, ReadinessAssessment, RespondentRole, Rollout

STAFF_ROLES = frozenset(set(Role) - {Role.CITIZEN, Role.ADMIN})


def staff_organisation_ids(user) -> set[int]:
    return organisation_ids_with_role(user, STAFF_ROLES)


def leader_organisation_ids(user) -> set[int]:
    return organisation_ids_with_role(user, {Role.LEADER})


def respondent_role(user, organisation_id) -> str:
    """Leaders answer as leaders; everyone else on the staff as employees."""
    if organisation_id in leader_organisation_ids(user):
        return RespondentRole.LEADER
    return RespondentRole.EMPLOYEE


@rules.predicate
def is_leader(user):
    return bool(leader_organisation_ids(user))


@rules.predicate
def works_in_round_organisation(user, round_):
    return round_.organisation_id in staff_organisation_ids(user)


@rules.predicate
def leads_round_organisation(user, round_):
    return round_.organisation_id in leader_organisation_ids(user)


@rules.predicate
def round_is_open(user, round_):
    return round_.is_open


@rules.predicate
def works_in_assessment_organisation(user, assessment):
    ids = staff_organisation_ids(user)
    return assessment.source_organisation_id in ids or assessment.receiving_organisation_id in ids


@rules.predicate
def works_in_rollout_organisation(user, rollout):
    return rollout.organisation_id in staff_organisation_ids(user)


@rules.predicate
def leads_rollout_organisation(user, rollout):
    return rollout.organisation_id in leader_organisation_ids(user)


@rules.predicate
def knows_rollout_citizens(user, rollout):
    """Need-to-know for the citizens of the rollout's organisation."""
    return rollout.organisation_id in citizen_data_organisation_ids(user)


can_create_round = is_leader | is_platform_admin
can_view_round = works_in_round_organisation | is_platform_admin
can_answer_round = works_in_round_organisation & round_is_open
can_manage_round = leads_round_organisation | is_platform_admin
can_create_assessment = is_leader | is_platform_admin
can_view_assessment = works_in_assessment_organisation | is_platform_admin
can_view_rollout = works_in_rollout_organisation | is_platform_admin
can_create_rollout = is_leader | is_platform_admin
can_manage_rollout = leads_rollout_organisation | is_platform_admin
can_manage_memberships = knows_rollout_citizens

rules.add_perm("compass.add_compassround", can_create_round)
rules.add_perm("compass.view_compassround", can_view_round)
rules.add_perm("compass.answer_compassround", can_answer_round)
rules.add_perm("compass.change_compassround", can_manage_round)
rules.add_perm("compass.add_readinessassessment", can_create_assessment)
rules.add_perm("compass.view_readinessassessment", can_view_assessment)
rules.add_perm("compass.view_rollout", can_view_rollout)
rules.add_perm("compass.add_rollout", can_create_rollout)
rules.add_perm("compass.change_rollout", can_manage_rollout)
rules.add_perm("compass.change_unitmembership", can_manage_memberships)


def _get(queryset, pk, predicate, user):
    obj = queryset.filter(pk=pk).first()
    if obj is None or not predicate(user, obj):
        raise Http404
    return obj


def get_round_for(user, pk) -> CompassRound:
    return _get(
        CompassRound.objects.select_related("organisation", "unit"), pk, can_view_round, user
    )


def get_assessment_for(user, pk) -> ReadinessAssessment:
    queryset = ReadinessAssessment.objects.select_related(
        "source_organisation", "receiving_organisation", "created_by"
    )
    return _get(queryset, pk, can_view_assessment, user)


def get_rollout_for(user, pk) -> Rollout:
    return _get(Rollout.objects.select_related("organisation"), pk, can_view_rollout, user)
