"""The Esbjerg model's lists as CSV and XLSX: compass rounds, readiness assessments, rollouts.

None of them holds citizen data (compass answers are only shown aggregated), so no export
is access-logged; the individual answers are never exported.
"""

from django.utils.translation import gettext_lazy as _

from samskab.core.exports import Column, Export

ROUNDS = Export(
    "ledelseskompas-runder",
    [
        Column(_("Runde"), "title"),
        Column(_("Organisation"), "organisation.name"),
        Column(_("Enhed"), "unit.name"),
        Column(_("Periode fra"), "period_start"),
        Column(_("Periode til"), "period_end"),
        Column(_("Svar"), "response_count"),
        Column(_("Åben for svar"), "is_open"),
    ],
    slug="kompas",
)

ASSESSMENTS = Export(
    "parathed-til-spredning",
    [
        Column(_("Model"), "model_name"),
        Column(_("Fra"), "source_organisation.name"),
        Column(_("Til"), "receiving_organisation.name"),
        Column(_("Vurderet"), "assessed_on"),
        Column(_("Relativ fordel"), "get_advantage_display"),
        Column(_("Værdier"), "get_values_display"),
        Column(_("Opbakning"), "get_backing_display"),
        Column(_("Forudsætninger"), "get_conditions_display"),
    ],
    slug="parathed",
)

ROLLOUTS = Export(
    "udrulninger",
    [
        Column(_("Udrulning"), "name"),
        Column(_("Model"), "model_name"),
        Column(_("Organisation"), "organisation.name"),
        Column(_("Før-periode fra"), "baseline_start"),
        Column(_("Før-periode til"), "baseline_end"),
    ],
    slug="udrulning",
)
