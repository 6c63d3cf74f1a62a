"""Innovation pages: scoped access, clear Danish messages, nothing stored on bad input,
and query counts that do not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.innovation.models import (
    BusinessCaseLine,
    Challenge,
    GateDecision,
    Lesson,
    MembershipStatus,
    MissionMembership,
    PartnerRole,
    Phase,
    Project,
    ProjectStatus,
)
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, citizen_with_login, user_with_role

from .factories import ChallengeFactory, MissionFactory, ProjectFactory, partner_user

pytestmark = pytest.mark.django_db


def gate_go(**changes):
    """A complete gate decision, taken today, that passes the project on."""
    return {
        "outcome": "go",
        "decided_on": str(timezone.localdate()),
        "decision_makers": "Styregruppen",
        "criteria_met": ["involvement", "business_case"],
        "notes": "Klar til idéudvikling",
        **changes,
    }


@pytest.fixture
def project():
    return ProjectFactory()


@pytest.fixture
def leader(project):
    return partner_user(project, Role.LEADER)


def _queries(client, url):
    client.get(url)  # warm up: the first request after login loads the session and user
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_anonymous_is_sent_to_login(client, project):
    response = client.get(reverse("innovation:project-detail", args=[project.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_citizen_gets_404_for_project_and_403_for_portfolio(client, project):
    client.force_login(citizen_with_login().user)
    assert client.get(reverse("innovation:project-detail", args=[project.pk])).status_code == 404
    assert client.get(reverse("innovation:portfolio")).status_code == 403


def test_leader_passes_a_gate(client, project, leader):
    client.force_login(leader)
    url = reverse("innovation:gate-decide", args=[project.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, gate_go())
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.phase == Phase.IDEATION
    decision = GateDecision.objects.get()
    assert decision.criteria_met == ["involvement", "business_case"]
    assert decision.recorded_by == leader
    page = client.get(project.get_absolute_url())
    assert "Idéudvikling" in page.content.decode()


def test_illegal_gate_move_shows_danish_message_and_changes_nothing(client, project, leader):
    client.force_login(leader)
    url = reverse("innovation:gate-decide", args=[project.pk])
    response = client.post(url, gate_go(outcome="back", to_phase=Phase.SCALING))
    assert response.status_code == 200
    assert "Et projekt kan kun sendes tilbage til en tidligere fase" in response.content.decode()
    project.refresh_from_db()
    assert project.phase == Phase.KICKOFF and project.status == ProjectStatus.ACTIVE
    assert not GateDecision.objects.exists()


def test_gate_form_without_decision_makers_stores_nothing(client, project, leader):
    client.force_login(leader)
    response = client.post(
        reverse("innovation:gate-decide", args=[project.pk]), gate_go(decision_makers="")
    )
    assert "Skriv, hvem der traf beslutningen." in response.content.decode()
    assert not GateDecision.objects.exists()


def test_professional_in_partner_may_not_decide_gate(client, project):
    client.force_login(partner_user(project, Role.PROFESSIONAL))
    response = client.post(reverse("innovation:gate-decide", args=[project.pk]), gate_go())
    assert response.status_code == 403
    assert not GateDecision.objects.exists()


def test_other_organisation_may_read_but_not_edit(client, project):
    other = user_with_role(Role.LEADER, OrganisationFactory())
    client.force_login(other)
    assert client.get(project.get_absolute_url()).status_code == 200
    assert client.post(reverse("innovation:gate-request", args=[project.pk])).status_code == 403
    response = client.post(
        reverse("innovation:businesscase-line-add", args=[project.pk]),
        {
            "line-kind": "cost",
            "line-payer": "kommune",
            "line-year": "0",
            "line-description": "X",
            "line-quantity": "1",
            "line-unit_price": "10",
        },
    )
    assert response.status_code == 403
    assert not BusinessCaseLine.objects.exists()


def test_gate_request_puts_project_in_the_queue(client, project, leader):
    client.force_login(leader)
    client.post(reverse("innovation:gate-request", args=[project.pk]))
    response = client.get(reverse("innovation:portfolio"))
    queue = response.content.decode().split('data-testid="gate-queue"')[1].split("</ul>")[0]
    assert project.title in queue


def test_portfolio_filters(client, project, leader):
    other = ProjectFactory()
    client.force_login(leader)
    response = client.get(reverse("innovation:portfolio"), {"mission": project.mission_id})
    body = response.content.decode()
    assert project.title in body and other.title not in body
    response = client.get(reverse("innovation:portfolio"), {"phase": Phase.SCALING})
    assert project.title not in response.content.decode()
    org = project.partners.get().organisation
    response = client.get(reverse("innovation:portfolio"), {"organisation": org.pk})
    body = response.content.decode()
    assert project.title in body and other.title not in body


def test_portfolio_board_caps_a_full_cell_and_links_to_the_rest(client, leader):
    mission = MissionFactory(name="Tidlige indsatser")
    projects = [ProjectFactory(mission=mission, title=f"Indsats {i:02d}") for i in range(9)]
    client.force_login(leader)
    body = client.get(reverse("innovation:portfolio")).content.decode()
    assert "Indsats 05" in body and "Indsats 06" not in body  # six cards, in title order
    assert "og 3 flere" in body
    assert f"mission={mission.pk}&amp;phase=kickoff" in body
    one_cell = client.get(
        reverse("innovation:portfolio"), {"mission": mission.pk, "phase": "kickoff"}
    )
    assert all(p.title in one_cell.content.decode() for p in projects)


def test_portfolio_pages_its_missions_and_keeps_the_filter(client, leader):
    for i in range(12):
        ProjectFactory(mission=MissionFactory(name=f"Mission {i:02d}"), title=f"Projekt i {i:02d}")
    client.force_login(leader)
    first = client.get(reverse("innovation:portfolio"), {"phase": "kickoff"}).content.decode()
    assert "Projekt i 09" in first and "Projekt i 10" not in first
    assert "Missionerne 1–10 af 13" in first  # and the leader's own project's mission
    assert "?phase=kickoff&amp;side=2" in first
    second = client.get(reverse("innovation:portfolio"), {"phase": "kickoff", "side": 2})
    body = second.content.decode()
    assert "Projekt i 10" in body and "Projekt i 09" not in body


def test_gate_queue_shows_the_first_ten_and_filters_to_the_rest(client, leader):
    mission = MissionFactory()
    waiting = [ProjectFactory(title=f"Venter {i:02d}", mission=mission) for i in range(12)]
    Project.objects.filter(pk__in=[p.pk for p in waiting]).update(
        gate_requested_on=timezone.localdate()
    )
    ProjectFactory(title="Venter ikke", mission=mission)
    client.force_login(leader)
    body = client.get(reverse("innovation:portfolio")).content.decode()
    queue = body.split('data-testid="gate-queue"')[1].split("</ul>")[0]
    assert queue.count("<li>") == 10
    assert "Vis alle 12 projekter, der venter" in body
    only = client.get(reverse("innovation:portfolio"), {"waiting": "on"}).content.decode()
    assert "12 projekter" in only and "Venter ikke" not in only


def test_portfolio_query_count_is_constant(client, leader):
    client.force_login(leader)
    url = reverse("innovation:portfolio")
    one = _queries(client, url)
    for _ in range(10):
        ProjectFactory()
    assert _queries(client, url) == one


def test_project_detail_query_count_is_constant(client, project, leader):
    from samskab.innovation import actions

    client.force_login(leader)
    url = project.get_absolute_url()
    GateDecision.objects.create(
        project=project,
        decided_on=timezone.localdate(),
        outcome="hold",
        from_phase="kickoff",
        to_phase="kickoff",
        decision_makers="S",
    )
    one = _queries(client, url)
    for _ in range(9):
        GateDecision.objects.create(
            project=project,
            decided_on=timezone.localdate(),
            outcome="hold",
            from_phase="kickoff",
            to_phase="kickoff",
            decision_makers="S",
        )
        actions.add_partner(
            by=None, project=project, organisation=OrganisationFactory(), role="partner"
        )
    assert _queries(client, url) == one


def test_business_case_page_shows_npv_and_incentive_problem(client, project, leader):
    client.force_login(leader)
    url = reverse("innovation:businesscase-line-add", args=[project.pk])
    for kind, payer, year, price in [("cost", "kommune", 0, "1000"), ("gain", "region", 1, "1035")]:
        response = client.post(
            url,
            {
                "line-kind": kind,
                "line-payer": payer,
                "line-year": year,
                "line-description": "Linje",
                "line-quantity": "1",
                "line-unit_price": price,
            },
        )
        assert response.status_code == 302
    body = client.get(reverse("innovation:businesscase-detail", args=[project.pk])).content.decode()
    assert "Incitamentsproblem" in body
    assert "-1.000" in body  # municipality
    assert "Samlet tjener investeringen sig hjem i år 1." in body


def test_business_case_bad_line_is_not_stored(client, project, leader):
    client.force_login(leader)
    response = client.post(
        reverse("innovation:businesscase-line-add", args=[project.pk]),
        {
            "line-kind": "cost",
            "line-payer": "kommune",
            "line-year": "0",
            "line-description": "",
            "line-quantity": "1",
            "line-unit_price": "",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Beskriv omkostningen eller gevinsten." in body
    assert "Skriv enhedsprisen i kroner." in body
    assert not BusinessCaseLine.objects.exists()


def test_business_case_query_count_is_constant(client, project, leader):
    from samskab.innovation import actions

    client.force_login(leader)
    url = reverse("innovation:businesscase-detail", args=[project.pk])
    data = {"kind": "cost", "payer": "kommune", "year": 0, "description": "X", "unit_price": 1}
    actions.add_business_case_line(by=None, project=project, data=data)
    one = _queries(client, url)
    for year in range(9):
        actions.add_business_case_line(by=None, project=project, data={**data, "year": year})
    assert _queries(client, url) == one


def test_create_project_makes_own_organisation_owner(client):
    user = user_with_role(Role.PROFESSIONAL)
    client.force_login(user)
    response = client.post(reverse("innovation:project-create"), {"title": "Ny idé"})
    project = Project.objects.get(title="Ny idé")
    assert response.status_code == 302
    assert project.partners.get().organisation == user.staff_member.organisation
    response = client.post(reverse("innovation:project-create"), {"title": ""})
    assert "Giv projektet en titel." in response.content.decode()
    assert Project.objects.count() == 1


def test_mission_join_and_accept(client):
    mission = MissionFactory()
    asker = user_with_role(Role.LEADER, OrganisationFactory())
    client.force_login(asker)
    page = client.get(mission.get_absolute_url()).content.decode()
    assert "Anmod om at deltage" in page
    client.post(
        reverse("innovation:mission-join", args=[mission.pk]),
        {"organisation": asker.staff_member.organisation_id, "motivation": "Data"},
    )
    membership = MissionMembership.objects.get()
    assert membership.status == MembershipStatus.REQUESTED
    decide_url = reverse("innovation:membership-decide", args=[mission.pk, membership.pk])
    assert client.post(decide_url, {"decision": "accept"}).status_code == 403
    client.force_login(user_with_role(Role.LEADER, mission.owner))
    client.post(decide_url, {"decision": "accept"})
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACCEPTED
    assert (
        asker.staff_member.organisation.name
        in client.get(mission.get_absolute_url()).content.decode()
    )


def test_mission_join_for_organisation_not_led_is_refused(client):
    mission = MissionFactory()
    client.force_login(user_with_role(Role.LEADER, OrganisationFactory()))
    response = client.post(
        reverse("innovation:mission-join", args=[mission.pk]),
        {"organisation": OrganisationFactory().pk},
        follow=True,
    )
    assert "Vælg en organisation, du er leder i" in response.content.decode()
    assert not MissionMembership.objects.exists()


def test_theory_of_change_step_and_indicator(client, project, leader):
    client.force_login(leader)
    url = reverse("innovation:toc-detail", args=[project.pk])
    client.post(url, {"kind": "step", "step-level": "outcome", "step-text": "Færre indlæggelser"})
    step = project.change_steps.get()
    client.post(
        url,
        {
            "kind": "indicator",
            "indicator-step": step.pk,
            "indicator-name": "Indlæggelser",
            "indicator-target": "-20 %",
        },
    )
    body = client.get(url).content.decode()
    assert "Færre indlæggelser" in body and "Indlæggelser" in body and "-20 %" in body
    response = client.post(url, {"kind": "step", "step-level": "outcome", "step-text": ""})
    assert "Skriv teksten til trinnet." in response.content.decode()
    assert project.change_steps.count() == 1


def test_principles_involvement_and_lessons(client, project, leader):
    client.force_login(leader)
    data = {
        f"level_{p}": "1" for p in ["missions", "value", "involvement", "learning", "governance"]
    }
    response = client.post(reverse("innovation:principles", args=[project.pk]), data)
    assert response.status_code == 302 and project.principle_checks.count() == 5
    response = client.post(
        reverse("innovation:involvement-add", args=[project.pk]),
        {
            "involvement-phase": "kickoff",
            "involvement-held_on": str(timezone.localdate()),
            "involvement-activity": "",
            "involvement-participants": "both",
            "involvement-what_changed": "x",
        },
        follow=True,
    )
    assert "Inddragelsen blev ikke gemt. Beskriv aktiviteten." in response.content.decode()
    assert not project.involvements.exists()
    response = client.post(
        reverse("innovation:lesson-list"),
        {
            "title": "Lær",
            "text": "Noget",
            "perspective": "both",
            "tags": "a, b",
            "visibility": "network",
        },
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get()
    assert lesson.organisation == leader.staff_member.organisation
    reader = user_with_role(Role.RESEARCHER, OrganisationFactory())
    client.force_login(reader)
    assert "Lær" in client.get(reverse("innovation:lesson-list")).content.decode()


def test_a_lesson_can_only_be_tied_to_a_project_of_ones_own_organisation(client, project, leader):
    other = ProjectFactory(title="Et andet netværks projekt")
    client.force_login(leader)
    body = client.get(reverse("innovation:lesson-list")).content.decode()
    assert project.title in body and other.title not in body
    data = {"title": "Lær", "text": "Noget", "perspective": "both", "visibility": "network"}
    response = client.post(reverse("innovation:lesson-list"), {**data, "project": other.pk})
    assert response.status_code == 200 and not Lesson.objects.exists()
    response = client.post(reverse("innovation:lesson-list"), {**data, "project": project.pk})
    assert Lesson.objects.get().project == project


def test_leader_creates_mission_owned_by_own_organisation(client):
    from samskab.innovation.models import Mission

    from .factories import ChallengeFactory

    challenge = ChallengeFactory()
    leader = user_with_role(Role.LEADER)
    client.force_login(leader)
    own = leader.staff_member.organisation
    response = client.post(
        reverse("innovation:mission-create"),
        {"challenge": challenge.pk, "name": "Sårbare unge", "owner": OrganisationFactory().pk},
    )
    assert response.status_code == 200 and not Mission.objects.exists()
    response = client.post(
        reverse("innovation:mission-create"),
        {"challenge": challenge.pk, "name": "Sårbare unge", "owner": own.pk},
    )
    assert Mission.objects.get().owner == own
    client.force_login(user_with_role(Role.PROFESSIONAL))
    assert client.get(reverse("innovation:mission-create")).status_code == 403


def test_partner_edits_project_other_may_not(client, project):
    client.force_login(partner_user(project, Role.PROFESSIONAL))
    url = reverse("innovation:project-edit", args=[project.pk])
    response = client.post(url, {"title": "Nyt navn", "mission": project.mission_id})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Nyt navn" and project.phase == Phase.KICKOFF
    client.force_login(user_with_role(Role.LEADER, OrganisationFactory()))
    assert client.post(url, {"title": "Hack"}).status_code == 403
    project.refresh_from_db()
    assert project.title == "Nyt navn"


def test_leader_creates_challenge_and_sees_its_missions(client):
    leader = user_with_role(Role.LEADER)
    client.force_login(leader)
    url = reverse("innovation:challenge-create")
    assert "Opret velfærdsudfordring" in client.get(url).content.decode()
    response = client.post(url, {"name": "Ensomhed blandt ældre", "description": "Tværgående"})
    challenge = Challenge.objects.get()
    assert response.status_code == 302 and response["Location"] == challenge.get_absolute_url()
    mission = MissionFactory(challenge=challenge, name="Fællesskaber i nærmiljøet")
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert mission.get_absolute_url() in page and "Fællesskaber i nærmiljøet" in page
    listing = client.get(reverse("innovation:challenge-list")).content.decode()
    assert challenge.get_absolute_url() in listing
    form = client.get(reverse("innovation:mission-create"), {"udfordring": challenge.pk})
    assert form.context["form"].initial["challenge"] == str(challenge.pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Giv velfærdsudfordringen et navn."),
        ({"name": "Udsatte familier"}, "Der findes allerede en velfærdsudfordring med det navn."),
    ],
)
def test_bad_challenge_input_stores_nothing(client, data, message):
    ChallengeFactory(name="Udsatte familier")
    client.force_login(user_with_role(Role.LEADER))
    response = client.post(reverse("innovation:challenge-create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Challenge.objects.count() == 1


def test_challenge_create_is_refused_for_wrong_role_citizen_and_anonymous(client):
    url = reverse("innovation:challenge-create")
    response = client.post(url, {"name": "Anonym"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for user in (user_with_role(Role.PROFESSIONAL), citizen_with_login().user):
        client.force_login(user)
        assert client.post(url, {"name": "Forsøg"}).status_code == 403
    assert not Challenge.objects.exists()
    client.force_login(user_with_role(Role.PROFESSIONAL))
    listing = client.get(reverse("innovation:challenge-list")).content.decode()
    assert url not in listing


def test_challenge_detail_query_count_is_constant(client):
    challenge = ChallengeFactory()
    client.force_login(user_with_role(Role.PROFESSIONAL))
    url = challenge.get_absolute_url()
    MissionFactory(challenge=challenge)
    one = _queries(client, url)
    for _ in range(9):
        ProjectFactory(mission=MissionFactory(challenge=challenge))
    assert _queries(client, url) == one


@pytest.fixture
def second_partner(project):
    from samskab.innovation import actions

    return actions.add_partner(
        by=None, project=project, organisation=OrganisationFactory(), role=PartnerRole.PARTNER
    )


def test_partner_changes_role_and_removes_partner(client, project, second_partner):
    client.force_login(partner_user(project, Role.PROFESSIONAL))
    page = client.get(project.get_absolute_url()).content.decode()
    change = reverse("innovation:partner-change", args=[project.pk, second_partner.pk])
    remove = reverse("innovation:partner-remove", args=[project.pk, second_partner.pk])
    assert change in page and remove in page
    response = client.post(change, {"role": PartnerRole.KNOWLEDGE}, follow=True)
    assert "har nu rollen Vidensinstitution" in response.content.decode()
    second_partner.refresh_from_db()
    assert second_partner.role == PartnerRole.KNOWLEDGE
    response = client.post(remove, follow=True)
    assert "er fjernet fra projektet" in response.content.decode()
    assert project.partners.count() == 1


def test_last_owner_stays_with_danish_message(client, project):
    client.force_login(partner_user(project, Role.LEADER))
    owner = project.partners.get()
    for url, data in (
        (reverse("innovation:partner-remove", args=[project.pk, owner.pk]), {}),
        (reverse("innovation:partner-change", args=[project.pk, owner.pk]), {"role": "funder"}),
    ):
        response = client.post(url, data, follow=True)
        assert "eneste projektejer" in response.content.decode()
        assert "Intet er ændret" in response.content.decode()
    owner.refresh_from_db()
    assert owner.role == PartnerRole.OWNER and project.partners.count() == 1


def test_bad_partner_role_stores_nothing(client, project, second_partner):
    client.force_login(partner_user(project, Role.PROFESSIONAL))
    url = reverse("innovation:partner-change", args=[project.pk, second_partner.pk])
    for data in ({"role": "boss"}, {}):
        response = client.post(url, data, follow=True)
        assert "Rollen blev ikke ændret" in response.content.decode()
    second_partner.refresh_from_db()
    assert second_partner.role == PartnerRole.PARTNER


def test_partner_changes_refused_for_others(client, project, second_partner):
    change = reverse("innovation:partner-change", args=[project.pk, second_partner.pk])
    remove = reverse("innovation:partner-remove", args=[project.pk, second_partner.pk])
    response = client.post(remove)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(user_with_role(Role.LEADER, OrganisationFactory()))
    assert client.post(change, {"role": "owner"}).status_code == 403
    assert client.post(remove).status_code == 403
    page = client.get(project.get_absolute_url()).content.decode()
    assert remove not in page
    client.force_login(citizen_with_login().user)
    assert client.post(remove).status_code == 404
    # A partner from another project cannot be reached through this project's URL.
    other = ProjectFactory()
    client.force_login(partner_user(other, Role.LEADER))
    wrong = reverse("innovation:partner-remove", args=[other.pk, second_partner.pk])
    assert client.post(wrong).status_code == 404
    second_partner.refresh_from_db()
    assert second_partner.role == PartnerRole.PARTNER
    assert project.partners.count() == 2


def test_adoption_overview_shows_all_98_municipalities_by_region(client, project, leader):
    from samskab.innovation.models import Adoption, AdoptionStatus
    from samskab.people.models import Organisation

    odense = Organisation.objects.get(official_code="0461", kind="kommune")
    Adoption.objects.create(
        project=project,
        organisation=odense,
        status=AdoptionStatus.TESTING,
        since_on=timezone.localdate(),
    )
    client.force_login(leader)
    page = client.get(reverse("innovation:project-detail", args=[project.pk])).content.decode()
    tiles = page[page.index('data-testid="adoption-tiles"') :]
    assert tiles.count("<li class=") >= 98
    for region in ("Region Nordjylland", "Region Midtjylland", "Region Syddanmark"):
        assert region in tiles
    assert "Region Hovedstaden" in tiles and "Region Sjælland" in tiles
    assert '<li class="tile-testing">Odense<br><strong>Afprøver</strong>' in tiles
    assert "Læsø" in tiles and "Ikke med endnu" in tiles
