"""The half-yearly gathering: schedule it, invite everyone, record replies, export the list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_POST

from samskab.core.actions import log_access_many
from samskab.core.exports import Column, Export
from samskab.core.models import AccessAction
from samskab.core.pages import require
from samskab.people.models import Consent, ConsentPurpose, Organisation

from .. import actions
from ..forms import GatheringForm, ReplyForm
from ..models import Gathering, GatheringInvitation, Reply
from ..permissions import facilitator_organisation_ids, get_gathering_for, is_facilitator
from .common import start_crumb


def _gathering_crumbs(*more):
    return [start_crumb(), (None, _("Fællesmøder")), *more]


def gathering_list(request):
    require(is_facilitator, request.user)
    gatherings = Gathering.objects.filter(
        organisation_id__in=facilitator_organisation_ids(request.user)
    )
    form = GatheringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = Organisation.objects.get(pk=min(facilitator_organisation_ids(request.user)))
        try:
            gathering = actions.create_gathering(
                by=request.user, organisation=organisation, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Fællesmødet er oprettet med %(count)s inviterede.")
                % {"count": gathering.invitations.count()},
            )
            return redirect(gathering)
    return render(
        request,
        "partnerships/gathering_list.html",
        {
            "gatherings": gatherings,
            "form": form,
            "crumbs": [start_crumb(), (None, _("Fællesmøder"))],
        },
    )


def _invitations(gathering, request):
    invitations = list(gathering.invitations.select_related("user", "citizen"))
    log_access_many(
        by=request.user,
        action=AccessAction.READ,
        objs=[i for i in invitations if i.citizen_id],
        purpose=gettext_noop("Invitationsliste til fællesmøde"),
        citizen_id_of=lambda i: i.citizen_id,
    )
    return invitations


def gathering_detail(request, pk):
    gathering = get_gathering_for(request.user, pk)
    invitations = _invitations(gathering, request)
    return render(
        request,
        "partnerships/gathering_detail.html",
        {
            "gathering": gathering,
            "invitations": invitations,
            "replies": Reply.choices,
            "yes": sum(i.reply == Reply.YES for i in invitations),
            "crumbs": [start_crumb(), (None, gathering.title)],
        },
    )


@require_POST
def gathering_reply(request, pk, invitation_pk):
    gathering = get_gathering_for(request.user, pk)
    invitation = get_object_or_404(GatheringInvitation, pk=invitation_pk, gathering=gathering)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vælg et gyldigt svar: kommer, kommer ikke eller ikke svaret."))
    else:
        actions.record_reply(
            by=request.user, invitation=invitation, reply=form.cleaned_data["reply"]
        )
        messages.success(request, _("Svaret er gemt."))
    return redirect(gathering)


#: One row per invitation: (invitation, e-mail shown on the list).
INVITATION_LIST = Export(
    "faellesmoede",
    [
        Column(gettext_lazy("Navn"), lambda row: row[0].name),
        Column(gettext_lazy("Rolle"), lambda row: row[0].get_party_display()),
        Column(gettext_lazy("E-mail"), lambda row: row[1]),
        Column(gettext_lazy("Svar"), lambda row: row[0].get_reply_display()),
    ],
)


def gathering_export(request, pk):
    gathering = get_gathering_for(request.user, pk)
    invitations = list(gathering.invitations.select_related("user", "citizen"))
    log_access_many(
        by=request.user,
        action=AccessAction.EXPORT,
        objs=[i for i in invitations if i.citizen_id],
        purpose=gettext_noop("Invitationsliste til fællesmøde"),
        citizen_id_of=lambda i: i.citizen_id,
    )
    # An expert's e-mail goes on the list only with their consent to be contacted.
    contactable = set(
        Consent.objects.active()
        .filter(purpose=ConsentPurpose.CONTACT, citizen_id__in=[i.citizen_id for i in invitations])
        .values_list("citizen_id", flat=True)
    )
    rows = [
        (i, i.user.email if i.user_id else (i.citizen.email if i.citizen_id in contactable else ""))
        for i in invitations
    ]
    return INVITATION_LIST.response(request, rows, "csv", suffix=str(gathering.pk))
