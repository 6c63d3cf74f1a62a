"""Rhythm and reminders: what is due, for whom, sent once per item and never after it is done.

Each rule looks at the current state and returns the reminders that are due *now*. `run()`
creates a notification for each (user, dedupe key) not seen before, and marks open
notifications whose item no longer appears (the capture was written, the gate decided, the
period passed) as resolved, so they leave the dashboard and are never e-mailed.
E-mails follow each user's choice: immediately, a daily digest, or off.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samskab.people.models import Role, RoleAssignment

from .models import EmailFrequency, Notification, NotificationKind, NotificationPreference

#: How far ahead of the half-year mark facilitators are reminded to plan the gathering.
GATHERING_INTERVAL_DAYS = 182
#: A planned gathering this far ahead counts as "the gathering is on its way".
GATHERING_LOOKAHEAD_DAYS = 120


@dataclass(frozen=True)
class Reminder:
    user_id: int
    kind: str
    key: str
    title: str
    body: str
    url: str
    due_on: datetime.date | None = None


def _users_with_role(role, organisation_ids) -> dict[int, set[int]]:
    """{organisation id: {user ids}} holding `role` there."""
    result: dict[int, set[int]] = {}
    rows = RoleAssignment.objects.filter(
        role=role, organisation_id__in=set(organisation_ids), user__is_active=True
    ).values_list("organisation_id", "user_id")
    for organisation_id, user_id in rows:
        result.setdefault(organisation_id, set()).add(user_id)
    return result


def _date(day) -> str:
    return formats.date_format(day, "j. F Y")


def capture_missing(today) -> list[Reminder]:
    """A pathway meeting without a learning capture: the team's supervisors (else coordinators)."""
    from samskab.pathways.models import Meeting, TeamMembership, TeamRole

    meetings = list(
        Meeting.objects.capture_overdue(today=today)
        .filter(pathway__status="open")
        .select_related("pathway__team")
    )
    team_ids = {m.pathway.team_id for m in meetings}
    by_team: dict[int, dict[str, set[int]]] = {}
    for team_id, role, user_id in TeamMembership.objects.filter(
        team_id__in=team_ids, staff_member__user__is_active=True
    ).values_list("team_id", "role", "staff_member__user_id"):
        by_team.setdefault(team_id, {}).setdefault(role, set()).add(user_id)
    reminders = []
    for meeting in meetings:
        roles = by_team.get(meeting.pathway.team_id, {})
        recipients = roles.get(TeamRole.SUPERVISOR) or roles.get(TeamRole.COORDINATOR) or set()
        for user_id in recipients:
            reminders.append(
                Reminder(
                    user_id=user_id,
                    kind=NotificationKind.CAPTURE_MISSING,
                    key=f"capture:{meeting.pk}",
                    title=_("Mødet %(date)s i %(team)s mangler en læringsopsamling")
                    % {"date": _date(meeting.held_on), "team": meeting.pathway.team.name},
                    body=_(
                        "Saml op på, hvad der fungerede, og hvad I arbejder med til næste gang."
                    ),
                    url=reverse("pathways:capture-create", args=[meeting.pk]),
                    due_on=meeting.held_on,
                )
            )
    return reminders


def partnership_overdue(today) -> list[Reminder]:
    """A partnership still before its wrap-up after the round's period: the facilitators."""
    from samskab.partnerships.models import Partnership, PartnershipState

    partnerships = list(
        Partnership.objects.filter(
            state__in=[
                PartnershipState.PROPOSED,
                PartnershipState.KICKOFF,
                PartnershipState.MEETINGS,
            ],
            round__ends_on__lt=today,
        ).select_related("round")
    )
    facilitators = _users_with_role(
        Role.FACILITATOR, {p.round.organisation_id for p in partnerships}
    )
    reminders = []
    for partnership in partnerships:
        for user_id in facilitators.get(partnership.round.organisation_id, ()):
            reminders.append(
                Reminder(
                    user_id=user_id,
                    kind=NotificationKind.PARTNERSHIP_OVERDUE,
                    key=f"partnership-overdue:{partnership.pk}",
                    title=_("Et partnerskab i «%(round)s» er forbi den forventede periode")
                    % {"round": partnership.round.theme},
                    body=_("Perioden sluttede %(date)s. Aftal afrundingen med parterne.")
                    % {"date": _date(partnership.round.ends_on)},
                    url=reverse("partnerships:partnership-detail", args=[partnership.pk]),
                    due_on=partnership.round.ends_on,
                )
            )
    return reminders


