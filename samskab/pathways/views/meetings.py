"""Meetings, learning captures and the citizen's hand-over rating screen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from samskab.core import kiosk
from samskab.core.pages import error_text, require
from samskab.people.consent_guard import processing_state
from samskab.people.models import ConsentPurpose

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


def _refused(request, citizen, back):
    """A form the consent guard would refuse is not shown: back, with the reason."""
    state = processing_state(citizen, ConsentPurpose.PATHWAY)
    if state.allowed:
        return None
    messages.error(request, state.message)
    return redirect(back)


def meeting_create(request, pk):
    pathway = get_pathway_for(request.user, pk)
    require(can_change_pathway, request.user, pathway)
    if request.method == "GET" and (refused := _refused(request, pathway.citizen, pathway)):
        return refused
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
    processing = processing_state(pathway.citizen, ConsentPurpose.PATHWAY)
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
            and pathway.is_open
            and processing.allowed,
            "processing": processing,
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
    if request.method == "GET" and (refused := _refused(request, meeting.pathway.citizen, meeting)):
        return refused
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
    """Hand the device to the citizen: the session serves only the rating screen until the
    professional unlocks it again (core.kiosk)."""
    meeting = get_meeting_for(request.user, pk)
    require(can_hand_over_rating, request.user, meeting)
    try:
        handover = actions.start_rating_handover(by=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(meeting)
    page = reverse("pathways:handover", args=[handover.token])
    kiosk.start(request, handover, page=page, return_url=meeting.get_absolute_url())
    return redirect(page)


def handover(request, token):
    """The citizen's screen: nothing but the four questions, the comment, submit and skip.

    Only the session that started the hand-over gets it; answering, skipping or an expired
    link all end on the lock screen, and a second post of the same screen stores nothing.
    """
    if not kiosk.serves(request, token):
        raise Http404
    handover = (
        RatingHandover.objects.usable()
        .select_related("meeting__pathway")
        .filter(token=token)
        .first()
    )
    if handover is None or not can_hand_over_rating(request.user, handover.meeting):
        return _finished(request, token)
    form = RatingForm(request.POST or None)
    if request.method == "POST":
        try:
            if "skip" in request.POST:
                actions.skip_meeting_rating(by=request.user, handover=handover)
                return _finished(request, token)
            if form.is_valid():
                scores = {k: v for k, v in form.cleaned_data.items() if k != "comment"}
                actions.submit_meeting_rating(
                    by=request.user,
                    handover=handover,
                    scores=scores,
                    comment=form.cleaned_data["comment"],
                )
                return _finished(request, token)
        except ValidationError as error:
            # Posted twice at once, or too late: the lock screen says what became of it.
            if getattr(error, "code", None) in ("used", "expired"):
                return _finished(request, token)
            form.add_error(None, error)
    return kiosk.render(request, "pathways/handover.html", {"form": form})


def _finished(request, token):
    """The lock screen, saying what became of this hand-over – read from the row, so a post
    that lost a race with its double tells the citizen the same as the one that won."""
    done = RatingHandover.objects.filter(token=token, used_at__isnull=False).first()
    if done and not done.skipped:
        note, staff_note = kiosk.ANSWERED, gettext_noop("Borgerens vurdering er gemt.")
    elif done:
        note, staff_note = kiosk.SKIPPED, gettext_noop("Borgeren sprang vurderingen over.")
    else:
        note, staff_note = kiosk.EXPIRED, kiosk.STAFF_EXPIRED
    return kiosk.finish(request, citizen_note=note, staff_note=staff_note)
