"""Shared leadership through the API alone: compose an opportunity space, cite evidence, put
it on a forum meeting's agenda, record a decision and finalise it (refused without the
T-shaped check); and who may reach what."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskab.api.testing import ApiClient
from samskab.core.models import AccessLogEntry
from samskab.leadership import actions
from samskab.leadership.models import Decision, EvidenceLink
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

from .factories import T_CHECK, final_decision, link_both_sides, outsider, world

pytestmark = pytest.mark.django_db


def test_main_flow_space_evidence_agenda_decision_and_finalise():
    w = world()
    client = ApiClient(w.facilitator)

    created = client.post(
        "/leadership/spaces",
        {"title": "Studerende i behandling", "problem_statement": "Ingen hjælp til orlov."},
    )
    assert created.status_code == 201, created.json()
    space_id = created.json()["id"]

    for r in (w.citizen_reflection, w.system_reflection):
        linked = client.post(
            f"/leadership/spaces/{space_id}/evidence",
            {"source": "partnerships.reflection", "object_id": r.pk},
        )
        assert linked.status_code == 201, linked.json()
    private = client.post(
        f"/leadership/spaces/{space_id}/evidence",
        {"source": "partnerships.reflection", "object_id": w.private_reflection.pk},
    )
    assert private.status_code == 404
    detail = client.get(f"/leadership/spaces/{space_id}").json()
    assert {i["object_id"] for i in detail["evidence"]["insights"]} == {
        w.citizen_reflection.pk,
        w.system_reflection.pk,
    }
    assert not detail["evidence"]["lacks_citizen_side"]
    assert AccessLogEntry.objects.filter(
        actor_id=w.facilitator.pk, citizen_id=w.partnership.expert.citizen_id
    ).exists()

    item = client.post(
        f"/leadership/meetings/{w.meeting.pk}/agenda", {"opportunity_space_id": space_id}
    )
    assert item.status_code == 201, item.json()
    again = client.post(
        f"/leadership/meetings/{w.meeting.pk}/agenda", {"opportunity_space_id": space_id}
    )
    assert again.status_code == 409

    draft = client.post(
        f"/leadership/agenda-items/{item.json()['id']}/decisions",
        {
            "title": "Studievejledere med",
            "text": "Vi inviterer studievejledere med i forløbene.",
            "owner_id": w.leader.pk,
            "due_on": str(timezone.localdate() + datetime.timedelta(days=30)),
        },
    )
    assert draft.status_code == 201, draft.json()
    decision_id = draft.json()["id"]
    assert len(draft.json()["t_check_missing"]) == 3

    refused = client.post(f"/leadership/decisions/{decision_id}/finalise")
    assert refused.status_code == 409
    assert "T-formede" in refused.json()["detail"]
    assert not Decision.objects.get(pk=decision_id).is_final

    answered = client.put(
        f"/leadership/decisions/{decision_id}",
        {
            "title": "Studievejledere med",
            "text": "Vi inviterer studievejledere med i forløbene.",
            "owner_id": w.leader.pk,
            "due_on": str(timezone.localdate() + datetime.timedelta(days=30)),
            **T_CHECK,
        },
    )
    assert answered.status_code == 200, answered.json()
    final = client.post(f"/leadership/decisions/{decision_id}/finalise")
    assert final.status_code == 200, final.json()
    assert final.json()["is_final"] is True
    assert client.post(f"/leadership/decisions/{decision_id}/finalise").status_code == 409
    follow_up = client.put(
        f"/leadership/decisions/{decision_id}/follow-up", {"follow_up": "in_progress"}
    )
    assert follow_up.json()["follow_up"] == "in_progress"


def test_decision_owner_must_be_a_forum_member_and_nothing_is_stored():
    w = world()
    item = ApiClient(w.facilitator).post(
        f"/leadership/meetings/{w.meeting.pk}/agenda", {"opportunity_space_id": w.space.pk}
    )
    response = ApiClient(w.facilitator).post(
        f"/leadership/agenda-items/{item.json()['id']}/decisions",
        {
            "title": "X",
            "text": "Y",
            "owner_id": outsider().pk,
            "due_on": str(timezone.localdate()),
        },
    )
    assert response.status_code == 422
    assert "medlem" in response.json()["detail"]
    assert not Decision.objects.exists()


def test_other_organisation_gets_the_same_404_for_forum_meeting_and_decision():
    w = world()
    link_both_sides(w)
    decision = final_decision(w)
    stranger = ApiClient(outsider())
    missing = stranger.get("/leadership/decisions/999999")
    for path in (
        f"/leadership/forums/{w.forum.pk}",
        f"/leadership/forums/{w.forum.pk}/meetings",
        f"/leadership/meetings/{w.meeting.pk}",
        f"/leadership/decisions/{decision.pk}",
    ):
        response = stranger.get(path)
        assert response.status_code == 404, path
        assert response.json() == missing.json()
    assert stranger.post(f"/leadership/decisions/{decision.pk}/finalise").status_code == 404
    assert stranger.get("/leadership/forums").json()["count"] == 0
    member = ApiClient(w.leader)
    assert member.get(f"/leadership/decisions/{decision.pk}").status_code == 200


def test_citizen_cannot_reach_spaces_or_barriers_and_cannot_write():
    w = world()
    citizen = ApiClient(w.citizen_user)
    assert citizen.get("/leadership/spaces").status_code == 403
    assert citizen.get(f"/leadership/spaces/{w.space.pk}").status_code == 404
    assert citizen.get("/leadership/barriers").status_code == 403
    created = citizen.post("/leadership/spaces", {"title": "X", "problem_statement": "Y"})
    assert created.status_code == 403
    professional = ApiClient(user_with_role(Role.PROFESSIONAL))
    response = professional.post(
        f"/leadership/spaces/{w.space.pk}/evidence",
        {"source": "partnerships.reflection", "object_id": w.citizen_reflection.pk},
    )
    assert response.status_code == 403
    assert not EvidenceLink.objects.exists()


def test_citizen_sees_the_trail_of_their_own_insight_only():
    w = world()
    link_both_sides(w)
    decision = final_decision(w)
    citizen = ApiClient(w.citizen_user)
    own = citizen.get(f"/leadership/trail/partnerships.reflection/{w.citizen_reflection.pk}")
    assert own.status_code == 200, own.json()
    assert [d["id"] for d in own.json()["decisions"]] == [decision.pk]
    assert own.json()["decisions"][0]["may_open"] is False
    other = citizen.get(f"/leadership/trail/partnerships.reflection/{w.system_reflection.pk}")
    assert other.status_code == 404


def test_barrier_register_and_list():
    professional = user_with_role(Role.PROFESSIONAL)
    client = ApiClient(professional)
    created = client.post(
        "/leadership/barriers",
        {"title": "Telefonkø", "description": "Kolleger sidder i kø for at få fat i hinanden."},
    )
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "open"
    listed = client.get("/leadership/barriers", {"status": "open"}).json()
    assert [b["id"] for b in listed["items"]] == [created.json()["id"]]
    blank = client.post("/leadership/barriers", {"title": "", "description": "x"})
    assert blank.status_code == 422


def test_agenda_and_space_lists_cost_the_same_queries_for_one_row_as_for_ten():
    w = world()
    client = ApiClient(w.facilitator)

    def add():
        space = actions.create_opportunity_space(
            by=w.facilitator,
            organisation=w.space.organisation,
            data={"title": "Rum", "problem_statement": "Problem"},
        )
        actions.propose_agenda_item(
            by=w.facilitator, forum=w.forum, meeting=w.meeting, opportunity_space=space
        )

    add()
    for path in (f"/leadership/meetings/{w.meeting.pk}/agenda", "/leadership/spaces"):
        client.get(path)
    with CaptureQueriesContext(connection) as one:
        for path in (f"/leadership/meetings/{w.meeting.pk}/agenda", "/leadership/spaces"):
            client.get(path)
    for _ in range(9):
        add()
    with CaptureQueriesContext(connection) as ten:
        assert client.get(f"/leadership/meetings/{w.meeting.pk}/agenda").json()["count"] == 10
        assert client.get("/leadership/spaces").json()["count"] == 11
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries]
