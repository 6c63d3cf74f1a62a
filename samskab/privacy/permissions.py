"""Who may use the data-protection tools.

The data-protection officer (DPO) works within their own organisation: the citizens it is
responsible for, their requests and the access-log entries about them. Log entries without a
citizen (e.g. a list read) are shown when the acting user works in the DPO's organisation.
Researchers define studies; the DPO of the data-controlling organisation approves them.
Same 404 for missing and forbidden objects, so IDs leak nothing.
"""

import rules
from django.db.models import Q
from django.http import Http404

from samskab.core.models import AccessLogEntry
from samskab.people.models import Citizen, Role, RoleAssignment, StaffMember
from samskab.people.permissions import organisation_ids_with_role, role_names

from .models import DataSubjectRequest, ResearchStudy


def dpo_organisation_ids(user) -> set[int]:
    return organisation_ids_with_role(user, {Role.DATA_PROTECTION_OFFICER})


@rules.predicate
def is_dpo(user):
    return bool(dpo_organisation_ids(user))


@rules.predicate
def is_researcher(user):
    return Role.RESEARCHER in role_names(user)


@rules.predicate
def is_dpo_for_citizen(user, citizen):
    return citizen is not None and citizen.organisation_id in dpo_organisation_ids(user)


@rules.predicate
def is_dpo_for_study(user, study):
    return study is not None and study.organisation_id in dpo_organisation_ids(user)


@rules.predicate
def created_study(user, study):
    return study is not None and study.created_by_id == user.pk


can_define_study = is_researcher | is_dpo
can_view_study = created_study | is_dpo_for_study
can_approve_study = is_dpo_for_study
# Only the researcher who defined the study, or the DPO, ever sees its export.
can_export_study = can_view_study

rules.add_perm("privacy.view_access_log", is_dpo)
rules.add_perm("privacy.manage_requests", is_dpo)
rules.add_perm("privacy.define_study", can_define_study)


def access_log_visible_to(user):
    """Entries about the DPO's organisation's citizens, and citizen-less entries by its staff."""
    organisations = dpo_organisation_ids(user)
    if not organisations:
        return AccessLogEntry.objects.none()
    staff_users = StaffMember.objects.filter(organisation_id__in=organisations).values("user_id")
    role_users = RoleAssignment.objects.filter(organisation_id__in=organisations).values("user_id")
    return AccessLogEntry.objects.filter(
        Q(citizen_id__in=Citizen.objects.filter(organisation_id__in=organisations).values("pk"))
        | Q(citizen_id__isnull=True, actor_id__in=staff_users)
        | Q(citizen_id__isnull=True, actor_id__in=role_users)
    )


def get_citizen_for_dpo(user, pk) -> Citizen:
    citizen = Citizen.objects.select_related("organisation", "user").filter(pk=pk).first()
    if citizen is None or not is_dpo_for_citizen(user, citizen):
        raise Http404
    return citizen


def get_request_for(user, pk) -> DataSubjectRequest:
    request = (
        DataSubjectRequest.objects.visible_to(user)
        .select_related("citizen", "citizen__organisation", "registered_by", "answered_by")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise Http404
    return request


def get_study_for(user, pk) -> ResearchStudy:
    study = ResearchStudy.objects.select_related("organisation").filter(pk=pk).first()
    if study is None or not can_view_study(user, study):
        raise Http404
    return study
