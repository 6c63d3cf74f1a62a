import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from samskab.national.generator import NationalGenerator, fingerprint
from samskab.national.models import GeneratedDataset
from samskab.pathways.models import LearningCapture, Meeting, Pathway
from samskab.people.models import Citizen, Organisation, OrganisationKind, StaffMember

TINY = 0.001


def _generate():
    with transaction.atomic():
        GeneratedDataset.objects.all().delete()
        NationalGenerator(scale=TINY).run()
        result = (
            fingerprint(),
            StaffMember.objects.count(),
            Citizen.objects.count(),
            Meeting.objects.count(),
            list(Pathway.objects.order_by("pk").values_list("opened_on", "status")[:20]),
        )
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db
def test_same_seed_and_scale_give_the_same_data_set():
    first, second = _generate(), _generate()
    assert first == second
    assert first[1] >= 40 and first[2] == 100 and first[3] == 500


@pytest.mark.django_db
def test_another_seed_gives_other_data():
    with transaction.atomic():
        NationalGenerator(scale=TINY, seed=1).run()
        one = fingerprint()
        transaction.set_rollback(True)
    assert one != _generate()[0]


@pytest.mark.django_db
def test_the_data_set_spreads_over_all_98_municipalities_and_5_regions_without_new_ones():
    before = Organisation.objects.count()
    NationalGenerator(scale=TINY).run()
    assert Organisation.objects.count() == before
    public = Organisation.objects.exclude(official_code="")
    with_staff = public.filter(staff__isnull=False).distinct()
    assert with_staff.filter(kind=OrganisationKind.REGION).count() == 5
    assert with_staff.filter(kind=OrganisationKind.MUNICIPALITY).count() > 50


@pytest.mark.django_db
def test_the_command_loads_at_a_fractional_scale_and_refuses_to_load_twice(capsys):
    call_command("generate_national", scale=0.0005, verbosity=0)
    assert GeneratedDataset.objects.get().scale == 0.0005
    assert Meeting.objects.count() == 250
    assert LearningCapture.objects.count() < Meeting.objects.count()
    assert all(
        name.endswith("(fiktiv)") for name in Citizen.objects.values_list("display_name", flat=True)
    )
    staff = StaffMember.objects.count()
    with pytest.raises(CommandError, match="allerede indlæst"):
        call_command("generate_national", scale=0.0005, verbosity=0)
    assert StaffMember.objects.count() == staff
    call_command("generate_national", scale=0.0005, if_missing=True, verbosity=0)
    assert StaffMember.objects.count() == staff
    assert GeneratedDataset.objects.count() == 1


@pytest.mark.django_db
def test_the_command_refuses_a_scale_of_zero():
    with pytest.raises(CommandError, match="større end 0"):
        call_command("generate_national", scale=0, verbosity=0)
    assert not GeneratedDataset.objects.exists()


@pytest.mark.django_db
def test_generated_data_respects_the_models_validation():
    """A sample of every generated kind passes full_clean()."""
    NationalGenerator(scale=TINY).run()
    from samskab.innovation.models import BusinessCaseLine, Project
    from samskab.outcomes.models import Measurement
    from samskab.partnerships.models import ExperienceExpert, Leader, Partnership, Round

    for model in (
        Citizen,
        StaffMember,
        Pathway,
        Meeting,
        LearningCapture,
        Measurement,
        Round,
        ExperienceExpert,
        Leader,
        Partnership,
        Project,
        BusinessCaseLine,
    ):
        for obj in model.objects.order_by("pk")[:25]:
            obj.full_clean()


def test_logging_in_twice_keeps_the_first_session_valid(client, django_user_model):
    """The shared demo hash is not re-hashed at login, which would end the user's other
    sessions (make bench logs every role in from several users at once)."""
    from django.test import Client

    from samskab.demo.data import DEMO_PASSWORD
    from samskab.national.generator import demo_password_hash

    def log_in():
        browser = Client()
        data = {"login": "nat-leader-x", "password": DEMO_PASSWORD}
        assert browser.post("/accounts/login/", data).status_code == 302
        return browser

    user = django_user_model.objects.create(username="nat-leader-x", password=demo_password_hash())
    first = log_in()
    user.refresh_from_db()
    assert user.password == demo_password_hash()  # not re-hashed
    log_in()
    assert first.get("/konto/").status_code == 200
