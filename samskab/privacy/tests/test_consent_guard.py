"""The consent guard on every write of a citizen's personal data.

The personal-data registry declares, per model, the actions that write it. These tests walk
every declared writer: each one works with consent, is refused after the consent for its
purpose is withdrawn and while processing is restricted (GDPR art. 18), and a refusal writes
nothing at all – not a row, not a field, not a log entry. An action that logs a write of a
citizen's data but is not declared fails the walk, so a new action cannot slip past the guard.
"""

import ast
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from samskab.api.testing import ApiClient
from samskab.compass import actions as compass_actions
from samskab.compass.models import UnitMembership
from samskab.compass.tests.factories import RolloutFactory
from samskab.core.models import AccessLogEntry, Perspective
from samskab.core.tests.dates import days_ago, days_ahead
from samskab.outcomes import actions as outcomes_actions
from samskab.outcomes.tests.factories import MeasureFactory, consenting_citizen
from samskab.partnerships import actions as partnership_actions
from samskab.partnerships.models import (
    Activity,
    CandidateStatus,
    ConstraintKind,
    Gathering,
    GatheringInvitation,
    MatchConstraint,
    MatchingRun,
    PartnershipState,
    Party,
    Payment,
    Reply,
    RunStatus,
)
from samskab.partnerships.tests.factories import (
    ExpertFactory,
    LeaderFactory,
    RoundFactory,
    facilitator_for,
    partnership,
)
from samskab.pathways import actions as pathway_actions
from samskab.pathways.models import PlanAction, PlanActionStatus, RatingHandover, Sector
from samskab.pathways.tests.factories import (
    MeetingFactory,
    PathwayFactory,
    TeamFactory,
    citizen_with_pathway_consent,
    team_user,
)
from samskab.people import actions as people_actions
from samskab.people.consent_guard import (
    ProcessingRefusedError,
    ProcessingRestrictedError,
    ensure_processing_allowed,
)
from samskab.people.models import Consent, ConsentPurpose, Role
from samskab.people.tests.factories import (
    CitizenFactory,
    ConsentFactory,
    UnitFactory,
    user_with_role,
)
from samskab.privacy import actions as privacy_actions
from samskab.privacy.models import DataSubjectRequest, RequestKind
from samskab.privacy.registry import Guard, registry

pytestmark = pytest.mark.django_db

SAMSKAB = Path(__file__).resolve().parents[2]


def _declared():
    """action path -> [(entry, writer)], over every registered model."""
    found: dict[str, list] = {}
    for entry, writer in registry.writers():
        found.setdefault(writer.action, []).append((entry, writer))
    return found


DECLARED = _declared()
GUARDED = sorted(action for action, pairs in DECLARED.items() if pairs[0][1].guard != Guard.NONE)


def _writer(action):
    entry, writer = DECLARED[action][0]
    return writer, writer.purpose or entry.consent_purpose or ConsentPurpose.REGISTRATION


# What a citizen holds, and what the guard must leave untouched ----------------------------


def snapshot(citizen) -> dict:
    """Every registered model's rows for the citizen: count and exported values."""
    state = {}
    for entry in registry.entries():
        if entry.model is AccessLogEntry:
            continue
        rows = sorted(repr(row) for row in entry.export_rows(citizen))
        state[entry.label] = (entry.count_for(citizen), rows)
    return state


def log_count(citizen) -> int:
    return AccessLogEntry.objects.filter(citizen_id=citizen.pk).count()


def withdraw(citizen, purpose):
    consent = Consent.objects.active().get(citizen=citizen, purpose=purpose)
    people_actions.withdraw_consent(
        by=user_with_role(Role.PROFESSIONAL, citizen.organisation), consent=consent
    )


def restrict(citizen):
    dpo = user_with_role(Role.DATA_PROTECTION_OFFICER, citizen.organisation)
    privacy_actions.restrict_processing(by=dpo, citizen=citizen)


def consent_to(citizen, *purposes):
    for purpose in purposes:
        if not citizen.consents.active().filter(purpose=purpose).exists():
            ConsentFactory(citizen=citizen, purpose=purpose)
    return citizen


# One case per declared writer: state built with factories, the action with valid input ------


@dataclass
class Case:
    citizen: object
    call: Callable[[], object]


CASES: dict[str, Callable[[], Case]] = {}


def case(action_name: str):
    def register(build):
        CASES[action_name] = build
        return build

    return register