def plan_action_overdue(today) -> list[Reminder]:
    """An action in a pathway's shared plan past its due date: the team's coordinators."""
    from samskab.pathways.models import PlanAction, PlanActionStatus, TeamMembership, TeamRole

    actions = list(
        PlanAction.objects.filter(
            status__in=[PlanActionStatus.PLANNED, PlanActionStatus.IN_PROGRESS],
            due_on__lt=today,
            pathway__status="open",
        ).select_related("pathway__team")
    )
    team_ids = {a.pathway.team_id for a in actions}
    by_team: dict[int, dict[str, set[int]]] = {}
    for team_id, role, user_id in TeamMembership.objects.filter(
        team_id__in=team_ids, staff_member__user__is_active=True
    ).values_list("team_id", "role", "staff_member__user_id"):
        by_team.setdefault(team_id, {}).setdefault(role, set()).add(user_id)
    reminders = []
    for action in actions:
        roles = by_team.get(action.pathway.team_id, {})
        recipients = (
            roles.get(TeamRole.COORDINATOR) or set().union(*roles.values()) if roles else set()
        )
        for user_id in recipients:
            reminders.append(
                Reminder(
                    user_id=user_id,
                    kind=NotificationKind.PLAN_ACTION_OVERDUE,
                    key=f"plan-action:{action.pk}:{action.due_on:%Y%m%d}",
                    title=_("En handling i planen er over fristen (%(date)s)")
                    % {"date": _date(action.due_on)},
                    body=_("Ansvarlig: %(owner)s. Følg op i teamet %(team)s.")
                    % {"owner": action.owner, "team": action.pathway.team.name},
                    url=reverse("pathways:pathway-detail", args=[action.pathway_id]),
                    due_on=action.due_on,
                )
            )
    return reminders


def gate_upcoming(today) -> list[Reminder]:
    """A project waiting for a gate decision: the leaders of its partner organisations (who
    decide) and every network coordinator (who keeps the network's rhythm)."""
    from samskab.innovation.models import Project, ProjectPartner

    projects = list(Project.objects.waiting_for_gate())
    partners: dict[int, set[int]] = {}
    for project_id, organisation_id in ProjectPartner.objects.filter(
        project__in=projects
    ).values_list("project_id", "organisation_id"):
        partners.setdefault(project_id, set()).add(organisation_id)
    all_orgs = set().union(*partners.values()) if partners else set()
    leaders = _users_with_role(Role.LEADER, all_orgs)
    coordinators = set(
        RoleAssignment.objects.filter(
            role=Role.NETWORK_COORDINATOR, user__is_active=True
        ).values_list("user_id", flat=True)
    )
    reminders = []
    for project in projects:
        organisations = partners.get(project.pk, set())
        recipients = set(coordinators)
        for organisation_id in organisations:
            recipients |= leaders.get(organisation_id, set())
        for user_id in recipients:
            reminders.append(
                Reminder(
                    user_id=user_id,
                    kind=NotificationKind.GATE_UPCOMING,
                    key=f"gate:{project.pk}:{project.gate_requested_on:%Y%m%d}",
                    title=_("«%(project)s» venter på en gatebeslutning")
                    % {"project": project.title},
                    body=_("Projektteamet bad om beslutningen %(date)s.")
                    % {"date": _date(project.gate_requested_on)},
                    url=reverse("innovation:project-detail", args=[project.pk]),
                    due_on=project.gate_requested_on,
                )
            )
    return reminders


def _half_year(today) -> str:
    return f"{today.year}H{1 if today.month <= 6 else 2}"


def gathering_due(today) -> list[Reminder]:
    """Every half year a gathering of all partnerships: remind the facilitating organisation's
    facilitators when none was held in the last half year and none is planned."""
    from samskab.partnerships.models import Gathering, Round

    organisation_ids = set(
        Round.objects.filter(ends_on__gte=today - datetime.timedelta(days=365)).values_list(
            "organisation_id", flat=True
        )
    )
    covered = set(
        Gathering.objects.filter(
            organisation_id__in=organisation_ids,
            held_on__gt=today - datetime.timedelta(days=GATHERING_INTERVAL_DAYS),
            held_on__lte=today + datetime.timedelta(days=GATHERING_LOOKAHEAD_DAYS),
        ).values_list("organisation_id", flat=True)
    )
    facilitators = _users_with_role(Role.FACILITATOR, organisation_ids - covered)
    half = _half_year(today)
    return [
        Reminder(
            user_id=user_id,
            kind=NotificationKind.GATHERING_DUE,
            key=f"gathering:{organisation_id}:{half}",
            title=_("Tid til at planlægge det halvårlige fællesmøde"),
            body=_(
                "Alle tidligere, nuværende og kommende partnerskaber inviteres til dialog og "
                "erfaringsudveksling. Der er ikke holdt eller planlagt et fællesmøde det seneste "
                "halve år."
            ),
            url=reverse("partnerships:gathering-list"),
        )
        for organisation_id in organisation_ids - covered
        for user_id in facilitators.get(organisation_id, ())
    ]


