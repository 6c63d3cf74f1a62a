"""The access-rule matrix: every URL has a declared rule, and the rule holds for everyone.

Rules live in `samskab/<app>/access_rules.py` (see `samskab/core/access.py`). Each rule is
requested as the anonymous visitor and as every demo user of `samskab/demo/data.py`; the
pages they get are also searched for the names of citizens they may not see.
"""

import html

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from samskab.core.access import (
    ANONYMOUS,
    Rule,
    check_rule,
    collect_rules,
    endpoints,
    fetch,
    known_citizens,
    missing_rules,
    pk_of,
)
from samskab.people.models import Citizen

RULES = collect_rules()

pytestmark = pytest.mark.django_db


def test_every_url_of_the_project_has_an_access_rule():
    problems = missing_rules(RULES, endpoints())
    assert not problems, "\n\n".join(problems)


@pytest.fixture(scope="module")
def pages():
    """(rule label, who) -> response, filled by the matrix test for the name-leak audit."""
    return {}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.label)
def test_access_rule_holds_for_every_demo_user(rule, demo_clients, pages):
    responses = {}
    problems = check_rule(rule, demo_clients, responses)
    for who, response in responses.items():
        pages[rule.label, who] = response
    assert not problems, "\n".join(problems)


def citizen_names_hidden_from(username, names_by_citizen):
    """Display names of the citizens this user may not see (names shared with a citizen
    they may see are left out: the page cannot tell the two apart)."""
    user = get_user_model().objects.get(username=username) if username != ANONYMOUS else None
    visible = set(Citizen.objects.visible_to(user).values_list("pk", flat=True)) if user else set()
    visible |= known_citizens(user) if user else set()
    visible_names = {names_by_citizen[pk] for pk in visible}
    return {
        name
        for pk, name in names_by_citizen.items()
        if pk not in visible and name not in visible_names
    }


def test_no_page_shows_a_citizen_name_to_someone_who_may_not_see_that_citizen(demo_clients, pages):
    names_by_citizen = dict(Citizen.objects.values_list("pk", "display_name"))
    hidden = {who: citizen_names_hidden_from(who, names_by_citizen) for who in demo_clients}
    leaks = []
    for rule in RULES:
        if rule.method != "GET":
            continue
        if not any((rule.label, who) in pages for who in demo_clients):
            responses = {}
            check_rule(rule, demo_clients, responses)
            pages.update({(rule.label, who): response for who, response in responses.items()})
        for who in demo_clients:
            response = pages.get((rule.label, who))
            if response is None or response.status_code != 200:
                continue
            if "html" not in response.get("Content-Type", "") or response.streaming:
                continue
            text = response.content.decode()
            for name in hidden[who]:
                if html.escape(name) in text or name in text:
                    leaks.append(f"{rule.label} as {who} shows {name!r}")
    assert not leaks, "Pages show citizens the user may not see:\n" + "\n".join(sorted(leaks))


# --- The checker itself fails when a rule is missing or wrong --------------------------


def test_a_url_without_a_rule_fails_with_a_message_saying_what_to_declare():
    without_citizen_detail = [rule for rule in RULES if rule.url != "people:citizen-detail"]
    before = set(missing_rules(RULES, endpoints()))
    problems = [p for p in missing_rules(without_citizen_detail, endpoints()) if p not in before]
    assert len(problems) == 1
    assert "'people:citizen-detail'" in problems[0]
    assert "samskab/people/access_rules.py" in problems[0]
    assert 'Rule("people:citizen-detail", {"pk": pk_of(<Model>, <demo lookup>)}' in problems[0]


def test_a_rule_for_a_url_that_does_not_exist_fails():
    before = set(missing_rules(RULES, endpoints()))
    problems = missing_rules([*RULES, Rule("people:no-such-page")], endpoints())
    assert [p for p in problems if p not in before] == [
        "Access rule for 'people:no-such-page' names no URL pattern: remove or rename it."
    ]