def _pathway():
    team = TeamFactory()
    member = team_user(team)
    return PathwayFactory(team=team, opened_by=member), member


@case("samskab.pathways.actions.open_pathway")
def _open_pathway():
    team = TeamFactory()
    member = team_user(team)
    citizen = citizen_with_pathway_consent(team.organisation)
    return Case(
        citizen,
        lambda: pathway_actions.open_pathway(
            by=member, team=team, citizen=citizen, rationale="Mange sager, ingen overblik."
        ),
    )


@case("samskab.pathways.actions.update_pathway_goals")
def _goals():
    pathway, member = _pathway()
    return Case(
        pathway.citizen,
        lambda: pathway_actions.update_pathway_goals(
            by=member, pathway=pathway, citizen_goals="Jeg vil gerne i praktik."
        ),
    )


@case("samskab.pathways.actions.close_pathway")
def _close():
    pathway, member = _pathway()
    return Case(pathway.citizen, lambda: pathway_actions.close_pathway(by=member, pathway=pathway))


@case("samskab.pathways.actions.add_actor")
def _actor():
    pathway, member = _pathway()
    data = {"name": "Sagsbehandler", "organisation": "Jobcenter", "sector": Sector.MUNICIPAL}
    return Case(
        pathway.citizen, lambda: pathway_actions.add_actor(by=member, pathway=pathway, data=data)
    )


@case("samskab.pathways.actions.add_plan_action")
def _plan_action():
    pathway, member = _pathway()
    data = {"description": "Søg praktikplads", "owner": "Borgeren", "due_on": days_ahead(14)}
    return Case(
        pathway.citizen,
        lambda: pathway_actions.add_plan_action(by=member, pathway=pathway, data=data),
    )


@case("samskab.pathways.actions.set_plan_action_status")
def _plan_status():
    pathway, member = _pathway()
    action = PlanAction.objects.create(pathway=pathway, description="Søg job", owner="Borgeren")
    return Case(
        pathway.citizen,
        lambda: pathway_actions.set_plan_action_status(
            by=member, action=action, status=PlanActionStatus.DONE
        ),
    )


@case("samskab.pathways.actions.record_meeting")
def _pathway_meeting():
    pathway, member = _pathway()
    data = {"held_on": days_ago(1), "with_citizen": True, "agenda": "Hvad er vigtigt?"}
    return Case(
        pathway.citizen,
        lambda: pathway_actions.record_meeting(by=member, pathway=pathway, data=data),
    )


@case("samskab.pathways.actions.record_learning_capture")
def _capture():
    pathway, member = _pathway()
    meeting = MeetingFactory(pathway=pathway)
    data = {"what_worked": "Vi lyttede.", "what_next": "Færre på mødet.", "perspective": "both"}
    return Case(
        pathway.citizen,
        lambda: pathway_actions.record_learning_capture(by=member, meeting=meeting, data=data),
    )


@case("samskab.pathways.actions.start_rating_handover")
def _handover():
    pathway, member = _pathway()
    meeting = MeetingFactory(pathway=pathway)
    return Case(
        pathway.citizen,
        lambda: pathway_actions.start_rating_handover(by=member, meeting=meeting),
    )


@case("samskab.pathways.actions.submit_meeting_rating")
def _rating():
    pathway, member = _pathway()
    handover = RatingHandover.objects.create(
        meeting=MeetingFactory(pathway=pathway), opened_by=member
    )
    scores = dict.fromkeys(["heard", "what_matters", "way_of_working", "overall"], 8)
    return Case(
        pathway.citizen,
        lambda: pathway_actions.submit_meeting_rating(
            by=member, handover=handover, scores=scores, comment="I lyttede."
        ),
    )


def _expert_partnership(state=PartnershipState.MEETINGS):
    p = partnership(state=state)
    return p, facilitator_for(p.round)


@case("samskab.partnerships.actions.register_expert")
def _register_expert():
    round_ = RoundFactory()
    citizen = consent_to(
        CitizenFactory(organisation=round_.organisation),
        ConsentPurpose.REGISTRATION,
        ConsentPurpose.PARTNERSHIP,
    )
    profile = {"has_timing": True, "has_desire": True, "understands_not_treatment": True}
    return Case(
        citizen,
        lambda: partnership_actions.register_expert(
            by=None, round_=round_, profile=profile, citizen=citizen
        ),
    )


