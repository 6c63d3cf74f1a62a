"""Pathway pages: scoped access, clear Danish messages, access logging and bounded queries."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from samskab.core.models import AccessLogEntry
from samskab.core.tests.dates import pinned
from samskab.national.tests.template_queries import template_queries
from samskab.pathways.models import (
    LearningCapture,
    MeetingRating,
    Pathway,
    PracticeDecision,
    RatingHandover,
    TeamRole,
)
from samskab.people.models import ConsentPurpose, Role
from samskab.people.tests.factories import (
    PASSWORD,
    CitizenFactory,
    ConsentFactory,
    citizen_with_login,
    user_with_role,
)

from .factories import (
    LearningCaptureFactory,
    MeetingFactory,
    MeetingRatingFactory,
    PathwayFactory,
    PracticeElementFactory,
    TeamFactory,
    citizen_with_pathway_consent,
    team_user,
)

pytestmark = pytest.mark.django_db

SCORES = {"heard": "9", "what_matters": "8", "way_of_working": "7", "overall": "8"}


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def member(team):
    return team_user(team, TeamRole.COORDINATOR)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def _html(response):
    return response.content.decode()


# --- opening a pathway -------------------------------------------------------------------


def test_open_pathway_without_consent_shows_danish_message_and_stores_nothing(client, team, member):
    citizen = CitizenFactory(organisation=team.organisation)
    ConsentFactory(citizen=citizen, purpose=ConsentPurpose.REGISTRATION)
    client.force_login(member)
    response = client.post(
        reverse("pathways:pathway-create", args=[team.pk]),
        {"citizen": citizen.pk, "rationale": "Mange sager.", "citizen_goals": "Et job."},
    )
    html = _html(response)
    assert response.status_code == 200
    assert 'data-testid="error-summary"' in html
    assert "samtykke til et sammenhængende borgerforløb" in html
    assert not Pathway.objects.exists()
    assert not AccessLogEntry.objects.exists()


def test_open_pathway_without_rationale_shows_danish_message(client, team, member):
    citizen = citizen_with_pathway_consent(team.organisation)
    client.force_login(member)
    response = client.post(
        reverse("pathways:pathway-create", args=[team.pk]),
        {"citizen": citizen.pk, "rationale": "", "citizen_goals": "Et job."},
    )
    assert "Skriv teamets begrundelse" in _html(response)
    assert not Pathway.objects.exists()


def test_open_pathway_and_see_goals(client, team, member):
    citizen = citizen_with_pathway_consent(team.organisation)
    client.force_login(member)
    response = client.post(
        reverse("pathways:pathway-create", args=[team.pk]),
        {"citizen": citizen.pk, "rationale": "Ingen har overblik.", "citizen_goals": "Et job."},
    )
    pathway = Pathway.objects.get()
    assert response.url == pathway.get_absolute_url()
    html = _html(client.get(pathway.get_absolute_url()))
    assert "Et job." in html and "Ingen har overblik." in html


def test_citizen_of_other_organisation_cannot_be_chosen(client, team, member):
    foreign = citizen_with_pathway_consent(TeamFactory().organisation)
    client.force_login(member)
    response = client.post(
        reverse("pathways:pathway-create", args=[team.pk]),
        {"citizen": foreign.pk, "rationale": "Mange sager."},
    )
    assert response.status_code == 200
    assert not Pathway.objects.exists()


@pytest.mark.parametrize("role", [Role.LEADER, Role.PROFESSIONAL])
def test_non_members_cannot_open_pathways(client, team, role):
    user = user_with_role(role, team.organisation)
    client.force_login(user)
    expected = 403 if role == Role.LEADER else 404
    assert client.get(reverse("pathways:pathway-create", args=[team.pk])).status_code == expected


def test_anonymous_is_sent_to_login(client, team):
    response = client.get(reverse("pathways:team-detail", args=[team.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


# --- team page and start page ----------------------------------------------------------


def test_team_page_lists_pathways_for_members_and_logs_reads(client, team, member):
    pathway = PathwayFactory(team=team)
    client.force_login(member)
    html = _html(client.get(team.get_absolute_url()))
    assert pathway.citizen.display_name in html
    assert "Mangler" in html and "Socialafdeling" in html
    entry = AccessLogEntry.objects.get(object_type="pathways.Pathway")
    assert (entry.citizen_id, entry.purpose) == (pathway.citizen_id, "Teamets borgerforløb")


def test_team_chart_shows_the_latest_sixty_ratings_and_says_so(client, team, member):
    first = datetime.date(2026, 1, 1)
    with pinned(datetime.date(2026, 3, 15)):  # all 62 meetings held by then
        pathway = PathwayFactory(team=team)
        for i in range(62):
            meeting = MeetingFactory(pathway=pathway, held_on=first + datetime.timedelta(days=i))
            MeetingRatingFactory(meeting=meeting, overall=8)
        client.force_login(member)
        html = _html(client.get(team.get_absolute_url()))
    assert "viser de seneste 60 af teamets 62 vurderinger" in html
    shown = re.findall(r"<td>(\d+)\. jan 2026</td>", html, flags=re.IGNORECASE)
    assert "1" not in shown and "2" not in shown and "3" in shown
    logged = AccessLogEntry.objects.filter(object_type="pathways.MeetingRating").count()
    assert logged == 60  # only the ratings shown are read


def test_leader_sees_aggregates_but_no_citizen(client, team):
    pathway = PathwayFactory(team=team)
    MeetingRatingFactory(meeting=MeetingFactory(pathway=pathway), comment="Hemmelig kommentar")
    leader = user_with_role(Role.LEADER, team.organisation)
    client.force_login(leader)
    html = _html(client.get(team.get_absolute_url()))
    assert "overblik" in html and "Vurderinger pr. måned" in html
    assert pathway.citizen.display_name not in html and "Hemmelig" not in html
    start = _html(client.get(reverse("pathways:team-list")))
    assert team.name in start and pathway.citizen.display_name not in start
    assert not AccessLogEntry.objects.exists()
    assert client.get(pathway.get_absolute_url()).status_code == 404


# --- what a leader sees of the ratings: monthly counts and medians only -------------------


def _months():
    """The first days of last month and of this month (both up to today)."""
    this = timezone.localdate().replace(day=1)
    return (this - datetime.timedelta(days=1)).replace(day=1), this


def _rate(team, held_on, overall, pathway=None):
    """One rating by a citizen of the team; a new pathway (citizen) unless one is given."""
    meeting = MeetingFactory(pathway=pathway or PathwayFactory(team=team), held_on=held_on)
    return MeetingRatingFactory(meeting=meeting, overall=overall, heard=overall, comment="")


def _period_cells(html):
    """The data cells of the leader's monthly table, row by row."""
    table = html[html.index('data-testid="rating-periods"') :]
    table = table[: table.index("</table>")]
    return [
        (month, re.findall(r"<td>([^<]*)</td>", row))
        for month, row in re.findall(r'<th scope="row">([^<]*)</th>(.*?)</tr>', table, re.S)
    ]


