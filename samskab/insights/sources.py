"""The insight-source registry: one uniform, permission-aware view of every insight.

Reflections, learning captures, the citizens' rating comments, lessons and involvement notes
live in their own apps. Each is described here by an `InsightSource`: which rows this user
may read (`visible_to`) and how a row reads as an `Insight` (text, perspective, practice,
organisation, date, author, privacy). Search, balance and themes (insights) and
opportunity-space evidence (leadership) build on this module only.

Other apps add sources with `register()` (in their AppConfig.ready or at import).
Import this module only after the app registry is ready (the models load lazily).
"""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.models import Perspective


@dataclass(frozen=True)
class Insight:
    source: str  # registry key, e.g. "partnerships.reflection"
    pk: int  # the source object's pk
    text: str  # the insight text (for captures: what_worked + what_next)
    perspective: str  # Perspective value: citizen / system / both
    practice: str  # "partnerships" | "pathways" | "innovation" | ...
    organisation_id: int | None
    created_at: datetime.datetime
    author_id: int | None
    is_private: bool  # a private reflection: only its author ever sees it; never linkable
    title: str  # short label to show in lists
    url: str | None  # page where a permitted reader can see it in context
    # Scoping (for balance per round, team or project) and the citizen the text is about,
    # so that a read of it can be access-logged. Optional for new sources.
    round_id: int | None = None
    team_id: int | None = None
    project_id: int | None = None
    citizen_id: int | None = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.source, self.pk)

    @property
    def perspective_label(self) -> str:
        return Perspective(self.perspective).label if self.perspective else ""


