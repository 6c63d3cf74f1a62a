"""The API's shared behaviour: tokens, session, problem errors, language, lists, docs."""

import importlib

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from ninja import Schema

from samskab.api.actions import create_token, revoke_token
from samskab.api.models import ApiToken, hash_secret
from samskab.api.testing import ApiClient
from samskab.core.models import AccessLogEntry
from samskab.core.tests.dates import days_ahead
from samskab.people.models import Role
from samskab.people.tests.factories import (
    CitizenFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def test_token_is_stored_only_as_its_sha256():
    user = UserFactory()
    token, secret = create_token(by=user, name="HR-system")
    assert secret.startswith("smk_")
    assert token.token_hash == hash_secret(secret)
    assert secret not in {token.token_hash, token.hint, token.name}
    assert secret.startswith(token.hint)


def test_bearer_token_authenticates_and_marks_last_use():
    user = UserFactory(username="anna")
    client = ApiClient(user)
    response = client.get("/me")
    assert response.status_code == 200
    assert response.json()["username"] == "anna"
    assert ApiToken.objects.get(user=user).last_used_at is not None


def test_revoked_token_is_refused_as_problem_json():
    user = UserFactory()
    token, secret = create_token(by=user, name="x")
    revoke_token(by=user, token=token)
    response = ApiClient(secret=secret).get("/me")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["status"] == 401
    assert body["title"] == "Ikke logget ind"
    assert set(body) >= {"type", "title", "status", "detail"}


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer smk_" + "x" * 43, "Basic abc"])
def test_bad_credentials_are_401_not_a_login_redirect(header):
    response = Client().get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401


def test_anonymous_request_is_401():
    assert Client().get("/api/v1/people/citizens").status_code == 401


def test_inactive_user_token_is_refused():
    user = UserFactory()
    client = ApiClient(user)
    user.is_active = False
    user.save()
    assert client.get("/me").status_code == 401


def test_english_messages_with_accept_language_or_lang_parameter():
    response = ApiClient(secret="smk_wrong").get("/me", headers={"Accept-Language": "en-GB,en"})
    with translation.override("en"):
        assert response.json()["title"] == translation.gettext("Ikke logget ind")
    assert response["Content-Language"] == "en"
    response = ApiClient(secret="smk_wrong").get("/me", {"lang": "en"})
    assert response["Content-Language"] == "en"
    response = ApiClient(secret="smk_wrong").get("/me")
    assert response["Content-Language"] == "da"


def test_session_login_works_for_reads_and_needs_csrf_for_writes():
    user = user_with_role(Role.PROFESSIONAL)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get("/api/v1/me").status_code == 200
    response = client.post("/api/v1/people/citizens", data={}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_validation_error_is_422_with_errors():
    professional = user_with_role(Role.PROFESSIONAL)
    response = ApiClient(professional).post("/people/citizens", {"display_name": ""})
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == 422
    assert body["errors"] and all("loc" in e and "msg" in e for e in body["errors"])


def test_action_refusal_is_422_with_the_danish_message_and_nothing_stored():
    professional = user_with_role(Role.PROFESSIONAL)
    organisation_id = professional.staff_member.organisation_id
    response = ApiClient(professional).post(
        "/people/citizens",
        {
            "display_name": "010190-1234",
            "organisation_id": organisation_id,
            "consents": ["registration"],
        },
    )
    assert response.status_code == 422
    assert "CPR" in response.json()["detail"]
    assert not CitizenFactory._meta.model.objects.exists()


def test_missing_and_forbidden_give_the_same_404():
    professional = user_with_role(Role.PROFESSIONAL)
    other = CitizenFactory(organisation=OrganisationFactory())
    client = ApiClient(professional)
    forbidden = client.get(f"/people/citizens/{other.pk}")
    missing = client.get("/people/citizens/999999")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()


def test_lists_paginate_order_and_reject_unknown_ordering():
    professional = user_with_role(Role.PROFESSIONAL)
    organisation = professional.staff_member.organisation
    for name in ("Cecilie", "Anders", "Bent"):
        CitizenFactory(organisation=organisation, display_name=name)
    client = ApiClient(professional)
    page = client.get("/people/citizens", {"page_size": 2, "ordering": "-display_name"}).json()
    assert page["count"] == 3
    assert [c["display_name"] for c in page["items"]] == ["Cecilie", "Bent"]
    second = client.get("/people/citizens", {"page_size": 2, "page": 2}).json()
    assert [c["display_name"] for c in second["items"]] == ["Cecilie"]
    assert client.get("/people/citizens", {"q": "ben"}).json()["count"] == 1
    assert client.get("/people/citizens", {"ordering": "email"}).status_code == 422


def test_citizen_list_logs_a_read_for_each_citizen_on_the_page_only():
    professional = user_with_role(Role.PROFESSIONAL)
    organisation = professional.staff_member.organisation
    citizens = [CitizenFactory(organisation=organisation) for _ in range(3)]
    ApiClient(professional).get("/people/citizens", {"page_size": 2, "ordering": "created_at"})
    logged = set(AccessLogEntry.objects.values_list("citizen_id", flat=True))
    assert logged == {citizens[0].pk, citizens[1].pk}


def test_list_query_count_does_not_grow_with_rows():
    professional = user_with_role(Role.PROFESSIONAL)
    organisation = professional.staff_member.organisation
    client = ApiClient(professional)
    CitizenFactory(organisation=organisation)
    client.get("/people/citizens")  # the access log's head row is created on first use
    with CaptureQueriesContext(connection) as one:
        client.get("/people/citizens")
    for _ in range(9):
        CitizenFactory(organisation=organisation)
    with CaptureQueriesContext(connection) as ten:
        client.get("/people/citizens")
    assert len(ten) == len(one)


def test_openapi_document_and_docs_are_served_without_cdn():
    client = Client()
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/partnerships/rounds" in document["paths"]
    assert "Problem" in document["components"]["schemas"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in html


def test_token_page_creates_shows_once_and_revokes():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    url = reverse("api:token-list")
    response = client.post(
        url, {"name": "Datavarehus", "expires_on": days_ahead(30).isoformat()}, follow=True
    )
    assert response.redirect_chain == [(url, 302)]
    secret = response.context["secret"]
    assert secret and secret in response.content.decode()
    again = client.get(url)
    assert secret not in again.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.expires_on == days_ahead(30)
    assert ApiClient(secret=secret).get("/me").status_code == 200
    revoke_url = reverse("api:token-revoke", args=[token.pk])
    assert revoke_url in again.content.decode()
    confirm = client.get(revoke_url)
    assert "Tilbagekald nøglen «Datavarehus»?" in confirm.content.decode()
    assert ApiClient(secret=secret).get("/me").status_code == 200  # asking revokes nothing
    response = client.post(revoke_url, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "Nøglen «Datavarehus» er tilbagekaldt." in response.content.decode()
    assert ApiClient(secret=secret).get("/me").status_code == 401


def test_token_page_needs_a_name():
    client = Client()
    client.force_login(UserFactory())
    response = client.post(reverse("api:token-list"), {"name": ""})
    assert response.context["secret"] is None
    assert not ApiToken.objects.exists()


def test_someone_elses_token_cannot_be_revoked():
    owner, other = UserFactory(), UserFactory()
    token, _secret = create_token(by=owner, name="x")
    client = Client()
    client.force_login(other)
    assert client.get(reverse("api:token-revoke", args=[token.pk])).status_code == 404
    assert client.post(reverse("api:token-revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_account_page_links_to_api_tokens():
    client = Client()
    client.force_login(UserFactory())
    assert reverse("api:token-list") in client.get(reverse("core:account")).content.decode()


def test_schema_names_are_unique_across_routers():
    """ninja names components by class name: two `MeetingOut`s would silently share one."""
    names = [
        cls.__name__
        for module in ("people", "partnerships", "pathways", "compass", "outcomes", "innovation")
        for cls in vars(importlib.import_module(f"samskab.{module}.api")).values()
        if isinstance(cls, type) and issubclass(cls, Schema) and cls.__module__.endswith(".api")
    ]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_nul_characters_are_refused_before_they_reach_the_database():
    professional = user_with_role(Role.PROFESSIONAL)
    response = ApiClient(professional).post(
        "/people/citizens",
        {
            "display_name": "A\u0000B",
            "organisation_id": professional.staff_member.organisation_id,
            "consents": ["registration"],
        },
    )
    assert response.status_code == 422
    assert ApiClient(professional).get("/people/citizens", {"q": "a\x00"}).status_code == 422
