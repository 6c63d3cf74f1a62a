"""Search over the whole body of insight: Danish stemming on both databases, always within
the reader's permissions."""

import pytest

from samskab.core.models import AccessLogEntry, Perspective
from samskab.core.tests.dates import days_ago
from samskab.innovation.models import LessonVisibility
from samskab.insights.index import rebuild_index, remove_insight, update_insight
from samskab.insights.models import InsightEntry, SavedTheme
from samskab.insights.search import Filters, search
from samskab.partnerships.tests.factories import facilitator_for, partnership
from samskab.pathways.models import TeamRole
from samskab.pathways.tests.factories import TeamFactory, team_user
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

from .factories import capture, lesson, reflection

pytestmark = pytest.mark.django_db


def found(user, query="", **kwargs):
    return {(e.source, e.object_id) for e in search(user, Filters(query=query, **kwargs))}


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def member(team):
    return team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)


def test_mode_finds_moederne_and_borger_finds_borgerens(team, member):
    moederne = capture(team, what_worked="Møderne blev kortere og mere fokuserede.")
    borgerens = capture(team, what_worked="Vi tog udgangspunkt i borgerens egne ønsker.")
    other = capture(team, what_worked="Kaffen var god.")
    assert found(member, "møde") == {("pathways.learningcapture", moederne.pk)}
    assert found(member, "borger") == {("pathways.learningcapture", borgerens.pk)}
    assert ("pathways.learningcapture", other.pk) not in found(member, "møde borger")
    assert found(member, "mødet borgeren") == set()  # all words must match


def test_inflected_query_finds_base_form(team, member):
    base = capture(team, what_worked="Et godt møde med en borger.")
    assert found(member, "møderne") == {("pathways.learningcapture", base.pk)}
    assert found(member, "Borgerens") == {("pathways.learningcapture", base.pk)}


def test_private_reflection_is_found_by_nobody_but_its_author():
    p = partnership()
    leader, expert = p.leader.user, p.expert.citizen.user
    private = reflection(p, leader, text="Mødet var svært for mig.", shared=False)
    shared = reflection(p, leader, text="Mødet gav ny indsigt.", shared=True)
    facilitator = facilitator_for(p.round)
    assert found(leader, "møde") == {
        ("partnerships.reflection", private.pk),
        ("partnerships.reflection", shared.pk),
    }
    assert found(expert, "møde") == {("partnerships.reflection", shared.pk)}
    assert found(facilitator, "møde") == {("partnerships.reflection", shared.pk)}
    assert found(user_with_role(Role.ADMIN), "møde") == set()


def test_other_organisation_and_wrong_role_find_nothing(team, member):
    capture(team, what_worked="Møderne fungerede.")
    p = partnership()
    reflection(p, p.leader.user, text="Møderne fungerede.", shared=True)
    lesson(
        team.organisation,
        title="Møder",
        text="Møderne fungerede.",
        visibility=LessonVisibility.ORGANISATION,
    )
    outsider = user_with_role(Role.SUPERVISOR)
    assert found(outsider, "møde") == set()
    # A leader of the team's organisation sees pathways in aggregate only, never the text,
    # but does read the organisation's own lessons.
    leader = user_with_role(Role.LEADER, team.organisation)
    assert {s for s, _pk in found(leader, "møde")} == {"innovation.lesson"}


def test_filters_by_perspective_practice_organisation_and_period(team, member):
    old = capture(
        team,
        what_worked="Borgeren talte om møderne.",
        perspective=Perspective.CITIZEN,
        held_on=days_ago(400),
    )
    new = capture(team, what_worked="Systemet holdt møder.", perspective=Perspective.SYSTEM)
    citizen_key = ("pathways.learningcapture", old.pk)
    system_key = ("pathways.learningcapture", new.pk)
    assert found(member, "møde", perspective=Perspective.CITIZEN) == {citizen_key}
    assert found(member, "", practice="innovation") == set()
    assert found(member, "", practice="pathways") == {citizen_key, system_key}
    assert found(member, "", organisation_id=team.organisation_id + 1000) == set()
    assert found(member, "", start=days_ago(410), end=days_ago(390)) == {citizen_key}
    assert found(member, "", team_id=team.pk) == {citizen_key, system_key}


def test_theme_filter_matches_any_of_its_keywords(team, member):
    a = capture(team, what_worked="Ventetiden var lang.")
    b = capture(team, what_worked="Koordineringen svigtede.")
    capture(team, what_worked="Kaffen var god.")
    theme = SavedTheme.objects.create(
        name="Ventetid og koordinering",
        keywords=["ventetid", "koordinering"],
        organisation=team.organisation,
    )
    assert found(member, theme=theme) == {
        ("pathways.learningcapture", a.pk),
        ("pathways.learningcapture", b.pk),
    }


def test_index_follows_edits_and_deletes(team, member):
    obj = capture(team, what_worked="Møderne var gode.")
    obj.what_worked = "Samtalerne var gode."
    obj.save()
    update_insight(obj)
    assert found(member, "møde") == set()
    assert found(member, "samtale") == {("pathways.learningcapture", obj.pk)}
    remove_insight(obj)
    obj.delete()
    assert found(member, "samtale") == set()
    assert not InsightEntry.objects.exists()


def test_rebuild_makes_the_same_index_and_drops_stale_rows(team, member):
    kept = capture(team, what_worked="Møderne var gode.")
    gone = capture(team, what_worked="Mødet blev aflyst.")
    gone.delete()  # deleted without telling the index
    assert rebuild_index() == 1
    assert found(member, "møde") == {("pathways.learningcapture", kept.pk)}
    assert rebuild_index() == 1
    assert InsightEntry.objects.count() == 1


def test_query_of_only_stop_words_finds_nothing(team, member):
    capture(team, what_worked="Det og at er i.")
    assert found(member, "og at") == set()


def test_search_results_about_citizens_can_be_access_logged(team, member):
    from samskab.insights.search import log_reads

    capture(team, what_worked="Møderne var gode.")
    entries = list(search(member, Filters(query="møde")))
    log_reads(member, entries)
    entry = AccessLogEntry.objects.get()
    assert entry.citizen_id == entries[0].citizen_id
    assert entry.actor_id == member.pk


def test_search_runs_the_same_few_queries_whatever_the_number_of_hits(team, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(hits):
        with CaptureQueriesContext(connection) as ctx:
            assert len(list(search(member, Filters(query="møde")))) == hits
        return len(ctx)

    capture(team, what_worked="Møde nummer 0.")
    queries(1)  # warm up: the first search also reads the content types
    one = queries(1)
    for i in range(1, 5):
        capture(team, what_worked=f"Møde nummer {i}.")
    assert queries(5) == one <= 5


def test_erasing_a_citizen_deletes_the_index_copies_and_their_full_text(team, member):
    from django.db import connection

    from samskab.privacy.registry import registry

    obj = capture(team, what_worked="Møderne var gode.")
    citizen = obj.meeting.pathway.citizen
    entry = registry.get(InsightEntry)
    assert entry.count_for(citizen) == 1
    entry.erase(entry.rows_for(citizen))
    assert not InsightEntry.objects.exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM insights_insightentry_fts")
            assert cursor.fetchone()[0] == 0
