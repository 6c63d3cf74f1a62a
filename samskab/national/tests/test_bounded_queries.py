"""Every main page and API list runs a number of SQL queries that does not grow with the data.

The national data set is generated twice, small and larger (more pathways per team, more
partnerships per round, more projects, citizens and measurements); every page is fetched as
its role at both sizes, within a query budget, and the two counts must be equal.
"""

import pytest
from django.db import transaction
from django.test import Client

from samskab.national.generator import NationalGenerator
from samskab.national.pages import API_LISTS, MAIN_PAGES, bench_users, main_pages
from samskab.national.tests.template_queries import describe, template_queries

SIZES = {
    "small": {
        "scale": 0.0005,
        "counts": {
            "staff": 40,
            "citizens": 60,
            "pathways": 6,
            "meetings": 24,
            "measurements": 60,
            "partnerships": 2,
            "projects": 2,
        },
        "pathways_per_team": 2,
        "partnerships_per_round": 2,
    },
    "larger": {
        "scale": 0.0005,
        "counts": {
            "staff": 80,
            "citizens": 240,
            "pathways": 40,
            "meetings": 400,
            "measurements": 600,
            "partnerships": 12,
            "projects": 12,
        },
        "pathways_per_team": 10,
        "partnerships_per_round": 12,
    },
}
#: No main page may need more queries than this, whatever the data.
MAX_QUERIES = 40
PAGE_NAMES = [name for _role, name, _url, _keys in MAIN_PAGES] + [
    name for _role, name, _path in API_LISTS
]
#: (size, page name) -> number of queries, to compare the two sizes.
RECORDED: dict = {}


@pytest.fixture(scope="module", params=list(SIZES))
def national(request, django_db_setup, django_db_blocker):
    """One generated data set per size for the whole module, rolled back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            NationalGenerator(**SIZES[request.param]).run()
            users, objects = bench_users()
            pages = {page.name: page for page in main_pages(objects)}
            yield request.param, users, pages
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _warm_client(users, pages, name):
    """The page and a client logged in as its role, after one warm-up request (the session's
    two-factor flag and per-process caches are set then)."""
    page = pages.get(name)
    if page is None:
        pytest.skip("the API is not mounted")
    client = Client()
    if page.role:
        client.force_login(users[page.role])
    client.get(page.path)
    return page, client


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_runs_the_same_bounded_number_of_queries_at_both_sizes(
    national, name, db, django_assert_max_num_queries
):
    size, users, pages = national
    page, client = _warm_client(users, pages, name)
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        response = client.get(page.path)
    assert response.status_code == 200, f"{name}: HTTP {response.status_code}"
    count = len(captured)
    RECORDED[size, name] = count
    other = RECORDED.get(("larger" if size == "small" else "small", name))
    if other is not None:
        assert count == other, f"{name}: {other} queries at one size, {count} at the other"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_templates_run_no_queries(national, name, db):
    """Views hand templates evaluated data; context processors count as template time too."""
    _size, users, pages = national
    page, client = _warm_client(users, pages, name)
    with template_queries() as in_templates:
        response = client.get(page.path)
    assert response.status_code == 200, f"{name}: HTTP {response.status_code}"
    assert not in_templates, describe(name, in_templates)
