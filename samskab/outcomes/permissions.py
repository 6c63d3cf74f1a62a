"""Who may read and record outcome measurements, and manage measures.

Measurements are a citizen's personal (often health) data: need-to-know staff in the
citizen's organisation and the citizen themself, nobody else. Same 404 for "does not
exist" and "not yours", so IDs leak nothing.
"""

import rules
from django.http import Http404

from samskab.people.models import Citizen
from samskab.people.permissions import (
    is_platform_admin,
    is_staff_member,
    is_the_citizen,
    works_with_citizen,
)

can_view_measurements = is_the_citizen | works_with_citizen
can_record_measurement = works_with_citizen
can_self_report = is_the_citizen
can_view_measures = is_staff_member | is_platform_admin
can_manage_measures = is_platform_admin

rules.add_perm("outcomes.view_measurements", can_view_measurements)
rules.add_perm("outcomes.add_measurement", can_record_measurement)
rules.add_perm("outcomes.view_measure", can_view_measures)
rules.add_perm("outcomes.add_measure", can_manage_measures)


def get_citizen_for_measurements(user, pk, *, record=False) -> Citizen:
    """The citizen, if this user may see (or, with record=True, record) their measurements."""
    citizen = Citizen.objects.select_related("organisation", "user").filter(pk=pk).first()
    allowed = can_record_measurement if record else can_view_measurements
    if citizen is None or not allowed(user, citizen):
        raise Http404
    return citizen
