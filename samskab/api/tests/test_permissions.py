"""Across modules: a token of one role or organisation cannot reach another organisation's
data (the same 404 as for a missing object), and a citizen's token sees only their own."""

import pytest

from samskab.api.testing import ApiClient
from samskab.outcomes.tests.factories import MeasurementFactory
from samskab.partnerships.models import Partnership
from samskab.partnerships.tests.factories import ExpertFactory, LeaderFactory, RoundFactory
from samskab.pathways.tests.factories import PathwayFactory, team_user
from samskab.people.models import Role
from samskab.people.tests.factories import CitizenFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def _world():
    """Organisation A's data: a citizen with a login, their pathway, partnership, measurement."""
    pathway = PathwayFactory()
    organisation = pathway.team.organisation
    citizen = pathway.citizen
    citizen.user = UserFactory()
    citizen.save()
    round_ = RoundFactory(organisation=organisation)
    expert = ExpertFactory(round=round_, citizen=citizen)
    partnership = Partnership.objects.create(
        round=round_, expert=expert, leader=LeaderFactory(round=round_)
    )
    measurement = MeasurementFactory(citizen=citizen)
    return organisation, citizen, pathway, partnership, measurement


def _urls(citizen, pathway, partnership):
    return [
        f"/people/citizens/{citizen.pk}",
        f"/people/citizens/{citizen.pk}/consents",
        f"/pathways/pathways/{pathway.pk}",
        f"/pathways/pathways/{pathway.pk}/ratings",
        f"/partnerships/partnerships/{partnership.pk}",
        f"/partnerships/rounds/{partnership.round_id}",
        f"/outcomes/citizens/{citizen.pk}/measurements",
    ]


@pytest.mark.parametrize(
    "role", [Role.FACILITATOR, Role.PROFESSIONAL, Role.SUPERVISOR, Role.LEADER, Role.RESEARCHER]
)
def test_other_organisations_token_gets_404_everywhere(role):
    _organisation, citizen, pathway, partnership, _m = _world()
    other = ApiClient(user_with_role(role))
    for url in _urls(citizen, pathway, partnership):
        response = other.get(url)
        assert response.status_code == 404, url
    assert other.get("/people/citizens").json()["count"] == 0
    assert other.get("/pathways/pathways").json()["count"] == 0
    assert other.get("/partnerships/partnerships").json()["count"] == 0


def test_other_organisations_team_member_gets_404_for_writes_too():
    _organisation, citizen, pathway, partnership, _m = _world()
    other = ApiClient(team_user(PathwayFactory().team))
    assert other.post(f"/pathways/pathways/{pathway.pk}/close").status_code == 404
    assert other.patch(f"/people/citizens/{citizen.pk}", {"birth_year": 1950}).status_code == 404
    assert (
        other.post(
            f"/partnerships/partnerships/{partnership.pk}/transitions", {"event": "confirm"}
        ).status_code
        == 404
    )


def test_citizen_token_sees_only_their_own_things():
    _organisation, citizen, pathway, partnership, _m = _world()
    own = ApiClient(citizen.user)
    for url in _urls(citizen, pathway, partnership):
        if "/rounds/" in url:
            assert own.get(url).status_code == 404  # rounds are the facilitator's
        else:
            assert own.get(url).status_code == 200, url
    assert [c["id"] for c in own.get("/people/citizens").json()["items"]] == [citizen.pk]
    assert [p["id"] for p in own.get("/pathways/pathways").json()["items"]] == [pathway.pk]
    assert [p["id"] for p in own.get("/partnerships/partnerships").json()["items"]] == [
        partnership.pk
    ]

    neighbour = CitizenFactory(organisation=citizen.organisation, user=UserFactory())
    theirs = ApiClient(neighbour.user)
    for url in _urls(citizen, pathway, partnership):
        assert theirs.get(url).status_code == 404, url
    assert theirs.patch(f"/people/citizens/{citizen.pk}", {"birth_year": 1950}).status_code == 404
