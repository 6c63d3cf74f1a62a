"""Exports of the portfolio's projects and the learning community's lessons."""

import pytest
from django.urls import reverse

from samskab.core.tests.exporting import csv_rows, xlsx_rows
from samskab.innovation.models import Lesson, LessonVisibility
from samskab.innovation.tests.factories import ProjectFactory, partner_user
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_portfolio_export_keeps_the_filter(client):
    project = ProjectFactory(title="+Tryghedsrobot")
    ProjectFactory(title="Andet projekt")
    client.force_login(partner_user(project))

    rows = csv_rows(
        client.get(
            reverse("innovation:portfolio"), {"format": "csv", "mission": project.mission_id}
        )
    )

    assert rows[0][:3] == ["Projekt", "Mission", "Fase"]
    assert [row[0] for row in rows[1:]] == ["'+Tryghedsrobot"]


def test_lessons_of_another_organisation_are_not_exported(client):
    author_org = OrganisationFactory()
    author = user_with_role(Role.PROFESSIONAL, author_org)
    for visibility, title in (
        (LessonVisibility.ORGANISATION, "Kun internt"),
        (LessonVisibility.NETWORK, "Til netværket"),
    ):
        Lesson.objects.create(
            title=title,
            text="Læring",
            perspective="both",
            visibility=visibility,
            organisation=author_org,
            author=author,
        )
    client.force_login(user_with_role(Role.LEADER, OrganisationFactory()))

    rows = xlsx_rows(client.get(reverse("innovation:lesson-list"), {"format": "xlsx"}))

    assert [row[0] for row in rows[1:]] == ["Til netværket"]
