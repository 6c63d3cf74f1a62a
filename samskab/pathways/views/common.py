"""Helpers shared by the pathway pages."""

from django.urls import reverse
from django.utils.translation import gettext as _


def start_crumb():
    return (reverse("pathways:team-list"), _("Borgerforløb"))


def team_crumbs(team, *more):
    return [start_crumb(), (team.get_absolute_url(), team.name), *more]


def pathway_crumbs(pathway, *more):
    return team_crumbs(
        pathway.team, (pathway.get_absolute_url(), pathway.citizen.display_name), *more
    )