def _as_datetime(day: datetime.date) -> datetime.datetime:
    """A date-only insight (held on a day) as the start of that day, local time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class InsightSource:
    """One model that holds insights. Subclass and override `visible_to` and `to_insight`,
    or pass callables to the constructor."""

    key: str = ""
    model_label: str = ""  # "app_label.ModelName": resolved lazily
    practice: str = ""
    label = ""  # Danish, gettext_lazy

    def __init__(
        self,
        key: str | None = None,
        model: type[models.Model] | str | None = None,
        practice: str | None = None,
        label=None,
        *,
        visible_to: Callable[[object], QuerySet] | None = None,
        to_insight: Callable[[models.Model], Insight] | None = None,
        applies_to: Callable[[models.Model], bool] | None = None,
    ):
        self.key = key or self.key
        if isinstance(model, str):
            self.model_label = model
        elif model is not None:
            self.model_label = model._meta.label
            self._model = model
        self.practice = practice or self.practice
        self.label = label or self.label
        if visible_to is not None:
            self.visible_to = visible_to
        if to_insight is not None:
            self.to_insight = to_insight
        if applies_to is not None:
            self.applies_to = applies_to

    @property
    def model(self) -> type[models.Model]:
        model = getattr(self, "_model", None)
        if model is None:
            model = self._model = apps.get_model(self.model_label)
        return model

    def queryset(self) -> QuerySet:
        """All rows of this source, with what `to_insight` reads already joined."""
        return self.model._default_manager.all()

    def visible_to(self, user) -> QuerySet:  # pragma: no cover - abstract
        """Exactly the rows this user may read."""
        raise NotImplementedError

    def to_insight(self, obj) -> Insight:  # pragma: no cover - abstract
        raise NotImplementedError

    def applies_to(self, obj) -> bool:
        """Whether this row is an insight at all (e.g. a rating without a comment is not)."""
        return True

    def __repr__(self):
        return f"<InsightSource {self.key}>"


SOURCES: dict[str, InsightSource] = {}


def register(source: InsightSource) -> None:
    """Add (or replace) a source under its key."""
    if not source.key:
        raise ValueError("An insight source needs a key")
    SOURCES[source.key] = source


def source_for(obj) -> InsightSource | None:
    """The registered source whose model `obj` is an instance of."""
    for source in SOURCES.values():
        if isinstance(obj, source.model):
            return source
    return None


def _selected(sources) -> list[InsightSource]:
    if sources is None:
        return list(SOURCES.values())
    return [SOURCES[key] if isinstance(key, str) else key for key in sources if key in SOURCES]


def visible_insights(user, *, sources: Iterable[str] | None = None) -> Iterator[Insight]:
    """Every insight this user may read, source by source (unordered)."""
    if not user.is_authenticated:
        return
    for source in _selected(sources):
        for obj in source.visible_to(user):
            if source.applies_to(obj):
                yield source.to_insight(obj)


def get_insight_for(user, key: str, pk: int) -> Insight:
    """The insight if this user may read it; the same 404 for "missing" and "not yours"."""
    source = SOURCES.get(key)
    if source is None or not user.is_authenticated:
        raise Http404
    obj = source.visible_to(user).filter(pk=pk).first()
    if obj is None or not source.applies_to(obj):
        raise Http404
    return source.to_insight(obj)


def linkable_insight_for(user, key: str, pk: int) -> Insight:
    """As `get_insight_for`, for linking as evidence: a private reflection is never linkable.

    Others cannot see it (404); its author is told to share it first (ValidationError).
    """
    insight = get_insight_for(user, key, pk)
    if insight.is_private:
        raise ValidationError(
            _("En privat refleksion kan ikke bruges som indsigt. Del den først med din partner.")
        )
    return insight


# --- The built-in sources -------------------------------------------------------------


class ReflectionSource(InsightSource):
    key = "partnerships.reflection"
    model_label = "partnerships.Reflection"
    practice = "partnerships"
    label = _("Refleksion i et partnerskab")

    def queryset(self):
        return self.model.objects.select_related("partnership__round", "partnership__expert")

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.model.objects.none()
        from samskab.partnerships.models import Partnership

        partnerships = Partnership.objects.visible_to(user).values("pk")
        return (
            self.queryset()
            .filter(partnership__in=partnerships)
            .filter(Q(author=user) | Q(is_shared=True))
        )

    def to_insight(self, obj):
        partnership = obj.partnership
        return Insight(
            source=self.key,
            pk=obj.pk,
            text=obj.text,
            perspective=obj.perspective,
            practice=self.practice,
            organisation_id=partnership.round.organisation_id,
            created_at=obj.created_at,
            author_id=obj.author_id,
            is_private=not obj.is_shared,
            title=str(_("Refleksion fra %(party)s") % {"party": obj.get_party_display().lower()}),
            url=reverse("partnerships:partnership-detail", args=[partnership.pk]),
            round_id=partnership.round_id,
            citizen_id=partnership.expert.citizen_id,
        )


def _visible_meetings(user):
    from samskab.pathways.models import Meeting

    return Meeting.objects.visible_to(user).values("pk")


class LearningCaptureSource(InsightSource):
    key = "pathways.learningcapture"
    model_label = "pathways.LearningCapture"
    practice = "pathways"
    label = _("Læringsopsamling efter et møde")

    def queryset(self):
        return self.model.objects.select_related("meeting__pathway__team")

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.model.objects.none()
        return self.queryset().filter(meeting__in=_visible_meetings(user))

    def to_insight(self, obj):
        meeting = obj.meeting
        pathway = meeting.pathway
        return Insight(
            source=self.key,
            pk=obj.pk,
            text=f"{obj.what_worked.strip()}\n\n{obj.what_next.strip()}".strip(),
            perspective=obj.perspective,
            practice=self.practice,
            organisation_id=pathway.team.organisation_id,
            created_at=_as_datetime(meeting.held_on),
            author_id=obj.recorded_by_id,
            is_private=False,
            title=str(_("Læringsopsamling, %(team)s") % {"team": pathway.team.name}),
            url=reverse("pathways:meeting-detail", args=[meeting.pk]),
            team_id=pathway.team_id,
            citizen_id=pathway.citizen_id,
        )


class MeetingRatingSource(InsightSource):
    """The citizen's own words after a meeting: only ratings with a comment are insights."""

    key = "pathways.meetingrating"
    model_label = "pathways.MeetingRating"
    practice = "pathways"
    label = _("Borgerens kommentar til et møde")

    def queryset(self):
        return self.model.objects.select_related(
            "meeting__pathway__team", "meeting__pathway__citizen"
        )

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.model.objects.none()
        return self.queryset().exclude(comment="").filter(meeting__in=_visible_meetings(user))

    def applies_to(self, obj):
        return bool(obj.comment.strip())

    def to_insight(self, obj):
        meeting = obj.meeting
        pathway = meeting.pathway
        return Insight(
            source=self.key,
            pk=obj.pk,
            text=obj.comment,
            perspective=Perspective.CITIZEN,
            practice=self.practice,
            organisation_id=pathway.team.organisation_id,
            created_at=_as_datetime(meeting.held_on),
            author_id=pathway.citizen.user_id,
            is_private=False,
            title=str(_("Borgerens kommentar, %(team)s") % {"team": pathway.team.name}),
            url=reverse("pathways:meeting-detail", args=[meeting.pk]),
            team_id=pathway.team_id,
            citizen_id=pathway.citizen_id,
        )


