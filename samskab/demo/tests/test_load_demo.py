"""The demo loads the seeds' organisations and one user per role, and loads again safely."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from samskab.demo import data
from samskab.people.models import Citizen, Consent, Organisation, Role, RoleAssignment, Unit

pytestmark = pytest.mark.django_db


def _counts():
    return [
        m.objects.count()
        for m in (Organisation, Unit, Citizen, Consent, RoleAssignment, get_user_model())
    ]


def test_running_the_demo_twice_duplicates_nothing():
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first


def test_demo_has_one_login_per_role_and_the_seed_organisations():
    call_command("load_demo")
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    names = set(Organisation.objects.values_list("name", flat=True))
    for name in ["Region Midtjylland", "Aarhus Kommune", "Esbjerg Kommune", "Greve Kommune"]:
        assert name in names
    user = get_user_model().objects.get(username="fagperson")
    assert user.check_password(data.DEMO_PASSWORD)


def test_demo_citizens_are_clearly_fictitious_and_the_citizen_login_owns_one():
    call_command("load_demo")
    assert all("(fiktiv)" in c.display_name for c in Citizen.objects.all())
    assert Citizen.objects.get(user__username="borger").has_consent("registration")
