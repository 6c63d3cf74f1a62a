"""Workshop preparation: themes mined from learning captures and rating comments."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from samskab.core.exports import Column, Export
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


#: One row per quote: (theme number, theme, quote). Reads are logged by `_sheet`.
WORKSHOP_SHEET = Export(
    "workshopark",
    [
        Column(gettext_lazy("Tema"), lambda row: row[0]),
        Column(gettext_lazy("Nøgleord"), lambda row: row[1].keywords),
        Column(gettext_lazy("Antal tekster"), lambda row: row[1].size),
        Column(gettext_lazy("Citat"), lambda row: row[2].text),
        Column(gettext_lazy("Kilde"), lambda row: row[2].source),
    ],
)


def workshop_csv(request):
    _form, themes, _documents = _sheet(request, action=AccessAction.EXPORT)
    rows = [
        (number, theme, quote)
        for number, theme in enumerate(themes or [], start=1)
        for quote in theme.quotes
    ]
    return WORKSHOP_SHEET.response(request, rows, "csv")