@case("samskab.partnerships.actions.review_candidate")
def _review():
    expert = ExpertFactory(status=CandidateStatus.PENDING)
    by = facilitator_for(expert.round)
    return Case(
        expert.citizen,
        lambda: partnership_actions.review_candidate(
            by=by, candidate=expert, status=CandidateStatus.APPROVED
        ),
    )


@case("samskab.partnerships.actions.add_constraint")
def _add_constraint():
    expert = ExpertFactory()
    leader = LeaderFactory(round=expert.round)
    by = facilitator_for(expert.round)
    return Case(
        expert.citizen,
        lambda: partnership_actions.add_constraint(
            by=by,
            round_=expert.round,
            expert=expert,
            leader=leader,
            kind=ConstraintKind.DO_NOT_MATCH,
        ),
    )


@case("samskab.partnerships.actions.remove_constraint")
def _remove_constraint():
    expert = ExpertFactory()
    by = facilitator_for(expert.round)
    rule = MatchConstraint.objects.create(
        round=expert.round,
        expert=expert,
        leader=LeaderFactory(round=expert.round),
        kind=ConstraintKind.DO_NOT_MATCH,
        created_by=by,
    )
    return Case(expert.citizen, lambda: partnership_actions.remove_constraint(by=by, rule=rule))


@case("samskab.partnerships.actions.confirm_matching")
def _confirm_matching():
    expert = ExpertFactory()
    leader = LeaderFactory(round=expert.round)
    by = facilitator_for(expert.round)
    pair = {"expert": expert.pk, "leader": leader.pk, "score": 3, "reasons": [], "locked": False}
    run = MatchingRun.objects.create(
        round=expert.round, started_by=by, status=RunStatus.DONE, pairs=[pair]
    )
    return Case(expert.citizen, lambda: partnership_actions.confirm_matching(by=by, run=run))


@case("samskab.partnerships.actions.transition")
def _transition():
    p, by = _expert_partnership()
    return Case(
        p.expert.citizen,
        lambda: partnership_actions.transition(by=by, partnership=p, event="pause", reason="Ferie"),
    )


@case("samskab.partnerships.actions.record_kickoff")
def _kickoff():
    p, by = _expert_partnership(PartnershipState.KICKOFF)
    return Case(
        p.expert.citizen,
        lambda: partnership_actions.record_kickoff(
            by=by, partnership=p, agreement="Gåture", shared_task="Unges SU", kickoff_on=None
        ),
    )


def _meeting_data():
    return {
        "activity": Activity.WALK_RUN,
        "activity_text": "",
        "held_on": days_ago(10),
        "starts_at": None,
        "place": "Åen",
        "duration_hours": Decimal("1.5"),
    }


@case("samskab.partnerships.actions.register_meeting")
def _partnership_meeting():
    p, _by = _expert_partnership()
    return Case(
        p.expert.citizen,
        lambda: partnership_actions.register_meeting(
            by=p.leader.user, partnership=p, data=_meeting_data()
        ),
    )


@case("samskab.partnerships.actions.write_reflection")
def _reflection():
    p, _by = _expert_partnership()
    data = {"text": "Vi lærte af hinanden.", "perspective": Perspective.BOTH, "is_shared": True}
    return Case(
        p.expert.citizen,
        lambda: partnership_actions.write_reflection(by=p.leader.user, partnership=p, data=data),
    )


@case("samskab.partnerships.actions.submit_evaluation")
def _evaluation():
    p, _by = _expert_partnership(PartnershipState.WRAPUP)
    answers = dict.fromkeys(["q_equal", "q_heard", "q_own_terms", "q_insight", "q_value"], 4)
    return Case(
        p.expert.citizen,
        lambda: partnership_actions.submit_evaluation(
            by=p.leader.user, partnership=p, data=answers
        ),
    )


@case("samskab.partnerships.actions.create_gathering")
def _gathering():
    p, by = _expert_partnership()
    data = {"title": "Fællesmøde", "held_on": days_ahead(30), "place": "Aarhus"}
    return Case(
        p.expert.citizen,
        lambda: partnership_actions.create_gathering(
            by=by, organisation=p.round.organisation, data=data
        ),
    )


