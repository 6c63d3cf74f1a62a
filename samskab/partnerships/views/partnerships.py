"""One partnership: the parties' own page, the lifecycle, meetings, reflections and wrap-up."""

from datetime import datetime, timedelta

import icalendar
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from samskab.core.actions import log_access
from samskab.core.concurrency import EditConflictError
from samskab.core.models import AccessAction
from samskab.core.pages import error_text, require
from samskab.people.consent_guard import processing_state
from samskab.people.models import ConsentPurpose

from .. import actions, lifecycle
from ..forms import EvaluationForm, KickoffForm, MeetingForm, ReasonForm, ReflectionForm
from ..models import EVALUATION_QUESTIONS, Partnership, PartnershipState, Party
from ..permissions import (
    can_manage_partnership,
    can_register_meeting,
    can_view_expert_needs,
    can_view_leader_needs,
    get_partnership_for,
    is_party,
)
from .common import partnership_crumbs

#: Events a party (not only the facilitator) may trigger.
PARTY_EVENTS = {"decline"}


def _read(request, partnership, purpose):
    log_access(
        by=request.user,
        action=AccessAction.READ,
        obj=partnership,
        citizen_id=partnership.expert.citizen_id,
        purpose=purpose,
    )


def evaluations_visible_to(user, partnership, evaluations):
    """Neither party sees the other's answers until both have submitted."""
    by_party = {e.party: e for e in evaluations}
    both = len(by_party) == 2
    party = partnership.party_of(user)
    if both:
        return by_party
    return {p: e for p, e in by_party.items() if p == party}


def partnership_detail(request, pk):
    partnership = get_partnership_for(request.user, pk)
    _read(request, partnership, gettext_noop("Partnerskabets side"))
    party = partnership.party_of(request.user)
    is_manager = can_manage_partnership(request.user, partnership)
    meetings = list(partnership.meetings.select_related("payment"))
    today = timezone.localdate()
    next_meeting = next((m for m in meetings if m.held_on >= today), None)
    reflections = list(
        partnership.reflections.filter(is_shared=True)
        if party is None
        else partnership.reflections.visible_to(request.user, partnership)
    )
    evaluations = list(partnership.evaluations.all())
    visible = evaluations_visible_to(request.user, partnership, evaluations)
    questions = [
        (label, visible.get(Party.EXPERT), visible.get(Party.LEADER), key)
        for key, label in EVALUATION_QUESTIONS
    ]
    rows = [
        (
            label,
            getattr(expert, key) if expert else None,
            getattr(leader, key) if leader else None,
        )
        for label, expert, leader, key in questions
    ]
    events = [
        (name, lifecycle.EVENTS[name].label)
        for name in lifecycle.allowed_events(partnership)
        if (is_manager and name not in ("hold_kickoff",)) or (party and name in PARTY_EVENTS)
    ]
    # What the consent guard would refuse is not offered; ending stays possible after a
    # withdrawal, nothing under a restriction.
    prefetch_related_objects([partnership.expert.citizen], "consents")
    processing = processing_state(partnership.expert.citizen, ConsentPurpose.PARTNERSHIP)
    if not processing.allowed:
        ending = set() if processing.is_restricted else actions.ENDING_EVENTS
        events = [(name, label) for name, label in events if name in ending]
    payments = [m.payment for m in meetings if hasattr(m, "payment")]
    from samskab.leadership.trail import decisions_from_partnership

    informed = (
        decisions_from_partnership(request.user, partnership, own_only=party == Party.EXPERT)
        if party
        else []
    )
    if party == Party.EXPERT:
        template = "partnerships/expert_page.html"
    else:
        template = "partnerships/partnership_detail.html"
    return render(
        request,
        template,
        {
            "partnership": partnership,
            "party": party,
            "is_manager": is_manager,
            "meetings": meetings,
            "next_meeting": next_meeting,
            "reflections": reflections,
            "evaluation_rows": rows,
            "own_evaluation": visible.get(party) if party else None,
            "evaluations_submitted": {e.party for e in evaluations},
            "both_evaluated": len(evaluations) == 2,
            "events": events,
            "payments": payments if party != Party.LEADER else [],
            "payment_total": sum(p.amount for p in payments),
            "kickoff_form": KickoffForm(partnership=partnership, initial={"kickoff_on": today}),
            "can_add_meeting": can_register_meeting(request.user, partnership)
            and partnership.state == PartnershipState.MEETINGS
            and processing.allowed,
            "processing": processing,
            "may_write": processing.allowed,
            "states": PartnershipState,
            "show_expert_needs": can_view_expert_needs(request.user, partnership),
            "show_leader_needs": can_view_leader_needs(request.user, partnership),
            "informed_decisions": informed,
            "crumbs": [
                *partnership_crumbs(partnership, request.user)[:-1],
                (None, str(partnership)),
            ],
        },
    )


