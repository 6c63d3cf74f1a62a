"""Pages: negative cases, bad input with a clear Danish message and nothing stored, queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.core.tests.dates import days_ago
from samskab.partnerships.models import (
    ExperienceExpert,
    PartnershipMeeting,
    PartnershipState,
    Reflection,
    WrapUpEvaluation,
)
from samskab.partnerships.reports import MIN_GROUP
from samskab.people.models import Citizen, Role
from samskab.people.tests.factories import user_with_role

from .factories import RoundFactory, facilitator_for, partnership

pytestmark = pytest.mark.django_db
S = PartnershipState


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_anonymous_is_sent_to_login_but_registration_is_public(client):
    round_ = RoundFactory()
    assert client.get(reverse("partnerships:index")).status_code == 302
    assert client.get(reverse("partnerships:expert-register", args=[round_.pk])).status_code == 200


def test_public_registration_with_missing_answers_shows_danish_errors_and_stores_nothing(client):
    round_ = RoundFactory()
    response = client.post(
        reverse("partnerships:expert-register", args=[round_.pk]),
        {"display_name": "010190-1234", "email": "a@example.test"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Du skal kunne sige ja til dette for at være med." in html
    assert "Vi kan kun gemme din tilmelding med dit samtykke." in html
    assert "CPR-nummer" in html
    assert not Citizen.objects.exists() and not ExperienceExpert.objects.exists()


def test_public_registration_succeeds(client):
    round_ = RoundFactory()
    response = client.post(
        reverse("partnerships:expert-register", args=[round_.pk]),
        {
            "display_name": "Testborger",
            "has_timing": "on",
            "has_desire": "on",
            "understands_not_treatment": "on",
            "consent_partnership": "on",
            "themes": "Diabetes, skole",
            "availability": ["mon_am"],
        },
    )
    assert "Tak for din tilmelding" in response.content.decode()
    expert = ExperienceExpert.objects.get()
    assert expert.themes == ["diabetes", "skole"]
    assert expert.citizen.has_consent("partnership")


def test_other_partnership_is_404_for_citizen_and_leader(client):
    mine, other = partnership(), partnership()
    for user in (mine.expert.citizen.user, mine.leader.user):
        client.force_login(user)
        assert client.get(other.get_absolute_url()).status_code == 404
        assert client.get(mine.get_absolute_url()).status_code == 200


def test_leader_cannot_change_phase(client):
    p = partnership(state=S.MEETINGS)
    client.force_login(p.leader.user)
    url = reverse("partnerships:partnership-transition", args=[p.pk, "end_early"])
    assert client.post(url, {"reason": "x"}).status_code == 403
    p.refresh_from_db()
    assert p.state == S.MEETINGS


def test_illegal_transition_in_the_page_shows_the_message_and_changes_nothing(client):
    p = partnership(state=S.COMPLETED)
    client.force_login(facilitator_for(p.round))
    url = reverse("partnerships:partnership-transition", args=[p.pk, "pause"])
    response = client.post(url, {"reason": "Sygdom"}, follow=True)
    assert "kan ikke sættes på pause nu" in response.content.decode()
    p.refresh_from_db()
    assert p.state == S.COMPLETED


def test_meeting_form_bad_input_is_explained_and_nothing_stored(client):
    p = partnership(state=S.MEETINGS)
    client.force_login(p.expert.citizen.user)
    response = client.post(
        reverse("partnerships:meeting-create", args=[p.pk]),
        {"activity": "other", "held_on": "i morgen", "place": "", "duration_hours": "0"},
    )
    html = response.content.decode()
    assert (
        "Du har valgt «Andet». Skriv kort, hvad I laver." in html
        or "Indtast en gyldig dato" in html
    )
    assert "Der er problemer med det, du har udfyldt" in html
    assert not PartnershipMeeting.objects.exists()


def test_reflection_private_is_hidden_from_partner(client):
    p = partnership(state=S.MEETINGS)
    client.force_login(p.leader.user)
    client.post(
        reverse("partnerships:reflection-create", args=[p.pk]),
        {"text": "Hemmelig tanke", "perspective": "system", "tags": "tillid"},
    )
    assert Reflection.objects.get().is_shared is False
    client.force_login(p.expert.citizen.user)
    assert "Hemmelig tanke" not in client.get(p.get_absolute_url()).content.decode()


def test_partner_answers_hidden_until_both_submitted(client):
    p = partnership(state=S.WRAPUP)
    answers = {"q_equal": 2, "q_heard": 2, "q_own_terms": 2, "q_insight": 2, "q_value": 2}
    client.force_login(p.leader.user)
    client.post(
        reverse("partnerships:evaluation-create", args=[p.pk]),
        {**answers, "what_worked": "LEDERSVAR"},
    )
    assert WrapUpEvaluation.objects.count() == 1
    client.force_login(p.expert.citizen.user)
    html = client.get(p.get_absolute_url()).content.decode()
    assert "Besvar evalueringen" in html
    response = client.post(reverse("partnerships:evaluation-create", args=[p.pk]), {"q_equal": 9})
    assert (
        "Vælg et svar" in response.content.decode() or "gyldigt valg" in response.content.decode()
    )
    assert WrapUpEvaluation.objects.count() == 1


def test_round_page_queries_constant_for_1_and_10_partnerships(client):
    first = partnership()
    client.force_login(facilitator_for(first.round))
    url = first.round.get_absolute_url()
    client.get(url)
    one = _queries(client, url)
    for _ in range(9):
        partnership(round_=first.round)
    assert _queries(client, url) == one


def test_payment_list_queries_constant_and_export(client):
    from decimal import Decimal

    from samskab.partnerships import actions

    first = partnership()
    data = {
        "activity": "visit",
        "activity_text": "",
        "held_on": days_ago(30),
        "starts_at": None,
        "place": "Hjemme",
        "duration_hours": Decimal("2"),
    }
    actions.register_meeting(by=first.leader.user, partnership=first, data=data)
    client.force_login(facilitator_for(first.round))
    url = reverse("partnerships:payment-list", args=[first.round.pk])
    client.get(url)
    one = _queries(client, url)
    for _ in range(9):
        p = partnership(round_=first.round)
        actions.register_meeting(by=p.leader.user, partnership=p, data=data)
    assert _queries(client, url) == one
    csv = client.get(
        reverse("partnerships:payment-export", args=[first.round.pk, "csv"])
    ).content.decode()
    assert "300,00" in csv
    xlsx = client.get(reverse("partnerships:payment-export", args=[first.round.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"


def test_researcher_sees_small_groups_suppressed(client):
    p = partnership(state=S.MEETINGS)
    client.force_login(user_with_role(Role.RESEARCHER))
    html = client.get(reverse("partnerships:aggregates")).content.decode()
    assert f"under {MIN_GROUP}" in html
    assert p.expert.citizen.display_name not in html


def test_calendar_export_has_the_meetings(client):
    from decimal import Decimal

    from samskab.partnerships import actions

    p = partnership()
    data = {
        "activity": "museum",
        "activity_text": "",
        "held_on": days_ago(30),
        "starts_at": None,
        "place": "ARoS",
        "duration_hours": Decimal("2"),
    }
    actions.register_meeting(by=p.leader.user, partnership=p, data=data)
    client.force_login(p.expert.citizen.user)
    body = client.get(reverse("partnerships:partnership-calendar", args=[p.pk])).content.decode()
    assert "BEGIN:VEVENT" in body and "ARoS" in body


def test_party_declines_with_reason_and_both_return_to_the_pool(client):
    p = partnership(state=S.PROPOSED)
    client.force_login(p.expert.citizen.user)
    url = reverse("partnerships:partnership-transition", args=[p.pk, "decline"])
    response = client.post(url, {"reason": ""})
    assert "Skriv en begrundelse" in response.content.decode()
    p.refresh_from_db()
    assert p.state == S.PROPOSED
    client.post(url, {"reason": "Det passer ikke lige nu"})
    p.refresh_from_db()
    assert p.state == S.DECLINED


def test_expert_cannot_end_partnership_early(client):
    p = partnership(state=S.PROPOSED)
    client.force_login(p.expert.citizen.user)
    url = reverse("partnerships:partnership-transition", args=[p.pk, "end_early"])
    assert client.post(url, {"reason": "x"}).status_code == 403


# The worker closes its database connection when done, as in production; a
# transactional test lets that happen on PostgreSQL too.
@pytest.mark.django_db(transaction=True)
def test_background_matching_shows_progress_then_the_pairs(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from samskab.partnerships import actions

    from .factories import ExpertFactory, LeaderFactory

    round_ = RoundFactory()
    ExpertFactory(round=round_)
    LeaderFactory(round=round_)
    monkeypatch.setattr(actions, "BACKGROUND_CELLS", 0)
    client.force_login(facilitator_for(round_))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partnerships:matching-run", args=[round_.pk]))
    status_url = reverse("partnerships:matching-status", args=[round_.pk])
    html = client.get(status_url).content.decode()
    assert "<progress" in html and f'hx-get="{status_url}"' in html
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    html = client.get(status_url).content.decode()
    assert "Fælles tema: diabetes" in html and "hx-get" not in html


def test_leader_registration_without_readiness_stores_nothing(client):
    from samskab.partnerships.models import Leader

    round_ = RoundFactory()
    leader = user_with_role(Role.LEADER)
    client.force_login(leader)
    response = client.post(
        reverse("partnerships:leader-register", args=[round_.pk]), {"has_will": "on"}
    )
    assert response.content.decode().count("Du skal kunne sige ja til dette for at være med.") >= 4
    assert not Leader.objects.exists()


def test_wrong_roles_get_403_on_facilitator_pages(client):
    round_ = RoundFactory()
    for role in (Role.LEADER, Role.RESEARCHER, Role.PROFESSIONAL):
        client.force_login(user_with_role(role, round_.organisation))
        assert client.get(reverse("partnerships:round-create")).status_code == 403
        assert client.get(round_.get_absolute_url()).status_code == 404
        assert client.get(reverse("partnerships:payment-list", args=[round_.pk])).status_code == 404


# The parties' meeting needs on the partnership page ---------------------------------------

EXPERT_NEEDS = "Pauser hvert kvarter på grund af min angst"
LEADER_NEEDS = "Niveaufri adgang"
NEEDS_SHARED = {S.KICKOFF, S.MEETINGS, S.WRAPUP}


def _with_needs(state):
    p = partnership(state=state)
    p.expert.accessibility_needs = EXPERT_NEEDS
    p.expert.save(update_fields=["accessibility_needs"])
    p.leader.accessibility_needs = LEADER_NEEDS
    p.leader.save(update_fields=["accessibility_needs"])
    return p


def _page(client, user, p):
    client.force_login(user)
    response = client.get(p.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("state", list(S), ids=str)
def test_partners_see_each_others_needs_only_while_meeting(client, state):
    p = _with_needs(state)
    shared = state in NEEDS_SHARED
    leader_page = _page(client, p.leader.user, p)
    assert (EXPERT_NEEDS in leader_page) == shared
    assert LEADER_NEEDS in leader_page  # their own
    if not shared:
        assert "Vises kun, mens partnerskabet er i gang." in leader_page
    assert (LEADER_NEEDS in _page(client, p.expert.citizen.user, p)) == shared
    facilitator_page = _page(client, facilitator_for(p.round), p)
    assert EXPERT_NEEDS in facilitator_page and LEADER_NEEDS in facilitator_page


def test_ending_a_partnership_hides_the_needs_from_the_former_partner(client):
    p = _with_needs(S.MEETINGS)
    assert EXPERT_NEEDS in _page(client, p.leader.user, p)
    facilitator = facilitator_for(p.round)
    client.force_login(facilitator)
    url = reverse("partnerships:partnership-transition", args=[p.pk, "end_early"])
    assert client.post(url, {"reason": "Lederen har fået nyt job."}).status_code == 302
    p.refresh_from_db()
    assert p.state == S.ENDED_EARLY
    assert EXPERT_NEEDS not in _page(client, p.leader.user, p)
    assert EXPERT_NEEDS in _page(client, facilitator, p)
