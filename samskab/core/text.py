"""Limits and screening for the text people type, one place for the HTML forms and the API.

Every text field of a form gets a length limit when it declares none (`core.forms.Form`,
`core.forms.ModelForm`), and the API's schemas use the same limits through `FreeText` and
`Line`. Free text is also screened: a CPR-like number is stored as "ddmmåå-xxxx"
(`samskab.privacy.screening`), in the forms with a warning, in the API alike.
"""

from typing import Annotated

from pydantic import AfterValidator, Field

#: A line of text: a title, a name, a place, a word in a list.
LINE_MAX_LENGTH = 200
#: Free text: a reflection, a learning capture, minutes, a motivation, a decision.
FREE_TEXT_MAX_LENGTH = 20_000


def mask_cpr_numbers(text: str) -> str:
    from samskab.privacy.screening import mask_cpr_numbers as mask

    return mask(text)


def has_cpr_number(text: str) -> bool:
    from samskab.privacy.screening import find_cpr_numbers

    return bool(find_cpr_numbers(text))


#: Free text in an API schema: the forms' limit, CPR-like numbers masked.
FreeText = Annotated[str, Field(max_length=FREE_TEXT_MAX_LENGTH), AfterValidator(mask_cpr_numbers)]
#: A word or short phrase in an API schema (a theme, an interest), screened like free text.
Line = Annotated[str, Field(max_length=LINE_MAX_LENGTH), AfterValidator(mask_cpr_numbers)]
