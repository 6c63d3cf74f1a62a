"""Writes in insights: saving a theme, reading notifications, the e-mail choice."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import NotificationPreference, SavedTheme
from .permissions import can_use_insights


@transaction.atomic
def save_theme(*, by, data: dict) -> SavedTheme:
    """Save a mined (or hand-made) theme for the author's organisation."""
    if not can_use_insights(by):
        raise ValidationError(_("Du kan ikke gemme temaer."))
    staff = getattr(by, "staff_member", None)
    if staff is None:
        raise ValidationError(_("Kun medarbejdere i en organisation kan gemme temaer."))
    name = (data.get("name") or "").strip()
    if SavedTheme.objects.filter(organisation=staff.organisation, name__iexact=name).exists():
        raise ValidationError(
            _("Din organisation har allerede et tema med navnet «%(name)s». Vælg et andet navn.")
            % {"name": name}
        )
    theme = SavedTheme(
        name=name,
        keywords=list(data.get("keywords") or []),
        description=data.get("description", ""),
        organisation=staff.organisation,
        created_by=by,
    )
    theme.full_clean()
    theme.save()
    return theme


@transaction.atomic
def mark_read(*, by, notifications) -> int:
    ids = [n.pk for n in notifications if n.user_id == by.pk and n.read_at is None]
    return by.notifications.filter(pk__in=ids).update(read_at=timezone.now())


@transaction.atomic
def set_email_frequency(*, by, frequency: str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=by)
    preference.email_frequency = frequency
    preference.full_clean()
    preference.save()
    return preference
