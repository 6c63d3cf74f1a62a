"""Pathway writes: consent first, validated, single-use hand-over, every write access-logged."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from samskab.core.models import AccessLogEntry
from samskab.pathways import actions
from samskab.pathways.models import (
    LearningCapture,
    MeetingRating,
    Pathway,
    PathwayActor,
    Perspective,
    RatingHandover,
    Sector,
)
from samskab.people.actions import MissingConsentError, withdraw_consent
from samskab.people.models import ConsentPurpose
from samskab.people.tests.factories import CitizenFactory, ConsentFactory

from .factories import (
    MeetingFactory,
    PathwayFactory,
    PracticeElementFactory,
    TeamFactory,
    citizen_with_pathway_consent,
    team_user,
)

pytestmark = pytest.mark.django_db

SCORES = {"heard": 9, "what_matters": 8, "way_of_working": 7, "overall": 8}


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def member(team):
    return team_user(team)


def test_open_pathway_without_pathway_consent_stores_nothing(team, member):
    citizen = CitizenFactory(organisation=team.organisation)
    ConsentFactory(citizen=citizen, purpose=ConsentPurpose.REGISTRATION)
    with pytest.raises(MissingConsentError) as error:
        actions.open_pathway(by=member, team=team, citizen=citizen, rationale="Mange sager.")
    assert "samtykke til et sammenhængende borgerforløb" in error.value.messages[0]
    assert not Pathway.objects.exists()
    assert not AccessLogEntry.objects.exists()


def test_open_pathway_requires_rationale(team, member):
    citizen = citizen_with_pathway_consent(team.organisation)
    with pytest.raises(ValidationError) as error:
        actions.open_pathway(by=member, team=team, citizen=citizen, rationale="   ")
    assert "begrundelse" in str(error.value)
    assert not Pathway.objects.exists()


def test_open_pathway_stores_goals_and_logs_with_purpose(team, member):
    citizen = citizen_with_pathway_consent(team.organisation)
    pathway = actions.open_pathway(
        by=member,
        team=team,
        citizen=citizen,
        rationale="Ingen har overblikket.",
        citizen_goals="At mine børn har det godt.",
    )
    assert pathway.citizen_goals == "At mine børn har det godt."
    entry = AccessLogEntry.objects.get()
    assert (entry.citizen_id, entry.action, entry.purpose) == (
        citizen.pk,
        "create",
        "Start af borgerforløb",
    )


def test_second_open_pathway_in_same_team_is_refused(team, member):
    pathway = PathwayFactory(team=team)
    with pytest.raises(ValidationError):
        actions.open_pathway(by=member, team=team, citizen=pathway.citizen, rationale="Igen.")


def test_writes_stop_when_consent_is_withdrawn(team, member):
    pathway = PathwayFactory(team=team)
    consent = pathway.citizen.consents.get(purpose=ConsentPurpose.PATHWAY)
    withdraw_consent(by=member, consent=consent)
    with pytest.raises(MissingConsentError):
        actions.add_actor(
            by=member,
            pathway=pathway,
            data={"name": "Egen læge", "sector": Sector.GENERAL_PRACTICE},
        )
    assert not PathwayActor.objects.exists()


def test_closed_pathway_takes_no_more_meetings(team, member):
    pathway = PathwayFactory(team=team)
    actions.close_pathway(by=member, pathway=pathway)
    with pytest.raises(ValidationError):
        actions.record_meeting(by=member, pathway=pathway, data={"with_citizen": True})


def test_meeting_participants_must_be_team_members(team, member):
    pathway = PathwayFactory(team=team)
    outsider = team_user(TeamFactory(organisation=team.organisation))
    with pytest.raises(ValidationError):
        actions.record_meeting(
            by=member, pathway=pathway, data={}, participants=[outsider.staff_member]
        )
    meeting = actions.record_meeting(
        by=member, pathway=pathway, data={}, participants=[member.staff_member]
    )
    assert list(meeting.participants.all()) == [member.staff_member]
    assert AccessLogEntry.objects.filter(object_type="pathways.Meeting").count() == 1


def test_learning_capture_once_per_meeting_with_the_teams_elements(team, member):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team))
    own = PracticeElementFactory(organisation=team.organisation)
    foreign = PracticeElementFactory()
    data = {"what_worked": "Lyttede.", "what_next": "Kortere møder.", "perspective": "both"}
    with pytest.raises(ValidationError):
        actions.record_learning_capture(
            by=member, meeting=meeting, data=data, practice_elements=[foreign]
        )
    capture = actions.record_learning_capture(
        by=member, meeting=meeting, data=data, practice_elements=[own]
    )
    assert list(capture.practice_elements.all()) == [own]
    assert capture.perspective == Perspective.BOTH
    with pytest.raises(ValidationError):
        actions.record_learning_capture(by=member, meeting=meeting, data=data)
    assert LearningCapture.objects.count() == 1


def test_handover_only_for_meetings_with_the_citizen(team, member):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team), with_citizen=False)
    with pytest.raises(ValidationError):
        actions.start_rating_handover(by=member, meeting=meeting)


@pytest.mark.parametrize("bad", [-1, 11, None])
def test_rating_outside_0_to_10_stores_nothing_and_keeps_the_screen(team, member, bad):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team))
    handover = actions.start_rating_handover(by=member, meeting=meeting)
    with pytest.raises(ValidationError) as error:
        actions.submit_meeting_rating(by=member, handover=handover, scores={**SCORES, "heard": bad})
    assert "fra 0 til 10" in error.value.messages[0]
    assert not MeetingRating.objects.exists()
    handover.refresh_from_db()
    assert handover.used_at is None


def test_handover_is_single_use(team, member):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team))
    handover = actions.start_rating_handover(by=member, meeting=meeting)
    rating = actions.submit_meeting_rating(
        by=member, handover=handover, scores=SCORES, comment=" At I lyttede. "
    )
    assert (rating.overall, rating.comment) == (8, "At I lyttede.")
    with pytest.raises(ValidationError):
        actions.skip_meeting_rating(by=member, handover=handover)
    with pytest.raises(ValidationError):
        actions.start_rating_handover(by=member, meeting=meeting)  # already rated
    assert AccessLogEntry.objects.filter(object_type="pathways.MeetingRating").count() == 1


def test_handover_expires_after_the_set_minutes(team, member, settings):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team))
    with time_machine.travel(timezone.now(), tick=False) as clock:
        handover = actions.start_rating_handover(by=member, meeting=meeting)
        clock.shift(datetime.timedelta(minutes=settings.SAMSKAB_HANDOVER_MINUTES - 1))
        assert list(RatingHandover.objects.usable()) == [handover]
        clock.shift(datetime.timedelta(minutes=1, seconds=1))
        assert not RatingHandover.objects.usable().exists()
        with pytest.raises(ValidationError, match="udløbet"):
            actions.submit_meeting_rating(by=member, handover=handover, scores=SCORES)
    assert not MeetingRating.objects.exists()
    handover.refresh_from_db()
    assert handover.used_at is None


def test_new_handover_retires_the_unused_one(team, member):
    meeting = MeetingFactory(pathway=PathwayFactory(team=team))
    first = actions.start_rating_handover(by=member, meeting=meeting)
    second = actions.start_rating_handover(by=member, meeting=meeting)
    assert list(RatingHandover.objects.usable()) == [second]
    with pytest.raises(ValidationError):
        actions.skip_meeting_rating(by=member, handover=first)
