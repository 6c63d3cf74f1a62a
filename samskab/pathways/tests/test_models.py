"""Team coverage, overdue captures, visibility of pathways and the rating constraints."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import override_settings
from django.utils import timezone

from samskab.pathways.models import Meeting, Pathway, Team, TeamRole
from samskab.people.models import AuthorityArea, Role
from samskab.people.tests.factories import citizen_with_login, user_with_role

from .factories import (
    LearningCaptureFactory,
    MeetingFactory,
    MeetingRatingFactory,
    PathwayFactory,
    TeamFactory,
    team_user,
)

pytestmark = pytest.mark.django_db


def test_team_shows_represented_and_missing_authority_areas():
    team = TeamFactory()
    team_user(team, TeamRole.COORDINATOR, area=AuthorityArea.JOBCENTER)
    team_user(team, TeamRole.MEMBER, area=AuthorityArea.FAMILY)
    team_user(team, TeamRole.SUPERVISOR, area=AuthorityArea.FAMILY)
    represented, missing = team.authority_area_coverage()
    assert represented == [AuthorityArea.JOBCENTER, AuthorityArea.FAMILY]
    assert AuthorityArea.JOBCENTER not in missing and AuthorityArea.SCHOOL in missing
    assert AuthorityArea.ADMINISTRATION not in missing


def test_pathway_has_no_target_group_field_and_requires_rationale():
    names = {field.name for field in Pathway._meta.get_fields()}
    assert not names & {"target_group", "age_band", "diagnosis", "sector"}
    pathway = PathwayFactory.build(team=TeamFactory(), rationale="  ")
    pathway.citizen = PathwayFactory().citizen
    with pytest.raises(ValidationError) as error:
        pathway.full_clean()
    assert "rationale" in error.value.message_dict


def _meeting(days_ago, **kwargs):
    return MeetingFactory(
        held_on=timezone.localdate() - datetime.timedelta(days=days_ago), **kwargs
    )


def test_meeting_without_capture_is_overdue_after_three_days_by_default():
    old = _meeting(4)
    _meeting(3)  # exactly three days: overdue too (held on or before today - 3)
    recent = _meeting(2)
    captured = _meeting(10)
    LearningCaptureFactory(meeting=captured)
    overdue = set(Meeting.objects.capture_overdue())
    assert old in overdue and recent not in overdue and captured not in overdue
    assert len(overdue) == 2


@override_settings(PATHWAYS_CAPTURE_OVERDUE_DAYS=7)
def test_overdue_days_come_from_the_setting():
    assert not Meeting.objects.capture_overdue().filter(pk=_meeting(5).pk).exists()
    assert Meeting.objects.capture_overdue().filter(pk=_meeting(7).pk).exists()


def test_future_meeting_is_refused():
    meeting = MeetingFactory.build(
        pathway=PathwayFactory(), held_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        meeting.full_clean()


def test_rating_outside_0_to_10_is_refused_by_validation_and_database():
    rating = MeetingRatingFactory.build(meeting=MeetingFactory(), overall=11)
    with pytest.raises(ValidationError):
        rating.full_clean()
    with pytest.raises(IntegrityError):
        MeetingRatingFactory(overall=11)


def test_pathway_visible_to_team_members_and_the_citizen_only():
    team = TeamFactory()
    member = team_user(team)
    citizen = citizen_with_login(organisation=team.organisation)
    pathway = PathwayFactory(team=team, citizen=citizen)
    colleague = user_with_role(Role.PROFESSIONAL, team.organisation)
    leader = user_with_role(Role.LEADER, team.organisation)
    assert list(Pathway.objects.visible_to(member)) == [pathway]
    assert list(Pathway.objects.visible_to(citizen.user)) == [pathway]
    assert not Pathway.objects.visible_to(colleague).exists()
    assert not Pathway.objects.visible_to(leader).exists()
    assert list(Team.objects.visible_to(leader)) == [team]
