"""The feed itself (no login: the secret address is the key) and the account page's buttons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import actions
from .feed import build_calendar
from .models import CalendarFeed

#: The new address is shown once on the account page, then only its hash remains.
SESSION_KEY = "calendar_feed_url"


@login_not_required
@require_GET
def feed(request, token):
    """The user's meetings as text/calendar; the same 404 for a revoked or unknown token."""
    found = CalendarFeed.objects.for_token(token).select_related("user").first()
    if found is None:
        raise Http404
    CalendarFeed.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    with translation.override("da"):
        content = build_calendar(found.user, request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="samskab.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def feed_create(request):
    token = actions.create_feed(by=request.user)
    request.session[SESSION_KEY] = request.build_absolute_uri(
        reverse("calendars:feed", args=[token])
    )
    messages.success(
        request,
        _("Din nye kalenderadresse er klar. En tidligere adresse virker ikke længere."),
    )
    return redirect(reverse("core:account") + "#kalender")


@require_POST
def feed_revoke(request):
    if actions.revoke_feed(by=request.user):
        messages.success(request, _("Kalenderadressen er slettet og virker ikke længere."))
    request.session.pop(SESSION_KEY, None)
    return redirect(reverse("core:account") + "#kalender")


def account_context(request) -> dict:
    """For the account page: whether a feed exists, and the new address shown just once."""
    return {
        "calendar_feed": CalendarFeed.objects.filter(user=request.user).first(),
        "calendar_feed_url": request.session.pop(SESSION_KEY, None),
    }