@case("samskab.partnerships.actions.record_reply")
def _reply():
    p, by = _expert_partnership()
    gathering = Gathering.objects.create(
        organisation=p.round.organisation,
        title="Fællesmøde",
        held_on=days_ahead(30),
        place="Aarhus",
        created_by=by,
    )
    invitation = GatheringInvitation.objects.create(
        gathering=gathering, citizen=p.expert.citizen, party=Party.EXPERT
    )
    return Case(
        p.expert.citizen,
        lambda: partnership_actions.record_reply(
            by=p.expert.citizen.user, invitation=invitation, reply=Reply.YES
        ),
    )


def _rollout_with_unit():
    rollout = RolloutFactory()
    unit = UnitFactory(organisation=rollout.organisation)
    rollout.comparison_units.set([unit])
    citizen = consenting_citizen(rollout.organisation)
    return rollout, unit, citizen, user_with_role(Role.PROFESSIONAL, rollout.organisation)


@case("samskab.compass.actions.add_membership")
def _add_membership():
    rollout, unit, citizen, worker = _rollout_with_unit()
    return Case(
        citizen,
        lambda: compass_actions.add_membership(
            by=worker, rollout=rollout, citizen=citizen, unit=unit, started_on=days_ago(10)
        ),
    )


@case("samskab.compass.actions.end_membership")
def _end_membership():
    rollout, unit, citizen, worker = _rollout_with_unit()
    membership = UnitMembership.objects.create(citizen=citizen, unit=unit, started_on=days_ago(30))
    return Case(
        citizen,
        lambda: compass_actions.end_membership(
            by=worker, rollout=rollout, membership=membership, ended_on=days_ago(1)
        ),
    )


def _professional_and_citizen():
    citizen = consenting_citizen()
    return citizen, user_with_role(Role.PROFESSIONAL, citizen.organisation)


@case("samskab.outcomes.actions.record_measurement")
def _measurement():
    citizen, worker = _professional_and_citizen()
    measure = MeasureFactory()
    return Case(
        citizen,
        lambda: outcomes_actions.record_measurement(
            by=worker, citizen=citizen, measure=measure, value="5", measured_on=days_ago(1)
        ),
    )


@case("samskab.outcomes.actions.record_who5")
def _who5():
    citizen, worker = _professional_and_citizen()
    return Case(
        citizen,
        lambda: outcomes_actions.record_who5(
            by=worker,
            citizen=citizen,
            answers=[3, 3, 3, 3, 3],
            measured_on=timezone.localdate(),
            self_reported=True,
        ),
    )


@case("samskab.outcomes.actions.start_who5_handover")
def _who5_handover():
    citizen, worker = _professional_and_citizen()
    return Case(citizen, lambda: outcomes_actions.start_who5_handover(by=worker, citizen=citizen))


@case("samskab.people.actions.update_citizen")
def _update_citizen():
    citizen, worker = _professional_and_citizen()
    return Case(
        citizen,
        lambda: people_actions.update_citizen(
            by=worker, citizen=citizen, data={"display_name": "Nyt navn"}
        ),
    )


@case("samskab.people.actions.give_consent")
def _give_consent():
    citizen, worker = _professional_and_citizen()
    return Case(
        citizen,
        lambda: people_actions.give_consent(
            by=worker, citizen=citizen, purpose=ConsentPurpose.RESEARCH
        ),
    )


# The registry's declarations ----------------------------------------------------------------


def test_every_entry_declares_its_writers_and_every_weaker_guard_says_why():
    for entry in registry.entries():
        assert entry.writers or entry.writers_why, entry.label
        if any(writer.guard == Guard.CONSENT for writer in entry.writers):
            assert entry.consent_purpose or all(w.purpose for w in entry.writers), entry.label
    for action, pairs in DECLARED.items():
        assert callable(pairs[0][1].resolve()), action
        assert len({(w.guard, w.purpose, w.leaves_out) for _e, w in pairs}) == 1, (
            f"{action} is declared with different guards on different models"
        )
        writer = pairs[0][1]
        if writer.guard != Guard.CONSENT:
            assert str(writer.why).strip(), f"{action}: say why it is not fully guarded"


def _writes_logged_in(path: Path):
    """Top-level functions that log a create, update or delete of a citizen's data."""
    module = ".".join(path.relative_to(SAMSKAB.parent).with_suffix("").parts)
    tree = ast.parse(path.read_text())
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.Attribute)
                and isinstance(inner.value, ast.Name)
                and inner.value.id == "AccessAction"
                and inner.attr in {"CREATE", "UPDATE", "DELETE"}
            ):
                yield f"{module}.{node.name}"
                break


