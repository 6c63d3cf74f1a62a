"""The adoption overview: every municipality in Denmark, grouped by region, with its status."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from samskab.people.models import Organisation, OrganisationKind

from .models import AdoptionStatus


@dataclass
class Tile:
    municipality: Organisation
    status: str  # "owner", an AdoptionStatus value, or "none"
    label: str

    @property
    def short_name(self) -> str:
        return self.municipality.name.removesuffix(" Kommune")


@dataclass
class RegionTiles:
    name: str
    tiles: list[Tile] = field(default_factory=list)


def adoption_overview(adoptions, owner_ids) -> tuple[list[RegionTiles], dict[str, int]]:
    """All municipalities (one query), grouped by region, and how many are at each status."""
    status_of = {a.organisation_id: a for a in adoptions}
    regions: dict[str, RegionTiles] = {}
    counts = {"owner": 0, **dict.fromkeys(AdoptionStatus.values, 0), "none": 0}
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).select_related(
        "region"
    )
    for municipality in municipalities.order_by("region__name", "name"):
        if municipality.pk in owner_ids:
            status, label = "owner", _("Projektejer")
        elif municipality.pk in status_of:
            adoption = status_of[municipality.pk]
            status, label = adoption.status, adoption.get_status_display()
        else:
            status, label = "none", _("Ikke med endnu")
        counts[status] += 1
        region_name = municipality.region.name if municipality.region else _("Uden region")
        regions.setdefault(region_name, RegionTiles(region_name)).tiles.append(
            Tile(municipality, status, label)
        )
    return list(regions.values()), counts
