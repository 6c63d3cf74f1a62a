"""Research exports: per-study pseudonyms, screened free text, small cells suppressed, and
one kind of file per study (record-level only when approved and the cohort is large enough)."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from samskab.core.models import AccessLogEntry
from samskab.core.tests.exporting import csv_rows
from samskab.outcomes.tests.factories import MeasureFactory, MeasurementFactory
from samskab.people.models import Citizen, ConsentPurpose, Role
from samskab.people.tests.factories import (
    CitizenFactory,
    ConsentFactory,
    OrganisationFactory,
    user_with_role,
)
from samskab.privacy import research
from samskab.privacy.models import ResearchStudy
from samskab.privacy.screening import screen_text

from .factories import StudyFactory, citizen_everywhere

pytestmark = pytest.mark.django_db


def _file(export, rows) -> list[list[str]]:
    """A research file as the researcher opens it (header first)."""
    return csv_rows(export.response(RequestFactory().get("/"), rows, "csv"))


def _consenting(organisation, n, value=5):
    citizens = []
    for _ in range(n):
        citizen = CitizenFactory(organisation=organisation)
        ConsentFactory(citizen=citizen, purpose=ConsentPurpose.RESEARCH)
        MeasurementFactory(citizen=citizen, value=value)
        citizens.append(citizen)
    return citizens


def test_pseudonyms_are_stable_within_a_study_and_differ_between_studies():
    organisation = OrganisationFactory()
    one, two = StudyFactory(organisation=organisation), StudyFactory(organisation=organisation)
    assert research.pseudonym(one, 42) == research.pseudonym(one, 42)
    assert research.pseudonym(one, 42) != research.pseudonym(one, 43)
    assert research.pseudonym(one, 42) != research.pseudonym(two, 42)
    # A fixed-length hex digest, never the id itself (a random key may contain "42" anywhere).
    assert re.fullmatch(r"[0-9a-f]{20}", research.pseudonym(one, 42))
    assert one.secret_key != two.secret_key


def test_records_carry_pseudonyms_not_ids_or_names():
    organisation = OrganisationFactory()
    citizens = _consenting(organisation, 2)
    study = StudyFactory(organisation=organisation)
    records = research.study_records(study)
    assert {r.pseudonym for r in records} == {research.pseudonym(study, c.pk) for c in citizens}
    text = str(_file(research.RECORDS_FILE, records))
    for citizen in citizens:
        assert citizen.display_name not in text


def test_only_consenting_unrestricted_citizens_of_the_organisation_are_included():
    organisation = OrganisationFactory()
    included = _consenting(organisation, 1)[0]
    CitizenFactory(organisation=organisation)  # no research consent
    restricted = _consenting(organisation, 1)[0]
    Citizen.objects.filter(pk=restricted.pk).update(processing_restricted_at=timezone.now())
    _consenting(OrganisationFactory(), 1)  # another organisation
    study = StudyFactory(organisation=organisation)
    assert list(research.study_citizens(study)) == [included]


@override_settings(RESEARCH_MIN_CELL=5)
def test_cells_below_the_minimum_are_suppressed():
    organisation = OrganisationFactory()
    _consenting(organisation, 5, value=4)
    study = StudyFactory(organisation=organisation)
    cells = research.aggregate(research.study_records(study))
    assert [(c.count, c.mean) for c in cells] == [(5, 4.0)]

    small = OrganisationFactory()
    _consenting(small, 4, value=4)
    small_study = StudyFactory(organisation=small)
    cells = research.aggregate(research.study_records(small_study))
    assert all(c.is_suppressed and c.count == 0 for c in cells)
    rows = _file(research.AGGREGATES_FILE, cells)
    assert rows[1][3] == "<5" and rows[1][4] == ""
    assert "4,0" not in str(rows)


@override_settings(RESEARCH_MIN_CELL=2)
def test_the_minimum_is_configurable():
    organisation = OrganisationFactory()
    _consenting(organisation, 2)
    cells = research.aggregate(research.study_records(StudyFactory(organisation=organisation)))
    assert not cells[0].is_suppressed


def test_free_text_only_when_chosen_and_then_screened():
    world = citizen_everywhere()
    without = StudyFactory(organisation=world.citizen.organisation)
    assert not any(r.text for r in research.study_records(without))
    with_text = StudyFactory(organisation=world.citizen.organisation, include_free_text=True)
    texts = [r.text for r in research.study_records(with_text) if r.text]
    assert texts == ["[navn]: I lyttede"]


def test_screening_masks_names_emails_phones_and_cpr_numbers():
    citizen = CitizenFactory.build(display_name="Mille (fiktiv)", email="m@x.dk", phone="")
    text = (
        "Mille ringede fra 20 30 40 50 og +45 12345678, skrev til m@x.dk og a@b.dk, "
        "CPR 010203-1234."
    )
    assert screen_text(text, citizens=[citizen]) == (
        "[navn] ringede fra [telefon] og [telefon], skrev til [e-mail] og [e-mail], CPR [cpr]."
    )


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_researcher_defines_a_study_that_the_dpo_approves_before_export(client):
    organisation = OrganisationFactory()
    _consenting(organisation, 5)
    researcher = user_with_role(Role.RESEARCHER, OrganisationFactory())
    dpo = user_with_role(Role.DATA_PROTECTION_OFFICER, organisation)
    client.force_login(researcher)
    response = client.post(
        reverse("privacy:study-create"),
        {"title": "Trivsel", "purpose": "Virker det?", "organisation": organisation.pk},
    )
    study = ResearchStudy.objects.get()
    assert response.url == study.get_absolute_url() and not study.is_approved
    assert not study.has_record_level_approval
    export = reverse("privacy:study-export", args=[study.pk])
    assert client.get(export).status_code == 302  # not approved yet
    assert client.post(reverse("privacy:study-approve", args=[study.pk])).status_code == 403

    client.force_login(dpo)
    client.post(reverse("privacy:study-approve", args=[study.pk]))
    study.refresh_from_db()
    assert study.is_approved and study.approved_by == dpo

    client.force_login(researcher)
    rows = csv_rows(client.get(export, {"del": "aggregater"}))
    assert rows[0][3] == "antal borgere" and rows[1][3] == "5"
    assert AccessLogEntry.objects.filter(actor_id=researcher.pk, action="export").count() == 5


@override_settings(RESEARCH_MIN_COHORT=3)
def test_a_study_whose_approval_does_not_cover_record_level_data_gets_none(client):
    organisation = OrganisationFactory()
    _consenting(organisation, 10)
    researcher = user_with_role(Role.RESEARCHER)
    study = StudyFactory(organisation=organisation, created_by=researcher)
    client.force_login(researcher)

    response = client.get(reverse("privacy:study-export", args=[study.pk]), {"del": "data"})

    assert response.status_code == 302 and response.url == study.get_absolute_url()
    assert "omfatter ikke data på individniveau" in _messages(response)[-1]
    assert not AccessLogEntry.objects.filter(action="export").exists()
    # Without a choice the study gets its one kind of file: the aggregates.
    rows = csv_rows(client.get(reverse("privacy:study-export", args=[study.pk])))
    assert rows[0][0] == "kilde"


@override_settings(RESEARCH_MIN_COHORT=3)
def test_a_small_cohort_gets_no_record_level_file(client):
    organisation = OrganisationFactory()
    citizens = _consenting(organisation, 2)
    researcher = user_with_role(Role.RESEARCHER)
    study = StudyFactory(
        organisation=organisation, created_by=researcher, has_record_level_approval=True
    )
    client.force_login(researcher)
    export = reverse("privacy:study-export", args=[study.pk])

    response = client.get(export, {"del": "data"})
    assert response.status_code == 302
    assert "færre end 3 borgere" in _messages(response)[-1]
    page = client.get(study.get_absolute_url()).content.decode()
    assert "færre end 3 borgere" in page and "?del=data" not in page
    # A consenting citizen without any data does not count.
    ConsentFactory(citizen=CitizenFactory(organisation=organisation), purpose="research")
    assert client.get(export, {"del": "data"}).status_code == 302

    citizens += _consenting(organisation, 1)
    rows = csv_rows(client.get(export, {"del": "data"}))
    assert {row[0] for row in rows[1:]} == {research.pseudonym(study, c.pk) for c in citizens}
    assert "?del=data" in client.get(study.get_absolute_url()).content.decode()


@override_settings(RESEARCH_MIN_COHORT=3, RESEARCH_MIN_CELL=5)
def test_aggregates_never_come_with_records_that_reveal_a_suppressed_cell(client):
    organisation = OrganisationFactory()
    _consenting(organisation, 6, value=4)
    # Two citizens have a rarely used measure: a cell below the minimum.
    measure = MeasureFactory(name="Sjælden måling")
    for citizen in _consenting(organisation, 2, value=9):
        MeasurementFactory(citizen=citizen, measure=measure, value=1)
    researcher = user_with_role(Role.RESEARCHER)
    client.force_login(researcher)

    aggregates_only = StudyFactory(organisation=organisation, created_by=researcher)
    url = reverse("privacy:study-export", args=[aggregates_only.pk])
    cells = csv_rows(client.get(url, {"del": "aggregater"}))
    suppressed = [row for row in cells if row[1] == "Sjælden måling"]
    assert suppressed and suppressed[0][3:] == ["<5", ""]
    assert client.get(url, {"del": "data"}).status_code == 302  # no records to recompute it

    record_level = StudyFactory(
        organisation=organisation, created_by=researcher, has_record_level_approval=True
    )
    url = reverse("privacy:study-export", args=[record_level.pk])
    records = csv_rows(client.get(url, {"del": "data"}))
    assert any(row[2] == "Sjælden måling" for row in records)
    response = client.get(url, {"del": "aggregater"})
    assert response.status_code == 302  # the records, so no suppressed aggregates beside them
    assert "ikke aggregater ved siden af" in _messages(response)[-1]
    page = client.get(record_level.get_absolute_url()).content.decode()
    assert "?del=aggregater" not in page and "Du får ikke også aggregater" in page


def test_the_study_page_explains_the_rule_in_danish(client):
    researcher = user_with_role(Role.RESEARCHER)
    study = StudyFactory(created_by=researcher)
    client.force_login(researcher)
    page = client.get(study.get_absolute_url()).content.decode()
    assert "Ikke omfattet af godkendelsen" in page
    assert "Du får ikke data om den enkelte borger" in page
    assert "?del=aggregater" in page and "?del=data" not in page


def test_the_study_form_asks_whether_the_approval_covers_record_level_data(client):
    client.force_login(user_with_role(Role.RESEARCHER))
    page = client.get(reverse("privacy:study-create")).content.decode()
    assert "Godkendelsen omfatter data på individniveau" in page
    assert "aldrig begge" in page


def test_other_users_cannot_see_or_export_a_study(client):
    study = StudyFactory(created_by=user_with_role(Role.RESEARCHER))
    for user in (
        user_with_role(Role.RESEARCHER),
        user_with_role(Role.DATA_PROTECTION_OFFICER),
        user_with_role(Role.PROFESSIONAL, study.organisation),
    ):
        client.force_login(user)
        assert client.get(study.get_absolute_url()).status_code == 404
        assert client.get(reverse("privacy:study-export", args=[study.pk])).status_code == 404
    client.force_login(user_with_role(Role.PROFESSIONAL))
    assert client.get(reverse("privacy:study-list")).status_code == 403


def test_a_study_without_a_title_is_refused_in_danish(client):
    client.force_login(user_with_role(Role.RESEARCHER))
    response = client.post(reverse("privacy:study-create"), {"purpose": "x"})
    assert "Der er problemer med det, du har udfyldt" in response.content.decode()
    assert not ResearchStudy.objects.exists()


def test_dpo_study_for_own_organisation_is_approved_at_once(client):
    dpo = user_with_role(Role.DATA_PROTECTION_OFFICER)
    client.force_login(dpo)
    client.post(
        reverse("privacy:study-create"),
        {"title": "T", "purpose": "P", "organisation": dpo.staff_member.organisation.pk},
    )
    assert ResearchStudy.objects.get().is_approved
