"""Helpers for insights tests: insights of each kind, indexed as the source actions do."""

from samskab.core.models import Perspective
from samskab.core.tests.dates import days_ago
from samskab.innovation.models import Lesson, LessonVisibility
from samskab.insights.index import update_insight
from samskab.partnerships.models import Party, Reflection
from samskab.pathways.tests.factories import LearningCaptureFactory, MeetingFactory, PathwayFactory


def indexed(obj):
    update_insight(obj)
    return obj


def reflection(partnership, author, *, text, shared=True, perspective=Perspective.SYSTEM):
    party = Party.EXPERT if partnership.expert.citizen.user_id == author.pk else Party.LEADER
    return indexed(
        Reflection.objects.create(
            partnership=partnership,
            author=author,
            party=party,
            text=text,
            perspective=perspective,
            is_shared=shared,
        )
    )


def capture(team, *, what_worked, what_next="", perspective=Perspective.BOTH, held_on=None):
    meeting = MeetingFactory(
        pathway=PathwayFactory(team=team),
        held_on=held_on or days_ago(1),
    )
    return indexed(
        LearningCaptureFactory(
            meeting=meeting,
            what_worked=what_worked,
            what_next=what_next,
            perspective=perspective,
        )
    )


def lesson(organisation, *, title, text, perspective=Perspective.SYSTEM, visibility=None):
    return indexed(
        Lesson.objects.create(
            title=title,
            text=text,
            perspective=perspective,
            visibility=visibility or LessonVisibility.NETWORK,
            organisation=organisation,
        )
    )
