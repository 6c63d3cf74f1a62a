"""Writes: the T-shaped check guards finalising, private insights never become evidence,
barriers are resolved by the decision that resolves them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from samskab.leadership import actions, trail
from samskab.leadership.models import (
    AgendaItem,
    BarrierStatus,
    Decision,
    EvidenceLink,
    ForumRole,
)
from samskab.pathways.tests.factories import LearningCaptureFactory, TeamFactory, team_user
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

from .factories import T_CHECK, final_decision, link_both_sides, world

pytestmark = pytest.mark.django_db


def _draft_data(w, **extra):
    return {
        "title": "Kladde",
        "text": "Vi overvejer studievejledere.",
        "owner": w.leader,
        "due_on": timezone.localdate() + datetime.timedelta(days=10),
        "follow_up": "planned",
        **extra,
    }


def test_draft_can_be_saved_without_the_t_shaped_check():
    w = world()
    item = actions.propose_agenda_item(
        by=w.facilitator, forum=w.forum, meeting=w.meeting, opportunity_space=w.space
    )
    decision = actions.save_decision(by=w.facilitator, agenda_item=item, data=_draft_data(w))
    assert not decision.is_final and decision.missing_t_check()


@pytest.mark.parametrize("blank", ["t_shared_task", "t_other_sectors", "t_citizen_pathway"])
def test_finalising_with_any_t_check_answer_missing_is_refused_and_changes_nothing(blank):
    w = world()
    item = actions.propose_agenda_item(
        by=w.facilitator, forum=w.forum, meeting=w.meeting, opportunity_space=w.space
    )
    with pytest.raises(ValidationError, match="T-formede tjek er besvaret"):
        actions.save_decision(
            by=w.facilitator,
            agenda_item=item,
            data=_draft_data(w, **{**T_CHECK, blank: "   "}),
            finalise=True,
        )
    assert not Decision.objects.exists()


def test_finalising_a_saved_draft_without_answers_leaves_the_draft_untouched():
    w = world()
    item = actions.propose_agenda_item(
        by=w.facilitator, forum=w.forum, meeting=w.meeting, opportunity_space=w.space
    )
    draft = actions.save_decision(
        by=w.facilitator,
        agenda_item=item,
        data=_draft_data(w, t_shared_task="Kun ét svar."),
    )
    with pytest.raises(ValidationError):
        actions.finalise_decision(by=w.facilitator, decision=draft)
    draft.refresh_from_db()
    assert not draft.is_final and draft.finalised_at is None
    assert draft.t_shared_task == "Kun ét svar."


def test_a_final_decision_cannot_be_edited_but_its_follow_up_can():
    w = world()
    decision = final_decision(w)
    assert decision.is_final and decision.finalised_by == w.facilitator
    with pytest.raises(ValidationError):
        actions.save_decision(
            by=w.facilitator,
            agenda_item=decision.agenda_item,
            data={"title": "Ændret"},
            decision=decision,
        )
    actions.update_follow_up(by=w.facilitator, decision=decision, follow_up="done")
    decision.refresh_from_db()
    assert decision.follow_up == "done" and decision.title != "Ændret"


def test_owner_must_be_a_forum_member():
    w = world()
    item = actions.propose_agenda_item(
        by=w.facilitator, forum=w.forum, meeting=w.meeting, opportunity_space=w.space
    )
    with pytest.raises(ValidationError, match="medlem af ledelsesrummet"):
        actions.save_decision(
            by=w.facilitator,
            agenda_item=item,
            data=_draft_data(w, owner=user_with_role(Role.LEADER)),
        )


def test_no_decision_before_the_item_is_on_a_meeting():
    w = world()
    item = actions.propose_agenda_item(by=w.facilitator, forum=w.forum, opportunity_space=w.space)
    with pytest.raises(ValidationError, match="Sæt punktet på et møde"):
        actions.save_decision(by=w.facilitator, agenda_item=item, data=_draft_data(w))


def test_private_reflection_cannot_be_linked_by_anyone():
    w = world()
    # Others cannot even see it: the same 404 as a missing insight.
    with pytest.raises(Http404):
        actions.link_evidence(
            by=w.facilitator,
            source="partnerships.reflection",
            object_id=w.private_reflection.pk,
            opportunity_space=w.space,
        )
    # Its author is told to share it first.
    with pytest.raises(ValidationError, match="privat refleksion"):
        actions.link_evidence(
            by=w.leader,
            source="partnerships.reflection",
            object_id=w.private_reflection.pk,
            opportunity_space=w.space,
        )
    assert not EvidenceLink.objects.exists()


def test_unknown_source_or_missing_insight_cannot_be_linked():
    w = world()
    for source, pk in (("nowhere.thing", 1), ("partnerships.reflection", 999_999)):
        with pytest.raises(Http404):
            actions.link_evidence(
                by=w.facilitator, source=source, object_id=pk, opportunity_space=w.space
            )


def test_the_same_insight_is_linked_once():
    w = world()
    link_both_sides(w)
    with pytest.raises(ValidationError, match="allerede"):
        actions.link_evidence(
            by=w.facilitator,
            source="partnerships.reflection",
            object_id=w.citizen_reflection.pk,
            opportunity_space=w.space,
        )


def test_reflection_made_private_later_does_not_surface_through_a_decision():
    w = world()
    link_both_sides(w)
    decision = final_decision(w)
    before = trail.resolve(w.facilitator, trail.evidence_links_for_decision(decision))
    assert {i.pk for i in before.insights} == {w.citizen_reflection.pk, w.system_reflection.pk}

    w.system_reflection.is_shared = False
    w.system_reflection.save()

    for reader in (w.facilitator, w.leader):  # not even to its own author
        after = trail.resolve(reader, trail.evidence_links_for_decision(decision))
        assert [i.pk for i in after.insights] == [w.citizen_reflection.pk]
        assert after.hidden == 0
        assert after.lacks_system_side
    insight_decisions = trail.decisions_from_partnership(w.leader, w.partnership)
    assert insight_decisions == [decision]  # still fed by the citizen's shared reflection


def test_escalating_a_barrier_keeps_it_visible_until_a_final_decision_resolves_it():
    team = TeamFactory()
    supervisor = team_user(team, role=Role.SUPERVISOR)
    capture = LearningCaptureFactory(meeting__pathway__team=team)
    barrier = actions.register_barrier(
        by=supervisor,
        organisation=team.organisation,
        data={
            "title": "Telefonkø til kolleger",
            "description": "Interne opkald i kø.",
            "team": team,
        },
    )
    actions.link_evidence(
        by=supervisor, source="pathways.learningcapture", object_id=capture.pk, barrier=barrier
    )
    w = world()
    item = actions.propose_agenda_item(by=supervisor, forum=w.forum, barrier=barrier)
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.ESCALATED and item.meeting is None
    with pytest.raises(ValidationError, match="allerede på ledelsesrummets dagsorden"):
        actions.propose_agenda_item(by=supervisor, forum=w.forum, barrier=barrier)

    actions.place_on_meeting(by=w.facilitator, item=item, meeting=w.meeting)
    draft = actions.save_decision(
        by=w.facilitator,
        agenda_item=item,
        data=_draft_data(w, resolves_barrier=True),
    )
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.ESCALATED  # a draft resolves nothing
    actions.save_decision(
        by=w.facilitator, agenda_item=item, data=T_CHECK, decision=draft, finalise=True
    )
    barrier.refresh_from_db()
    assert barrier.status == BarrierStatus.RESOLVED and barrier.resolved_by == draft
    assert AgendaItem.objects.filter(barrier=barrier).count() == 1


def test_forum_keeps_a_chair():
    w = world()
    chair = w.forum.members.get(role=ForumRole.CHAIR)
    with pytest.raises(ValidationError, match="formand"):
        actions.remove_forum_member(by=w.facilitator, member=chair)
