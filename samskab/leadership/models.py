"""Opportunity spaces (mulighedsrum), the shared leadership forum (fælles ledelsesrum) with
members, meetings, agenda items and decisions, barriers from practice, and evidence links.

An evidence link stores only (source key, object id) into the insight-source registry
(`samskab.insights.sources`); it is re-checked through the registry every time it is shown,
so an insight that later becomes private or invisible never surfaces through a decision.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.core.models import TimeStampedModel
from samskab.people.models import Organisation


class ForumQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members see their forums; a platform administrator sees all."""
        from samskab.people.permissions import is_platform_admin

        if not user.is_authenticated:
            return self.none()
        if is_platform_admin(user):
            return self.all()
        return self.filter(members__user=user).distinct()


class Forum(TimeStampedModel):
    """Fælles ledelsesrum: a cross-sector forum of leaders, e.g. a health-cooperation board."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    purpose = models.TextField(_("formål"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="leadership_forums",
        verbose_name=_("værtsorganisation"),
        help_text=_("Organisationen, der har sekretariatet for forummet."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("fælles ledelsesrum")
        verbose_name_plural = _("fælles ledelsesrum")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("leadership:forum-detail", args=[self.pk])


class ForumRole(models.TextChoices):
    CHAIR = "chair", _("Formand")
    SECRETARY = "secretary", _("Sekretariat")
    MEMBER = "member", _("Medlem")


class ForumMember(TimeStampedModel):
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="members", verbose_name=_("forum")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_memberships",
        verbose_name=_("leder"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("rolle"), max_length=10, choices=ForumRole.choices, default=ForumRole.MEMBER
    )

    class Meta:
        ordering = ["forum", "organisation__name", "user__first_name"]
        verbose_name = _("medlem af ledelsesrum")
        verbose_name_plural = _("medlemmer af ledelsesrum")
        constraints = [
            models.UniqueConstraint(fields=["forum", "user"], name="unique_forum_member")
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.organisation})"


class ForumMeeting(TimeStampedModel):
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("forum")
    )
    held_on = models.DateField(_("dato"))
    title = models.CharField(_("titel"), max_length=200)
    place = models.CharField(_("sted"), max_length=200, blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("møde i ledelsesrummet")
        verbose_name_plural = _("møder i ledelsesrummet")

    def __str__(self):
        return f"{self.title} ({self.held_on:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("leadership:meeting-detail", args=[self.pk])


class OpportunitySpaceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A problem statement is no one's personal data: every staff member in the network
        reads it. Its evidence is filtered per reader through the insight registry."""
        from samskab.people.permissions import is_platform_admin, is_staff_member

        if not user.is_authenticated or not (is_staff_member(user) or is_platform_admin(user)):
            return self.none()
        return self.all()