def test_every_action_that_logs_a_write_of_a_citizens_data_is_declared():
    paths = [*SAMSKAB.glob("*/actions.py"), *SAMSKAB.glob("*/actions/*.py")]
    logged = {name for path in paths for name in _writes_logged_in(path)}
    # The scan sees the known writers (so an empty scan cannot pass).
    assert "samskab.pathways.actions.set_plan_action_status" in logged
    assert "samskab.partnerships.actions.register_meeting" in logged
    undeclared = sorted(logged - set(DECLARED))
    assert not undeclared, (
        "These actions log a write of a citizen's data but no personal_data.py declares them "
        "as writers (Writer(...) on the model they write), so the consent guard is not "
        "checked for them: " + ", ".join(undeclared)
    )


def test_every_guarded_writer_has_a_case_here():
    assert set(CASES) == set(GUARDED), (
        "Add a case (factories and a valid call) for each declared writer: "
        + ", ".join(sorted(set(GUARDED) ^ set(CASES)))
    )


# Walking every writer ------------------------------------------------------------------------


@pytest.mark.parametrize("action", GUARDED)
def test_writer_works_with_consent(action):
    built = CASES[action]()
    before = snapshot(built.citizen)
    built.call()
    assert snapshot(built.citizen) != before, f"{action} wrote nothing about the citizen"


@pytest.mark.parametrize("action", GUARDED)
def test_writer_after_the_consent_is_withdrawn(action):
    writer, purpose = _writer(action)
    built = CASES[action]()
    withdraw(built.citizen, purpose)
    before, logged = snapshot(built.citizen), log_count(built.citizen)
    if writer.guard == Guard.RESTRICTION:
        built.call()  # it ends processing, which a withdrawal must not block
        assert snapshot(built.citizen) != before
        return
    if writer.leaves_out:
        built.call()
    else:
        with pytest.raises(ProcessingRefusedError, match="trukket samtykket"):
            built.call()
    assert snapshot(built.citizen) == before
    assert log_count(built.citizen) == logged


@pytest.mark.parametrize("action", GUARDED)
def test_writer_while_processing_is_restricted(action):
    writer, _purpose = _writer(action)
    built = CASES[action]()
    restrict(built.citizen)
    before, logged = snapshot(built.citizen), log_count(built.citizen)
    if writer.leaves_out:
        built.call()
    else:
        with pytest.raises(ProcessingRestrictedError, match="begrænset"):
            built.call()
    assert snapshot(built.citizen) == before
    assert log_count(built.citizen) == logged


# What the walk cannot show on its own ------------------------------------------------------


def test_refusal_names_the_purpose_and_the_day_it_was_withdrawn():
    pathway, member = _pathway()
    withdraw(pathway.citizen, ConsentPurpose.PATHWAY)
    withdrawn_at = Consent.objects.get(citizen=pathway.citizen, purpose="pathway").withdrawn_at
    with pytest.raises(ProcessingRefusedError) as refused:
        pathway_actions.add_plan_action(
            by=member, pathway=pathway, data={"description": "x", "owner": "y"}
        )
    assert refused.value.messages == [
        "Borgeren har trukket samtykket til et sammenhængende borgerforløb tilbage den "
        f"{date_format(timezone.localtime(withdrawn_at))}. Du kan se det, der er registreret, "
        "men ikke tilføje eller ændre noget."
    ]
    assert refused.value.error_list[0].code == "consent_withdrawn"


def test_consent_never_given_is_refused_with_what_to_do():
    citizen = consenting_citizen()
    with pytest.raises(ProcessingRefusedError, match="Registrér samtykket på borgerens side"):
        ensure_processing_allowed(citizen, ConsentPurpose.PATHWAY)


def test_consent_given_again_after_withdrawal_allows_processing_again():
    pathway, member = _pathway()
    withdraw(pathway.citizen, ConsentPurpose.PATHWAY)
    people_actions.give_consent(by=member, citizen=pathway.citizen, purpose="pathway")
    pathway_actions.add_actor(
        by=member, pathway=pathway, data={"name": "Læge", "sector": Sector.GENERAL_PRACTICE}
    )
    assert pathway.actors.count() == 1