def test_leader_team_page_shows_monthly_medians_and_no_single_rating(client, team):
    last, this = _months()
    for value in (3, 7, 8, 9, 10):  # five citizens: median 8
        _rate(team, last + datetime.timedelta(days=2), value)
    for value in (1, 4):  # two ratings: fewer than five, suppressed
        _rate(team, this, value)
    client.force_login(user_with_role(Role.LEADER, team.organisation))
    html = _html(client.get(team.get_absolute_url()))
    assert _period_cells(html) == [
        (date_format(last, "F Y"), ["5", "8"]),
        (date_format(this, "F Y"), ["Færre end 5", "Vises ikke"]),
    ]
    assert "mindst 5 vurderinger fra mindst 2 forskellige borgere" in html
    # No run chart, no rating table, no meeting date: nothing that is one rating.
    assert "Vurderinger i tal" not in html and "Forløbsdiagram" not in html
    assert date_format(last + datetime.timedelta(days=2), "j. M Y") not in html
    assert not AccessLogEntry.objects.exists()


def test_a_month_rated_by_one_citizen_only_shows_no_median(client, team):
    last, _this = _months()
    pathway = PathwayFactory(team=team)
    for day, value in enumerate((9, 2, 2, 3, 9, 9)):
        _rate(team, last + datetime.timedelta(days=day), value, pathway=pathway)
    client.force_login(user_with_role(Role.LEADER, team.organisation))
    html = _html(client.get(team.get_absolute_url()))
    assert _period_cells(html) == [(date_format(last, "F Y"), ["6", "Vises ikke"])]


