"""Opportunity spaces and barriers: compose, cite insights as evidence, take to a forum; and
the trail from one insight forward to the decisions it informed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.concurrency import EditConflictError
from samskab.core.pages import error_text, require
from samskab.insights import sources
from samskab.pathways.models import Team
from samskab.people.permissions import is_staff_member

from .. import actions, trail
from ..forms import BarrierForm, EscalateForm, InsightFilterForm, OpportunitySpaceForm
from ..models import EvidenceLink
from ..permissions import (
    can_change_barrier,
    can_change_space,
    can_create_space,
    can_register_barrier,
    can_view_barriers,
    can_view_forum,
    get_barrier_for,
    get_space_for,
)
from .common import start_crumb

PICKER_LIMIT = 50


def space_create(request):
    require(can_create_space, request.user)
    form = OpportunitySpaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        space = actions.create_opportunity_space(
            by=request.user,
            organisation=request.user.staff_member.organisation,
            data=form.cleaned_data,
        )
        messages.success(
            request, _("Mulighedsrummet er oprettet. Kobl nu indsigter på som evidens.")
        )
        return redirect(space)
    return render(
        request,
        "leadership/form_page.html",
        {
            "form": form,
            "heading": _("Nyt mulighedsrum"),
            "intro": _(
                "Formulér problemet, så det rummer både borgerens og systemets perspektiv. "
                "Bagefter kobler du indsigter på fra begge sider af lemniskaten."
            ),
            "submit": _("Opret mulighedsrum"),
            "crumbs": [start_crumb(), ("", _("Nyt mulighedsrum"))],
        },
    )


def space_edit(request, pk):
    space = get_space_for(request.user, pk)
    require(can_change_space, request.user, space)
    form = OpportunitySpaceForm(request.POST or None, instance=space)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_opportunity_space(
                by=request.user,
                space=space,
                data=form.cleaned_data,
                seen_version=form.seen_version,
            )
        except EditConflictError as error:
            form.add_error(None, error)
            form.show_current_version(space)
        else:
            messages.success(request, _("Mulighedsrummet er gemt."))
            return redirect(space)
    return render(
        request,
        "leadership/form_page.html",
        {
            "form": form,
            "heading": _("Redigér mulighedsrum"),
            "submit": _("Gem"),
            "crumbs": [start_crumb(), (space.get_absolute_url(), space.title), ("", _("Redigér"))],
        },
    )


def _agenda_rows(user, subject):
    """The forums this subject went to; forum details only for the forum's members."""
    rows = []
    items = subject.agenda_items.select_related("forum", "meeting").prefetch_related("decisions")
    for item in items:
        member = can_view_forum(user, item.forum)
        decisions = [d for d in item.decisions.all() if d.is_final] if member else []
        rows.append((item, member, decisions))
    return rows


def space_detail(request, pk):
    space = get_space_for(request.user, pk)
    links = list(space.evidence.all())
    evidence = trail.resolve(request.user, links)
    trail.log_reads(by=request.user, insights=evidence.insights, purpose=trail.PURPOSE_SPACE)
    may_change = can_change_space(request.user, space)
    return render(
        request,
        "leadership/space_detail.html",
        {
            "space": space,
            "evidence": evidence,
            "link_of": {(link.source, link.object_id): link.pk for link in links},
            "agenda_rows": _agenda_rows(request.user, space),
            "may_change": may_change,
            "escalate_form": EscalateForm(prefix="escalate") if may_change else None,
            "crumbs": [start_crumb(), ("", space.title)],
        },
    )


