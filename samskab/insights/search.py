"""Reading the body of insight: always within the reader's permissions.

`visible_entries(user)` keeps, per source, only the index entries whose source object the
user may read (the source's own `visible_to`, as a subquery), and never anyone else's private
reflection. Every read of the index in this app starts here.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from samskab.core.actions import log_access_many
from samskab.core.models import AccessAction

from .index import text_filter
from .models import InsightEntry, SavedTheme
from .sources import SOURCES


def _readable(user) -> Q:
    allowed = Q(pk__in=[])
    for key, source in SOURCES.items():
        allowed |= Q(source=key, object_id__in=source.visible_to(user).values("pk"))
    return allowed


def _not_someone_elses_private(user) -> Q:
    return ~(Q(is_private=True) & ~Q(author_id=user.pk))


def visible_entries(user) -> QuerySet:
    """The entries this user may read (text and all)."""
    if not user.is_authenticated:
        return InsightEntry.objects.none()
    return (
        InsightEntry.objects.filter(_readable(user))
        .filter(_not_someone_elses_private(user))
        .select_related("organisation")
    )


def countable_entries(user) -> QuerySet:
    """For counts only (the balance), never for text: what the user may read, plus the
    pathway insights of the teams in organisations they lead – leaders follow pathways in
    aggregate (see pathways' `Team.objects.led_by`)."""
    if not user.is_authenticated:
        return InsightEntry.objects.none()
    from samskab.pathways.models import Team

    led = Q(practice="pathways", team_id__in=Team.objects.led_by(user).values("pk"))
    return InsightEntry.objects.filter(_readable(user) | led).filter(
        _not_someone_elses_private(user)
    )


@dataclass
class Filters:
    query: str = ""
    practice: str = ""
    organisation_id: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    theme: SavedTheme | None = None
    perspective: str = ""
    round_id: int | None = None
    team_id: int | None = None
    project_id: int | None = None


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def apply_filters(entries: QuerySet, filters: Filters) -> QuerySet:
    if filters.practice:
        entries = entries.filter(practice=filters.practice)
    if filters.organisation_id:
        entries = entries.filter(organisation_id=filters.organisation_id)
    if filters.perspective:
        entries = entries.filter(perspective=filters.perspective)
    if filters.start:
        entries = entries.filter(created_at__gte=_day_start(filters.start))
    if filters.end:
        entries = entries.filter(
            created_at__lt=_day_start(filters.end + datetime.timedelta(days=1))
        )
    for field in ("round_id", "team_id", "project_id"):
        if getattr(filters, field):
            entries = entries.filter(**{field: getattr(filters, field)})
    if filters.theme is not None:
        theme_match = text_filter(" ".join(filters.theme.keywords), any_of=True)
        entries = entries.filter(theme_match) if theme_match is not None else entries.none()
    if filters.query.strip():
        match = text_filter(filters.query)
        entries = entries.filter(match) if match is not None else entries.none()
    return entries


def search(user, filters: Filters) -> QuerySet:
    """The user's visible insights matching the filters, newest first."""
    return apply_filters(visible_entries(user), filters).order_by("-created_at", "-pk")


SEARCH_PURPOSE = gettext_noop("Søgning og overblik i indsigter")


def log_reads(user, entries, purpose=SEARCH_PURPOSE) -> None:
    """Insights about a named citizen (pathway captures, rating comments, reflections) are
    personal data: every one shown is access-logged."""
    about_citizens = [e for e in entries if e.citizen_id]
    if about_citizens:
        with transaction.atomic():
            log_access_many(
                by=user,
                action=AccessAction.READ,
                objs=about_citizens,
                purpose=purpose,
                citizen_id_of=lambda e: e.citizen_id,
            )
