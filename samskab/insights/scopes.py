"""The scopes a reader may choose for balance and themes: their organisations, the rounds they
facilitate or take part in, their teams and their organisations' projects."""

from django.db.models import Q
from django.utils.translation import gettext as _

from samskab.people.models import Organisation
from samskab.people.permissions import roles_of

from .search import Filters


def organisations_of(user):
    ids = {org for _role, org in roles_of(user) if org is not None}
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def scope_choices(user) -> list:
    """Grouped choices ("org:1", "round:2", "team:3", "project:4") for a select."""
    from samskab.innovation.models import Project
    from samskab.partnerships.models import Round
    from samskab.pathways.models import Team

    groups = []
    organisations = [(f"org:{o.pk}", o.name) for o in organisations_of(user)]
    if organisations:
        groups.append((_("Organisation"), organisations))
    rounds = (
        Round.objects.filter(
            Q(pk__in=Round.objects.visible_to(user).values("pk"))
            | Q(partnerships__leader__user=user)
            | Q(partnerships__expert__citizen__user=user)
        )
        .distinct()
        .order_by("-starts_on")
    )
    if rounds:
        groups.append((_("Forløbsrunde"), [(f"round:{r.pk}", r.theme) for r in rounds]))
    teams = Team.objects.visible_to(user).order_by("name")
    if teams:
        groups.append((_("Team"), [(f"team:{t.pk}", t.name) for t in teams]))
    org_ids = [o.pk for o in organisations_of(user)]
    projects = Project.objects.with_partner(org_ids).order_by("title") if org_ids else []
    if projects:
        groups.append((_("Projekt"), [(f"project:{p.pk}", p.title) for p in projects]))
    return groups


def scope_filters(value: str, filters: Filters | None = None) -> Filters:
    """Filters for a chosen scope. The entries are permission-filtered anyway, so a scope
    outside the user's choices simply shows what the user may read within it."""
    filters = filters or Filters()
    kind, _sep, pk = (value or "").partition(":")
    if not pk.isdigit():
        return filters
    field = {
        "org": "organisation_id",
        "round": "round_id",
        "team": "team_id",
        "project": "project_id",
    }
    if kind in field:
        setattr(filters, field[kind], int(pk))
    return filters


def scope_label(value: str, choices) -> str:
    for _group, options in choices:
        for key, label in options:
            if key == value:
                return label
    return _("Alt, du kan se")