def workshop_due(today) -> list[Reminder]:
    """Every second month the pathway teams hold a workshop on their learning: remind each
    team's supervisors and coordinators once per two-month period."""
    from samskab.pathways.models import TeamMembership, TeamRole

    period = f"{today.year}-{(today.month - 1) // 2 + 1}"
    rows = (
        TeamMembership.objects.filter(
            role__in=[TeamRole.SUPERVISOR, TeamRole.COORDINATOR],
            team__pathways__status="open",
            staff_member__user__is_active=True,
        )
        .values_list("team_id", "team__name", "staff_member__user_id")
        .distinct()
    )
    return [
        Reminder(
            user_id=user_id,
            kind=NotificationKind.WORKSHOP_DUE,
            key=f"workshop:{team_id}:{period}",
            title=_("Workshop i %(team)s: tid til den faste workshop hver anden måned")
            % {"team": team_name},
            body=_(
                "Forbered workshoppen med temaerne fra læringsopsamlingerne og borgernes "
                "kommentarer."
            ),
            url=reverse("pathways:workshop"),
        )
        for team_id, team_name, user_id in rows
    ]


RULES = [
    capture_missing,
    partnership_overdue,
    plan_action_overdue,
    gate_upcoming,
    gathering_due,
    workshop_due,
]


def due_reminders(today=None) -> list[Reminder]:
    today = today or timezone.localdate()
    with override(settings.LANGUAGE_CODE):
        return [reminder for rule in RULES for reminder in rule(today)]


@dataclass
class RunResult:
    created: list[int]
    resolved: int


@transaction.atomic
def run(today=None) -> RunResult:
    """Create the notifications that are due and resolve those whose item is done."""
    now = timezone.now()
    reminders = due_reminders(today)
    due_keys = {(r.user_id, r.key) for r in reminders}
    existing = set(
        Notification.objects.filter(kind__in=[r.kind for r in reminders] or [""])
        .filter(dedupe_key__in={r.key for r in reminders})
        .values_list("user_id", "dedupe_key")
    )
    new = []
    seen = set()
    for r in reminders:
        if (r.user_id, r.key) in existing or (r.user_id, r.key) in seen:
            continue
        seen.add((r.user_id, r.key))
        new.append(
            Notification(
                user_id=r.user_id,
                kind=r.kind,
                dedupe_key=r.key,
                title=r.title[:300],
                body=r.body,
                url=r.url,
                due_on=r.due_on,
            )
        )
    created = Notification.objects.bulk_create(new, ignore_conflicts=True)
    stale = [
        n.pk
        for n in Notification.objects.open()
        .filter(kind__in=NotificationKind.values)
        .only("pk", "user_id", "dedupe_key")
        if (n.user_id, n.dedupe_key) not in due_keys
    ]
    resolved = Notification.objects.filter(pk__in=stale).update(resolved_at=now)
    ids = list(
        Notification.objects.filter(
            dedupe_key__in=[n.dedupe_key for n in created], emailed_at__isnull=True
        ).values_list("pk", flat=True)
    )
    return RunResult(created=ids, resolved=resolved)


# --- E-mail ----------------------------------------------------------------------------


def frequency_of(user) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.email_frequency if preference else EmailFrequency.DAILY


def _send(user, notifications, subject) -> bool:
    if not user.email:
        return False
    with override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "insights/email/notifications.txt",
            {
                "user": user,
                "notifications": notifications,
                "base_url": getattr(settings, "SITE_URL", "http://127.0.0.1:8000"),
            },
        )
        send_mail(str(subject), body, None, [user.email])
    return True


def send_immediate(notification_ids=None) -> int:
    """E-mail each open, not yet e-mailed notification to users who chose "immediately"."""
    pending = Notification.objects.open().filter(emailed_at__isnull=True).select_related("user")
    if notification_ids is not None:
        pending = pending.filter(pk__in=list(notification_ids))
    immediate = set(
        NotificationPreference.objects.filter(
            email_frequency=EmailFrequency.IMMEDIATELY
        ).values_list("user_id", flat=True)
    )
    sent = 0
    for notification in pending.filter(user_id__in=immediate):
        # Mark first, so that a retry never sends the same reminder twice.
        marked = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if marked and _send(notification.user, [notification], notification.title):
            sent += 1
    return sent


def send_daily_digests(now=None) -> int:
    """One e-mail per "daily" user with their open notifications not yet e-mailed."""
    now = now or timezone.now()
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            notifications__resolved_at__isnull=True,
            notifications__emailed_at__isnull=True,
        )
        .exclude(
            notification_preference__email_frequency__in=[
                EmailFrequency.IMMEDIATELY,
                EmailFrequency.OFF,
            ]
        )
        .exclude(notification_preference__last_digest_at__gt=now - datetime.timedelta(hours=20))
        .distinct()
    )
    sent = 0
    for user in users:
        notifications = list(Notification.objects.open().filter(user=user, emailed_at__isnull=True))
        if not notifications:
            continue
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
        NotificationPreference.objects.update_or_create(user=user, defaults={"last_digest_at": now})
        with override(settings.LANGUAGE_CODE):
            subject = _("Samskab: %(count)s ting venter på dig") % {"count": len(notifications)}
        if _send(user, notifications, subject):
            sent += 1
    return sent


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.for_user(user).open().unread().count()


def needs_attention(user):
    return (
        Notification.objects.for_user(user)
        .open()
        .filter(Q(read_at__isnull=True) | Q(due_on__isnull=False))
    )
