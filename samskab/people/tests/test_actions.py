"""Citizen and consent actions: consent gates processing, and every write is logged."""

import pytest
from django.core.exceptions import ValidationError

from samskab.core.actions import verify_access_log
from samskab.core.models import AccessLogEntry
from samskab.people import actions
from samskab.people.models import Citizen, Consent, ConsentPurpose, Role

from .factories import CitizenFactory, ConsentFactory, OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def professional():
    return user_with_role(Role.PROFESSIONAL)


def _register(by, **data):
    consents = data.pop("consents", [ConsentPurpose.REGISTRATION])
    return actions.register_citizen(
        by=by,
        organisation=by.staff_member.organisation,
        data={"display_name": "A.B.", **data},
        consents=consents,
    )


def test_register_citizen_records_consents_and_logs(professional):
    citizen = _register(professional, consents=[ConsentPurpose.REGISTRATION, "contact"])
    assert set(citizen.consents.values_list("purpose", flat=True)) == {"registration", "contact"}
    entry = AccessLogEntry.objects.get()
    assert (entry.actor_id, entry.citizen_id, entry.action) == (
        professional.pk,
        citizen.pk,
        "create",
    )
    assert verify_access_log().is_intact


def test_register_without_registration_consent_writes_nothing(professional):
    with pytest.raises(actions.MissingConsentError, match="samtykke til registrering"):
        _register(professional, consents=[])
    assert not Citizen.objects.exists()
    assert not Consent.objects.exists()
    assert not AccessLogEntry.objects.exists()


def test_contact_details_need_contact_consent(professional):
    with pytest.raises(actions.MissingConsentError, match="samtykke til kontakt"):
        _register(professional, email="a@example.test")
    assert not Citizen.objects.exists()


def test_cpr_number_is_refused(professional):
    with pytest.raises(ValidationError) as error:
        _register(professional, display_name="010190-1234")
    assert "CPR" in str(error.value)
    assert not Citizen.objects.exists()


def test_future_birth_year_is_refused(professional):
    with pytest.raises(ValidationError):
        _register(professional, birth_year=2999)


def test_withdrawing_consent_stops_processing_at_once(professional):
    citizen = _register(professional)
    consent = citizen.consents.get(purpose="registration")
    actions.withdraw_consent(by=professional, consent=consent)
    consent.refresh_from_db()
    assert consent.withdrawn_by == professional and not consent.is_active
    with pytest.raises(actions.MissingConsentError, match="trukket samtykket"):
        actions.update_citizen(by=professional, citizen=citizen, data={"display_name": "Ny"})
    citizen.refresh_from_db()
    assert citizen.display_name == "A.B."


def test_withdrawing_twice_is_refused(professional):
    consent = ConsentFactory(citizen=CitizenFactory(organisation=OrganisationFactory()))
    actions.withdraw_consent(by=professional, consent=consent)
    with pytest.raises(ValidationError, match="allerede"):
        actions.withdraw_consent(by=professional, consent=consent)


def test_consent_can_be_given_again_after_withdrawal(professional):
    citizen = _register(professional)
    actions.withdraw_consent(by=professional, consent=citizen.consents.get())
    actions.give_consent(by=professional, citizen=citizen, purpose="registration")
    assert citizen.has_consent("registration")
    with pytest.raises(ValidationError, match="allerede givet"):
        actions.give_consent(by=professional, citizen=citizen, purpose="registration")
    assert citizen.consents.count() == 2
