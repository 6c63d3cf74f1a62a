"""The shared leadership forum: start page, forums, members, meetings, agenda and decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.concurrency import VERSION_FIELD, EditConflictError, version_of
from samskab.core.pages import error_text, require

from .. import actions, trail
from ..forms import AgendaItemForm, DecisionForm, FollowUpForm, ForumForm, MeetingForm, MemberForm
from ..models import (
    AgendaItem,
    Barrier,
    Decision,
    Forum,
    ForumMember,
    OpportunitySpace,
)
from ..permissions import (
    can_create_forum,
    can_create_space,
    can_manage_members,
    can_register_barrier,
    can_view_barriers,
    can_view_spaces,
    can_work_in_forum,
    get_decision_for,
    get_forum_for,
    get_meeting_for,
)
from .common import add_errors, forum_crumbs, meeting_crumbs, start_crumb


def index(request):
    """My forums, the opportunity spaces and the open barriers."""
    require(can_view_spaces, request.user)
    return render(
        request,
        "leadership/index.html",
        {
            "forums": Forum.objects.visible_to(request.user).select_related("organisation"),
            "spaces": OpportunitySpace.objects.visible_to(request.user).select_related(
                "organisation"
            )[:20],
            "barriers": Barrier.objects.visible_to(request.user)
            .unresolved()
            .select_related("organisation", "team", "project")[:20],
            "may_create_forum": can_create_forum(request.user),
            "may_create_space": can_create_space(request.user),
            "may_register_barrier": can_register_barrier(request.user),
            "may_see_barriers": can_view_barriers(request.user),
            "crumbs": [("", _("Fælles ledelse"))],
        },
    )


def forum_create(request):
    require(can_create_forum, request.user)
    form = ForumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            forum = actions.create_forum(by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ledelsesrummet er oprettet. Du er formand."))
            return redirect(forum)
    return render(
        request,
        "leadership/form_page.html",
        {
            "form": form,
            "heading": _("Nyt fælles ledelsesrum"),
            "submit": _("Opret ledelsesrum"),
            "crumbs": [start_crumb(), ("", _("Nyt ledelsesrum"))],
        },
    )


def forum_detail(request, pk):
    forum = get_forum_for(request.user, pk)
    members = list(forum.members.select_related("user", "organisation"))
    waiting = forum.agenda_items.filter(meeting__isnull=True).select_related(
        "opportunity_space", "barrier", "proposed_by"
    )
    decisions = (
        Decision.objects.filter(agenda_item__forum=forum)
        .select_related("owner", "agenda_item__meeting")
        .order_by("due_on", "pk")
    )
    return render(
        request,
        "leadership/forum_detail.html",
        {
            "forum": forum,
            "members": members,
            "organisations": sorted({m.organisation.name for m in members}),
            "meetings": forum.meetings.all(),
            "waiting": waiting,
            "decisions": decisions,
            "may_manage": can_manage_members(request.user, forum),
            "may_work": can_work_in_forum(request.user, forum),
            "member_form": MemberForm(prefix="member"),
            "meeting_form": MeetingForm(prefix="meeting"),
            "crumbs": [start_crumb(), ("", forum.name)],
        },
    )


@require_POST
def member_add(request, pk):
    forum = get_forum_for(request.user, pk)
    require(can_manage_members, request.user, forum)
    form = MemberForm(request.POST, prefix="member")
    if not form.is_valid():
        messages.error(request, _("Medlemmet blev ikke tilføjet. Vælg en person og en rolle."))
        return redirect(forum)
    try:
        actions.add_forum_member(by=request.user, forum=forum, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Medlemmet er tilføjet."))
    return redirect(forum)


@require_POST
def member_remove(request, pk, member_pk):
    forum = get_forum_for(request.user, pk)
    member = get_object_or_404(ForumMember, pk=member_pk, forum=forum)
    require(can_manage_members, request.user, forum)
    try:
        actions.remove_forum_member(by=request.user, member=member)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Medlemmet er fjernet fra ledelsesrummet."))
    return redirect(forum)


def meeting_create(request, pk):
    forum = get_forum_for(request.user, pk)
    require(can_work_in_forum, request.user, forum)
    form = MeetingForm(request.POST or None, prefix="meeting")
    if request.method == "POST" and form.is_valid():
        meeting = actions.schedule_meeting(by=request.user, forum=forum, data=form.cleaned_data)
        messages.success(request, _("Mødet er oprettet. Sæt punkter på dagsordenen."))
        return redirect(meeting)
    return render(
        request,
        "leadership/form_page.html",
        {
            "form": form,
            "heading": _("Nyt møde"),
            "submit": _("Opret møde"),
            "crumbs": forum_crumbs(forum, ("", _("Nyt møde"))),
        },
    )


def _agenda_form(request, meeting, data=None):
    taken = AgendaItem.objects.filter(forum=meeting.forum, decisions__isnull=True)
    spaces = OpportunitySpace.objects.visible_to(request.user).exclude(
        pk__in=taken.values("opportunity_space")
    )
    barriers = (
        Barrier.objects.visible_to(request.user)
        .unresolved()
        .exclude(pk__in=taken.filter(barrier__isnull=False).values("barrier"))
    )
    return AgendaItemForm(data, spaces=spaces, barriers=barriers, prefix="agenda")


def meeting_detail(request, pk):
    meeting = get_meeting_for(request.user, pk)
    items = meeting.agenda_items.select_related("opportunity_space", "barrier").prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.select_related("owner"))
    )
    may_work = can_work_in_forum(request.user, meeting.forum)
    waiting = meeting.forum.agenda_items.filter(meeting__isnull=True).select_related(
        "opportunity_space", "barrier"
    )
    return render(
        request,
        "leadership/meeting_detail.html",
        {
            "meeting": meeting,
            "forum": meeting.forum,
            "items": items,
            "waiting": waiting,
            "may_work": may_work,
            "agenda_form": _agenda_form(request, meeting) if may_work else None,
            "crumbs": forum_crumbs(meeting.forum, ("", str(meeting))),
        },
    )


@require_POST
def agenda_add(request, pk):
    meeting = get_meeting_for(request.user, pk)
    require(can_work_in_forum, request.user, meeting.forum)
    form = _agenda_form(request, meeting, request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Punktet blev ikke sat på. Vælg et mulighedsrum eller en barriere.")
        )
        return redirect(meeting)
    kind, _sep, subject_pk = form.cleaned_data["subject"].partition("-")
    subject = (
        {"opportunity_space": get_object_or_404(OpportunitySpace, pk=subject_pk)}
        if kind == "space"
        else {"barrier": get_object_or_404(Barrier, pk=subject_pk)}
    )
    try:
        actions.propose_agenda_item(
            by=request.user,
            forum=meeting.forum,
            meeting=meeting,
            note=form.cleaned_data["note"],
            **subject,
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Punktet er sat på dagsordenen."))
    return redirect(meeting)


@require_POST
def agenda_place(request, pk, item_pk):
    meeting = get_meeting_for(request.user, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, forum=meeting.forum)
    require(can_work_in_forum, request.user, meeting.forum)
    try:
        actions.place_on_meeting(by=request.user, item=item, meeting=meeting)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Punktet er sat på dette møde."))
    return redirect(meeting)


def _decision_page(request, item, decision=None):
    forum = item.forum
    require(can_work_in_forum, request.user, forum)
    form = DecisionForm(
        request.POST or None,
        instance=decision,
        forum=forum,
        is_barrier=bool(item.barrier_id),
    )
    if request.method == "POST" and form.is_valid():
        finalise = "finalise" in request.POST
        try:
            saved = actions.save_decision(
                by=request.user,
                agenda_item=item,
                data=form.cleaned_data,
                decision=Decision.objects.get(pk=decision.pk) if decision else None,
                finalise=finalise,
                seen_version=form.seen_version,
            )
        except EditConflictError as error:
            form.add_error(None, error)
            form.show_current_version(decision)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Beslutningen er endelig.")
                if finalise
                else _("Beslutningen er gemt som kladde."),
            )
            return redirect(saved)
    evidence = trail.resolve(
        request.user, trail.evidence_links_for_decision(Decision(agenda_item=item))
    )
    return render(
        request,
        "leadership/decision_form.html",
        {
            "form": form,
            "item": item,
            "decision": decision,
            "evidence": evidence,
            "crumbs": meeting_crumbs(item.meeting, ("", _("Beslutning"))),
        },
    )


def decision_create(request, item_pk):
    item = (
        AgendaItem.objects.select_related("forum", "meeting", "opportunity_space", "barrier")
        .filter(pk=item_pk)
        .first()
    )
    if item is None or item.meeting is None or not can_work_in_forum(request.user, item.forum):
        raise Http404
    return _decision_page(request, item)


def decision_edit(request, pk):
    decision = get_decision_for(request.user, pk)
    require(can_work_in_forum, request.user, decision.agenda_item.forum)
    # A POST goes on to the action, so that an editor whose draft was finalised meanwhile
    # sees the conflict with their input kept instead of losing it to a redirect.
    if decision.is_final and request.method != "POST":
        messages.info(request, _("Beslutningen er endelig. Du kan opdatere opfølgningen."))
        return redirect(decision)
    return _decision_page(request, decision.agenda_item, decision)


def decision_detail(request, pk):
    return _decision_detail(request, get_decision_for(request.user, pk))


def _decision_detail(request, decision, follow_up_form=None):
    item = decision.agenda_item
    evidence = trail.resolve(request.user, trail.evidence_links_for_decision(decision))
    trail.log_reads(by=request.user, insights=evidence.insights, purpose=trail.PURPOSE_DECISION)
    return render(
        request,
        "leadership/decision_detail.html",
        {
            "decision": decision,
            "item": item,
            "forum": item.forum,
            "evidence": evidence,
            "t_check": [
                (decision._meta.get_field(name).verbose_name, getattr(decision, name))
                for name in ("t_shared_task", "t_other_sectors", "t_citizen_pathway")
            ],
            "may_work": can_work_in_forum(request.user, item.forum),
            "version_field": VERSION_FIELD,
            "version": version_of(decision),
            "follow_up_form": follow_up_form or FollowUpForm(decision=decision),
            "crumbs": meeting_crumbs(item.meeting, ("", decision.title)),
        },
    )


@require_POST
def decision_finalise(request, pk):
    decision = get_decision_for(request.user, pk)
    require(can_work_in_forum, request.user, decision.agenda_item.forum)
    try:
        actions.finalise_decision(
            by=request.user, decision=decision, seen_version=request.POST.get(VERSION_FIELD, "")
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Beslutningen er endelig."))
    return redirect(decision)


@require_POST
def decision_follow_up(request, pk):
    decision = get_decision_for(request.user, pk)
    require(can_work_in_forum, request.user, decision.agenda_item.forum)
    form = FollowUpForm(request.POST, decision=decision)
    if not form.is_valid():
        messages.error(request, _("Vælg en status for opfølgningen."))
        return redirect(decision)
    try:
        actions.update_follow_up(
            by=request.user,
            decision=decision,
            follow_up=form.cleaned_data["follow_up"],
            seen_version=form.seen_version,
        )
    except EditConflictError as error:
        form.add_error(None, error)
        form.show_current_version(decision)
        return _decision_detail(request, decision, follow_up_form=form)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Opfølgningen er opdateret."))
    return redirect(decision)
