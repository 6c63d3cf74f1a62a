"""The "what needs me now" page for facilitators, supervisors, leaders and network
coordinators: due reminders for this user, unread notifications and balance signals."""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.people.models import Role
from samskab.people.permissions import role_names

from .balance import balance
from .models import Notification, NotificationKind
from .reminders import Reminder, due_reminders
from .scopes import scope_choices, scope_filters
from .search import Filters, apply_filters, countable_entries

DASHBOARD_ROLES = (Role.FACILITATOR, Role.SUPERVISOR, Role.LEADER, Role.NETWORK_COORDINATOR)

#: The order sections appear in, and their headings.
SECTIONS = [
    (NotificationKind.GATE_UPCOMING, ""),
    (NotificationKind.CAPTURE_MISSING, ""),
    (NotificationKind.PARTNERSHIP_OVERDUE, ""),
    (NotificationKind.PLAN_ACTION_OVERDUE, ""),
    (NotificationKind.GATHERING_DUE, ""),
    (NotificationKind.WORKSHOP_DUE, ""),
]


@dataclass
class BalanceSignal:
    scope: str
    period: str
    missing: list[str]
    url: str


@dataclass
class Section:
    kind: str
    title: str
    items: list[Reminder]


@dataclass
class Dashboard:
    role_labels: list[str]
    sections: list[Section] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    unread_count: int = 0
    signals: list[BalanceSignal] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    @property
    def is_empty(self) -> bool:
        return not (self.sections or self.notifications or self.signals)


def has_dashboard(user) -> bool:
    return bool(role_names(user) & set(DASHBOARD_ROLES))


def balance_signals(user, months: int = 3) -> list[BalanceSignal]:
    """Periods in the last `months` months where one side of the lemniscate is missing, for
    each of the user's scopes (organisations, rounds, teams, projects)."""
    today = timezone.localdate()
    start = (today.replace(day=1) - datetime.timedelta(days=31 * (months - 1))).replace(day=1)
    entries = countable_entries(user)
    signals = []
    for _group, options in scope_choices(user):
        for value, label in options[:8]:
            scoped = apply_filters(entries, scope_filters(value, Filters(start=start, end=today)))
            for period in balance(scoped, "month"):
                if period.missing:
                    signals.append(
                        BalanceSignal(
                            scope=label,
                            period=period.label,
                            missing=period.missing_labels,
                            url=reverse("insights:balance") + f"?scope={value}",
                        )
                    )
    return signals


def dashboard_for(user, today=None) -> Dashboard:
    labels = [str(Role(r).label) for r in sorted(role_names(user)) if r in DASHBOARD_ROLES]
    board = Dashboard(role_labels=labels)
    mine = [r for r in due_reminders(today) if r.user_id == user.pk]
    for kind, _heading in SECTIONS:
        items = sorted(
            (r for r in mine if r.kind == kind),
            key=lambda r: (r.due_on or datetime.date.max, r.title),
        )
        if items:
            board.sections.append(
                Section(kind=kind, title=str(NotificationKind(kind).label), items=items)
            )
    unread = Notification.objects.for_user(user).open().unread()
    board.unread_count = unread.count()
    board.notifications = list(unread[:5])
    board.signals = balance_signals(user)
    return board


def summary_text(board: Dashboard) -> str:
    return _("%(items)s ting venter på dig, og du har %(unread)s ulæste notifikationer.") % {
        "items": board.item_count,
        "unread": board.unread_count,
    }
