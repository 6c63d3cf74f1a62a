"""Two-factor codes in the browser: wrong codes lock the two-factor step with a Danish message
that the right code does not get past, and the page stays accessible."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from samskab.demo.data import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def _code(secret, step=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def test_wrong_codes_lock_the_two_factor_step(demo, page, axe):
    secret = generate_totp_secret()
    TOTP.activate(get_user_model().objects.get(username="fagperson"), secret)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "fagperson")
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind", exact=True).click()
    assert "/accounts/2fa/authenticate/" in page.url
    axe.check("two-factor step")

    # A code from an hour ago is wrong now.
    for _ in range(settings.TWO_FACTOR_FAILURE_LIMIT):
        page.locator("input[name=code]").fill(_code(secret, step=-120))
        with page.expect_navigation():
            page.locator("input[name=code]").press("Enter")
    page.locator("input[name=code]").fill(_code(secret))
    with page.expect_navigation():
        page.locator("input[name=code]").press("Enter")
    expect(page.locator("main")).to_contain_text("totrinsbekræftelsen er spærret for din konto")
    assert "/accounts/2fa/authenticate/" in page.url
    axe.check("two-factor step locked")
    axe.assert_clean()
