"""Screening of free text before it leaves casework: names of known citizens, e-mail
addresses, phone numbers and CPR-like numbers are masked."""

import re

from samskab.people.models import CPR_PATTERN

NAME_MASK = "[navn]"
EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[telefon]"
CPR_MASK = "[cpr]"

EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Danish numbers: eight digits, optionally +45/0045 and spaces or dashes in pairs/fours.
PHONE_PATTERN = re.compile(r"(?<![\d+])(?:(?:\+45|0045)[\s-]?)?(?:\d[\s-]?){7}\d(?!\d)")
WORD = re.compile(r"[^\W\d_]{3,}")


def name_variants(display_name: str) -> set[str]:
    """The full display name and each word in it ("Mille (fiktiv)" → Mille, fiktiv, ...)."""
    display_name = (display_name or "").strip()
    if not display_name:
        return set()
    return {display_name, *WORD.findall(display_name)}


def screen_text(text: str, *, citizens=(), names=()) -> str:
    """`text` with every known citizen's name, e-mail and phone, and any e-mail address, phone
    number or CPR-like number masked."""
    if not text:
        return text
    variants: set[str] = set(names)
    for citizen in citizens:
        variants |= name_variants(citizen.display_name)
        text = _mask_literal(text, citizen.email, EMAIL_MASK)
        text = _mask_literal(text, citizen.phone, PHONE_MASK)
    text = CPR_PATTERN.sub(CPR_MASK, text)
    text = EMAIL_PATTERN.sub(EMAIL_MASK, text)
    text = PHONE_PATTERN.sub(PHONE_MASK, text)
    # Longest first, so "Mille Hansen" is masked whole before "Mille" alone.
    for variant in sorted(variants, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(variant)}(?!\w)", NAME_MASK, text, flags=re.IGNORECASE)
    return text


def _mask_literal(text: str, value: str, mask: str) -> str:
    if not value:
        return text
    return re.sub(re.escape(value), mask, text, flags=re.IGNORECASE)
