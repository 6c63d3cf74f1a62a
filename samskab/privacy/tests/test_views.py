"""The access-log viewer, the citizen's own data and Min log, and the navigation."""

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from samskab.core.actions import anchor_access_log, log_access
from samskab.core.models import AccessAction, AccessLogEntry, AccessLogHead
from samskab.people.models import Role
from samskab.people.tests.factories import (
    CitizenFactory,
    OrganisationFactory,
    citizen_with_login,
    user_with_role,
)

from .factories import citizen_everywhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def dpo():
    return user_with_role(Role.DATA_PROTECTION_OFFICER)


def _read(by, citizen, purpose="Borgerens stamdata", action=AccessAction.READ):
    return log_access(by=by, action=action, obj=citizen, citizen_id=citizen.pk, purpose=purpose)


def test_dpo_searches_by_citizen_user_period_and_action(client, dpo):
    organisation = dpo.staff_member.organisation
    anna = CitizenFactory(organisation=organisation, display_name="Anna")
    bo = CitizenFactory(organisation=organisation, display_name="Bo")
    karen = user_with_role(Role.PROFESSIONAL, organisation, username="karen")
    jens = user_with_role(Role.PROFESSIONAL, organisation, username="jens")
    _read(karen, anna)
    _read(jens, bo, action=AccessAction.UPDATE)
    client.force_login(dpo)
    url = reverse("privacy:access-log")

    def shown(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return {
            (row["entry"].actor_name, row["entry"].citizen_id) for row in response.context["rows"]
        }

    assert shown(citizen="anna") == {("karen", anna.pk)}
    assert shown(citizen=str(bo.pk)) == {("jens", bo.pk)}
    assert shown(user="jen") == {("jens", bo.pk)}
    assert shown(action="update") == {("jens", bo.pk)}
    today = timezone.localdate().isoformat()
    assert shown(date_from=today, date_to=today) >= {("karen", anna.pk), ("jens", bo.pk)}
    assert shown(date_to="2000-01-01") == set()


def test_dpo_sees_only_their_organisations_citizens_and_staff(client, dpo):
    organisation = dpo.staff_member.organisation
    mine = CitizenFactory(organisation=organisation)
    theirs = CitizenFactory()
    colleague = user_with_role(Role.PROFESSIONAL, organisation)
    stranger = user_with_role(Role.PROFESSIONAL, theirs.organisation)
    _read(colleague, mine)
    _read(stranger, theirs)
    from samskab.core.actions import log_access_many

    # A citizen-less entry (e.g. a list) by each; only the colleague's is in scope.
    for user in (colleague, stranger):
        log_access_many(
            by=user,
            action="read",
            objs=[organisation],
            purpose="Oversigt",
            citizen_id_of=lambda _o: None,
        )
    client.force_login(dpo)
    rows = client.get(reverse("privacy:access-log")).context["rows"]
    assert {(r["entry"].actor_id, r["entry"].citizen_id) for r in rows} == {
        (colleague.pk, mine.pk),
        (colleague.pk, None),
    }


def test_viewing_the_log_is_itself_logged_for_each_citizen_shown(client, dpo):
    citizen = CitizenFactory(organisation=dpo.staff_member.organisation)
    _read(user_with_role(Role.PROFESSIONAL, citizen.organisation), citizen)
    client.force_login(dpo)
    client.get(reverse("privacy:access-log"))
    assert AccessLogEntry.objects.filter(
        actor_id=dpo.pk, citizen_id=citizen.pk, purpose="Tilsyn med adgangsloggen"
    ).exists()


def test_log_page_shows_chain_status_and_detects_tampering(client, dpo):
    citizen = CitizenFactory(organisation=dpo.staff_member.organisation)
    entry = _read(dpo, citizen)
    client.force_login(dpo)
    assert "Hashkæden er intakt" in client.get(reverse("privacy:access-log")).content.decode()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_accesslogentry SET purpose = 'x' WHERE sequence = %s", [entry.sequence]
        )
    assert "Hashkæden er brudt" in client.get(reverse("privacy:access-log")).content.decode()


def test_log_page_lists_the_latest_anchors_and_the_dpo_downloads_the_file(client, dpo, settings):
    citizen = CitizenFactory(organisation=dpo.staff_member.organisation)
    client.force_login(dpo)
    page = client.get(reverse("privacy:access-log")).content.decode()
    assert "Der er ikke skrevet noget anker endnu" in page
    _read(dpo, citizen)
    anchor = anchor_access_log().anchor
    page = client.get(reverse("privacy:access-log")).content.decode()
    assert "Kæden passer med 1 anker uden for databasen." in page
    assert f"<td>{anchor.sequence}</td>" in page and "<td>Passer</td>" in page
    response = client.get(reverse("privacy:access-log-anchors"))
    assert response["Content-Disposition"].startswith('attachment; filename="adgangslog-ankre-')
    assert response.content == Path(settings.ACCESS_LOG_ANCHOR_FILE).read_bytes()
    assert json.loads(response.content)["sequence"] == anchor.sequence


