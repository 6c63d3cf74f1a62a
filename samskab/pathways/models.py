"""Teams, pathways (trial actions), meetings, learning captures, ratings and practice elements."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import Lag, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.kiosk import Handover
from samskab.core.models import Perspective, TimeStampedModel
from samskab.people.models import AuthorityArea, Citizen, Organisation, StaffMember

#: Authority areas a cross-disciplinary team is expected to draw on (the team page shows
#: which are missing); administration and "other" are not areas a citizen meets.
TEAM_AUTHORITY_AREAS = [
    area
    for area in AuthorityArea
    if area not in (AuthorityArea.ADMINISTRATION, AuthorityArea.OTHER)
]


def capture_overdue_days() -> int:
    return int(getattr(settings, "PATHWAYS_CAPTURE_OVERDUE_DAYS", 3))


def rating_threshold() -> int:
    return int(getattr(settings, "PATHWAYS_RATING_THRESHOLD", 6))


#: A fall of this many points from the previous rated meeting raises a flag.
RATING_DROP = 2


class TeamRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Koordinator")
    SUPERVISOR = "supervisor", _("Supervisor")
    MEMBER = "member", _("Medlem")


class TeamQuerySet(models.QuerySet):
    def member_of(self, user):
        """Teams the user belongs to in any team role (members, coordinators, supervisors)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__staff_member__user=user).distinct()

    def led_by(self, user):
        """Teams in organisations where the user is a leader: aggregates only."""
        from samskab.people.models import Role
        from samskab.people.permissions import organisation_ids_with_role

        return self.filter(organisation_id__in=organisation_ids_with_role(user, {Role.LEADER}))

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        from samskab.people.models import Role
        from samskab.people.permissions import organisation_ids_with_role

        return self.filter(
            Q(memberships__staff_member__user=user)
            | Q(organisation_id__in=organisation_ids_with_role(user, {Role.LEADER}))
        ).distinct()


class Team(TimeStampedModel):
    """A cross-disciplinary team (tværfagligt team) with a coordinator and a supervisor."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pathways:team-detail", args=[self.pk])

    def authority_area_coverage(self, memberships=None):
        """(represented, missing) authority areas, from the members' units."""
        memberships = self.memberships.all() if memberships is None else memberships
        present = {
            m.staff_member.unit.authority_area for m in memberships if m.staff_member.unit_id
        }
        represented = [area for area in AuthorityArea if area in present]
        missing = [area for area in TEAM_AUTHORITY_AREAS if area not in present]
        return represented, missing


class TeamMembership(TimeStampedModel):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    staff_member = models.ForeignKey(
        StaffMember,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        verbose_name=_("medarbejder"),
    )
    role = models.CharField(
        _("rolle i teamet"), max_length=20, choices=TeamRole.choices, default=TeamRole.MEMBER
    )

    class Meta:
        ordering = ["team", "role", "staff_member__user__first_name"]
        verbose_name = _("teammedlemskab")
        verbose_name_plural = _("teammedlemskaber")
        constraints = [
            models.UniqueConstraint(fields=["team", "staff_member"], name="unique_team_member")
        ]

    def __str__(self):
        return f"{self.staff_member} – {self.get_role_display()} ({self.team})"

    @property
    def authority_area(self):
        return self.staff_member.unit.authority_area if self.staff_member.unit_id else None


class PathwayStatus(models.TextChoices):
    OPEN = "open", _("Åbent")
    CLOSED = "closed", _("Afsluttet")


class PathwayQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=PathwayStatus.OPEN)

    def visible_to(self, user):
        """Pathways of the user's teams, and a citizen's own; leaders see aggregates only."""
        if not user.is_authenticated:
            return self.none()
        # The user's few team and citizen ids as lists, not joins or subqueries: an OR of
        # two lists lets PostgreSQL combine two index scans, where an OR of subqueries
        # scanned all 30,000 pathways of the national data set (6 ms per query).
        teams = TeamMembership.objects.filter(staff_member__user=user)
        return self.filter(
            Q(team_id__in=list(teams.values_list("team_id", flat=True)))
            | Q(citizen_id__in=list(Citizen.objects.filter(user=user).values_list("pk", flat=True)))
        )


class Pathway(TimeStampedModel):
    """A coherent citizen pathway, opened as a trial action (prøvehandling) by a team.

    Deliberately no target-group field: who gets a pathway is a professional judgement,
    recorded as free text in `rationale`, independent of age, diagnosis and sector.
    """

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="pathways", verbose_name=_("team")
    )
    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="pathways", verbose_name=_("borger")
    )
    rationale = models.TextField(
        _("begrundelse for forløbet"),
        help_text=_(
            "Jeres faglige vurdering: hvorfor kan netop denne borger have gavn af et "
            "sammenhængende forløb?"
        ),
    )
    citizen_goals = models.TextField(
        _("borgerens egne mål"),
        blank=True,
        help_text=_("Hvad er vigtigt for dig? Skriv med borgerens egne ord."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PathwayStatus.choices, default=PathwayStatus.OPEN
    )
    opened_on = models.DateField(_("startet"), default=timezone.localdate)
    closed_on = models.DateField(_("afsluttet"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("startet af"),
    )

    objects = PathwayQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("borgerforløb")
        verbose_name_plural = _("borgerforløb")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "citizen"],
                condition=Q(status="open"),
                name="one_open_pathway_per_team_and_citizen",
            )
        ]

    def __str__(self):
        return f"{self.citizen} ({self.team})"

    def get_absolute_url(self):
        return reverse("pathways:pathway-detail", args=[self.pk])

    def clean(self):
        if not (self.rationale or "").strip():
            raise ValidationError(
                {"rationale": _("Skriv teamets begrundelse for, at borgeren får et forløb.")}
            )

    @property
    def is_open(self):
        return self.status == PathwayStatus.OPEN


