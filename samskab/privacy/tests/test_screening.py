"""CPR-like numbers in free text: what counts as one, and what is left alone."""

import pytest

from samskab.privacy.screening import CPR_PLACEHOLDER, find_cpr_numbers, mask_cpr_numbers


@pytest.mark.parametrize(
    "text",
    [
        "010190-1234",
        "CPR: 0101901234.",
        "født 311299 1234",
        "290200-4321",  # the 29th of February, a date in a leap year
        "(150585-2222)",
    ],
)
def test_cpr_like_numbers_are_found_and_masked(text):
    assert find_cpr_numbers(text)
    masked = mask_cpr_numbers(text)
    assert CPR_PLACEHOLDER in masked
    assert not find_cpr_numbers(masked)


@pytest.mark.parametrize(
    "text",
    [
        "Ring på 20304050 eller 20 30 40 50",  # phone numbers: eight digits
        "+45 12345678",
        "Beløbet var 1.234.567,50 kr. og 3000000000 i alt",
        "Mødet er 04.12.2026 kl. 10.30",
        "Sag 2026-123456",
        "Kontonummer 1234-5678901234",  # registration and account number
        "321299-1234",  # no 32nd day
        "011399-1234",  # no 13th month
        "300299-1234",  # no 30th of February
        "0,0101901234",  # a decimal fraction
        "01019012345",  # eleven digits
    ],
)
def test_ordinary_numbers_are_left_alone(text):
    assert find_cpr_numbers(text) == []
    assert mask_cpr_numbers(text) == text


def test_every_number_in_a_text_is_masked_and_the_rest_kept():
    assert mask_cpr_numbers("A 010190-1234, B 0202021234 og tlf. 20304050.") == (
        f"A {CPR_PLACEHOLDER}, B {CPR_PLACEHOLDER} og tlf. 20304050."
    )
