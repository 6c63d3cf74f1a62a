"""Pages: members-only forums, evidence per reader, the T-shaped check in the form, the trail
both ways, the partnership pages, negative cases and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.core.models import AccessLogEntry
from samskab.leadership import actions
from samskab.leadership.models import Barrier, Decision, EvidenceLink
from samskab.partnerships.models import Party
from samskab.pathways.tests.factories import TeamFactory, team_user
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

from .factories import T_CHECK, final_decision, link_both_sides, reflection, world

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_anonymous_is_sent_to_login(client):
    assert client.get(reverse("leadership:index")).status_code == 302


def test_citizen_cannot_open_the_leadership_pages(client):
    w = world()
    client.force_login(w.citizen_user)
    assert client.get(reverse("leadership:index")).status_code == 403
    assert client.get(w.space.get_absolute_url()).status_code == 404
    assert client.get(w.forum.get_absolute_url()).status_code == 404


def test_only_members_see_the_forum_its_meetings_and_decisions(client):
    w = world()
    link_both_sides(w)
    decision = final_decision(w)
    for other in (user_with_role(Role.LEADER), user_with_role(Role.FACILITATOR)):
        client.force_login(other)
        for url in (
            w.forum.get_absolute_url(),
            w.meeting.get_absolute_url(),
            decision.get_absolute_url(),
            reverse("leadership:decision-create", args=[decision.agenda_item.pk]),
        ):
            assert client.get(url).status_code == 404, url
        assert w.forum.name not in client.get(reverse("leadership:index")).content.decode()
    client.force_login(w.leader)
    page = client.get(w.forum.get_absolute_url()).content.decode()
    assert decision.title in page


def test_space_shows_both_sides_and_warns_when_one_is_empty(client):
    w = world()
    client.force_login(w.facilitator)
    actions.link_evidence(
        by=w.facilitator,
        source="partnerships.reflection",
        object_id=w.system_reflection.pk,
        opportunity_space=w.space,
    )
    page = client.get(w.space.get_absolute_url()).content.decode()
    assert 'data-testid="warning-citizen-side"' in page
    assert 'data-testid="warning-system-side"' not in page
    link_both_sides_citizen = w.citizen_reflection
    actions.link_evidence(
        by=w.facilitator,
        source="partnerships.reflection",
        object_id=link_both_sides_citizen.pk,
        opportunity_space=w.space,
    )
    page = client.get(w.space.get_absolute_url()).content.decode()
    assert "warning-citizen-side" not in page and w.citizen_reflection.text in page
    # Reading reflections about a citizen is in the citizen's access log.
    assert AccessLogEntry.objects.filter(citizen_id=w.partnership.expert.citizen_id).exists()


def test_picker_lists_only_readable_shared_insights_and_searches(client):
    w = world()
    client.force_login(w.facilitator)
    url = reverse("leadership:space-evidence", args=[w.space.pk])
    page = client.get(url).content.decode()
    assert w.citizen_reflection.text in page and w.system_reflection.text in page
    assert w.private_reflection.text not in page
    page = client.get(url, {"q": "su-orlov"}).content.decode()
    assert w.citizen_reflection.text in page and w.system_reflection.text not in page
    page = client.get(url, {"perspective": "system"}).content.decode()
    assert w.system_reflection.text in page and w.citizen_reflection.text not in page


def test_posting_a_private_reflection_to_the_picker_stores_nothing(client):
    w = world()
    client.force_login(w.leader)  # its author; a leader of another organisation may not link
    url = reverse("leadership:space-evidence", args=[w.space.pk])
    response = client.post(
        url, {"source": "partnerships.reflection", "object_id": w.private_reflection.pk}
    )
    assert response.status_code == 403
    client.force_login(w.facilitator)
    response = client.post(
        url, {"source": "partnerships.reflection", "object_id": w.private_reflection.pk}
    )
    assert response.status_code == 404
    assert not EvidenceLink.objects.exists()


def test_decision_form_refuses_to_finalise_without_the_t_check_and_saves_drafts(client):
    w = world()
    link_both_sides(w)
    item = actions.propose_agenda_item(
        by=w.facilitator, forum=w.forum, meeting=w.meeting, opportunity_space=w.space
    )
    client.force_login(w.leader)
    url = reverse("leadership:decision-create", args=[item.pk])
    data = {
        "title": "Studievejledere med",
        "text": "Vi inviterer studievejledere.",
        "owner": w.leader.pk,
        "due_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "follow_up": "planned",
        "t_shared_task": "Ét forløb.",
    }
    response = client.post(url, {**data, "finalise": ""})
    assert response.status_code == 200
    content = response.content.decode()
    assert "kan ikke gøres endelig, før det T-formede tjek er besvaret" in content
    assert "Konsekvenser for kolleger i andre sektorer" in content
    assert not Decision.objects.exists()

    response = client.post(url, {**data, "draft": ""})
    decision = Decision.objects.get()
    assert response.status_code == 302 and not decision.is_final

    edit = reverse("leadership:decision-edit", args=[decision.pk])
    response = client.post(edit, {**data, **T_CHECK, "finalise": ""})
    decision.refresh_from_db()
    assert response.status_code == 302 and decision.is_final


def test_trail_back_from_decision_and_forward_from_insight(client):
    w = world()
    link_both_sides(w)
    decision = final_decision(w)
    client.force_login(w.facilitator)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert w.citizen_reflection.text in page and w.system_reflection.text in page
    trail_url = reverse(
        "leadership:insight-trail", args=["partnerships.reflection", w.citizen_reflection.pk]
    )
    assert trail_url in page
    page = client.get(trail_url).content.decode()
    assert decision.title in page and decision.get_absolute_url() in page

    w.system_reflection.is_shared = False
    w.system_reflection.save()
    page = client.get(decision.get_absolute_url()).content.decode()
    assert w.system_reflection.text not in page
    assert "som du ikke har adgang til" not in page
    private_trail = reverse(
        "leadership:insight-trail", args=["partnerships.reflection", w.system_reflection.pk]
    )
    assert client.get(private_trail).status_code == 404


def test_citizen_sees_only_own_contribution_trail_without_others_data(client):
    w = world()
    link_both_sides(w)
    decision = final_decision(w)
    client.force_login(w.citizen_user)
    own = reverse(
        "leadership:insight-trail", args=["partnerships.reflection", w.citizen_reflection.pk]
    )
    page = client.get(own).content.decode()
    assert decision.title in page and w.forum.name in page
    assert decision.get_absolute_url() not in page and decision.text not in page
    leaders = reverse(
        "leadership:insight-trail", args=["partnerships.reflection", w.system_reflection.pk]
    )
    assert client.get(leaders).status_code == 404
    other = user_with_role(Role.CITIZEN)
    client.force_login(other)
    assert client.get(own).status_code == 404


def test_partnership_pages_show_what_the_insights_fed(client):
    w = world()
    link_both_sides(w)
    decision = final_decision(w)
    client.force_login(w.leader)
    page = client.get(w.partnership.get_absolute_url()).content.decode()
    assert "Det tog jeg med i mit ledelsesarbejde" in page and decision.title in page
    client.force_login(w.citizen_user)
    page = client.get(w.partnership.get_absolute_url()).content.decode()
    assert "Dit bidrag gjorde en forskel" in page and decision.title in page
    assert decision.text not in page


def test_expert_does_not_see_decisions_fed_only_by_the_leaders_insights(client):
    w = world()
    actions.link_evidence(
        by=w.facilitator,
        source="partnerships.reflection",
        object_id=w.system_reflection.pk,
        opportunity_space=w.space,
    )
    decision = final_decision(w)
    client.force_login(w.citizen_user)
    page = client.get(w.partnership.get_absolute_url()).content.decode()
    assert decision.title not in page
    client.force_login(w.leader)
    assert decision.title in client.get(w.partnership.get_absolute_url()).content.decode()


def test_frontline_staff_register_barriers_and_leaders_do_not(client):
    team = TeamFactory()
    professional = team_user(team, role=Role.PROFESSIONAL)
    client.force_login(professional)
    response = client.post(
        reverse("leadership:barrier-create"),
        {
            "title": "Telefonkø",
            "description": "Interne opkald går til callcenteret.",
            "team": team.pk,
        },
    )
    barrier = Barrier.objects.get()
    assert response.status_code == 302 and barrier.registered_by == professional
    response = client.post(reverse("leadership:barrier-create"), {"title": ""})
    assert "Beskriv, hvad der skete." in response.content.decode()
    assert Barrier.objects.count() == 1
    client.force_login(user_with_role(Role.LEADER))
    assert client.get(reverse("leadership:barrier-create")).status_code == 403
    assert barrier.title in client.get(reverse("leadership:barrier-list")).content.decode()


def test_index_and_forum_run_a_bounded_number_of_queries(client):
    w = world()
    link_both_sides(w)
    final_decision(w)
    client.force_login(w.facilitator)
    urls = [reverse("leadership:index"), w.forum.get_absolute_url(), w.meeting.get_absolute_url()]
    for url in urls:  # warm up per-process caches (site, content types)
        client.get(url)
    before = [_queries(client, url) for url in urls]
    for n in range(9):
        space = actions.create_opportunity_space(
            by=w.facilitator,
            organisation=w.space.organisation,
            data={"title": f"Rum {n}", "problem_statement": "Tekst"},
        )
        item = actions.propose_agenda_item(
            by=w.facilitator, forum=w.forum, meeting=w.meeting, opportunity_space=space
        )
        actions.save_decision(
            by=w.facilitator,
            agenda_item=item,
            data={
                "title": f"B {n}",
                "text": "T",
                "owner": w.leader,
                "due_on": timezone.localdate(),
                "follow_up": "planned",
            },
        )
        actions.register_barrier(
            by=w.facilitator,
            organisation=w.space.organisation,
            data={"title": f"Barriere {n}", "description": "x"},
        )
    after = [_queries(client, url) for url in urls]
    assert after == before


def test_space_detail_queries_do_not_grow_with_evidence(client):
    w = world()
    client.force_login(w.facilitator)
    link_both_sides(w)
    client.get(w.space.get_absolute_url())  # warm up per-process caches
    before = _queries(client, w.space.get_absolute_url())
    for n in range(8):
        r = reflection(w.partnership, party=Party.EXPERT, text=f"Refleksion {n}")
        actions.link_evidence(
            by=w.facilitator,
            source="partnerships.reflection",
            object_id=r.pk,
            opportunity_space=w.space,
        )
    assert _queries(client, w.space.get_absolute_url()) == before


def test_a_leader_creates_a_forum_and_becomes_its_chair(client):
    leader = user_with_role(Role.LEADER)
    client.force_login(leader)
    response = client.post(
        reverse("leadership:forum-create"),
        {"name": "Praksisplanudvalget", "organisation": leader.staff_member.organisation.pk},
    )
    assert response.status_code == 302
    member = leader.forum_memberships.get()
    assert member.role == "chair" and member.forum.name == "Praksisplanudvalget"
    response = client.post(reverse("leadership:forum-create"), {"name": ""})
    assert "Giv ledelsesrummet et navn." in response.content.decode()
    client.force_login(user_with_role(Role.PROFESSIONAL))
    assert client.get(reverse("leadership:forum-create")).status_code == 403
