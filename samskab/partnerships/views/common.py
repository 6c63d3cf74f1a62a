"""Helpers shared by the partnership pages."""

from django.urls import reverse
from django.utils.translation import gettext as _


def start_crumb():
    return (reverse("partnerships:index"), _("Partnerskaber"))


def round_crumbs(round_, *more):
    return [start_crumb(), (round_.get_absolute_url(), round_.theme), *more]


def partnership_crumbs(partnership, user, *more):
    from ..permissions import facilitates_round

    if facilitates_round(user, partnership.round):
        base = round_crumbs(partnership.round)
    else:
        base = [start_crumb()]
    return [*base, (partnership.get_absolute_url(), str(partnership)), *more]
