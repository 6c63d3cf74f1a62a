"""The partnerships main flow through the API alone: round, candidates, matching, pairs,
lifecycle (an illegal move is 409) and meetings; who may reach what, and the partner's
meeting needs only while the two are meeting."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from samskab.api.testing import ApiClient
from samskab.core.models import AccessLogEntry
from samskab.partnerships import actions
from samskab.partnerships.models import (
    ExperienceExpert,
    Leader,
    MatchingRun,
    Partnership,
    PartnershipState,
    RunStatus,
)
from samskab.people.models import Role
from samskab.people.tests.factories import citizen_with_login, user_with_role

from .factories import ExpertFactory, LeaderFactory, RoundFactory, facilitator_for, partnership

PROFILE = {"themes": ["diabetes", "ungdom"], "interests": ["musik"], "availability": ["mon_am"]}


def _round_payload():
    today = timezone.localdate()
    return {
        "theme": "Unge med type 1-diabetes",
        "starts_on": str(today),
        "ends_on": str(today + timedelta(days=90)),
        "honorarium_rate": "150.00",
    }


@pytest.mark.django_db
def test_main_flow_from_round_to_meeting_through_the_api():
    facilitator = user_with_role(Role.FACILITATOR)
    organisation = facilitator.staff_member.organisation
    fac = ApiClient(facilitator)

    response = fac.post("/partnerships/rounds", _round_payload())
    assert response.status_code == 201, response.json()
    round_id = response.json()["id"]

    citizen = citizen_with_login(organisation=organisation)
    expert_response = ApiClient(citizen.user).post(
        f"/partnerships/rounds/{round_id}/experts",
        {**PROFILE, "has_timing": True, "has_desire": True, "understands_not_treatment": True},
    )
    assert expert_response.status_code == 201, expert_response.json()
    expert_id = expert_response.json()["id"]

    leader = user_with_role(Role.LEADER)
    leader_response = ApiClient(leader).post(
        f"/partnerships/rounds/{round_id}/leaders",
        {
            **PROFILE,
            "has_will": True,
            "has_belief": True,
            "has_care": True,
            "has_understanding": True,
            "has_time": True,
        },
    )
    assert leader_response.status_code == 201, leader_response.json()
    leader_id = leader_response.json()["id"]

    for kind, pk in (("experts", expert_id), ("leaders", leader_id)):
        review = fac.post(
            f"/partnerships/rounds/{round_id}/{kind}/{pk}/review", {"status": "approved"}
        )
        assert review.json()["status"] == "approved"
    assert fac.get(f"/partnerships/rounds/{round_id}/experts").json()["count"] == 1

    run = fac.post(f"/partnerships/rounds/{round_id}/matching-runs")
    assert run.status_code == 201
    assert run.json()["status"] == "done"
    assert run.json()["pairs"][0]["expert"] == expert_id
    confirmed = fac.post(
        f"/partnerships/rounds/{round_id}/matching-runs/{run.json()['id']}/confirm"
    )
    assert confirmed.status_code == 201
    partnership_id = confirmed.json()[0]["id"]
    again = fac.post(f"/partnerships/rounds/{round_id}/matching-runs/{run.json()['id']}/confirm")
    assert again.status_code == 409

    path = f"/partnerships/partnerships/{partnership_id}"
    illegal = fac.post(f"{path}/transitions", {"event": "complete"})
    assert illegal.status_code == 409
    assert "Foreslået" in illegal.json()["detail"]
    assert fac.post(f"{path}/transitions", {"event": "confirm"}).json()["state"] == "kickoff"
    early_meeting = fac.post(
        f"{path}/meetings",
        {
            "activity": "walk_run",
            "held_on": str(timezone.localdate()),
            "place": "Ådalen",
            "duration_hours": "1.5",
        },
    )
    assert early_meeting.status_code == 409
    kickoff = fac.post(f"{path}/kickoff", {"agreement": "Gåture", "shared_task": "Ventetid"})
    assert kickoff.json()["state"] == "meetings"
    meeting = ApiClient(leader).post(
        f"{path}/meetings",
        {
            "activity": "walk_run",
            "held_on": str(timezone.localdate()),
            "place": "Ådalen",
            "duration_hours": "1.5",
        },
    )
    assert meeting.status_code == 201, meeting.json()
    assert ApiClient(citizen.user).get(f"{path}/meetings").json()["count"] == 1
    assert AccessLogEntry.objects.filter(
        citizen_id=citizen.pk, object_type="partnerships.PartnershipMeeting"
    ).exists()


@pytest.mark.django_db
def test_decline_needs_a_reason_and_only_a_party_may_decline():
    partnership = _proposed()
    path = f"/partnerships/partnerships/{partnership.pk}/transitions"
    leader = ApiClient(partnership.leader.user)
    assert leader.post(path, {"event": "decline"}).status_code == 409
    assert leader.post(path, {"event": "end_early", "reason": "x"}).status_code == 403
    declined = leader.post(path, {"event": "decline", "reason": "Ikke et godt match"})
    assert declined.json()["state"] == "declined"


def _proposed():
    round_ = RoundFactory()
    expert, leader = ExpertFactory(round=round_), LeaderFactory(round=round_)
    return Partnership.objects.create(round=round_, expert=expert, leader=leader)


@pytest.mark.django_db
def test_other_organisations_facilitator_and_outsiders_get_404():
    partnership = _proposed()
    other = ApiClient(user_with_role(Role.FACILITATOR))
    assert other.get(f"/partnerships/rounds/{partnership.round_id}").status_code == 404
    assert other.get(f"/partnerships/partnerships/{partnership.pk}").status_code == 404
    assert (
        other.post(f"/partnerships/rounds/{partnership.round_id}/matching-runs").status_code == 404
    )
    assert other.get("/partnerships/partnerships").json()["count"] == 0
    stranger = ApiClient(citizen_with_login().user)
    assert stranger.get(f"/partnerships/partnerships/{partnership.pk}").status_code == 404


@pytest.mark.django_db
def test_a_researcher_may_not_create_rounds():
    response = ApiClient(user_with_role(Role.RESEARCHER)).post(
        "/partnerships/rounds", _round_payload()
    )
    assert response.status_code == 403


@pytest.mark.django_db(transaction=True)
def test_large_matching_is_queued_and_runs_in_the_background(
    monkeypatch, django_capture_on_commit_callbacks
):
    round_ = RoundFactory()
    ExpertFactory(round=round_)
    LeaderFactory(round=round_)
    facilitator = user_with_role(Role.FACILITATOR, organisation=round_.organisation)
    monkeypatch.setattr(actions, "BACKGROUND_CELLS", 0)
    client = ApiClient(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/partnerships/rounds/{round_.pk}/matching-runs")
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    run = client.get(f"/partnerships/rounds/{round_.pk}/matching-runs/{response.json()['id']}")
    assert run.json()["status"] == RunStatus.DONE
    assert MatchingRun.objects.get().progress == 100


@pytest.mark.django_db
@pytest.mark.parametrize("state", list(PartnershipState), ids=str)
def test_partner_reads_the_others_needs_through_the_api_only_while_meeting(state):
    p = partnership(state=state)
    ExperienceExpert.objects.filter(pk=p.expert_id).update(accessibility_needs="Et stille rum")
    Leader.objects.filter(pk=p.leader_id).update(accessibility_needs="Tolk")
    shared = state in (PartnershipState.KICKOFF, PartnershipState.MEETINGS, PartnershipState.WRAPUP)
    url = f"/partnerships/partnerships/{p.pk}"
    leader = ApiClient(p.leader.user)
    expert = ApiClient(p.expert.citizen.user)
    for body in (
        leader.get(url).json(),
        leader.get("/partnerships/partnerships").json()["items"][0],
    ):
        assert body["expert_accessibility_needs"] == ("Et stille rum" if shared else None)
        assert body["leader_accessibility_needs"] == "Tolk"
    own = expert.get(url).json()
    assert own["leader_accessibility_needs"] == ("Tolk" if shared else None)
    assert own["expert_accessibility_needs"] == "Et stille rum"
    facilitator = ApiClient(facilitator_for(p.round)).get(url).json()
    assert facilitator["expert_accessibility_needs"] == "Et stille rum"
    assert facilitator["leader_accessibility_needs"] == "Tolk"