def _picker(request, *, target, may_link, links, crumbs, back_url, kind):
    """List the insights this user may read and cite (never private ones), searchable."""
    form = InsightFilterForm(request.GET or None)
    if request.method == "POST":
        require(may_link, request.user, target)
        try:
            object_id = int(request.POST.get("object_id", ""))
        except ValueError:
            messages.error(request, _("Vælg den indsigt, du vil koble på."))
            return redirect(request.get_full_path())
        try:
            actions.link_evidence(
                by=request.user,
                source=request.POST.get("source", ""),
                object_id=object_id,
                **{kind: target},
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Indsigten er koblet på som evidens."))
        return redirect(request.get_full_path())
    require(may_link, request.user, target)
    linked = {(link.source, link.object_id) for link in links}
    query, practice, perspective = "", "", ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip().lower()
        practice = form.cleaned_data["practice"]
        perspective = form.cleaned_data["perspective"]
    candidates = [
        insight
        for insight in sources.visible_insights(request.user)
        if not insight.is_private
        and insight.key not in linked
        and (not query or query in insight.text.lower() or query in insight.title.lower())
        and (not practice or insight.practice == practice)
        and (not perspective or insight.perspective == perspective)
    ]
    candidates.sort(key=lambda i: i.created_at, reverse=True)
    return render(
        request,
        "leadership/evidence_picker.html",
        {
            "form": form,
            "target": target,
            "insights": candidates[:PICKER_LIMIT],
            "total": len(candidates),
            "limit": PICKER_LIMIT,
            "back_url": back_url,
            "crumbs": crumbs,
        },
    )


def space_evidence(request, pk):
    space = get_space_for(request.user, pk)
    return _picker(
        request,
        target=space,
        may_link=can_change_space,
        links=space.evidence.all(),
        crumbs=[
            start_crumb(),
            (space.get_absolute_url(), space.title),
            ("", _("Kobl indsigter på")),
        ],
        back_url=space.get_absolute_url(),
        kind="opportunity_space",
    )


@require_POST
def space_evidence_remove(request, pk, link_pk):
    space = get_space_for(request.user, pk)
    link = get_object_or_404(EvidenceLink, pk=link_pk, opportunity_space=space)
    require(can_change_space, request.user, space)
    actions.unlink_evidence(by=request.user, link=link)
    messages.success(request, _("Indsigten er fjernet som evidens."))
    return redirect(space)


def _escalate(request, *, target, kind):
    form = EscalateForm(request.POST, prefix="escalate")
    if not form.is_valid():
        messages.error(request, _("Vælg det ledelsesrum, punktet skal til."))
        return redirect(target)
    try:
        actions.propose_agenda_item(by=request.user, **{kind: target}, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("Punktet er sendt til %(forum)s og venter på at komme på et møde.")
            % {"forum": form.cleaned_data["forum"]},
        )
    return redirect(target)


@require_POST
def space_escalate(request, pk):
    space = get_space_for(request.user, pk)
    require(can_change_space, request.user, space)
    return _escalate(request, target=space, kind="opportunity_space")


# --- Barriers ----------------------------------------------------------------------


def barrier_list(request):
    require(can_view_barriers, request.user)
    from ..models import Barrier

    barriers = Barrier.objects.visible_to(request.user).select_related(
        "organisation", "team", "project", "resolved_by__agenda_item__forum"
    )
    return render(
        request,
        "leadership/barrier_list.html",
        {
            "open_barriers": [b for b in barriers if b.status != "resolved"],
            "resolved_barriers": [b for b in barriers if b.status == "resolved"],
            "may_register": can_register_barrier(request.user),
            "crumbs": [start_crumb(), ("", _("Barrierer fra praksis"))],
        },
    )


def barrier_create(request):
    require(can_register_barrier, request.user)
    teams = Team.objects.member_of(request.user)
    form = BarrierForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        barrier = actions.register_barrier(
            by=request.user,
            organisation=request.user.staff_member.organisation,
            data=form.cleaned_data,
        )
        messages.success(
            request, _("Barrieren er registreret. Kobl gerne læringsopsamlinger på som evidens.")
        )
        return redirect(barrier)
    return render(
        request,
        "leadership/form_page.html",
        {
            "form": form,
            "heading": _("Registrér en barriere"),
            "intro": _(
                "En organisatorisk barriere, I har mødt i et forløb eller projekt – fx at "
                "kolleger skal sidde i telefonkø for at få fat i hinanden. Skriv ikke navne "
                "eller andre personoplysninger."
            ),
            "submit": _("Registrér barriere"),
            "crumbs": [
                start_crumb(),
                (redirect("leadership:barrier-list").url, _("Barrierer fra praksis")),
                ("", _("Ny barriere")),
            ],
        },
    )


def barrier_detail(request, pk):
    barrier = get_barrier_for(request.user, pk)
    links = list(barrier.evidence.all())
    evidence = trail.resolve(request.user, links)
    trail.log_reads(by=request.user, insights=evidence.insights, purpose=trail.PURPOSE_BARRIER)
    may_change = can_change_barrier(request.user, barrier)
    resolved_by = barrier.resolved_by
    return render(
        request,
        "leadership/barrier_detail.html",
        {
            "barrier": barrier,
            "evidence": evidence,
            "link_of": {(link.source, link.object_id): link.pk for link in links},
            "agenda_rows": _agenda_rows(request.user, barrier),
            "resolved_by": resolved_by,
            "resolved_visible": resolved_by is not None
            and can_view_forum(request.user, resolved_by.agenda_item.forum),
            "may_change": may_change,
            "escalate_form": EscalateForm(prefix="escalate")
            if may_change and barrier.status != "resolved"
            else None,
            "crumbs": [
                start_crumb(),
                (redirect("leadership:barrier-list").url, _("Barrierer fra praksis")),
                ("", barrier.title),
            ],
        },
    )


def barrier_evidence(request, pk):
    barrier = get_barrier_for(request.user, pk)
    return _picker(
        request,
        target=barrier,
        may_link=can_change_barrier,
        links=barrier.evidence.all(),
        crumbs=[
            start_crumb(),
            (barrier.get_absolute_url(), barrier.title),
            ("", _("Kobl indsigter på")),
        ],
        back_url=barrier.get_absolute_url(),
        kind="barrier",
    )


@require_POST
def barrier_evidence_remove(request, pk, link_pk):
    barrier = get_barrier_for(request.user, pk)
    link = get_object_or_404(EvidenceLink, pk=link_pk, barrier=barrier)
    require(can_change_barrier, request.user, barrier)
    actions.unlink_evidence(by=request.user, link=link)
    messages.success(request, _("Indsigten er fjernet som evidens."))
    return redirect(barrier)


@require_POST
def barrier_escalate(request, pk):
    barrier = get_barrier_for(request.user, pk)
    require(can_change_barrier, request.user, barrier)
    return _escalate(request, target=barrier, kind="barrier")


# --- From an insight forward to decisions --------------------------------------------


def insight_trail(request, source, pk):
    """The decisions one insight informed. Staff who may read the insight see the list; a
    citizen only for their own contribution, and only title, forum and date."""
    insight = sources.get_insight_for(request.user, source, pk)
    is_staff = is_staff_member(request.user)
    if insight.is_private or (not is_staff and insight.author_id != request.user.pk):
        raise Http404
    trail.log_reads(by=request.user, insights=[insight], purpose=trail.PURPOSE_TRAIL)
    decisions = list(trail.decisions_informed_by(insight))
    rows = [
        (decision, is_staff and can_view_forum(request.user, decision.agenda_item.forum))
        for decision in decisions
    ]
    return render(
        request,
        "leadership/insight_trail.html",
        {
            "insight": insight,
            "rows": rows,
            "is_staff": is_staff,
            "crumbs": [start_crumb(), ("", _("Sporet fra en indsigt"))]
            if is_staff
            else [("", _("Sporet fra din indsigt"))],
        },
    )
