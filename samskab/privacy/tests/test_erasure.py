"""Erasure: every module, all or nothing, aggregates unchanged; refusal with restriction."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from samskab.core.models import AccessLogEntry
from samskab.outcomes.models import Measurement
from samskab.outcomes.tests.factories import builtin
from samskab.partnerships.models import (
    GatheringInvitation,
    MatchConstraint,
    Partnership,
    PartnershipMeeting,
    Payment,
    Reflection,
    WrapUpEvaluation,
)
from samskab.partnerships.reports import evaluation_report
from samskab.pathways.actions import open_pathway
from samskab.pathways.charts import run_chart
from samskab.pathways.models import (
    LearningCapture,
    Meeting,
    MeetingRating,
    Pathway,
    PathwayActor,
    PlanAction,
    RatingHandover,
)
from samskab.pathways.tests.factories import TeamFactory, team_user
from samskab.people import actions as people_actions
from samskab.people.actions import ProcessingRestrictedError
from samskab.people.models import Citizen, ConsentPurpose, Role
from samskab.people.tests.factories import user_with_role
from samskab.privacy import actions
from samskab.privacy.models import RequestOutcome
from samskab.privacy.registry import REDACTED, Erasure, PersonalData, registry

from .factories import citizen_everywhere

pytestmark = pytest.mark.django_db


def _dpo(organisation):
    return user_with_role(Role.DATA_PROTECTION_OFFICER, organisation)


def _aggregates(organisation):
    """The figures reports show: evaluation averages, run-chart median, measurement counts."""
    partnerships = Partnership.objects.filter(round__organisation=organisation).prefetch_related(
        "evaluations"
    )
    ratings = MeetingRating.objects.filter(meeting__pathway__team__organisation=organisation)
    measurements = Measurement.objects.filter(citizen__organisation=organisation)
    return {
        "evaluation_averages": evaluation_report(partnerships)["averages"],
        "run_chart_median": run_chart(list(ratings)).median,
        "rating_average": ratings.aggregate(models.Avg("overall"))["overall__avg"],
        "measurement_count": measurements.count(),
        "measurement_average": measurements.aggregate(models.Avg("value"))["value__avg"],
        "pathways": Pathway.objects.filter(team__organisation=organisation).count(),
        "reflections_by_perspective": list(
            Reflection.objects.values("perspective")
            .annotate(n=models.Count("pk"))
            .order_by("perspective")
        ),
        "payments": Payment.objects.aggregate(models.Sum("amount"))["amount__sum"],
    }


def _snapshot(citizen):
    return {
        entry.label: sorted(map(repr, entry.rows_for(citizen).values()))
        for entry in registry.entries()
    }


def test_erasure_removes_identifying_data_everywhere_and_keeps_numbers():
    world = citizen_everywhere()
    citizen_everywhere(world.citizen.organisation, rating=4, who5=30)
    dpo = _dpo(world.citizen.organisation)
    before = _aggregates(world.citizen.organisation)

    actions.grant_erasure(by=dpo, request=world.request)

    citizen = Citizen.objects.get(pk=world.citizen.pk)
    assert citizen.display_name == f"Slettet borger {citizen.pk}"
    assert (citizen.email, citizen.phone, citizen.birth_year, citizen.user) == ("", "", None, None)
    assert citizen.erased_at is not None
    world.user.refresh_from_db()
    assert (
        not world.user.is_active
        and world.user.first_name == ""
        and not world.user.has_usable_password()
    )

    pathway = Pathway.objects.get(pk=world.pathway.pk)
    assert (pathway.rationale, pathway.citizen_goals) == (REDACTED, REDACTED)
    assert Meeting.objects.get(pk=world.meeting.pk).minutes == ""
    assert PathwayActor.objects.get(pathway=pathway).name == REDACTED
    assert PlanAction.objects.get(pathway=pathway).description == REDACTED
    assert MeetingRating.objects.get(meeting=world.meeting).comment == ""
    capture = LearningCapture.objects.get(meeting=world.meeting)
    assert capture.what_worked == "[navn] førte ordet."
    assert not RatingHandover.objects.filter(meeting=world.meeting).exists()
    assert set(
        Reflection.objects.filter(partnership=world.partnership).values_list("text", flat=True)
    ) == {REDACTED}
    assert (
        not WrapUpEvaluation.objects.filter(partnership=world.partnership)
        .exclude(what_worked="")
        .exists()
    )
    assert PartnershipMeeting.objects.get(partnership=world.partnership).place == REDACTED
    assert Partnership.objects.get(pk=world.partnership.pk).agreement == REDACTED
    assert not GatheringInvitation.objects.filter(citizen=citizen).exists()
    assert not MatchConstraint.objects.filter(expert__citizen=citizen).exists()
    assert Measurement.objects.filter(citizen=citizen).count() == 1
    assert Payment.objects.filter(partnership=world.partnership).count() == 1

    assert _aggregates(world.citizen.organisation) == before
    world.request.refresh_from_db()
    assert world.request.outcome == RequestOutcome.GRANTED and not world.request.is_open
    assert AccessLogEntry.objects.filter(citizen_id=citizen.pk, action="delete").exists()


def test_erasure_is_all_or_nothing_when_a_later_step_fails(monkeypatch):
    world = citizen_everywhere()
    dpo = _dpo(world.citizen.organisation)
    before = _snapshot(world.citizen)
    log_before = AccessLogEntry.objects.count()

    def explode(rows):
        raise RuntimeError("power cut half-way")

    # The citizen's own record is erased last: make that step fail after all the others ran.
    broken = PersonalData(
        model=Citizen,
        citizen_path="pk",
        export_fields=(),
        erasure=Erasure.ANONYMISE,
        anonymiser=explode,
        why="test",
    )
    monkeypatch.setitem(registry._entries, Citizen, broken)

    with pytest.raises(RuntimeError):
        actions.grant_erasure(by=dpo, request=world.request)

    assert _snapshot(world.citizen) == before
    assert AccessLogEntry.objects.count() == log_before
    world.request.refresh_from_db()
    assert world.request.is_open


def test_erasing_twice_is_refused():
    world = citizen_everywhere()
    dpo = _dpo(world.citizen.organisation)
    actions.erase_citizen(by=dpo, citizen=world.citizen)
    with pytest.raises(ValidationError, match="allerede slettet"):
        actions.erase_citizen(by=dpo, citizen=world.citizen)


def test_refusal_records_the_reason_and_restricts_processing():
    world = citizen_everywhere()
    dpo = _dpo(world.citizen.organisation)
    before = _snapshot(world.citizen)

    actions.refuse_erasure(
        by=dpo,
        request=world.request,
        reason="Journalpligt (art. 17, stk. 3, litra b)",
        restrict=True,
    )

    world.request.refresh_from_db()
    assert world.request.outcome == RequestOutcome.REFUSED
    assert "litra b" in world.request.answer_note
    citizen = Citizen.objects.get(pk=world.citizen.pk)
    assert citizen.processing_restricted_at is not None
    assert citizen.display_name == "Anna Hansen"
    del before["people.Citizen"]
    after = _snapshot(citizen)
    del after["people.Citizen"]
    for label in ("privacy.DataSubjectRequest", "core.AccessLogEntry"):
        del before[label], after[label]
    assert after == before


def test_refusal_without_reason_is_refused_and_changes_nothing():
    world = citizen_everywhere()
    with pytest.raises(ValidationError, match="begrundelsen"):
        actions.refuse_erasure(
            by=_dpo(world.citizen.organisation), request=world.request, reason="  ", restrict=True
        )
    world.request.refresh_from_db()
    world.citizen.refresh_from_db()
    assert world.request.is_open and world.citizen.processing_restricted_at is None


def test_restriction_blocks_new_processing_in_every_module():
    world = citizen_everywhere()
    citizen = world.citizen
    actions.restrict_processing(by=_dpo(citizen.organisation), citizen=citizen)
    citizen.refresh_from_db()
    staff = user_with_role(Role.PROFESSIONAL, citizen.organisation)

    assert not citizen.has_consent(ConsentPurpose.PATHWAY)
    with pytest.raises(ProcessingRestrictedError):
        people_actions.update_citizen(by=staff, citizen=citizen, data={"birth_year": 1991})
    with pytest.raises(ProcessingRestrictedError):
        people_actions.give_consent(by=staff, citizen=citizen, purpose=ConsentPurpose.CONTACT)
    from samskab.outcomes.actions import record_measurement

    with pytest.raises(ProcessingRestrictedError):
        record_measurement(
            by=staff, citizen=citizen, measure=builtin("support_hours"), value=3, measured_on=None
        )
    team = TeamFactory(organisation=citizen.organisation)
    with pytest.raises(ProcessingRestrictedError):
        open_pathway(by=team_user(team), team=team, citizen=citizen, rationale="Mange sager")


def test_lifting_restriction_allows_processing_again():
    world = citizen_everywhere()
    dpo = _dpo(world.citizen.organisation)
    actions.restrict_processing(by=dpo, citizen=world.citizen)
    actions.lift_restriction(by=dpo, citizen=world.citizen)
    world.citizen.refresh_from_db()
    assert world.citizen.has_consent(ConsentPurpose.PATHWAY)
    with pytest.raises(ValidationError, match="ikke begrænset"):
        actions.lift_restriction(by=dpo, citizen=world.citizen)


def test_withdrawn_consent_stops_processing_for_that_purpose_at_once():
    world = citizen_everywhere()
    citizen = world.citizen
    staff = user_with_role(Role.PROFESSIONAL, citizen.organisation)
    consent = citizen.consents.active().get(purpose=ConsentPurpose.PATHWAY)
    people_actions.withdraw_consent(by=staff, consent=consent)
    team = TeamFactory(organisation=citizen.organisation)
    with pytest.raises(people_actions.MissingConsentError):
        open_pathway(by=team_user(team), team=team, citizen=citizen, rationale="Mange sager")
    # Other purposes are unaffected.
    assert citizen.has_consent(ConsentPurpose.REGISTRATION)