def test_log_page_reports_truncation_found_by_the_anchors_in_danish(client, dpo):
    # Another organisation's citizen: the page shows (and logs) no row of theirs, so the
    # page's own read does not continue the cut chain before it is checked.
    citizen = CitizenFactory()
    client.force_login(dpo)
    first = _read(dpo, citizen)
    earlier_head = AccessLogHead.objects.values().get(pk=1)
    anchor_access_log()
    later = _read(dpo, citizen)
    anchor_access_log()
    # The newest entries deleted and the genuine earlier head put back, below the ORM.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_accesslogentry WHERE sequence > %s", [first.sequence])
        cursor.execute(
            "UPDATE core_accessloghead SET last_sequence = %s, last_hash = %s, mac = %s"
            " WHERE id = 1",
            [earlier_head["last_sequence"], earlier_head["last_hash"], earlier_head["mac"]],
        )
    page = client.get(reverse("privacy:access-log")).content.decode()
    assert "Hashkæden er brudt" in page
    assert f"Poster efter nr. {first.sequence} mangler" in page
    assert f"kender post nr. {later.sequence}." in page
    assert "<strong>Posten mangler</strong>" in page


def test_only_the_dpo_downloads_the_anchor_file(client):
    staff = user_with_role(Role.PROFESSIONAL)
    client.force_login(staff)
    assert client.get(reverse("privacy:access-log-anchors")).status_code in {403, 404}