@override_settings(PATHWAYS_LEADER_MIN_RATINGS=2)
def test_the_minimum_comes_from_the_setting(client, team):
    _last, this = _months()
    for value in (1, 4):
        _rate(team, this, value)
    client.force_login(user_with_role(Role.LEADER, team.organisation))
    html = _html(client.get(team.get_absolute_url()))
    assert _period_cells(html) == [(date_format(this, "F Y"), ["2", "2,5"])]


def _led_team_cells(html, team):
    row = re.search(rf">{re.escape(team.name)}</a></td>(.*?)</tr>", html, re.S).group(1)
    return re.findall(r"<td>([^<]*)</td>", row)


def test_leader_start_page_shows_a_team_median_only_from_the_minimum(client, team):
    _last, this = _months()
    _rate(team, this, 2)
    client.force_login(user_with_role(Role.LEADER, team.organisation))
    url = reverse("pathways:team-list")
    # Open pathways, meetings, overdue captures, ratings, median: one rating gives no median.
    assert _led_team_cells(_html(client.get(url)), team)[-2:] == ["1", "–"]
    for value in (6, 7, 9, 10):
        _rate(team, this, value)
    assert _led_team_cells(_html(client.get(url)), team)[-2:] == ["5", "7"]


def test_team_member_still_sees_the_run_chart_with_each_rating(client, team, member):
    last, _this = _months()
    pathway = PathwayFactory(team=team)
    _rate(team, last, 3, pathway=pathway)
    _rate(team, last + datetime.timedelta(days=3), 9, pathway=pathway)
    client.force_login(member)
    html = _html(client.get(team.get_absolute_url()))
    assert "Vurderinger i tal" in html and "Forløbsdiagram over 2 vurderinger" in html
    assert pathway.citizen.display_name in html and "Under 6 i alt" in html
    assert 'data-testid="rating-periods"' not in html


def test_leader_team_page_runs_the_same_queries_for_1_and_10_ratings(client, team):
    last, this = _months()
    _rate(team, this, 5)
    client.force_login(user_with_role(Role.LEADER, team.organisation))
    url = team.get_absolute_url()
    client.get(url)
    one = _queries(client, url)
    for i in range(9):
        _rate(team, last if i % 2 else this, i)
    assert _queries(client, url) == one
    with template_queries() as in_templates:
        client.get(url)
    assert not in_templates


def test_overdue_list_on_start_and_team_page(client, team):
    supervisor = team_user(team, TeamRole.SUPERVISOR)
    pathway = PathwayFactory(team=team)
    late = MeetingFactory(pathway=pathway, held_on=timezone.localdate() - datetime.timedelta(5))
    fresh = MeetingFactory(pathway=pathway, held_on=timezone.localdate())
    client.force_login(supervisor)
    for url in (reverse("pathways:team-list"), team.get_absolute_url()):
        html = _html(client.get(url))
        assert reverse("pathways:capture-create", args=[late.pk]) in html
        assert reverse("pathways:capture-create", args=[fresh.pk]) not in html


@pytest.mark.parametrize("url_name", ["team-detail", "team-list"])
def test_team_pages_run_the_same_queries_for_1_and_10_pathways(client, team, member, url_name):
    def add_pathway():
        pathway = PathwayFactory(team=team)
        meeting = MeetingFactory(
            pathway=pathway, held_on=timezone.localdate() - datetime.timedelta(9)
        )
        MeetingRatingFactory(meeting=meeting)
        MeetingFactory(pathway=pathway, held_on=timezone.localdate() - datetime.timedelta(8))
        LearningCaptureFactory(meeting=meeting)

    add_pathway()
    client.force_login(member)
    url = reverse(f"pathways:{url_name}", args=[team.pk] if url_name == "team-detail" else [])
    client.get(url)
    one = _queries(client, url)
    for _ in range(9):
        add_pathway()
    assert _queries(client, url) == one


def test_pathway_page_runs_the_same_queries_for_1_and_10_meetings(client, team, member):
    pathway = PathwayFactory(team=team)
    MeetingRatingFactory(meeting=MeetingFactory(pathway=pathway))
    client.force_login(member)
    url = pathway.get_absolute_url()
    client.get(url)
    one = _queries(client, url)
    for _ in range(9):
        meeting = MeetingFactory(pathway=pathway)
        MeetingRatingFactory(meeting=meeting)
        LearningCaptureFactory(meeting=meeting)
    assert _queries(client, url) == one


