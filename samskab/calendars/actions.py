"""Creating (or replacing) and revoking a user's calendar feed."""

import secrets

from django.db import transaction

from .models import CalendarFeed, hash_token


@transaction.atomic
def create_feed(*, by) -> str:
    """A new secret token for `by`'s feed; any earlier address stops working at once.

    Returns the token itself, which is never stored: show it to the user this once.
    """
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.filter(user=by).delete()
    feed = CalendarFeed(user=by, token_hash=hash_token(token))
    feed.full_clean()
    feed.save()
    return token


@transaction.atomic
def revoke_feed(*, by) -> bool:
    deleted, _ = CalendarFeed.objects.filter(user=by).delete()
    return bool(deleted)