class OpportunitySpace(TimeStampedModel):
    """Mulighedsrum: a problem statement composed from insights on both sides of the
    lemniscate, for shared leaders to decide on."""

    title = models.CharField(_("titel"), max_length=200)
    problem_statement = models.TextField(
        _("problemformulering"),
        help_text=_("Hvad er problemet set fra både borgerens og systemets side?"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="opportunity_spaces",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )

    objects = OpportunitySpaceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mulighedsrum")
        verbose_name_plural = _("mulighedsrum")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("leadership:space-detail", args=[self.pk])


class BarrierStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    ESCALATED = "escalated", _("Sendt til ledelsesrum")
    RESOLVED = "resolved", _("Løst")


class BarrierQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organisational barriers are not personal data: every staff member reads them."""
        from samskab.people.permissions import is_platform_admin, is_staff_member

        if not user.is_authenticated or not (is_staff_member(user) or is_platform_admin(user)):
            return self.none()
        return self.all()

    def unresolved(self):
        return self.exclude(status=BarrierStatus.RESOLVED)


class Barrier(TimeStampedModel):
    """An organisational barrier frontline staff met in a pathway or a project."""

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(
        _("hvad skete der?"),
        help_text=_("Beskriv barrieren uden navne eller andre personoplysninger."),
    )
    consequence = models.TextField(_("hvad betyder det for borgeren?"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="barriers",
        verbose_name=_("organisation"),
    )
    team = models.ForeignKey(
        "pathways.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="barriers",
        verbose_name=_("team (borgerforløb)"),
    )
    project = models.ForeignKey(
        "innovation.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="barriers",
        verbose_name=_("projekt"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BarrierStatus.choices,
        default=BarrierStatus.OPEN,
        editable=False,
    )
    resolved_by = models.ForeignKey(
        "Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolved_barriers",
        verbose_name=_("løst ved beslutning"),
        editable=False,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )

    objects = BarrierQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("barriere")
        verbose_name_plural = _("barrierer")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("leadership:barrier-detail", args=[self.pk])


class AgendaItem(TimeStampedModel):
    """An opportunity space or barrier taken to a forum; without a meeting it waits to be
    scheduled by the forum."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("forum")
    )
    meeting = models.ForeignKey(
        ForumMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("møde"),
    )
    opportunity_space = models.ForeignKey(
        OpportunitySpace,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("mulighedsrum"),
    )
    barrier = models.ForeignKey(
        Barrier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("barriere"),
    )
    note = models.TextField(_("hvad skal ledelsesrummet tage stilling til?"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sat på af"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("punkt på dagsordenen")
        verbose_name_plural = _("punkter på dagsordenen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(opportunity_space__isnull=False) & Q(barrier__isnull=True))
                | (Q(opportunity_space__isnull=True) & Q(barrier__isnull=False)),
                name="agenda_item_space_xor_barrier",
            )
        ]

    def __str__(self):
        return str(self.subject)

    @property
    def subject(self):
        return self.opportunity_space or self.barrier


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Gennemført")
    DROPPED = "dropped", _("Opgivet")


#: The T-shaped check (T-formet ledelse): look up from the local decision to the shared task,
#: to colleagues in other sectors and to the citizen's whole pathway. All three must be answered.
T_CHECK_FIELDS = ("t_shared_task", "t_other_sectors", "t_citizen_pathway")


class DecisionQuerySet(models.QuerySet):
    def final(self):
        return self.filter(is_final=True)

    def informed_by(self, source: str, object_id: int):
        """Decisions on agenda items whose opportunity space or barrier cites this insight."""
        return self.filter(
            Q(
                agenda_item__opportunity_space__evidence__source=source,
                agenda_item__opportunity_space__evidence__object_id=object_id,
            )
            | Q(
                agenda_item__barrier__evidence__source=source,
                agenda_item__barrier__evidence__object_id=object_id,
            )
        ).distinct()

    def informed_by_any(self, source: str, object_ids):
        object_ids = list(object_ids)
        return self.filter(
            Q(
                agenda_item__opportunity_space__evidence__source=source,
                agenda_item__opportunity_space__evidence__object_id__in=object_ids,
            )
            | Q(
                agenda_item__barrier__evidence__source=source,
                agenda_item__barrier__evidence__object_id__in=object_ids,
            )
        ).distinct()


class Decision(TimeStampedModel):
    """A decision in the forum, with owner, due date, follow-up and the T-shaped check."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("punkt på dagsordenen"),
    )
    title = models.CharField(_("beslutning (kort)"), max_length=200)
    text = models.TextField(_("beslutningen"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ansvarlig"),
    )
    due_on = models.DateField(_("frist"))
    follow_up = models.CharField(
        _("opfølgning"),
        max_length=12,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.PLANNED,
    )
    t_shared_task = models.TextField(
        _("Konsekvenser for den fælles opgave"),
        blank=True,
        help_text=_("Hvordan påvirker beslutningen den fælles opgaveløsning?"),
    )
    t_other_sectors = models.TextField(
        _("Konsekvenser for kolleger i andre sektorer"),
        blank=True,
        help_text=_("Hvem i andre sektorer mærker beslutningen, og hvordan?"),
    )
    t_citizen_pathway = models.TextField(
        _("Konsekvenser for borgerens samlede forløb"),
        blank=True,
        help_text=_("Hvad vil være bedst for borgerens samlede forløb?"),
    )
    resolves_barrier = models.BooleanField(
        _("beslutningen løser barrieren"),
        default=False,
        help_text=_("Kun for barrierer: barrieren lukkes, når beslutningen er endelig."),
    )
    is_final = models.BooleanField(_("endelig"), default=False, editable=False)
    finalised_at = models.DateTimeField(_("gjort endelig"), null=True, blank=True, editable=False)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gjort endelig af"),
        editable=False,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("leadership:decision-detail", args=[self.pk])

    def missing_t_check(self) -> list[str]:
        """Labels of the T-shaped check's questions still unanswered."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in T_CHECK_FIELDS
            if not getattr(self, name).strip()
        ]


class EvidenceLink(TimeStampedModel):
    """An insight cited as evidence for an opportunity space or a barrier: (source, id) only."""

    opportunity_space = models.ForeignKey(
        OpportunitySpace,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("mulighedsrum"),
    )
    barrier = models.ForeignKey(
        Barrier,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("barriere"),
    )
    source = models.CharField(_("kilde"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("id i kilden"))
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("koblet af"),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indsigt som evidens")
        verbose_name_plural = _("indsigter som evidens")
        indexes = [models.Index(fields=["source", "object_id"], name="evidence_source_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(opportunity_space__isnull=False) & Q(barrier__isnull=True))
                | (Q(opportunity_space__isnull=True) & Q(barrier__isnull=False)),
                name="evidence_space_xor_barrier",
            ),
            models.UniqueConstraint(
                fields=["opportunity_space", "source", "object_id"],
                condition=Q(opportunity_space__isnull=False),
                name="unique_space_evidence",
            ),
            models.UniqueConstraint(
                fields=["barrier", "source", "object_id"],
                condition=Q(barrier__isnull=False),
                name="unique_barrier_evidence",
            ),
        ]

    def __str__(self):
        return f"{self.source}#{self.object_id}"