# --- the citizen's own view ------------------------------------------------------------


def test_citizen_sees_own_pathway_without_learning_captures(client, team):
    citizen = citizen_with_login(organisation=team.organisation)
    ConsentFactory(citizen=citizen, purpose=ConsentPurpose.PATHWAY)
    pathway = PathwayFactory(team=team, citizen=citizen, rationale="Intern faglig vurdering")
    meeting = MeetingFactory(pathway=pathway, minutes="Vi aftalte en praktik.")
    LearningCaptureFactory(meeting=meeting, what_worked="Intern læring om mødet")
    other = PathwayFactory(team=team)
    client.force_login(citizen.user)
    html = _html(client.get(pathway.get_absolute_url()))
    assert "Dit forløb" in html and pathway.citizen_goals in html
    assert "Vi aftalte en praktik." in html
    assert "Intern læring" not in html and "Intern faglig vurdering" not in html
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(team.get_absolute_url()).status_code == 404
    assert AccessLogEntry.objects.filter(citizen_id=citizen.pk, purpose="Borgerens eget forløb")


# --- meetings, captures and the hand-over screen ---------------------------------------


def test_record_meeting_and_capture(client, team, member):
    pathway = PathwayFactory(team=team)
    element = PracticeElementFactory(organisation=team.organisation, team=team)
    client.force_login(member)
    response = client.post(
        reverse("pathways:meeting-create", args=[pathway.pk]),
        {
            "held_on": timezone.localdate().isoformat(),
            "with_citizen": "on",
            "participants": [member.staff_member.pk],
            "supervisor_present": "on",
            "agenda": "Hvad er vigtigt for dig?",
        },
    )
    meeting = pathway.meetings.get()
    assert response.url == meeting.get_absolute_url()
    response = client.post(
        reverse("pathways:capture-create", args=[meeting.pk]),
        {
            "what_worked": "Vi lyttede.",
            "what_next": "Færre fagpersoner.",
            "practice_elements": [element.pk],
            "perspective": "citizen",
        },
    )
    assert response.url == meeting.get_absolute_url()
    assert list(LearningCapture.objects.get().practice_elements.all()) == [element]


def test_future_meeting_date_gets_danish_message(client, team, member):
    pathway = PathwayFactory(team=team)
    client.force_login(member)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("pathways:meeting-create", args=[pathway.pk]), {"held_on": tomorrow.isoformat()}
    )
    assert "kan ikke være holdt i fremtiden" in _html(response)
    assert not pathway.meetings.exists()


def _start_handover(client, meeting):
    response = client.post(reverse("pathways:handover-start", args=[meeting.pk]))
    handover = RatingHandover.objects.get(meeting=meeting, used_at__isnull=True)
    assert response.url == reverse("pathways:handover", args=[handover.token])
    return response.url


LOCK = reverse("core:kiosk-lock")


def _unlock(client, password=PASSWORD):
    return client.post(LOCK, {"password": password})


def test_handover_screen_shows_nothing_but_the_questions(client, team, member):
    pathway = PathwayFactory(team=team, citizen_goals="Hemmeligt mål")
    meeting = MeetingFactory(pathway=pathway, minutes="Referat om borgeren")
    other = PathwayFactory(team=team)
    MeetingRatingFactory(meeting=MeetingFactory(pathway=other), comment="Anden borgers kommentar")
    client.force_login(member)
    url = _start_handover(client, meeting)
    html = _html(client.get(url))
    assert "Hvordan var mødet?" in html
    for label in (
        "Jeg følte mig hørt og respekteret",
        "Vi talte om det, der er vigtigt for mig",
        "Måden, vi arbejdede på, passede mig",
        "Alt i alt",
        "Hvad gjorde en forskel i dag?",
    ):
        assert label in html
    for secret in (
        pathway.citizen.display_name,
        other.citizen.display_name,
        "Hemmeligt mål",
        "Referat om borgeren",
        "Anden borgers kommentar",
        member.first_name + " ",
        member.username,
        team.name,
        team.organisation.name,
    ):
        assert secret not in html, secret
    assert "<nav" not in html and "<a " not in html  # no way out but submit or skip


