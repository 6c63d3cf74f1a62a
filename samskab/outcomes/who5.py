"""WHO-5 well-being index: the five items, their answers, scoring and published cut-offs.

Scoring (WHO, 1998; Topp et al. 2015): each item 0–5, raw score 0–25, index = raw × 4
(0–100). An index of 50 or below suggests reduced well-being, 28 or below likely
depression. WHO-5 is a screening tool, never a diagnosis.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CODE = "who5"

ITEMS = [
    _("Jeg har været glad og i godt humør"),
    _("Jeg har følt mig rolig og afslappet"),
    _("Jeg har følt mig aktiv og energisk"),
    _("Jeg er vågnet frisk og udhvilet"),
    _("Min dagligdag har været fyldt med ting, der interesserer mig"),
]

ANSWERS = [
    (5, _("Hele tiden")),
    (4, _("Det meste af tiden")),
    (3, _("Lidt mere end halvdelen af tiden")),
    (2, _("Lidt mindre end halvdelen af tiden")),
    (1, _("Lidt af tiden")),
    (0, _("På intet tidspunkt")),
]

ITEM_MIN, ITEM_MAX = 0, 5
REDUCED_WELL_BEING_INDEX = 50
LIKELY_DEPRESSION_INDEX = 28


@dataclass(frozen=True)
class Who5Score:
    raw: int
    index: int

    @property
    def interpretation(self) -> str:
        if self.index <= LIKELY_DEPRESSION_INDEX:
            return str(
                _(
                    "Indeks på 28 eller derunder: tyder på mulig depression. "
                    "Tal med borgeren om at søge læge. WHO-5 er screening, ikke en diagnose."
                )
            )
        if self.index <= REDUCED_WELL_BEING_INDEX:
            return str(
                _(
                    "Indeks på 50 eller derunder: tyder på nedsat trivsel. "
                    "WHO-5 er screening, ikke en diagnose."
                )
            )
        return str(_("Indeks over 50: ingen tegn på nedsat trivsel."))


def score(answers) -> Who5Score:
    """Raw score and 0–100 index from the five item answers (each 0–5)."""
    answers = list(answers)
    if len(answers) != len(ITEMS):
        raise ValueError("WHO-5 has exactly five items")
    if any(not isinstance(a, int) or not ITEM_MIN <= a <= ITEM_MAX for a in answers):
        raise ValueError("Each WHO-5 answer is a whole number from 0 to 5")
    raw = sum(answers)
    return Who5Score(raw=raw, index=raw * 4)
