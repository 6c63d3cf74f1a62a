"""Lessons: the author chooses organisation-only, network or public; public lessons are open
pages without login and an Atom feed."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samskab.innovation import actions
from samskab.innovation.models import Lesson, LessonVisibility
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, citizen_with_login, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def lessons(org):
    return {
        visibility: actions.share_lesson(
            by=None,
            organisation=org,
            data={
                "title": f"Læring {visibility}",
                "text": "Tekst",
                "perspective": "both",
                "visibility": visibility,
                "tags": "a, b",
            },
        )
        for visibility in LessonVisibility.values
    }


def titles(qs):
    return sorted(lesson.title for lesson in qs)


def test_visibility_matrix(org, lessons):
    own = user_with_role(Role.PROFESSIONAL, org)
    other = user_with_role(Role.LEADER, OrganisationFactory())
    citizen = citizen_with_login(org).user
    assert Lesson.objects.visible_to(own).count() == 3
    assert titles(Lesson.objects.visible_to(other)) == ["Læring network", "Læring public"]
    assert titles(Lesson.objects.visible_to(citizen)) == ["Læring public"]
    assert titles(Lesson.objects.visible_to(AnonymousUser())) == ["Læring public"]


def test_public_pages_and_feed_work_without_login(client, lessons):
    response = client.get(reverse("innovation:lesson-public-list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Læring public" in body and "Læring network" not in body
    public = lessons[LessonVisibility.PUBLIC]
    assert client.get(public.get_absolute_url()).status_code == 200
    hidden = lessons[LessonVisibility.NETWORK]
    assert (
        client.get(reverse("innovation:lesson-public-detail", args=[hidden.pk])).status_code == 404
    )
    feed = client.get(reverse("innovation:lesson-feed"))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    xml = feed.content.decode()
    assert (
        "Læring public" in xml and "Læring network" not in xml and "Læring organisation" not in xml
    )


def test_network_lesson_list_needs_login(client, lessons):
    response = client.get(reverse("innovation:lesson-list"))
    assert response.status_code == 302


def test_other_organisation_does_not_see_organisation_only_lesson(client, lessons):
    client.force_login(user_with_role(Role.PROFESSIONAL, OrganisationFactory()))
    body = client.get(reverse("innovation:lesson-list")).content.decode()
    assert "Læring network" in body and "Læring organisation" not in body
