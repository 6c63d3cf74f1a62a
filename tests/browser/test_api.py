"""The API in the browser: a user creates a token on the account page (shown once), the
token works, the docs render from local files under the CSP, and the pages are accessible."""

import pytest
from django.test import Client
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_user_creates_token_uses_it_and_revokes_it(demo, page, login, axe):
    login("fagperson")
    page.goto("/konto/")
    page.get_by_role("link", name="Administrér API-nøgler").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API-nøgler")
    axe.check("token page")
    page.get_by_label("Navn").fill("Datavarehus")
    expect(page.get_by_label("Udløbsdato")).not_to_have_value("")
    with page.expect_navigation():
        page.get_by_role("button", name="Opret nøgle").click()
    secret = page.get_by_test_id("api-secret").input_value()
    assert secret.startswith("smk_")
    axe.check("token shown once")

    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response.json()["username"] == "fagperson"

    page.reload()
    expect(page.get_by_test_id("api-secret")).to_have_count(0)
    expect(page.get_by_test_id("token-table")).to_contain_text("Udløber")
    with page.expect_navigation():
        page.get_by_role("link", name="Tilbagekald Datavarehus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilbagekald nøglen «Datavarehus»?")
    axe.check("revoke confirmation")
    with page.expect_navigation():
        page.get_by_role("button", name="Tilbagekald nøglen").click()
    expect(page.get_by_test_id("token-table")).to_contain_text("Tilbagekaldt")
    axe.assert_clean()
    revoked = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert revoked.status_code == 401


def test_api_docs_render_from_local_assets_without_csp_violations(demo, page, login, live_server):
    blocked, external = [], []
    page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
    page.on(
        "request",
        lambda r: (
            r.url.startswith("http")
            and not r.url.startswith(live_server.url)
            and external.append(r.url)
        ),
    )
    login("fagperson")
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Samskab API")
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    assert not blocked, blocked
    assert not external, external
