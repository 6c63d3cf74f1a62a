"""Practice elements: the learning captures that mention them and the PDSA decision log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from samskab.core.pages import require

from .. import actions
from ..forms import PracticeDecisionForm, PracticeElementForm
from ..models import PracticeElement
from ..permissions import (
    can_decide_on_element,
    can_open_pathway,
    get_element_for,
    get_team_for,
    has_any_team,
    team_roles_of,
)
from .common import start_crumb, team_crumbs


def element_list(request):
    require(has_any_team, request.user)
    elements = (
        PracticeElement.objects.visible_to(request.user)
        .select_related("team", "organisation")
        .order_by("organisation__name", "team__name", "name")
        .with_capture_counts(team_roles_of(request.user))
    )
    return render(
        request,
        "pathways/element_list.html",
        {"elements": elements, "crumbs": [start_crumb(), ("", _("Praksiselementer"))]},
    )


@require_POST
def element_create(request, team_pk):
    """A team member adds an element for the team (or, ticked, for the whole organisation)."""
    team = get_team_for(request.user, team_pk)
    require(can_open_pathway, request.user, team)
    form = PracticeElementForm(request.POST, prefix="element")
    if not form.is_valid():
        messages.error(request, _("Praksiselementet blev ikke gemt. Skriv et navn."))
        return redirect(team)
    data = dict(form.cleaned_data)
    organisation_wide = data.pop("organisation_wide")
    try:
        element = actions.create_practice_element(
            by=request.user,
            organisation=team.organisation,
            team=None if organisation_wide else team,
            data=data,
        )
    except ValidationError:
        messages.error(
            request, _("Der findes allerede et praksiselement med det navn. Vælg et andet navn.")
        )
        return redirect(team)
    messages.success(request, _("Praksiselementet er oprettet."))
    return redirect(element)


def element_detail(request, pk):
    element = get_element_for(request.user, pk)
    # An organisation-wide element is shared, but the captures stay within the user's teams.
    captures = list(
        element.learning_captures.filter(
            meeting__pathway__team_id__in=list(team_roles_of(request.user))
        )
        .select_related("meeting__pathway__team")
        .order_by("-meeting__held_on", "-pk")
    )
    actions.record_reads(
        by=request.user,
        objs=captures,
        purpose=gettext_noop("Læringsopsamlinger om et praksiselement"),
        citizen_id_of=lambda c: c.meeting.pathway.citizen_id,
    )
    form = PracticeDecisionForm(request.POST or None)
    if request.method == "POST":
        require(can_decide_on_element, request.user, element)
        if form.is_valid():
            actions.record_practice_decision(
                by=request.user, element=element, data=form.cleaned_data
            )
            messages.success(request, _("Beslutningen er gemt i loggen."))
            return redirect(element)
    crumbs = [start_crumb(), ("", element.name)]
    if element.team_id:
        crumbs = team_crumbs(element.team, ("", element.name))
    return render(
        request,
        "pathways/element_detail.html",
        {
            "element": element,
            "captures": captures,
            "decisions": element.decisions.select_related("decided_by"),
            "form": form,
            "crumbs": crumbs,
        },
    )