class LessonSource(InsightSource):
    key = "innovation.lesson"
    model_label = "innovation.Lesson"
    practice = "innovation"
    label = _("Læring i læringsfællesskabet")

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.model.objects.none()
        return self.model.objects.visible_to(user)

    def to_insight(self, obj):
        from samskab.innovation.models import LessonVisibility

        if obj.visibility == LessonVisibility.PUBLIC:
            url = reverse("innovation:lesson-public-detail", args=[obj.pk])
        else:
            url = reverse("innovation:lesson-list")
        return Insight(
            source=self.key,
            pk=obj.pk,
            text=f"{obj.title}\n\n{obj.text}",
            perspective=obj.perspective,
            practice=self.practice,
            organisation_id=obj.organisation_id,
            created_at=obj.created_at,
            author_id=obj.author_id,
            is_private=False,
            title=obj.title,
            url=url,
            project_id=obj.project_id,
        )


#: Who took part decides the side of the lemniscate an involvement note speaks from.
PARTICIPANT_PERSPECTIVE = {
    "citizens": Perspective.CITIZEN,
    "frontline": Perspective.SYSTEM,
    "both": Perspective.BOTH,
}


class InvolvementSource(InsightSource):
    """What involving citizens or frontline staff changed in a project (anonymous notes).

    Projects are readable by every staff member in the network (innovation's rule), so
    their involvement notes are too. The organisation is the project's owner.
    """

    key = "innovation.involvement"
    model_label = "innovation.Involvement"
    practice = "innovation"
    label = _("Inddragelse i et projekt")

    def queryset(self):
        from samskab.innovation.models import PartnerRole, ProjectPartner

        owner = ProjectPartner.objects.filter(
            project=OuterRef("project_id"), role=PartnerRole.OWNER
        ).values("organisation_id")[:1]
        return self.model.objects.select_related("project").annotate(
            owner_organisation_id=Subquery(owner)
        )

    def visible_to(self, user):
        from samskab.innovation.permissions import can_view_portfolio

        if not user.is_authenticated or not can_view_portfolio(user):
            return self.model.objects.none()
        return self.queryset()

    def to_insight(self, obj):
        organisation_id = getattr(obj, "owner_organisation_id", None)
        if organisation_id is None and not hasattr(obj, "owner_organisation_id"):
            obj = self.queryset().get(pk=obj.pk)
            organisation_id = obj.owner_organisation_id
        return Insight(
            source=self.key,
            pk=obj.pk,
            text=obj.what_changed,
            perspective=PARTICIPANT_PERSPECTIVE.get(obj.participants, Perspective.BOTH),
            practice=self.practice,
            organisation_id=organisation_id,
            created_at=_as_datetime(obj.held_on),
            author_id=None,
            is_private=False,
            title=str(_("Inddragelse: %(activity)s") % {"activity": obj.activity}),
            url=reverse("innovation:project-detail", args=[obj.project_id]),
            project_id=obj.project_id,
        )


for _source in (
    ReflectionSource(),
    LearningCaptureSource(),
    MeetingRatingSource(),
    LessonSource(),
    InvolvementSource(),
):
    register(_source)
