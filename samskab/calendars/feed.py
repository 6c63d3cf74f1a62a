"""The meetings in a user's calendar feed, as iCalendar.

Calendars are synchronised to third-party services (Google, Microsoft, Apple), so an
event carries no names, places or notes: only "Partnerskabsmøde" or "Forløbsmøde", the
time and a link to the meeting in Samskab, which needs a login. That is why the feed is
not access-logged: it holds no citizen's personal data.
"""

import datetime

import icalendar
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.partnerships.models import Partnership, PartnershipMeeting
from samskab.pathways.models import Meeting

#: How far back the feed reaches; calendar apps keep older events themselves.
HISTORY_DAYS = 180


def partnership_meetings(user, since):
    """Meetings of the partnerships the user takes part in or facilitates."""
    return (
        PartnershipMeeting.objects.filter(
            partnership__in=Partnership.objects.visible_to(user), held_on__gte=since
        )
        .only("pk", "partnership_id", "held_on", "starts_at", "duration_hours", "created_at")
        .order_by("held_on", "pk")
    )


def pathway_meetings(user, since):
    """Meetings of the pathways the user may see: their team's, or a citizen's own."""
    return (
        Meeting.objects.visible_to(user)
        .filter(held_on__gte=since)
        .only("pk", "held_on", "created_at")
        .order_by("held_on", "pk")
    )


def build_calendar(user, base_url: str, today=None) -> bytes:
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=HISTORY_DAYS)
    tz = timezone.get_current_timezone()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Samskab//Kalender//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Samskab")
    calendar.add("x-published-ttl", "PT1H")
    for meeting in partnership_meetings(user, since):
        event = _event(
            f"partnership-meeting-{meeting.pk}@samskab",
            _("Partnerskabsmøde"),
            base_url + reverse("partnerships:partnership-detail", args=[meeting.partnership_id]),
            meeting.created_at,
        )
        if meeting.starts_at:
            start = datetime.datetime.combine(meeting.held_on, meeting.starts_at, tzinfo=tz)
            event.add("dtstart", start)
            event.add("dtend", start + datetime.timedelta(hours=float(meeting.duration_hours)))
        else:
            _all_day(event, meeting.held_on)
        calendar.add_component(event)
    for meeting in pathway_meetings(user, since):
        event = _event(
            f"pathway-meeting-{meeting.pk}@samskab",
            _("Forløbsmøde"),
            base_url + reverse("pathways:meeting-detail", args=[meeting.pk]),
            meeting.created_at,
        )
        _all_day(event, meeting.held_on)
        calendar.add_component(event)
    return calendar.to_ical()


def _event(uid, summary, url, stamp):
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("url", url)
    event.add("dtstamp", stamp)
    event.add("class", "PRIVATE")
    return event


def _all_day(event, day):
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
