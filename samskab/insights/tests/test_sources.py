"""The insight-source registry: who sees which insight, and how each source reads."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from samskab.core.models import Perspective
from samskab.core.tests.dates import days_ago
from samskab.innovation.models import Involvement, Lesson, LessonVisibility, Participants
from samskab.innovation.tests.factories import ProjectFactory, partner_user
from samskab.insights.sources import (
    SOURCES,
    InsightSource,
    get_insight_for,
    linkable_insight_for,
    register,
    source_for,
    visible_insights,
)
from samskab.partnerships.models import Party, Reflection
from samskab.partnerships.tests.factories import facilitator_for, partnership
from samskab.pathways.models import TeamRole
from samskab.pathways.tests.factories import (
    LearningCaptureFactory,
    MeetingFactory,
    MeetingRatingFactory,
    PathwayFactory,
    TeamFactory,
    team_user,
)
from samskab.people.models import Role
from samskab.people.tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def keys(user, **kwargs):
    return {(i.source, i.pk) for i in visible_insights(user, **kwargs)}


def reflection(p, author, *, shared, party=Party.LEADER, text="Jeg lærte meget af møderne."):
    return Reflection.objects.create(
        partnership=p,
        author=author,
        party=party,
        text=text,
        perspective=Perspective.SYSTEM,
        is_shared=shared,
    )


@pytest.fixture
def pair():
    p = partnership()
    return p, p.leader.user, p.expert.citizen.user, facilitator_for(p.round)


def test_private_reflection_is_visible_only_to_its_author(pair):
    p, leader, expert, facilitator = pair
    private = reflection(p, leader, shared=False)
    key = ("partnerships.reflection", private.pk)
    assert key in keys(leader)
    assert key not in keys(expert)
    assert key not in keys(facilitator)
    for other in (expert, facilitator, user_with_role(Role.ADMIN)):
        with pytest.raises(Http404):
            get_insight_for(other, *key)
    assert get_insight_for(leader, *key).is_private


def test_private_reflection_is_never_linkable_even_by_its_author(pair):
    p, leader, expert, _facilitator = pair
    private = reflection(p, leader, shared=False)
    with pytest.raises(ValidationError):
        linkable_insight_for(leader, "partnerships.reflection", private.pk)
    with pytest.raises(Http404):
        linkable_insight_for(expert, "partnerships.reflection", private.pk)


def test_shared_reflection_reaches_partner_and_facilitator_and_is_linkable(pair):
    p, leader, expert, facilitator = pair
    shared = reflection(p, leader, shared=True)
    for user in (leader, expert, facilitator):
        insight = linkable_insight_for(user, "partnerships.reflection", shared.pk)
        assert not insight.is_private


def test_other_organisation_sees_nothing(pair):
    p, leader, _expert, _facilitator = pair
    reflection(p, leader, shared=True)
    capture = LearningCaptureFactory()
    MeetingRatingFactory(meeting=capture.meeting)
    project = ProjectFactory()
    Lesson.objects.create(
        title="Kun os",
        text="Intern læring",
        perspective=Perspective.SYSTEM,
        visibility=LessonVisibility.ORGANISATION,
        organisation=project.partners.get().organisation,
    )
    outsider_facilitator = user_with_role(Role.FACILITATOR)
    outsider_professional = user_with_role(Role.PROFESSIONAL)
    for outsider in (outsider_facilitator, outsider_professional):
        assert (
            keys(outsider, sources=[k for k in SOURCES if k != "innovation.involvement"]) == set()
        )


def test_anonymous_and_users_without_roles_see_nothing(pair):
    from django.contrib.auth.models import AnonymousUser

    p, leader, _expert, _facilitator = pair
    reflection(p, leader, shared=True)
    LearningCaptureFactory()
    assert keys(AnonymousUser()) == set()
    assert keys(UserFactory()) == set()
    with pytest.raises(Http404):
        get_insight_for(AnonymousUser(), "partnerships.reflection", 1)


def test_unknown_source_or_pk_is_404(pair):
    _p, leader, _expert, _facilitator = pair
    with pytest.raises(Http404):
        get_insight_for(leader, "nope.nothing", 1)
    with pytest.raises(Http404):
        get_insight_for(leader, "partnerships.reflection", 999999)


def test_reflection_maps_text_perspective_and_scope(pair):
    p, _leader, expert, _facilitator = pair
    obj = Reflection.objects.create(
        partnership=p,
        author=expert,
        party=Party.EXPERT,
        text="Borgerens hverdag er fuld af ventetid.",
        perspective=Perspective.CITIZEN,
        is_shared=True,
    )
    insight = get_insight_for(expert, "partnerships.reflection", obj.pk)
    assert insight.text == "Borgerens hverdag er fuld af ventetid."
    assert insight.perspective == Perspective.CITIZEN
    assert insight.practice == "partnerships"
    assert insight.organisation_id == p.round.organisation_id
    assert insight.round_id == p.round_id
    assert insight.author_id == expert.pk
    assert insight.citizen_id == p.expert.citizen_id
    assert insight.url.endswith(f"/{p.pk}/")


def test_learning_capture_maps_both_texts_and_meeting_date():
    team = TeamFactory()
    supervisor = team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    held_on = days_ago(30)
    meeting = MeetingFactory(pathway=PathwayFactory(team=team), held_on=held_on)
    capture = LearningCaptureFactory(
        meeting=meeting,
        what_worked="Borgeren førte ordet.",
        what_next="Færre fagpersoner.",
        perspective=Perspective.BOTH,
        recorded_by=supervisor,
    )
    insight = get_insight_for(supervisor, "pathways.learningcapture", capture.pk)
    assert "Borgeren førte ordet." in insight.text and "Færre fagpersoner." in insight.text
    assert insight.perspective == Perspective.BOTH
    assert insight.practice == "pathways"
    assert insight.organisation_id == team.organisation_id
    assert insight.team_id == team.pk
    assert insight.created_at.date() == held_on
    assert insight.citizen_id == meeting.pathway.citizen_id
    assert source_for(capture).key == "pathways.learningcapture"


def test_rating_comment_is_citizen_perspective_and_empty_comments_are_not_insights():
    team = TeamFactory()
    member = team_user(team)
    pathway = PathwayFactory(team=team)
    with_comment = MeetingRatingFactory(meeting=MeetingFactory(pathway=pathway), comment="Tak!")
    without = MeetingRatingFactory(meeting=MeetingFactory(pathway=pathway), comment="")
    visible = keys(member, sources=["pathways.meetingrating"])
    assert visible == {("pathways.meetingrating", with_comment.pk)}
    insight = get_insight_for(member, "pathways.meetingrating", with_comment.pk)
    assert insight.perspective == Perspective.CITIZEN
    assert insight.text == "Tak!"
    with pytest.raises(Http404):
        get_insight_for(member, "pathways.meetingrating", without.pk)


def test_lesson_follows_its_visibility():
    project = ProjectFactory()
    author = partner_user(project)
    organisation = project.partners.get().organisation
    internal = Lesson.objects.create(
        title="Start småt",
        text="Små prøvehandlinger virker.",
        perspective=Perspective.SYSTEM,
        visibility=LessonVisibility.ORGANISATION,
        organisation=organisation,
        project=project,
        author=author,
    )
    insight = get_insight_for(author, "innovation.lesson", internal.pk)
    assert insight.perspective == Perspective.SYSTEM
    assert insight.project_id == project.pk
    assert "Små prøvehandlinger virker." in insight.text
    with pytest.raises(Http404):
        get_insight_for(user_with_role(Role.PROFESSIONAL), "innovation.lesson", internal.pk)


@pytest.mark.parametrize(
    ("participants", "perspective"),
    [
        (Participants.CITIZENS, Perspective.CITIZEN),
        (Participants.FRONTLINE, Perspective.SYSTEM),
        (Participants.BOTH, Perspective.BOTH),
    ],
)
def test_involvement_perspective_follows_who_took_part(participants, perspective):
    project = ProjectFactory()
    involvement = Involvement.objects.create(
        project=project,
        phase="ideation",
        held_on=days_ago(30),
        activity="Værksted",
        participants=participants,
        what_changed="Vi ændrede tidsplanen.",
    )
    staff = partner_user(project)
    insight = get_insight_for(staff, "innovation.involvement", involvement.pk)
    assert insight.perspective == perspective
    assert insight.organisation_id == project.partners.get().organisation_id
    assert insight.text == "Vi ændrede tidsplanen."
    citizen = user_with_role(Role.CITIZEN)
    with pytest.raises(Http404):
        get_insight_for(citizen, "innovation.involvement", involvement.pk)


def test_new_source_can_be_registered():
    from samskab.innovation.models import Lesson as LessonModel

    source = InsightSource(
        "test.lessons",
        LessonModel,
        "innovation",
        "Test",
        visible_to=lambda user: LessonModel.objects.none(),
        to_insight=lambda obj: None,
    )
    register(source)
    try:
        assert SOURCES["test.lessons"].model is LessonModel
        assert keys(user_with_role(Role.LEADER), sources=["test.lessons"]) == set()
    finally:
        SOURCES.pop("test.lessons")
