"""Actions: recruitment with consent, the state machine's guards, meetings, payment, wrap-up."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from samskab.core.models import AccessLogEntry
from samskab.core.tests.dates import days_ago, days_ahead
from samskab.partnerships import actions, lifecycle
from samskab.partnerships.models import (
    Activity,
    ConstraintKind,
    ExperienceExpert,
    MatchConstraint,
    MatchingRun,
    Partnership,
    PartnershipState,
    Party,
    Payment,
    RunStatus,
)
from samskab.people.models import Citizen

from .factories import (
    ExpertFactory,
    LeaderFactory,
    RoundFactory,
    facilitator_for,
    partnership,
)

pytestmark = pytest.mark.django_db
S = PartnershipState

PROFILE = {
    "has_timing": True,
    "has_desire": True,
    "understands_not_treatment": True,
    "themes": ["diabetes"],
    "interests": [],
    "availability": ["mon_am"],
    "accessibility_needs": "",
    "motivation": "",
}


def test_public_registration_creates_pseudonymous_citizen_with_consent():
    round_ = RoundFactory()
    expert = actions.register_expert(
        by=None,
        round_=round_,
        citizen_data={"display_name": "Testborger", "email": "", "phone": ""},
        consents=["registration", "partnership"],
        profile=PROFILE,
    )
    assert expert.citizen.has_consent("registration")
    assert expert.citizen.has_consent("partnership")
    assert AccessLogEntry.objects.filter(citizen_id=expert.citizen_id, action="create").exists()


def test_registration_without_partnership_consent_stores_nothing():
    round_ = RoundFactory()
    with pytest.raises(ValidationError, match="samtykke"):
        actions.register_expert(
            by=None,
            round_=round_,
            citizen_data={"display_name": "Testborger"},
            consents=["registration"],
            profile=PROFILE,
        )
    assert not Citizen.objects.exists()


def test_expert_must_acknowledge_not_treatment():
    round_ = RoundFactory()
    with pytest.raises(ValidationError):
        actions.register_expert(
            by=None,
            round_=round_,
            citizen_data={"display_name": "Testborger"},
            consents=["registration", "partnership"],
            profile={**PROFILE, "understands_not_treatment": False},
        )
    assert not ExperienceExpert.objects.exists()


def _small_round():
    round_ = RoundFactory()
    e1 = ExpertFactory(round=round_, themes=["a", "b"], interests=["løb"])
    e2 = ExpertFactory(round=round_, themes=["a"])
    l1 = LeaderFactory(round=round_, themes=["a", "b"], interests=["løb"])
    l2 = LeaderFactory(round=round_, themes=["b"], interests=["løb"])
    return round_, (e1, e2), (l1, l2)


def test_matching_run_and_confirm_creates_proposed_partnerships():
    round_, (e1, e2), (l1, l2) = _small_round()
    by = facilitator_for(round_)
    # e1–l1 7, e1–l2 4, e2–l1 3, e2–l2 0 → greedy 7; optimum e1–l2 + e2–l1 = 7 too: tie,
    # so the exclusion decides: forbid e1–l1.
    actions.add_constraint(
        by=by, round_=round_, expert=e1, leader=l1, kind=ConstraintKind.CONFLICT, reason="Egen sag"
    )
    run = actions.run_matching(by=by, round_=round_)
    assert run.status == RunStatus.DONE
    assert {(p["expert"], p["leader"]) for p in run.pairs} == {(e1.pk, l2.pk), (e2.pk, l1.pk)}
    created = actions.confirm_matching(by=by, run=run)
    assert len(created) == 2
    assert set(Partnership.objects.values_list("state", flat=True)) == {S.PROPOSED}
    with pytest.raises(ValidationError):
        actions.confirm_matching(by=by, run=run)


def test_conflict_of_interest_needs_a_reason():
    round_, (e1, _e2), (l1, _l2) = _small_round()
    with pytest.raises(ValidationError):
        actions.add_constraint(
            by=facilitator_for(round_), round_=round_, expert=e1, leader=l1, kind="conflict"
        )
    assert not MatchConstraint.objects.exists()


# The worker closes its database connection when done, as in production; a
# transactional test lets that happen on PostgreSQL too.
@pytest.mark.django_db(transaction=True)
def test_large_matching_runs_as_background_task_with_progress(django_capture_on_commit_callbacks):
    round_, _experts, _leaders = _small_round()
    by = facilitator_for(round_)
    actions.BACKGROUND_CELLS, old = 1, actions.BACKGROUND_CELLS
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run = actions.run_matching(by=by, round_=round_)
    finally:
        actions.BACKGROUND_CELLS = old
    assert MatchingRun.objects.get(pk=run.pk).status == RunStatus.QUEUED
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.progress == 100
    assert len(run.pairs) == 2


@pytest.mark.parametrize(
    ("state", "event"),
    [
        (S.PROPOSED, "hold_kickoff"),
        (S.PROPOSED, "start_wrapup"),
        (S.PROPOSED, "complete"),
        (S.PROPOSED, "pause"),
        (S.PROPOSED, "resume"),
        (S.KICKOFF, "confirm"),
        (S.KICKOFF, "decline"),
        (S.KICKOFF, "start_wrapup"),
        (S.MEETINGS, "confirm"),
        (S.MEETINGS, "complete"),
        (S.WRAPUP, "pause"),
        (S.WRAPUP, "start_wrapup"),
        (S.COMPLETED, "end_early"),
        (S.COMPLETED, "pause"),
        (S.COMPLETED, "confirm"),
        (S.ENDED_EARLY, "resume"),
        (S.ENDED_EARLY, "confirm"),
        (S.DECLINED, "confirm"),
        (S.PAUSED, "complete"),
        (S.MEETINGS, "no_such_event"),
    ],
)
def test_illegal_transition_is_refused_in_danish_and_changes_nothing(state, event):
    p = partnership(state=state)
    before = Partnership.objects.filter(pk=p.pk).values().get()
    with pytest.raises(lifecycle.IllegalTransitionError) as error:
        actions.transition(by=facilitator_for(p.round), partnership=p, event=event, reason="x")
    assert any(word in " ".join(error.value.messages) for word in ("kan ikke", "Ukendt"))
    assert Partnership.objects.filter(pk=p.pk).values().get() == before


def test_end_early_needs_a_reason_and_allows_rematching():
    p = partnership(state=S.MEETINGS)
    by = facilitator_for(p.round)
    with pytest.raises(lifecycle.IllegalTransitionError, match="begrundelse"):
        actions.transition(by=by, partnership=p, event="end_early", reason=" ")
    actions.transition(by=by, partnership=p, event="end_early", reason="Ikke overskud")
    p.refresh_from_db()
    assert p.state == S.ENDED_EARLY and p.state_reason == "Ikke overskud"
    # Both are back in the pool, but never proposed together again.
    assert ExperienceExpert.objects.unmatched().filter(pk=p.expert_id).exists()
    assert MatchConstraint.objects.get(expert=p.expert, leader=p.leader).kind == "do_not_match"


def test_pause_and_resume_return_to_the_previous_phase():
    p = partnership(state=S.KICKOFF)
    by = facilitator_for(p.round)
    actions.transition(by=by, partnership=p, event="pause", reason="Sygdom")
    p.refresh_from_db()
    assert (p.state, p.state_before_pause) == (S.PAUSED, S.KICKOFF)
    actions.transition(by=by, partnership=p, event="resume")
    p.refresh_from_db()
    assert p.state == S.KICKOFF


def test_kickoff_requires_agreement_and_shared_task():
    p = partnership(state=S.KICKOFF)
    by = facilitator_for(p.round)
    with pytest.raises(lifecycle.IllegalTransitionError, match="fælles tredje"):
        actions.record_kickoff(
            by=by, partnership=p, agreement="Gåtur", shared_task=" ", kickoff_on=None
        )
    p.refresh_from_db()
    assert p.state == S.KICKOFF
    actions.record_kickoff(
        by=by, partnership=p, agreement="Gåtur", shared_task="SU", kickoff_on=days_ago(59)
    )
    p.refresh_from_db()
    assert p.state == S.MEETINGS


def test_wrapup_warns_about_too_few_meetings_until_accepted():
    p = partnership(state=S.MEETINGS)
    by = facilitator_for(p.round)
    with pytest.raises(lifecycle.WrapUpWarningError) as warning:
        actions.transition(by=by, partnership=p, event="start_wrapup")
    assert "forventet mindst 2" in " ".join(warning.value.messages)
    p.refresh_from_db()
    assert p.state == S.MEETINGS
    actions.transition(by=by, partnership=p, event="start_wrapup", accept_warnings=True)
    p.refresh_from_db()
    assert p.state == S.WRAPUP


def _meeting_data(**kwargs):
    return {
        "activity": Activity.WALK_RUN,
        "activity_text": "",
        "held_on": days_ago(40),
        "starts_at": None,
        "place": "Åen",
        "duration_hours": Decimal("1.5"),
        **kwargs,
    }


def test_meeting_creates_payment_hours_times_rate():
    p = partnership(state=S.MEETINGS)
    held_on = days_ago(40).replace(day=15)  # mid-month, inside the round
    meeting = actions.register_meeting(
        by=p.leader.user, partnership=p, data=_meeting_data(held_on=held_on)
    )
    payment = Payment.objects.get(meeting=meeting)
    assert payment.amount == Decimal("225.00")
    assert payment.month == held_on.replace(day=1)
    actions.mark_paid(by=facilitator_for(p.round), payments=[payment])
    payment.refresh_from_db()
    assert payment.is_paid


def test_meeting_outside_meetings_phase_is_refused():
    p = partnership(state=S.KICKOFF)
    with pytest.raises(ValidationError, match="Møder"):
        actions.register_meeting(by=p.leader.user, partnership=p, data=_meeting_data())
    assert not Payment.objects.exists()


def test_other_activity_needs_a_description():
    p = partnership(state=S.MEETINGS)
    with pytest.raises(ValidationError):
        actions.register_meeting(
            by=p.leader.user, partnership=p, data=_meeting_data(activity=Activity.OTHER)
        )


def test_evaluation_by_both_then_complete():
    p = partnership(state=S.WRAPUP)
    by = facilitator_for(p.round)
    answers = dict.fromkeys(["q_equal", "q_heard", "q_own_terms", "q_insight", "q_value"], 4)
    actions.submit_evaluation(by=p.expert.citizen.user, partnership=p, data=answers)
    with pytest.raises(lifecycle.IllegalTransitionError, match="både"):
        actions.transition(by=by, partnership=p, event="complete")
    with pytest.raises(ValidationError, match="allerede"):
        actions.submit_evaluation(by=p.expert.citizen.user, partnership=p, data=answers)
    actions.submit_evaluation(by=p.leader.user, partnership=p, data=answers)
    actions.transition(by=by, partnership=p, event="complete")
    p.refresh_from_db()
    assert p.state == S.COMPLETED
    assert set(p.evaluations.values_list("party", flat=True)) == {Party.EXPERT, Party.LEADER}


def test_gathering_invites_past_current_and_coming():
    done = partnership(state=S.COMPLETED)
    current = partnership(
        state=S.MEETINGS, round_=RoundFactory(organisation=done.round.organisation)
    )
    coming = ExpertFactory(round=current.round)
    gathering = actions.create_gathering(
        by=facilitator_for(done.round),
        organisation=done.round.organisation,
        data={"title": "Fællesmøde", "held_on": days_ahead(47), "place": "Aarhus"},
    )
    citizens = set(gathering.invitations.values_list("citizen_id", flat=True)) - {None}
    assert citizens == {done.expert.citizen_id, current.expert.citizen_id, coming.citizen_id}
    assert gathering.invitations.filter(user__isnull=False).count() == 2