class Sector(models.TextChoices):
    MUNICIPAL = "municipal", _("Kommune")
    REGIONAL = "regional", _("Region")
    CIVIL_SOCIETY = "civil_society", _("Civilsamfund")
    GENERAL_PRACTICE = "general_practice", _("Almen praksis (egen læge)")


class PathwayActor(TimeStampedModel):
    """Someone involved in the pathway across sectors (aktør)."""

    pathway = models.ForeignKey(
        Pathway, on_delete=models.CASCADE, related_name="actors", verbose_name=_("forløb")
    )
    name = models.CharField(_("navn eller funktion"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sektor"), max_length=20, choices=Sector.choices)

    class Meta:
        ordering = ["sector", "name"]
        verbose_name = _("aktør")
        verbose_name_plural = _("aktører")

    def __str__(self):
        return self.name


class PlanActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Udført")
    DROPPED = "dropped", _("Droppet")


class PlanAction(TimeStampedModel):
    """One action in the pathway's shared plan."""

    pathway = models.ForeignKey(
        Pathway, on_delete=models.CASCADE, related_name="plan_actions", verbose_name=_("forløb")
    )
    description = models.TextField(_("handling"))
    owner = models.CharField(
        _("ansvarlig"), max_length=200, help_text=_("Fx borgeren, en fagperson eller en aktør.")
    )
    due_on = models.DateField(_("frist"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlanActionStatus.choices,
        default=PlanActionStatus.PLANNED,
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("handling i planen")
        verbose_name_plural = _("handlinger i planen")

    def __str__(self):
        return self.description[:60]


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(pathway__in=Pathway.objects.visible_to(user))

    def capture_overdue(self, today=None, days=None):
        """Meetings still without a learning capture `days` after they were held."""
        today = today or timezone.localdate()
        days = capture_overdue_days() if days is None else days
        return self.filter(
            learning_capture__isnull=True, held_on__lte=today - datetime.timedelta(days=days)
        )


class Meeting(TimeStampedModel):
    pathway = models.ForeignKey(
        Pathway, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("forløb")
    )
    held_on = models.DateField(_("dato"), default=timezone.localdate)
    with_citizen = models.BooleanField(_("med borgeren"), default=True)
    participants = models.ManyToManyField(
        StaffMember, blank=True, related_name="+", verbose_name=_("deltagere fra teamet")
    )
    other_participants = models.CharField(
        _("andre deltagere"),
        max_length=300,
        blank=True,
        help_text=_("Fx pårørende, egen læge eller en frivillig."),
    )
    supervisor_present = models.BooleanField(_("supervisor deltog"), default=False)
    agenda = models.TextField(_("dagsorden"), blank=True)
    minutes = models.TextField(_("kort referat"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")

    def __str__(self):
        return f"{self.held_on:%d.%m.%Y} – {self.pathway}"

    def get_absolute_url(self):
        return reverse("pathways:meeting-detail", args=[self.pk])

    def clean(self):
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError(
                {"held_on": _("Mødet kan ikke være holdt i fremtiden. Ret datoen.")}
            )


class PracticeElementQuerySet(models.QuerySet):
    def for_team(self, team):
        """Elements of the team, and the organisation-wide ones."""
        return self.filter(organisation_id=team.organisation_id).filter(
            Q(team__isnull=True) | Q(team=team)
        )

    def visible_to(self, user):
        """Elements of the user's teams and their organisations (team members only)."""
        teams = Team.objects.member_of(user)
        return self.filter(
            Q(team__in=teams)
            | Q(team__isnull=True, organisation_id__in=teams.values("organisation_id"))
        ).distinct()

    def with_capture_counts(self, team_ids) -> list:
        """The elements as a list, each with `capture_count`: its learning captures in the
        given teams, counted from the teams' side in one query (an annotation would join
        every capture of the organisation's elements: 20 ms at national scale)."""
        elements = list(self)
        links = LearningCapture.practice_elements.through.objects
        counts = dict(
            links.filter(
                practiceelement_id__in=[e.pk for e in elements],
                learningcapture__meeting__pathway__team_id__in=list(team_ids),
            )
            .values("practiceelement_id")
            .annotate(n=models.Count("learningcapture_id", distinct=True))
            .values_list("practiceelement_id", "n")
        )
        for element in elements:
            element.capture_count = counts.get(element.pk, 0)
        return elements


class PracticeElement(TimeStampedModel):
    """An element of the way of working being tried, e.g. "fælles plan" or "FIT"."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="practice_elements",
        verbose_name=_("organisation"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="practice_elements",
        verbose_name=_("team"),
        help_text=_("Tom: elementet afprøves i hele organisationen."),
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)

    objects = PracticeElementQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("praksiselement")
        verbose_name_plural = _("praksiselementer")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "team", "name"], name="unique_practice_element"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pathways:element-detail", args=[self.pk])

    def clean(self):
        if self.team_id and self.team.organisation_id != self.organisation_id:
            raise ValidationError({"team": _("Teamet hører til en anden organisation.")})


class LearningCapture(TimeStampedModel):
    """Læringsopsamling after a meeting, facilitated by the supervisor."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="learning_capture", verbose_name=_("møde")
    )
    what_worked = models.TextField(_("hvad fungerede?"))
    what_next = models.TextField(_("hvad skal vi arbejde med til næste gang?"))
    practice_elements = models.ManyToManyField(
        PracticeElement,
        blank=True,
        related_name="learning_captures",
        verbose_name=_("praksiselementer"),
    )
    perspective = models.CharField(_("perspektiv"), max_length=10, choices=Perspective.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )

    class Meta:
        ordering = ["-meeting__held_on", "-pk"]
        verbose_name = _("læringsopsamling")
        verbose_name_plural = _("læringsopsamlinger")

    def __str__(self):
        return f"{_('Læringsopsamling')} {self.meeting}"


def _score_field(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )


#: The four rating items, in our own plain-Danish wording.
RATING_ITEMS = ["heard", "what_matters", "way_of_working", "overall"]


class MeetingRatingQuerySet(models.QuerySet):
    def latest_with_previous(self, n: int):
        """The n latest ratings in time order, each with `previous_overall`: the same
        pathway's rating before it, also when that one is older than the n shown, so a run
        chart of the latest ratings flags a fall exactly as one of all of them would."""
        in_time = [F("meeting__held_on").asc(), F("pk").asc()]
        return (
            self.annotate(
                previous_overall=Window(
                    Lag("overall"), partition_by=F("meeting__pathway_id"), order_by=in_time
                ),
                recency=Window(
                    RowNumber(), order_by=[F("meeting__held_on").desc(), F("pk").desc()]
                ),
            )
            .filter(recency__lte=n)
            .order_by("meeting__held_on", "pk")
        )


class MeetingRating(TimeStampedModel):
    """The citizen's own rating of a meeting, given on the hand-over screen (0–10 each)."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="rating", verbose_name=_("møde")
    )
    heard = _score_field(_("Jeg følte mig hørt og respekteret"))
    what_matters = _score_field(_("Vi talte om det, der er vigtigt for mig"))
    way_of_working = _score_field(_("Måden, vi arbejdede på, passede mig"))
    overall = _score_field(_("Alt i alt"))
    comment = models.TextField(_("Hvad gjorde en forskel i dag?"), blank=True)

    objects = MeetingRatingQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__held_on", "pk"]
        verbose_name = _("borgerens vurdering af mødet")
        verbose_name_plural = _("borgernes vurderinger af møder")
        constraints = [
            models.CheckConstraint(
                condition=Q(heard__lte=10)
                & Q(what_matters__lte=10)
                & Q(way_of_working__lte=10)
                & Q(overall__lte=10),
                name="rating_items_at_most_10",
            )
        ]

    def __str__(self):
        return f"{self.meeting}: {self.overall}"

    def clean(self):
        if self.meeting_id and not self.meeting.with_citizen:
            raise ValidationError(_("Kun møder med borgeren kan vurderes af borgeren."))


class RatingHandover(Handover):
    """A single-use, expiring hand-over of the professional's device to the citizen for one
    meeting's rating (token, expiry and single use: core.kiosk.Handover)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("møde")
    )

    class Meta:
        verbose_name = _("overlevering til borgeren")
        verbose_name_plural = _("overleveringer til borgeren")

    def __str__(self):
        return f"{self.meeting} ({self.created_at:%d.%m.%Y %H:%M})"


class Decision(models.TextChoices):
    DEVELOP = "develop", _("Udvikl videre")
    ADJUST = "adjust", _("Justér")
    DROP = "drop", _("Drop")


class PracticeDecision(TimeStampedModel):
    """One plan-do-study-act turn for a practice element: predicted, observed, decided."""

    element = models.ForeignKey(
        PracticeElement,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("praksiselement"),
    )
    predicted = models.TextField(_("hvad forventede vi?"))
    observed = models.TextField(_("hvad så vi?"))
    decision = models.CharField(_("beslutning"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("begrundelse"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("besluttet af"),
    )
    decided_on = models.DateField(_("dato"), default=timezone.localdate)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("beslutning om praksiselement")
        verbose_name_plural = _("beslutninger om praksiselementer")

    def __str__(self):
        return f"{self.element}: {self.get_decision_display()}"
