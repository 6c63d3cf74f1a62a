"""The search index of insights, saved themes, and per-user notifications and their settings.

`InsightEntry` is a denormalised copy of each insight from `sources.py`, kept current by the
source apps' actions (`index.update_insight` / `index.remove_insight`) and rebuilt by
`manage.py rebuild_insight_index`. It is never read without the sources' permission filter
(`search.visible_entries`). Full text: PostgreSQL's `danish` configuration on a GIN-indexed
`search_vector`; on SQLite an FTS5 table of Snowball stems (see the migrations and index.py).
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.core.models import Perspective, TimeStampedModel
from samskab.people.models import Organisation

PRACTICE_CHOICES = [
    ("partnerships", _("Partnerskaber")),
    ("pathways", _("Borgerforløb")),
    ("innovation", _("Velfærdsinnovation")),
    ("compass", _("Esbjerg-modellen")),
    ("leadership", _("Fælles ledelsesrum")),
]


class InsightEntry(models.Model):
    """One insight, copied from its source for search, balance and themes."""

    source = models.CharField(_("kilde"), max_length=64)
    object_id = models.PositiveBigIntegerField(_("objekt-id"))
    text = models.TextField(_("tekst"))
    title = models.CharField(_("titel"), max_length=300, blank=True)
    url = models.CharField(_("adresse"), max_length=300, blank=True)
    perspective = models.CharField(
        _("perspektiv"), max_length=10, choices=Perspective.choices, db_index=True
    )
    practice = models.CharField(_("praksis"), max_length=32, db_index=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("dato"), db_index=True)
    author_id = models.BigIntegerField(_("forfatter-id"), null=True, blank=True)
    is_private = models.BooleanField(_("privat"), default=False)
    # Scopes for the balance per round, team or project; the citizen for access logging.
    round_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    team_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    project_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    citizen_id = models.BigIntegerField(null=True, blank=True)
    #: PostgreSQL only (GIN index added by a vendor-conditional migration); null on SQLite.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    indexed_at = models.DateTimeField(_("indekseret"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("indsigt i søgeindekset")
        verbose_name_plural = _("indsigter i søgeindekset")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="one_entry_per_insight")
        ]

    def __str__(self):
        return f"{self.source}#{self.object_id}: {self.text[:40]}"

    def get_perspective_label(self):
        return Perspective(self.perspective).label


class SavedThemeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Themes saved in the user's organisations, and the user's own."""
        from samskab.people.permissions import roles_of

        if not user.is_authenticated:
            return self.none()
        organisation_ids = {org for _role, org in roles_of(user) if org is not None}
        return self.filter(
            models.Q(organisation_id__in=organisation_ids) | models.Q(created_by=user)
        )


class SavedTheme(TimeStampedModel):
    """A theme found across practices, named and kept to follow it over time."""

    name = models.CharField(_("navn"), max_length=200)
    keywords = models.JSONField(_("nøgleord"), default=list)
    description = models.TextField(_("beskrivelse"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="saved_themes",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gemt af"),
    )

    objects = SavedThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemt tema")
        verbose_name_plural = _("gemte temaer")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_theme_name")
        ]

    def __str__(self):
        return self.name


class EmailFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Med det samme")
    DAILY = "daily", _("Samlet én gang om dagen")
    OFF = "off", _("Aldrig – kun i Samskab")


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_frequency = models.CharField(
        _("e-mail om påmindelser"),
        max_length=12,
        choices=EmailFrequency.choices,
        default=EmailFrequency.DAILY,
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("indstilling for påmindelser")
        verbose_name_plural = _("indstillinger for påmindelser")

    def __str__(self):
        return f"{self.user}: {self.get_email_frequency_display()}"


class NotificationKind(models.TextChoices):
    CAPTURE_MISSING = "capture_missing", _("Møde uden læringsopsamling")
    PARTNERSHIP_OVERDUE = "partnership_overdue", _("Partnerskab efter den forventede periode")
    PLAN_ACTION_OVERDUE = "plan_action_overdue", _("Handling i planen er over fristen")
    GATE_UPCOMING = "gate_upcoming", _("Gatebeslutning venter")
    GATHERING_DUE = "gathering_due", _("Halvårligt fællesmøde")
    WORKSHOP_DUE = "workshop_due", _("Workshop hver anden måned")


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def open(self):
        """Still relevant: the item it is about is not done yet."""
        return self.filter(resolved_at__isnull=True)


class Notification(TimeStampedModel):
    """An in-app notification (and, by the user's choice, an e-mail): sent once per item."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("type"), max_length=32, choices=NotificationKind.choices)
    dedupe_key = models.CharField(max_length=200)
    title = models.CharField(_("titel"), max_length=300)
    body = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("adresse"), max_length=300, blank=True)
    due_on = models.DateField(_("frist"), null=True, blank=True)
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("klaret"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("sendt som e-mail"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notifikation")
        verbose_name_plural = _("notifikationer")
        constraints = [
            models.UniqueConstraint(fields=["user", "dedupe_key"], name="one_notification_per_item")
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="insights_notif_user_read")]

    def __str__(self):
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None