def test_handover_submit_locks_the_device_and_a_second_post_stores_nothing(client, team, member):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team))
    client.force_login(member)
    url = _start_handover(client, meeting)
    response = client.post(url, {**SCORES, "comment": "At I lyttede."})
    assert response.status_code == 302 and response.url == LOCK
    assert "Tak. Dine svar er gemt." in _html(client.get(LOCK))
    rating = MeetingRating.objects.get()
    assert (rating.heard, rating.overall, rating.comment) == (9, 8, "At I lyttede.")
    # The back button or a second post of the same screen: the lock screen, nothing stored.
    assert client.get(url).url == LOCK
    assert client.post(url, {**SCORES, "overall": "2"}).url == LOCK
    assert client.get(meeting.get_absolute_url()).url == LOCK
    assert MeetingRating.objects.count() == 1
    # The professional unlocks and is back on the meeting, with the rating.
    response = _unlock(client)
    assert response.url == meeting.get_absolute_url()
    html = _html(client.get(response.url))
    assert "Borgerens vurdering er gemt." in html and "At I lyttede." in html
    assert client.get(url).status_code == 404  # single use


def test_handover_skip_locks_the_device_and_stores_no_rating(client, team, member):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team))
    client.force_login(member)
    url = _start_handover(client, meeting)
    response = client.post(url, {"skip": "1"})
    assert response.url == LOCK
    assert "Du sprang spørgsmålene over. Intet er gemt." in _html(client.get(LOCK))
    assert not MeetingRating.objects.exists()
    assert _unlock(client).url == meeting.get_absolute_url()
    assert "sprang vurderingen over" in _html(client.get(meeting.get_absolute_url()))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("bad", ["11", "-1", "fem", ""])
def test_handover_bad_value_gets_danish_message_and_stays(client, team, member, bad):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team))
    client.force_login(member)
    url = _start_handover(client, meeting)
    response = client.post(url, {**SCORES, "overall": bad})
    assert response.status_code == 200
    assert "Vælg et tal fra 0 til 10." in _html(response)
    assert not MeetingRating.objects.exists()
    assert client.get(url).status_code == 200  # still the citizen's screen


def test_expired_handover_link_stores_nothing_and_locks(client, team, member, settings):
    settings.SAMSKAB_KIOSK_IDLE_SECONDS = 60 * 60  # only the link's own expiry is tested here
    meeting = MeetingFactory(pathway=PathwayFactory(team=team))
    client.force_login(member)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        url = _start_handover(client, meeting)
        clock.shift(datetime.timedelta(minutes=settings.SAMSKAB_HANDOVER_MINUTES, seconds=1))
        response = client.post(url, SCORES)
        assert response.url == LOCK
        assert "Tiden er gået, så dine svar er ikke gemt." in _html(client.get(LOCK))
        assert not MeetingRating.objects.exists()
        assert _unlock(client).url == meeting.get_absolute_url()
        assert "Borgerens svar er ikke gemt" in _html(client.get(meeting.get_absolute_url()))


def test_handover_token_is_tied_to_the_session_that_started_it(client, team, member):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team))
    client.force_login(member)
    url = _start_handover(client, meeting)
    colleague = Client()
    colleague.force_login(team_user(team))
    assert colleague.get(url).status_code == 404
    assert colleague.post(url, SCORES).status_code == 404
    client.force_login(team_user(TeamFactory()))
    assert client.get(url).status_code == 404
    assert client.post(url, SCORES).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert not MeetingRating.objects.exists()


def test_meeting_without_citizen_cannot_be_handed_over(client, team, member):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team), with_citizen=False)
    client.force_login(member)
    response = client.post(reverse("pathways:handover-start", args=[meeting.pk]))
    assert response.url == meeting.get_absolute_url()
    assert not RatingHandover.objects.exists()


# --- practice elements and workshop ----------------------------------------------------


def test_practice_decision_is_logged_and_bad_input_stores_nothing(client, team, member):
    element = PracticeElementFactory(organisation=team.organisation, team=team)
    client.force_login(member)
    response = client.post(element.get_absolute_url(), {"predicted": "Kortere møder."})
    assert response.status_code == 200 and 'data-testid="error-summary"' in _html(response)
    assert not PracticeDecision.objects.exists()
    response = client.post(
        element.get_absolute_url(),
        {
            "predicted": "Kortere møder.",
            "observed": "Møderne blev kortere.",
            "decision": "develop",
            "reason": "Det virker.",
            "decided_on": timezone.localdate().isoformat(),
        },
    )
    assert response.url == element.get_absolute_url()
    assert PracticeDecision.objects.get().decided_by == member