def partnership_transition(request, pk, event):
    partnership = get_partnership_for(request.user, pk)
    if event not in lifecycle.EVENTS or event == "hold_kickoff":
        raise PermissionDenied
    if event in PARTY_EVENTS:
        require(is_party, request.user, partnership)
    else:
        require(can_manage_partnership, request.user, partnership)
    form = ReasonForm(request.POST or None)
    context = {
        "partnership": partnership,
        "event": event,
        "event_label": lifecycle.EVENTS[event].label,
        "needs_reason": lifecycle.EVENTS[event].needs_reason,
        "form": form,
        "warnings": [],
        "crumbs": partnership_crumbs(partnership, request.user, (None, _("Skift fase"))),
    }
    if request.method == "POST" and form.is_valid():
        try:
            actions.transition(
                by=request.user,
                partnership=partnership,
                event=event,
                reason=form.cleaned_data["reason"],
                accept_warnings=form.cleaned_data["accept_warnings"],
            )
        except lifecycle.WrapUpWarningError as warning:
            context["warnings"] = warning.messages
        except ValidationError as error:
            if lifecycle.EVENTS[event].needs_reason and not form.cleaned_data["reason"].strip():
                form.add_error("reason", error)
            else:
                messages.error(request, error_text(error))
                return redirect(partnership)
        else:
            partnership.refresh_from_db()
            messages.success(
                request,
                _("Partnerskabet er nu i fasen «%(state)s».")
                % {"state": partnership.get_state_display()},
            )
            return redirect(partnership)
    return render(request, "partnerships/transition_form.html", context)


@require_POST
def partnership_kickoff(request, pk):
    partnership = get_partnership_for(request.user, pk)
    require(can_manage_partnership, request.user, partnership)
    form = KickoffForm(request.POST, partnership=partnership)
    if form.is_valid():
        try:
            actions.record_kickoff(
                by=request.user,
                partnership=partnership,
                seen_version=form.seen_version,
                **form.cleaned_data,
            )
        except EditConflictError as error:
            form.add_error(None, error)
            form.show_current_version(partnership)
            # The stored agreement is shown beside the form: a read of the expert's data.
            _read(request, partnership, gettext_noop("Opstartsmøde"))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Opstarten er registreret. Parterne kan nu registrere møder.")
            )
            return redirect(partnership)
    return render(
        request,
        "partnerships/kickoff_form.html",
        {
            "partnership": partnership,
            "form": form,
            "crumbs": partnership_crumbs(partnership, request.user, (None, _("Opstart"))),
        },
    )


def meeting_create(request, pk):
    partnership = get_partnership_for(request.user, pk)
    require(can_register_meeting, request.user, partnership)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.register_meeting(
                by=request.user, partnership=partnership, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Mødet er registreret."))
            return redirect(partnership)
    return render(
        request,
        "partnerships/meeting_form.html",
        {
            "partnership": partnership,
            "form": form,
            "crumbs": partnership_crumbs(partnership, request.user, (None, _("Registrér møde"))),
        },
    )


def reflection_create(request, pk):
    partnership = get_partnership_for(request.user, pk)
    require(is_party, request.user, partnership)
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.write_reflection(
                by=request.user, partnership=partnership, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Din refleksion er gemt."))
            return redirect(partnership)
    return render(
        request,
        "partnerships/reflection_form.html",
        {
            "partnership": partnership,
            "form": form,
            "crumbs": partnership_crumbs(partnership, request.user, (None, _("Skriv refleksion"))),
        },
    )


def evaluation_create(request, pk):
    partnership = get_partnership_for(request.user, pk)
    require(is_party, request.user, partnership)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_evaluation(
                by=request.user, partnership=partnership, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Tak for dine svar. Du kan se din partners svar, når I begge har svaret."),
            )
            return redirect(partnership)
    return render(
        request,
        "partnerships/evaluation_form.html",
        {
            "partnership": partnership,
            "form": form,
            "crumbs": partnership_crumbs(partnership, request.user, (None, _("Evaluering"))),
        },
    )


def partnership_calendar(request, pk):
    """The partnership's meetings as an .ics file for the party's own calendar."""
    partnership = get_partnership_for(request.user, pk)
    _read(request, partnership, gettext_noop("Kalendereksport af møder"))
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Samskab//Ligeværdige partnerskaber//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Partnerskab: %(name)s") % {"name": partnership})
    tz = timezone.get_current_timezone()
    for meeting in partnership.meetings.all():
        event = icalendar.Event()
        event.add("uid", f"partnership-meeting-{meeting.pk}@samskab")
        event.add("summary", meeting.activity_label)
        event.add("location", meeting.place)
        if meeting.starts_at:
            start = datetime.combine(meeting.held_on, meeting.starts_at, tzinfo=tz)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(hours=float(meeting.duration_hours)))
        else:
            event.add("dtstart", meeting.held_on)
            event.add("dtend", meeting.held_on + timedelta(days=1))
        event.add("dtstamp", meeting.created_at)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="partnerskab-{partnership.pk}.ics"'
    return response


def my_partnership(request):
    """An expert's (or leader's) way in: straight to the one partnership, else the overview."""
    own = list(
        Partnership.objects.of_party(request.user)
        .exclude(state=PartnershipState.DECLINED)
        .order_by("-created_at")[:2]
    )
    if len(own) == 1:
        return redirect(own[0])
    return redirect("partnerships:index")
