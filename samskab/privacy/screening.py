"""Screening of free text: CPR-like numbers are masked as people type them (every form and
the API, through samskab.core.text), and before text leaves casework (research exports) the
names of known citizens, e-mail addresses and phone numbers are masked too."""

import calendar
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

#: What a CPR-like number typed into free text is stored as.
CPR_PLACEHOLDER = "ddmmåå-xxxx"
# ddmmyy, an optional dash or space, four digits; not part of a longer number or an amount.
CPR_CANDIDATE = re.compile(r"(?<![\d.,])(\d{2})(\d{2})(\d{2})[-\s]?\d{4}(?!\d|[.,]\d)")


def _is_date(day: str, month: str) -> bool:
    # 2000 is a leap year: the 29th of February is a date in some century.
    return 1 <= int(month) <= 12 and 1 <= int(day) <= calendar.monthrange(2000, int(month))[1]


def find_cpr_numbers(text: str) -> list[str]:
    """The CPR-like numbers in `text`: ddmmyy-xxxx or ten digits that start with a real date.
    Phone numbers (eight digits), amounts and dates alone are not CPR-like."""
    return [
        match.group(0)
        for match in CPR_CANDIDATE.finditer(text or "")
        if _is_date(match.group(1), match.group(2))
    ]


def mask_cpr_numbers(text: str) -> str:
    """`text` with every CPR-like number (see find_cpr_numbers) replaced by CPR_PLACEHOLDER."""
    if not text:
        return text
    return CPR_CANDIDATE.sub(
        lambda m: CPR_PLACEHOLDER if _is_date(m.group(1), m.group(2)) else m.group(0), text
    )


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