def test_element_page_shows_only_captures_from_own_teams(client, team, member):
    element = PracticeElementFactory(organisation=team.organisation)
    mine = LearningCaptureFactory(meeting=MeetingFactory(pathway=PathwayFactory(team=team)))
    other_team = TeamFactory(organisation=team.organisation)
    theirs = LearningCaptureFactory(
        meeting=MeetingFactory(pathway=PathwayFactory(team=other_team)), what_worked="Andet team"
    )
    mine.practice_elements.add(element)
    theirs.practice_elements.add(element)
    client.force_login(member)
    html = _html(client.get(element.get_absolute_url()))
    assert mine.what_worked in html and "Andet team" not in html


def test_workshop_sheet_and_csv(client, team, member):
    texts = [
        "Telefonkøen til callcenteret gjorde det svært at få fat i kollegaer",
        "Vi sad i telefonkø for at ringe til kollegaer",
        "Den fælles plan gav overblik over opgaver",
        "Planen blev fælles og alle kender deres opgaver",
    ]
    pathway = PathwayFactory(team=team)
    for worked, nxt in zip(texts[::2], texts[1::2], strict=True):
        LearningCaptureFactory(
            meeting=MeetingFactory(pathway=pathway), what_worked=worked, what_next=nxt
        )
    client.force_login(member)
    today = timezone.localdate()
    query = {
        "teams": [team.pk],
        "date_from": (today - datetime.timedelta(30)).isoformat(),
        "date_to": today.isoformat(),
        "n_themes": "2",
    }
    html = _html(client.get(reverse("pathways:workshop"), query))
    assert "2 temaer" in html and "telefonkø" in html
    response = client.get(reverse("pathways:workshop-csv"), query)
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0] == "Tema;Nøgleord;Antal tekster;Citat;Kilde"
    assert "callcenteret" in body
    assert AccessLogEntry.objects.filter(action="export").exists()


def test_workshop_refuses_teams_the_user_is_not_in(client, team, member):
    stranger_team = TeamFactory()
    client.force_login(member)
    today = timezone.localdate().isoformat()
    response = client.get(
        reverse("pathways:workshop"),
        {"teams": [stranger_team.pk], "date_from": today, "date_to": today},
    )
    assert "themes" not in response.context or response.context["themes"] is None
    leader = user_with_role(Role.LEADER, team.organisation)
    client.force_login(leader)
    assert client.get(reverse("pathways:workshop")).status_code == 403


def test_run_chart_svg_coordinates_are_not_localised(client, team, member):
    pathway = PathwayFactory(team=team)
    for value in (9, 5):
        MeetingRatingFactory(meeting=MeetingFactory(pathway=pathway), overall=value)
    client.force_login(member)
    html = _html(client.get(pathway.get_absolute_url()))
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'cy="36.8"' in svg  # 9 of 10, with a decimal point even in Danish
    assert not re.search(r'\b(?:x|y|x1|x2|y1|y2|cx|cy)="\d+,\d', svg)
    assert "Under 6 i alt" in html and "Faldt 4 point siden sidste møde" in html


@pytest.mark.django_db(transaction=True)
def test_team_page_appends_its_reads_in_one_go(client, team, member):
    pathway = PathwayFactory(team=team)
    ten_days_ago = timezone.localdate() - datetime.timedelta(days=10)  # capture overdue
    MeetingRatingFactory(meeting=MeetingFactory(pathway=pathway, held_on=ten_days_ago), overall=8)
    client.force_login(member)
    client.get(team.get_absolute_url())
    with CaptureQueriesContext(connection) as ctx:
        client.get(team.get_absolute_url())
    head_updates = [q for q in ctx.captured_queries if "core_accessloghead" in q["sql"]]
    assert len([q for q in head_updates if q["sql"].startswith("UPDATE")]) == 1
    types = set(AccessLogEntry.objects.values_list("object_type", flat=True))
    assert {"pathways.Pathway", "pathways.MeetingRating", "pathways.Meeting"} <= types