def test_a_wrong_expectation_fails_for_exactly_the_users_it_gets_wrong(demo_clients):
    # Anders' record is need-to-know for Aarhus' fagperson and supervisor; claiming the
    # leader may see it, and forgetting the supervisor, must both be reported.
    anders = pk_of(Citizen, display_name="Anders (fiktiv)")
    wrong = Rule("people:citizen-detail", {"pk": anders}, allow={"fagperson", "leder"})
    problems = check_rule(wrong, demo_clients)
    assert any("as leder: expected allowed, got denied (404)" in p for p in problems)
    assert any("as supervisor: expected denied, got allowed (200)" in p for p in problems)
    assert len([p for p in problems if " as " in p]) == 2


# --- Horizontal access: another organisation's IDs give the same 404 as a missing one ---

ANDERS = pk_of(Citizen, display_name="Anders (fiktiv)")
HORIZONTAL = [
    # (URL name, arguments, a user of another organisation)
    ("people:citizen-detail", {"pk": ANDERS}, "esbjerg-fagperson"),
    ("people:citizen-update", {"pk": ANDERS}, "esbjerg-fagperson"),
    ("outcomes:citizen-measurements", {"pk": ANDERS}, "esbjerg-fagperson"),
    (
        "pathways:pathway-detail",
        {"pk": pk_of("pathways.Pathway", citizen__display_name="Anders (fiktiv)")},
        "esbjerg-fagperson",
    ),
    (
        "pathways:meeting-detail",
        {"pk": pk_of("pathways.Meeting", pathway__citizen__display_name="Anders (fiktiv)")},
        "esbjerg-fagperson",
    ),
    ("pathways:team-detail", {"pk": pk_of("pathways.Team", name="Team Midtbyen")}, "esbjerg-leder"),
    (
        "partnerships:partnership-detail",
        {"pk": pk_of("partnerships.Partnership", expert__citizen__display_name="Mille (fiktiv)")},
        "slagelse-leder",
    ),
    (
        "partnerships:round-detail",
        {"pk": pk_of("partnerships.Round", theme="Psykisk sårbare unge voksne i Aarhus")},
        "esbjerg-fagperson",
    ),
    (
        "compass:rollout-detail",
        {"pk": pk_of("compass.Rollout", name="Esbjerg-modellen i hjemmeplejen")},
        "leder",
    ),
    (
        "compass:round-detail",
        {"pk": pk_of("compass.CompassRound", title="Ledelseskompas, anden runde")},
        "fagperson",
    ),
]


@pytest.mark.parametrize(("url", "kwargs", "username"), HORIZONTAL, ids=lambda v: str(v)[:40])
def test_another_organisations_id_in_the_url_gives_404(url, kwargs, username, demo_clients):
    rule = Rule(url, kwargs)
    response = fetch(demo_clients[username], "GET", rule.path())
    assert response.status_code == 404


def test_an_id_that_does_not_exist_is_refused_on_every_url(demo_clients):
    """Every rule with object IDs, with each ID replaced by one that does not exist: 404, or
    an answer made before the lookup that says nothing about the ID (403 from a role check,
    400/422 from the API's validation of the body). Never success, never a server error."""
    problems = []
    for rule in RULES:
        kwargs = rule.resolved_kwargs()
        ints = [key for key, value in kwargs.items() if isinstance(value, int)]
        if not ints:
            continue
        path = reverse(rule.url, kwargs={**kwargs, **dict.fromkeys(ints, 10**9)})
        for who in ("admin", "facilitator", "fagperson", "borger"):
            response = fetch(demo_clients[who], rule.method, path)
            status = getattr(response, "status_code", repr(response))
            if not isinstance(status, int) or not 400 <= status < 500:
                problems.append(f"{rule.method} {path} as {who}: {status}")
    assert not problems, "\n".join(problems)