def test_an_erased_citizen_is_refused_too():
    pathway, member = _pathway()
    privacy_actions.erase_citizen(by=member, citizen=pathway.citizen)
    with pytest.raises(ProcessingRestrictedError, match="slettet"):
        pathway_actions.record_meeting(by=member, pathway=pathway, data={"held_on": days_ago(1)})
    assert not pathway.meetings.exists()


def test_lifting_the_restriction_allows_processing_again():
    pathway, member = _pathway()
    restrict(pathway.citizen)
    dpo = user_with_role(Role.DATA_PROTECTION_OFFICER, pathway.citizen.organisation)
    privacy_actions.lift_restriction(by=dpo, citizen=pathway.citizen)
    pathway_actions.close_pathway(by=member, pathway=pathway)
    pathway.refresh_from_db()
    assert pathway.closed_on == timezone.localdate()


def test_a_partnership_can_be_ended_early_after_withdrawal_but_not_under_restriction():
    p, by = _expert_partnership()
    withdraw(p.expert.citizen, ConsentPurpose.PARTNERSHIP)
    partnership_actions.transition(by=by, partnership=p, event="end_early", reason="Samtykke")
    p.refresh_from_db()
    assert p.state == PartnershipState.ENDED_EARLY

    other, by = _expert_partnership()
    restrict(other.expert.citizen)
    with pytest.raises(ProcessingRestrictedError):
        partnership_actions.transition(by=by, partnership=other, event="end_early", reason="x")
    other.refresh_from_db()
    assert other.state == PartnershipState.MEETINGS


def test_matching_leaves_out_experts_who_withdrew_or_are_restricted():
    round_ = RoundFactory()
    kept, withdrawn, restricted = (ExpertFactory(round=round_) for _ in range(3))
    LeaderFactory(round=round_)
    LeaderFactory(round=round_)
    withdraw(withdrawn.citizen, ConsentPurpose.PARTNERSHIP)
    restrict(restricted.citizen)
    run = partnership_actions.run_matching(by=facilitator_for(round_), round_=round_)
    assert run.expert_count == 1
    assert [pair["expert"] for pair in run.pairs] == [kept.pk]


def test_a_gathering_leaves_out_only_the_expert_who_withdrew():
    p, by = _expert_partnership()
    other = partnership(state=PartnershipState.MEETINGS, round_=p.round)
    withdraw(p.expert.citizen, ConsentPurpose.PARTNERSHIP)
    gathering = partnership_actions.create_gathering(
        by=by,
        organisation=p.round.organisation,
        data={"title": "Fællesmøde", "held_on": days_ahead(30), "place": "Aarhus"},
    )
    invited = set(gathering.invitations.values_list("citizen_id", flat=True)) - {None}
    assert invited == {other.expert.citizen_id}
    assert gathering.invitations.filter(user=p.leader.user).exists()


def test_the_citizens_rights_and_payments_work_under_restriction():
    p, by = _expert_partnership()
    partnership_actions.register_meeting(by=p.leader.user, partnership=p, data=_meeting_data())
    citizen = p.expert.citizen
    restrict(citizen)
    dpo = user_with_role(Role.DATA_PROTECTION_OFFICER, citizen.organisation)
    # The honorarium owed for a meeting held is still paid.
    assert partnership_actions.mark_paid(by=by, payments=list(Payment.objects.all())) == 1
    # The citizen can still withdraw consent and have a request registered and answered.
    consent = Consent.objects.active().get(citizen=citizen, purpose=ConsentPurpose.PARTNERSHIP)
    people_actions.withdraw_consent(by=citizen.user, consent=consent)
    request = privacy_actions.register_request(
        by=dpo, citizen=citizen, kind=RequestKind.ACCESS, received_on=timezone.localdate()
    )
    privacy_actions.answer_request(by=dpo, request=request, outcome="granted", note="")
    assert DataSubjectRequest.objects.get().answered_on == timezone.localdate()
    assert not Consent.objects.active().filter(citizen=citizen, purpose="partnership").exists()


def test_the_api_answers_a_refused_write_with_409_and_stores_nothing():
    pathway, member = _pathway()
    withdraw(pathway.citizen, ConsentPurpose.PATHWAY)
    response = ApiClient(member).post(
        f"/pathways/pathways/{pathway.pk}/meetings", {"held_on": str(days_ago(1))}
    )
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")
    assert (
        "trukket samtykket til et sammenhængende borgerforløb tilbage"
        in (response.json()["detail"])
    )
    assert not pathway.meetings.exists()