def test_csv_export_has_the_filtered_rows_and_translated_purposes(client, dpo):
    organisation = dpo.staff_member.organisation
    anna = CitizenFactory(organisation=organisation, display_name="Anna")
    bo = CitizenFactory(organisation=organisation, display_name="Bo")
    _read(dpo, anna)
    _read(dpo, bo)
    client.force_login(dpo)
    response = client.get(
        reverse("privacy:access-log-csv"), {"citizen": "Anna"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2 and rows[1][3] == "Anna"
    assert AccessLogEntry.objects.filter(
        actor_id=dpo.pk, action="export", citizen_id=anna.pk
    ).exists()


def test_invalid_period_shows_a_danish_error(client, dpo):
    client.force_login(dpo)
    response = client.get(
        reverse("privacy:access-log"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert "Fra-datoen skal ligge før til-datoen" in response.content.decode()


def test_log_page_query_count_does_not_grow_with_entries(
    client, dpo, django_assert_max_num_queries
):
    organisation = dpo.staff_member.organisation
    staff = user_with_role(Role.PROFESSIONAL, organisation)
    client.force_login(dpo)
    _read(staff, CitizenFactory(organisation=organisation))
    with django_assert_max_num_queries(30) as ctx:
        client.get(reverse("privacy:access-log"))
    one = len(ctx.captured_queries)
    for _ in range(10):
        _read(staff, CitizenFactory(organisation=organisation))
    with django_assert_max_num_queries(one):
        client.get(reverse("privacy:access-log"))


def test_citizen_sees_and_downloads_everything_about_themself(client):
    world = citizen_everywhere()
    client.force_login(world.user)
    page = client.get(reverse("privacy:my-data"))
    html = page.content.decode()
    assert page.status_code == 200
    for heading in (
        "Borgerforløb",
        "Målinger",
        "Adgangslog",
        "Anmodninger fra borgere",
        "Refleksion",
    ):
        assert heading.lower() in html.lower(), heading
    response = client.get(reverse("privacy:my-data-json"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    types = {section["type"]: section for section in data["sections"]}
    assert types["people.Citizen"]["rows"][0]["display_name"] == "Anna Hansen"
    assert types["pathways.MeetingRating"]["rows"][0]["overall"] == 8
    assert types["core.AccessLogEntry"]["rows"]
    assert AccessLogEntry.objects.filter(
        citizen_id=world.citizen.pk, action="export", actor_id=world.user.pk
    ).exists()


def test_dpo_gets_the_same_export_for_their_citizen_only(client, dpo):
    mine = citizen_everywhere(dpo.staff_member.organisation)
    theirs = citizen_everywhere()
    client.force_login(dpo)
    assert client.get(reverse("privacy:citizen-data", args=[mine.citizen.pk])).status_code == 200
    assert (
        client.get(reverse("privacy:citizen-data-json", args=[mine.citizen.pk])).status_code == 200
    )
    assert client.get(reverse("privacy:citizen-data", args=[theirs.citizen.pk])).status_code == 404
    assert (
        client.get(reverse("privacy:citizen-data-json", args=[theirs.citizen.pk])).status_code
        == 404
    )


def test_citizen_cannot_open_another_citizens_data(client):
    me = citizen_with_login()
    other = citizen_everywhere()
    client.force_login(me.user)
    assert client.get(reverse("privacy:citizen-data", args=[other.citizen.pk])).status_code == 404
    data = json.loads(client.get(reverse("privacy:my-data-json")).content)
    assert data["citizen_id"] == me.pk
    assert "Anna Hansen" not in json.dumps(data)


def test_staff_without_a_citizen_record_see_an_empty_page(client):
    client.force_login(user_with_role(Role.PROFESSIONAL))
    assert "ikke knyttet til en borger" in client.get(reverse("privacy:my-data")).content.decode()
    assert client.get(reverse("privacy:my-data-json")).status_code == 403


def test_min_log_shows_who_when_and_why_translated(client):
    citizen = citizen_with_login()
    worker = user_with_role(
        Role.PROFESSIONAL, citizen.organisation, first_name="Karen", last_name="Madsen"
    )
    _read(worker, citizen, purpose="Borgerens stamdata")
    client.force_login(citizen.user)
    html = client.get(reverse("privacy:my-log")).content.decode()
    assert "Karen Madsen" in html and str(citizen.organisation) in html
    assert "Borgerens stamdata" in html
    english = client.get(reverse("privacy:my-log"), HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200


def test_min_log_shows_only_the_citizens_own_entries(client):
    me = citizen_with_login()
    other = CitizenFactory(organisation=me.organisation)
    worker = user_with_role(Role.PROFESSIONAL, me.organisation, first_name="Ole")
    _read(worker, other)
    client.force_login(me.user)
    response = client.get(reverse("privacy:my-log"))
    assert list(response.context["rows"]) == []


def test_navigation_has_min_log_for_citizens_and_privacy_for_the_dpo(client, dpo):
    citizen = citizen_with_login()
    client.force_login(citizen.user)
    html = client.get(reverse("privacy:my-log")).content.decode()
    assert f'href="{reverse("privacy:my-log")}"' in html
    client.force_login(dpo)
    html = client.get(reverse("privacy:index")).content.decode()
    assert f'href="{reverse("privacy:index")}"' in html
    assert "Hvad Samskab gemmer om borgere" in html


def test_consent_state_is_shown_where_staff_see_the_citizen(client):
    citizen = citizen_with_login()
    staff = user_with_role(Role.PROFESSIONAL, citizen.organisation)
    client.force_login(staff)
    html = client.get(citizen.get_absolute_url()).content.decode()
    assert 'data-testid="consent-state"' in html and "Registrering i Samskab" in html
    citizen.processing_restricted_at = timezone.now()
    citizen.save()
    assert "Behandling begrænset" in client.get(citizen.get_absolute_url()).content.decode()


def test_researcher_sees_study_link_but_not_the_dpo_tools(client):
    researcher = user_with_role(Role.RESEARCHER, OrganisationFactory())
    client.force_login(researcher)
    html = client.get(reverse("privacy:study-list")).content.decode()
    assert f'href="{reverse("privacy:study-list")}"' in html
    assert client.get(reverse("privacy:index")).status_code == 403


def test_restriction_toggle_by_the_dpo(client, dpo):
    citizen = CitizenFactory(organisation=dpo.staff_member.organisation)
    client.force_login(dpo)
    url = reverse("privacy:citizen-restriction", args=[citizen.pk])
    client.post(url, {"restrict": "1"})
    citizen.refresh_from_db()
    assert citizen.processing_restricted_at is not None
    client.post(url, {"restrict": "0"})
    citizen.refresh_from_db()
    assert citizen.processing_restricted_at is None
    assert client.get(url).status_code == 405


def test_old_entries_have_no_special_treatment_in_the_viewer(client, dpo):
    """Entries are shown newest first whatever their age (retention removes them later)."""
    citizen = CitizenFactory(organisation=dpo.staff_member.organisation)
    first = _read(dpo, citizen)
    second = _read(dpo, citizen)
    client.force_login(dpo)
    rows = client.get(reverse("privacy:access-log")).context["rows"]
    assert [r["entry"].sequence for r in rows][:2] == [second.sequence, first.sequence]
    assert first.at <= second.at <= timezone.now() + datetime.timedelta(seconds=1)


@pytest.mark.parametrize("term", ["²", "9" * 40, "١٢", "' OR 1=1 --", "\x00"])
def test_odd_search_terms_never_fail(client, dpo, term):
    client.force_login(dpo)
    assert client.get(reverse("privacy:access-log"), {"citizen": term}).status_code == 200
