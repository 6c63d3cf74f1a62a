"""Calendar feeds: the secret address is the key, revoking ends it, events name no one."""

import datetime
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.calendars import actions
from samskab.calendars.models import CalendarFeed
from samskab.partnerships.models import PartnershipMeeting
from samskab.partnerships.tests.factories import facilitator_for, partnership
from samskab.pathways.tests.factories import MeetingFactory, PathwayFactory, team_user
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def feed_url(token):
    return reverse("calendars:feed", args=[token])


def events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def meeting_of(p, **kwargs):
    return PartnershipMeeting.objects.create(
        partnership=p,
        activity="walk",
        held_on=kwargs.pop("held_on", timezone.localdate() + datetime.timedelta(days=3)),
        starts_at=datetime.time(10, 0),
        place="Hjemme hos Mille, Vestergade 3",
        duration_hours=Decimal("1.5"),
        **kwargs,
    )


@pytest.fixture
def pair():
    p = partnership()
    meeting_of(p)
    return p


def test_feed_needs_no_login_and_parses_as_icalendar(client, pair):
    token = actions.create_feed(by=pair.leader.user)

    response = client.get(feed_url(token))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = events(response)
    assert str(event["summary"]) == "Partnerskabsmøde"
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(hours=1.5)
    assert str(event["url"]).endswith(pair.get_absolute_url())


def test_feed_names_no_one_and_no_place(client, pair):
    token = actions.create_feed(by=pair.leader.user)

    body = client.get(feed_url(token)).content.decode()

    assert pair.expert.citizen.display_name not in body
    assert "Vestergade" not in body
    assert "DESCRIPTION" not in body and "LOCATION" not in body


def test_revoked_token_gives_404(client, pair):
    token = actions.create_feed(by=pair.leader.user)
    actions.revoke_feed(by=pair.leader.user)

    assert client.get(feed_url(token)).status_code == 404


def test_a_new_address_ends_the_old_one(client, pair):
    old = actions.create_feed(by=pair.leader.user)
    new = actions.create_feed(by=pair.leader.user)

    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200
    assert CalendarFeed.objects.filter(user=pair.leader.user).count() == 1


def test_unknown_token_and_inactive_user_give_404(client, pair):
    assert client.get(feed_url("not-a-token")).status_code == 404
    token = actions.create_feed(by=pair.leader.user)
    pair.leader.user.is_active = False
    pair.leader.user.save()

    assert client.get(feed_url(token)).status_code == 404


def test_token_is_stored_only_as_its_hash(pair):
    token = actions.create_feed(by=pair.leader.user)

    stored = CalendarFeed.objects.get(user=pair.leader.user).token_hash
    assert token not in stored and len(stored) == 64


def test_each_token_shows_only_its_own_users_meetings(client, pair):
    other = partnership()
    meeting_of(other)
    meeting_of(other)
    mine = actions.create_feed(by=pair.leader.user)
    theirs = actions.create_feed(by=other.expert.citizen.user)

    assert len(events(client.get(feed_url(mine)))) == 1
    their_events = events(client.get(feed_url(theirs)))
    assert len(their_events) == 2
    assert all(pair.get_absolute_url() not in str(e["url"]) for e in their_events)


def test_facilitator_sees_the_meetings_of_their_rounds_only(client, pair):
    meeting_of(partnership())  # another organisation's round
    token = actions.create_feed(by=facilitator_for(pair.round))

    assert len(events(client.get(feed_url(token)))) == 1


def test_pathway_meetings_reach_team_members_and_the_citizen_not_others(client):
    meeting = MeetingFactory()
    pathway = meeting.pathway
    member = team_user(pathway.team)
    MeetingFactory(pathway=PathwayFactory())  # another team's
    pathway.citizen.user = user_with_role(Role.CITIZEN, pathway.team.organisation)
    pathway.citizen.save()
    leader = user_with_role(Role.LEADER, pathway.team.organisation)

    for user, count in ((member, 1), (pathway.citizen.user, 1), (leader, 0)):
        token = actions.create_feed(by=user)
        found = events(client.get(feed_url(token)))
        assert len(found) == count, user
    (event,) = events(client.get(feed_url(actions.create_feed(by=member))))
    assert str(event["summary"]) == "Forløbsmøde"
    assert event.decoded("dtstart") == meeting.held_on
    assert (
        pathway.citizen.display_name
        not in client.get(feed_url(actions.create_feed(by=member))).content.decode()
    )


def test_account_page_creates_shows_once_and_revokes(client, pair):
    user = pair.leader.user
    client.force_login(user)

    created = client.post(reverse("calendars:feed-create"), follow=True)
    url = created.context["calendar_feed_url"]
    assert url and url.endswith(".ics")
    assert "/kalender/" in url
    again = client.get(reverse("core:account"))
    assert again.context["calendar_feed_url"] is None
    assert again.context["calendar_feed"] is not None

    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert client.get(feed_url(token)).status_code == 200
    client.post(reverse("calendars:feed-revoke"))
    assert client.get(feed_url(token)).status_code == 404


def test_feed_buttons_need_login_and_post(client, pair):
    assert client.post(reverse("calendars:feed-create")).status_code == 302
    assert not CalendarFeed.objects.exists()
    client.force_login(pair.leader.user)
    assert client.get(reverse("calendars:feed-create")).status_code == 405
