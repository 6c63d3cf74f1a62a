"""Workshop preparation: themes mined from learning captures and rating comments."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samskab.core.models import AccessAction
from samskab.core.pages import require

from .. import actions
from ..forms import WorkshopForm
from ..models import LearningCapture, MeetingRating, Team
from ..permissions import has_any_team, team_roles_of
from ..themes import Document, mine_themes
from .common import start_crumb


def _documents(teams, date_from, date_to):
    """One text per capture and per rating comment, from meetings in the period."""
    in_period = {
        "meeting__pathway__team__in": teams,
        "meeting__held_on__gte": date_from,
        "meeting__held_on__lte": date_to,
    }
    documents = []
    for capture in LearningCapture.objects.filter(**in_period).select_related(
        "meeting__pathway__team"
    ):
        team = capture.meeting.pathway.team.name
        documents.append(Document(capture.what_worked, _("Fungerede (%s)") % team, capture))
        documents.append(Document(capture.what_next, _("Næste gang (%s)") % team, capture))
    for rating in (
        MeetingRating.objects.filter(**in_period)
        .exclude(comment="")
        .select_related("meeting__pathway__team")
    ):
        documents.append(
            Document(
                rating.comment,
                _("Borgerens kommentar (%s)") % rating.meeting.pathway.team.name,
                rating,
            )
        )
    return documents


def _sheet(request, action=AccessAction.READ):
    require(has_any_team, request.user)
    teams = Team.objects.filter(pk__in=list(team_roles_of(request.user))).order_by("name")
    form = WorkshopForm(request.GET or None, teams=teams)
    if not form.is_valid():
        return form, None, []
    data = form.cleaned_data
    documents = _documents(data["teams"], data["date_from"], data["date_to"])
    themes = mine_themes(documents, n_themes=data["n_themes"])
    actions.record_reads(
        by=request.user,
        objs=list({id(d.obj): d.obj for d in documents}.values()),
        purpose=gettext_noop("Forberedelse af workshop"),
        citizen_id_of=lambda obj: obj.meeting.pathway.citizen_id,
        action=action,
    )
    return form, themes, documents


def workshop(request):
    form, themes, documents = _sheet(request)
    return render(
        request,
        "pathways/workshop.html",
        {
            "form": form,
            "themes": themes,
            "document_count": len(documents),
            "query": request.GET.urlencode(),
            "crumbs": [start_crumb(), ("", _("Workshopark"))],
        },
    )


def workshop_csv(request):
    _form, themes, _documents = _sheet(request, action=AccessAction.EXPORT)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="workshopark.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a byte-order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Tema"), _("Nøgleord"), _("Antal tekster"), _("Citat"), _("Kilde")])
    for number, theme in enumerate(themes or [], start=1):
        for quote in theme.quotes:
            writer.writerow(
                [number, ", ".join(theme.keywords), theme.size, quote.text, quote.source]
            )
    return response
