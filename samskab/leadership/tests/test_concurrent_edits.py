"""No lost updates in shared leadership: two people edit the same opportunity space or
decision from the same version; the second is refused with the stored values shown and their
own input kept, and nothing of theirs is written. The same through the API (409)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskab.api.testing import ApiClient
from samskab.core.concurrency import VERSION_FIELD
from samskab.leadership import actions
from samskab.leadership.models import Decision, ForumRole, OpportunitySpace
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

from .factories import T_CHECK, final_decision, world

pytestmark = pytest.mark.django_db

CONFLICT = "er blevet ændret af en anden, mens du redigerede"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def version_in(response, prefix=""):
    name = f"{prefix}-{VERSION_FIELD}" if prefix else VERSION_FIELD
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no hidden {name} field in the form"
    return match.group(1)


def stored_box(response):
    """The 'Det er gemt nu' box beside a refused form."""
    match = re.search(r'data-testid="stored-values".*?</dl>', response.content.decode(), re.S)
    assert match, "the refused form does not show the stored values"
    return match.group(0)


def space_editors():
    w = world()
    colleague = user_with_role(Role.LEADER, w.space.organisation)
    return w, logged_in(w.facilitator), logged_in(colleague)


def test_second_editor_of_an_opportunity_space_is_refused_and_keeps_their_input():
    w, first, second = space_editors()
    url = reverse("leadership:space-edit", args=[w.space.pk])
    first_version, second_version = version_in(first.get(url)), version_in(second.get(url))

    saved = first.post(
        url,
        {
            "title": "Første titel",
            "problem_statement": "Første tekst",
            VERSION_FIELD: first_version,
        },
    )
    assert saved.status_code == 302
    refused = second.post(
        url,
        {"title": "Anden titel", "problem_statement": "Anden tekst", VERSION_FIELD: second_version},
    )

    assert refused.status_code == 200
    html = refused.content.decode()
    assert CONFLICT in html and "Dine ændringer er ikke gemt" in html
    assert 'value="Anden titel"' in html and ">\nAnden tekst</textarea>" in html
    box = stored_box(refused)
    assert "Første titel" in box and "Første tekst" in box
    w.space.refresh_from_db()
    assert (w.space.title, w.space.problem_statement) == ("Første titel", "Første tekst")

    # The refused form now carries the stored version: saving again is a deliberate choice.
    again = second.post(
        url,
        {
            "title": "Anden titel",
            "problem_statement": "Anden tekst",
            VERSION_FIELD: version_in(refused),
        },
    )
    assert again.status_code == 302
    w.space.refresh_from_db()
    assert w.space.title == "Anden titel"


def test_bad_input_on_an_opportunity_space_is_an_input_error_not_a_conflict():
    w, first, _second = space_editors()
    url = reverse("leadership:space-edit", args=[w.space.pk])
    version = version_in(first.get(url))
    response = first.post(url, {"title": "", "problem_statement": "X", VERSION_FIELD: version})
    html = response.content.decode()
    assert "Giv mulighedsrummet en titel." in html and CONFLICT not in html
    assert OpportunitySpace.objects.get(pk=w.space.pk).title == "Studerende og SU"


def draft_with_two_members():
    w = world()
    other = user_with_role(Role.LEADER, w.space.organisation)
    actions.add_forum_member(by=w.facilitator, forum=w.forum, user=other, role=ForumRole.MEMBER)
    item = actions.propose_agenda_item(
        by=w.facilitator, forum=w.forum, meeting=w.meeting, opportunity_space=w.space
    )
    draft = actions.save_decision(
        by=w.facilitator,
        agenda_item=item,
        data={
            "title": "Kladde",
            "text": "Studievejledere med.",
            "owner": w.leader,
            "due_on": timezone.localdate() + datetime.timedelta(days=30),
            "follow_up": "planned",
        },
    )
    return w, draft, logged_in(w.facilitator), logged_in(other)


def decision_post(w, version, *, title, text, **extra):
    return {
        "title": title,
        "text": text,
        "owner": w.leader.pk,
        "due_on": str(timezone.localdate() + datetime.timedelta(days=30)),
        "follow_up": "planned",
        VERSION_FIELD: version,
        **extra,
    }


def test_second_editor_of_a_draft_decision_is_refused_and_keeps_their_input():
    w, draft, first, second = draft_with_two_members()
    url = reverse("leadership:decision-edit", args=[draft.pk])
    first_version, second_version = version_in(first.get(url)), version_in(second.get(url))

    saved = first.post(url, decision_post(w, first_version, title="A", text="Første udgave"))
    assert saved.status_code == 302
    refused = second.post(
        url, decision_post(w, second_version, title="B", text="Anden udgave", draft="")
    )

    assert refused.status_code == 200
    html = refused.content.decode()
    assert CONFLICT in html and 'value="B"' in html and "Anden udgave</textarea>" in html
    assert "Første udgave" in stored_box(refused)
    draft.refresh_from_db()
    assert (draft.title, draft.text, draft.is_final) == ("A", "Første udgave", False)


def test_finalising_a_draft_changed_since_it_was_opened_is_refused():
    """Both in the form: the first saves, the second presses «Gem og gør endelig»."""
    w, draft, first, second = draft_with_two_members()
    url = reverse("leadership:decision-edit", args=[draft.pk])
    first_version, second_version = version_in(first.get(url)), version_in(second.get(url))

    assert first.post(url, decision_post(w, first_version, title="A", text="Ny")).status_code == 302
    refused = second.post(
        url, decision_post(w, second_version, title="B", text="Gammel", finalise="", **T_CHECK)
    )

    assert refused.status_code == 200 and CONFLICT in refused.content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.is_final) == ("A", False)


def test_saving_a_draft_someone_finalised_meanwhile_keeps_the_input_and_writes_nothing():
    w, draft, first, second = draft_with_two_members()
    url = reverse("leadership:decision-edit", args=[draft.pk])
    first_version, second_version = version_in(first.get(url)), version_in(second.get(url))

    finalised = first.post(
        url, decision_post(w, first_version, title="A", text="Endelig", finalise="", **T_CHECK)
    )
    assert finalised.status_code == 302
    refused = second.post(url, decision_post(w, second_version, title="B", text="Min kladde"))

    assert refused.status_code == 200
    assert CONFLICT in refused.content.decode() and "Min kladde" in refused.content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.text, draft.is_final) == ("A", "Endelig", True)


def test_the_finalise_button_refuses_a_draft_changed_since_the_page_was_shown():
    w, draft, first, second = draft_with_two_members()
    detail = reverse("leadership:decision-detail", args=[draft.pk])
    seen = version_in(second.get(detail))
    edit = reverse("leadership:decision-edit", args=[draft.pk])
    first.post(edit, decision_post(w, version_in(first.get(edit)), title="A", text="Ændret"))

    response = second.post(
        reverse("leadership:decision-finalise", args=[draft.pk]), {VERSION_FIELD: seen}, follow=True
    )

    assert CONFLICT in response.content.decode()
    assert "Ændret" in response.content.decode()  # the page shows the draft as it is now
    assert not Decision.objects.get(pk=draft.pk).is_final


def test_second_follow_up_from_the_same_version_is_refused_with_the_stored_status():
    w = world()
    decision = final_decision(w)
    first, second = logged_in(w.facilitator), logged_in(w.leader)
    url = reverse("leadership:decision-detail", args=[decision.pk])
    post = reverse("leadership:decision-follow-up", args=[decision.pk])
    first_version, second_version = version_in(first.get(url)), version_in(second.get(url))

    saved = first.post(post, {"follow_up": "done", VERSION_FIELD: first_version})
    assert saved.status_code == 302
    refused = second.post(post, {"follow_up": "dropped", VERSION_FIELD: second_version})

    assert refused.status_code == 200
    html = refused.content.decode()
    assert CONFLICT in html and "Gennemført" in stored_box(refused)
    assert re.search(r'<option value="dropped" selected>', html)
    decision.refresh_from_db()
    assert decision.follow_up == "done"


# --- API -------------------------------------------------------------------------------------


def test_api_space_update_from_an_outdated_version_is_409_and_writes_nothing():
    w = world()
    colleague = user_with_role(Role.LEADER, w.space.organisation)
    first, second = ApiClient(w.facilitator), ApiClient(colleague)
    path = f"/leadership/spaces/{w.space.pk}"
    seen = first.get(path).json()["version"]
    assert second.get(path).json()["version"] == seen

    saved = first.put(path, {"title": "A", "problem_statement": "Første", "version": seen})
    assert saved.status_code == 200, saved.json()
    assert saved.json()["version"] != seen
    refused = second.put(path, {"title": "B", "problem_statement": "Anden", "version": seen})

    assert refused.status_code == 409
    assert refused["Content-Type"].startswith("application/problem+json")
    assert CONFLICT in refused.json()["detail"]
    assert OpportunitySpace.objects.get(pk=w.space.pk).title == "A"
    # The version from the answer is current; without a version the edit is unchecked, as before.
    assert (
        second.put(
            path, {"title": "B", "problem_statement": "Anden", "version": saved.json()["version"]}
        ).status_code
        == 200
    )
    assert second.put(path, {"title": "C", "problem_statement": "Tredje"}).status_code == 200


def test_api_decision_takes_the_version_as_an_if_match_header():
    w, draft, _first, _second = draft_with_two_members()
    client = ApiClient(w.facilitator)
    path = f"/leadership/decisions/{draft.pk}"
    seen = client.get(path).json()["version"]
    body = {
        "title": "A",
        "text": "Første",
        "owner_id": w.leader.pk,
        "due_on": str(timezone.localdate() + datetime.timedelta(days=30)),
    }
    assert client.put(path, body, headers={"If-Match": f'"{seen}"'}).status_code == 200

    refused = client.put(path, {**body, "title": "B"}, headers={"If-Match": f'"{seen}"'})
    assert refused.status_code == 409 and CONFLICT in refused.json()["detail"]
    stale_finalise = client.post(f"{path}/finalise", headers={"If-Match": seen})
    assert stale_finalise.status_code == 409 and CONFLICT in stale_finalise.json()["detail"]
    draft.refresh_from_db()
    assert (draft.title, draft.is_final) == ("A", False)


def test_api_follow_up_from_an_outdated_version_is_409():
    w = world()
    decision = final_decision(w)
    client = ApiClient(w.facilitator)
    path = f"/leadership/decisions/{decision.pk}"
    seen = client.get(path).json()["version"]
    done = client.put(f"{path}/follow-up", {"follow_up": "done", "version": seen})
    assert done.status_code == 200
    refused = client.put(f"{path}/follow-up", {"follow_up": "dropped", "version": seen})
    assert refused.status_code == 409
    decision.refresh_from_db()
    assert decision.follow_up == "done"
