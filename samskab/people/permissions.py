"""Who may do what with people data: `rules` predicates and 404-giving access functions.

Same 404 for "does not exist" and "not yours", so IDs leak nothing.
"""

import rules
from django.http import Http404

from .models import CITIZEN_DATA_ROLES, Citizen, Role, RoleAssignment


def roles_of(user) -> frozenset[tuple[str, int | None]]:
    """The user's (role, organisation id) pairs, read once per request and cached on the user."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_samskab_roles", None)
    if cached is None:
        cached = frozenset(
            RoleAssignment.objects.for_user(user).values_list("role", "organisation_id")
        )
        user._samskab_roles = cached
    return cached


def role_names(user) -> set[str]:
    return {role for role, _org in roles_of(user)}


def organisation_ids_with_role(user, roles) -> set[int]:
    return {org for role, org in roles_of(user) if role in roles and org is not None}


def citizen_data_organisation_ids(user) -> set[int]:
    return organisation_ids_with_role(user, CITIZEN_DATA_ROLES)


def sees_citizen_data(user) -> bool:
    return bool(citizen_data_organisation_ids(user))


@rules.predicate
def is_platform_admin(user):
    return user.is_authenticated and (user.is_superuser or Role.ADMIN in role_names(user))


@rules.predicate
def is_staff_member(user):
    return bool(role_names(user) - {Role.CITIZEN})


@rules.predicate
def is_citizen(user):
    return Role.CITIZEN in role_names(user)


@rules.predicate
def is_the_citizen(user, citizen):
    return citizen is not None and user.is_authenticated and citizen.user_id == user.pk


@rules.predicate
def works_with_citizen(user, citizen):
    return citizen is not None and citizen.organisation_id in citizen_data_organisation_ids(user)


@rules.predicate
def may_register_citizens(user):
    return sees_citizen_data(user)


can_view_citizen = is_the_citizen | works_with_citizen
can_change_citizen = works_with_citizen
can_manage_consent = is_the_citizen | works_with_citizen
can_view_organisations = is_staff_member | is_platform_admin

rules.add_perm("people.view_citizen", can_view_citizen)
rules.add_perm("people.change_citizen", can_change_citizen)
rules.add_perm("people.add_citizen", may_register_citizens)
rules.add_perm("people.manage_consent", can_manage_consent)
rules.add_perm("people.list_citizens", may_register_citizens)
rules.add_perm("people.view_organisation", can_view_organisations)


def get_citizen_for(user, pk) -> Citizen:
    """The citizen if this user may see them; the same 404 otherwise."""
    citizen = Citizen.objects.select_related("organisation", "user").filter(pk=pk).first()
    if citizen is None or not can_view_citizen(user, citizen):
        raise Http404
    return citizen
