"""Organisations: Denmark's public authorities are data, and a region holds only municipalities."""

import pytest

pytestmark = pytest.mark.django_db


def test_denmarks_98_municipalities_and_5_regions_are_there_with_codes():
    from samskab.people.models import Organisation, OrganisationKind

    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    regions = Organisation.objects.filter(kind=OrganisationKind.REGION)
    assert municipalities.exclude(official_code="").count() == 98
    assert set(regions.values_list("official_code", flat=True)) >= {
        "1081", "1082", "1083", "1084", "1085"
    }  # fmt: skip
    assert not municipalities.exclude(official_code="").filter(region=None).exists()
    aarhus = municipalities.get(official_code="0751")
    assert (aarhus.name, aarhus.region.name) == ("Aarhus Kommune", "Region Midtjylland")
    assert municipalities.get(official_code="0400").region.name == "Region Hovedstaden"
    assert municipalities.filter(region__official_code="1081").count() == 11


def test_only_a_municipality_lies_in_a_region():
    from django.core.exceptions import ValidationError

    from samskab.people.models import Organisation, OrganisationKind

    region = Organisation.objects.get(official_code="1082", kind=OrganisationKind.REGION)
    other_region = Organisation.objects.get(official_code="1083", kind=OrganisationKind.REGION)
    other_region.region = region
    with pytest.raises(ValidationError, match="Kun en kommune"):
        other_region.full_clean()
