"""Meetings, learning captures and the citizen's hand-over rating screen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from samskab.core.pages import error_text, require

from .. import actions
from ..forms import LearningCaptureForm, MeetingForm, RatingForm
from ..models import LearningCapture, MeetingRating, RatingHandover
from ..permissions import (
    can_change_pathway,
    can_hand_over_rating,
    can_record_capture,
    get_meeting_for,
    get_pathway_for,
)
from .common import pathway_crumbs


def meeting_create(request, pk):
    pathway = get_pathway_for(request.user, pk)
    require(can_change_pathway, request.user, pathway)
    form = MeetingForm(request.POST or None, team=pathway.team)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "participants"}
        try:
            meeting = actions.record_meeting(
                by=request.user,
                pathway=pathway,
                data=data,
                participants=form.cleaned_data["participants"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Mødet er registreret."))
            return redirect(meeting)
    return render(
        request,
        "pathways/meeting_form.html",
        {
            "form": form,
            "pathway": pathway,
            "crumbs": pathway_crumbs(pathway, ("", _("Nyt møde"))),
        },
    )


def meeting_detail(request, pk):
    meeting = get_meeting_for(request.user, pk)
    pathway = meeting.pathway
    actions.record_reads(
        by=request.user,
        objs=[meeting],
        purpose=gettext_noop("Møde i borgerforløb"),
        citizen_id_of=lambda m: pathway.citizen_id,
    )
    capture = (
        LearningCapture.objects.filter(meeting=meeting)
        .prefetch_related("practice_elements")
        .first()
    )
    rating = MeetingRating.objects.filter(meeting=meeting).first()
    return render(
        request,
        "pathways/meeting_detail.html",
        {
            "meeting": meeting,
            "pathway": pathway,
            "participants": list(meeting.participants.select_related("user", "unit")),
            "capture": capture,
            "rating": rating,
            "handover_skipped": not rating
            and meeting.handovers.filter(skipped=True, used_at__isnull=False).exists(),
            "can_hand_over": can_hand_over_rating(request.user, meeting)
            and meeting.with_citizen
            and rating is None
            and pathway.is_open,
            "crumbs": pathway_crumbs(
                pathway, ("", _("Møde %(date)s") % {"date": meeting.held_on.strftime("%d.%m.%Y")})
            ),
        },
    )


def capture_create(request, pk):
    meeting = get_meeting_for(request.user, pk)
    require(can_record_capture, request.user, meeting)
    if LearningCapture.objects.filter(meeting=meeting).exists():
        messages.info(request, _("Mødet har allerede en læringsopsamling."))
        return redirect(meeting)
    form = LearningCaptureForm(request.POST or None, team=meeting.pathway.team)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "practice_elements"}
        try:
            actions.record_learning_capture(
                by=request.user,
                meeting=meeting,
                data=data,
                practice_elements=form.cleaned_data["practice_elements"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Læringsopsamlingen er gemt."))
            return redirect(meeting)
    return render(
        request,
        "pathways/capture_form.html",
        {
            "form": form,
            "meeting": meeting,
            "crumbs": pathway_crumbs(
                meeting.pathway,
                (
                    meeting.get_absolute_url(),
                    _("Møde %(date)s") % {"date": meeting.held_on.strftime("%d.%m.%Y")},
                ),
                ("", _("Læringsopsamling")),
            ),
        },
    )


@require_POST
def handover_start(request, pk):
    meeting = get_meeting_for(request.user, pk)
    require(can_hand_over_rating, request.user, meeting)
    try:
        handover = actions.start_rating_handover(by=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(meeting)
    return redirect("pathways:handover", token=handover.token)


def _usable_handover(user, token):
    """The hand-over only for a team member's session, and only until it is used."""
    handover = (
        RatingHandover.objects.usable()
        .select_related("meeting__pathway")
        .filter(token=token)
        .first()
    )
    if handover is None or not can_hand_over_rating(user, handover.meeting):
        raise Http404
    return handover


def handover(request, token):
    """The citizen's screen: nothing but the four questions, the comment, submit and skip."""
    handover = _usable_handover(request.user, token)
    form = RatingForm(request.POST or None)
    if request.method == "POST":
        try:
            if "skip" in request.POST:
                actions.skip_meeting_rating(by=request.user, handover=handover)
                messages.info(request, _("Borgeren sprang vurderingen over."))
                return redirect(handover.meeting)
            if form.is_valid():
                scores = {k: v for k, v in form.cleaned_data.items() if k != "comment"}
                actions.submit_meeting_rating(
                    by=request.user,
                    handover=handover,
                    scores=scores,
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, _("Tak! Borgerens vurdering er gemt."))
                return redirect(handover.meeting)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "pathways/handover.html", {"form": form, "token": token})
