"""Staff pages show a withdrawn consent or a restriction, and do not offer what would be refused.

The pathway, meeting, partnership, citizen and measurement pages say "Borgeren har trukket
samtykket til … tilbage den …" or "Behandlingen … er begrænset …" and hide the forms the consent
guard would refuse; the templates stay query-free (the view hands them the state).
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from samskab.national.tests.template_queries import describe, template_queries
from samskab.outcomes.tests.factories import consenting_citizen
from samskab.partnerships.models import PartnershipState
from samskab.partnerships.tests.factories import facilitator_for, partnership
from samskab.pathways.models import PlanAction, PlanActionStatus
from samskab.pathways.tests.factories import MeetingFactory, PathwayFactory, TeamFactory, team_user
from samskab.people.models import Consent, ConsentPurpose, Role
from samskab.people.tests.factories import user_with_role

from .test_consent_guard import restrict, withdraw

pytestmark = pytest.mark.django_db


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _withdrawn_on(citizen, purpose):
    consent = Consent.objects.filter(citizen=citizen, purpose=purpose).latest("withdrawn_at")
    return date_format(timezone.localtime(consent.withdrawn_at))


@pytest.fixture
def pathway_page(client):
    team = TeamFactory()
    member = team_user(team)
    pathway = PathwayFactory(team=team, opened_by=member)
    action = PlanAction.objects.create(pathway=pathway, description="Søg job", owner="Borgeren")
    client.force_login(member)
    return pathway, action, pathway.get_absolute_url()


def test_pathway_page_after_withdrawal_says_so_and_offers_only_closing(client, pathway_page):
    pathway, action, url = pathway_page
    status_url = reverse("pathways:planaction-status", args=[pathway.pk, action.pk])
    meeting_url = reverse("pathways:meeting-create", args=[pathway.pk])
    html = _html(client, url)
    assert status_url in html and meeting_url in html
    assert 'data-testid="processing-notice"' not in html

    withdraw(pathway.citizen, ConsentPurpose.PATHWAY)
    html = _html(client, url)
    on = _withdrawn_on(pathway.citizen, ConsentPurpose.PATHWAY)
    assert (
        f"Borgeren har trukket samtykket til et sammenhængende borgerforløb tilbage den {on}."
    ) in html
    for offered in (status_url, meeting_url, "Registrér møde", "Tilføj aktør", "Ret borgerens mål"):
        assert offered not in html
    assert "Udført" not in html and "Planlagt" in html  # the status is shown, not a choice
    assert "Afslut forløbet" in html


def test_pathway_page_under_restriction_offers_nothing(client, pathway_page):
    pathway, _action, url = pathway_page
    restrict(pathway.citizen)
    html = _html(client, url)
    assert "Behandlingen af borgerens oplysninger er begrænset (GDPR art. 18) siden" in html
    assert "Afslut forløbet" not in html and "Registrér møde" not in html


def test_a_status_change_posted_after_withdrawal_is_refused_with_the_reason(client, pathway_page):
    pathway, action, _url = pathway_page
    withdraw(pathway.citizen, ConsentPurpose.PATHWAY)
    response = client.post(
        reverse("pathways:planaction-status", args=[pathway.pk, action.pk]),
        {"status": PlanActionStatus.DONE},
        follow=True,
    )
    assert "trukket samtykket til et sammenhængende borgerforløb tilbage" in (
        response.content.decode()
    )
    action.refresh_from_db()
    assert action.status == PlanActionStatus.PLANNED


def test_meeting_and_capture_forms_send_back_with_the_reason(client, pathway_page):
    pathway, _action, _url = pathway_page
    meeting = MeetingFactory(pathway=pathway)
    withdraw(pathway.citizen, ConsentPurpose.PATHWAY)
    for form_url in (
        reverse("pathways:meeting-create", args=[pathway.pk]),
        reverse("pathways:capture-create", args=[meeting.pk]),
    ):
        response = client.get(form_url, follow=True)
        assert response.redirect_chain, form_url
        assert "trukket samtykket" in response.content.decode()
    html = _html(client, meeting.get_absolute_url())
    assert 'data-testid="processing-notice"' in html
    assert "Skriv læringsopsamling" not in html
    assert "Giv skærmen til borgeren" not in html


def test_partnership_page_offers_ending_but_not_meetings_after_withdrawal(client):
    p = partnership(state=PartnershipState.MEETINGS)
    client.force_login(facilitator_for(p.round))
    url = p.get_absolute_url()
    meeting_url = reverse("partnerships:meeting-create", args=[p.pk])
    pause_url = reverse("partnerships:partnership-transition", args=[p.pk, "pause"])
    end_url = reverse("partnerships:partnership-transition", args=[p.pk, "end_early"])
    html = _html(client, url)
    assert meeting_url in html and pause_url in html

    withdraw(p.expert.citizen, ConsentPurpose.PARTNERSHIP)
    html = _html(client, url)
    on = _withdrawn_on(p.expert.citizen, ConsentPurpose.PARTNERSHIP)
    assert (
        "Borgeren har trukket samtykket til deltagelse i et ligeværdigt partnerskab tilbage den "
        f"{on}."
    ) in html
    assert meeting_url not in html and pause_url not in html
    assert end_url in html

    restrict(p.expert.citizen)
    html = _html(client, url)
    assert "begrænset" in html and end_url not in html


def test_the_expert_sees_the_state_in_plain_words_on_their_own_page(client):
    p = partnership(state=PartnershipState.MEETINGS)
    withdraw(p.expert.citizen, ConsentPurpose.PARTNERSHIP)
    client.force_login(p.expert.citizen.user)
    html = _html(client, p.get_absolute_url())
    assert "Du har trukket dit samtykke til deltagelse i et ligeværdigt partnerskab tilbage" in html
    assert "Skriv en refleksion" not in html and "Registrér et møde" not in html


def test_citizen_page_shows_the_withdrawal_and_hides_editing(client):
    citizen = consenting_citizen()
    worker = user_with_role(Role.PROFESSIONAL, citizen.organisation)
    client.force_login(worker)
    url = reverse("people:citizen-detail", args=[citizen.pk])
    edit_url = reverse("people:citizen-update", args=[citizen.pk])
    assert edit_url in _html(client, url)

    withdraw(citizen, ConsentPurpose.REGISTRATION)
    html = _html(client, url)
    assert "har trukket samtykket til registrering i Samskab tilbage den" in html
    assert edit_url not in html
    response = client.get(edit_url, follow=True)
    assert response.redirect_chain and "trukket samtykket" in response.content.decode()

    restrict(citizen)
    html = _html(client, url)
    assert "begrænset" in html
    assert reverse("people:consent-give", args=[citizen.pk]) not in html


def test_measurements_page_shows_the_withdrawal_and_no_form(client):
    citizen = consenting_citizen()
    client.force_login(user_with_role(Role.PROFESSIONAL, citizen.organisation))
    url = reverse("outcomes:citizen-measurements", args=[citizen.pk])
    assert "Gem måling" in _html(client, url)
    withdraw(citizen, ConsentPurpose.REGISTRATION)
    html = _html(client, url)
    assert "har trukket samtykket til registrering i Samskab tilbage den" in html
    assert "Gem måling" not in html


def test_the_pages_with_a_notice_run_no_queries_in_their_templates(client, pathway_page):
    pathway, _action, pathway_url = pathway_page
    withdraw(pathway.citizen, ConsentPurpose.PATHWAY)
    p = partnership(state=PartnershipState.MEETINGS)
    withdraw(p.expert.citizen, ConsentPurpose.PARTNERSHIP)
    facilitator = facilitator_for(p.round)
    citizen_url = reverse("people:citizen-detail", args=[pathway.citizen.pk])
    for user, url in [
        (None, pathway_url),
        (None, citizen_url),
        (facilitator, p.get_absolute_url()),
    ]:
        if user is not None:
            client.force_login(user)
        client.get(url)  # warm up the session's two-factor flag and caches
        with template_queries() as in_templates:
            assert client.get(url).status_code == 200
        assert not in_templates, describe(url, in_templates)
