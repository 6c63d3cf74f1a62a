"""Recording measurements: consent, range, permission and the access log."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samskab.core.models import AccessLogEntry
from samskab.outcomes import actions
from samskab.outcomes.models import Measure, Measurement, Who5Handover
from samskab.people.actions import MissingConsentError, withdraw_consent
from samskab.people.models import ConsentPurpose, Role
from samskab.people.tests.factories import citizen_with_login, user_with_role

from .factories import MeasurementFactory, builtin, consenting_citizen, professional_for

pytestmark = pytest.mark.django_db


def test_professional_records_a_measurement_and_it_is_logged():
    citizen = consenting_citizen()
    by = professional_for(citizen)
    measurement = actions.record_measurement(
        by=by,
        citizen=citizen,
        measure=builtin("support_hours"),
        value="7.5",
        measured_on=timezone.localdate(),
    )
    assert measurement.value == 7.5 and measurement.entered_by == by
    assert not measurement.is_self_reported
    entry = AccessLogEntry.objects.get()
    assert (entry.citizen_id, entry.action, entry.actor_id) == (citizen.pk, "create", by.pk)
    assert entry.purpose == "Registrering af effektmåling"


def test_value_outside_range_stores_nothing():
    citizen = consenting_citizen()
    with pytest.raises(ValidationError, match="Støttetimer skal være et tal fra 0 til 168"):
        actions.record_measurement(
            by=professional_for(citizen),
            citizen=citizen,
            measure=builtin("support_hours"),
            value="200",
            measured_on=timezone.localdate(),
        )
    assert not Measurement.objects.exists()
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("purpose", [ConsentPurpose.PATHWAY, ConsentPurpose.RESEARCH])
def test_without_registration_consent_nothing_is_stored(purpose):
    citizen = consenting_citizen(purpose=purpose)
    with pytest.raises(MissingConsentError, match="samtykke til registrering"):
        actions.record_who5(
            by=professional_for(citizen),
            citizen=citizen,
            answers=[3, 3, 3, 3, 3],
            measured_on=timezone.localdate(),
            self_reported=True,
        )
    assert not Measurement.objects.exists()


def test_withdrawn_consent_stops_recording():
    citizen = consenting_citizen()
    by = professional_for(citizen)
    withdraw_consent(by=by, consent=citizen.consents.get())
    with pytest.raises(MissingConsentError):
        actions.record_measurement(
            by=by,
            citizen=citizen,
            measure=builtin("cost"),
            value=10,
            measured_on=timezone.localdate(),
        )
    assert not Measurement.objects.exists()


def test_who5_stores_items_and_index():
    citizen = consenting_citizen()
    measurement = actions.record_who5(
        by=professional_for(citizen),
        citizen=citizen,
        answers=[3, 2, 4, 1, 0],
        measured_on=timezone.localdate(),
        self_reported=True,
    )
    measurement.refresh_from_db()
    assert measurement.value == 40
    assert measurement.item_answers == [3, 2, 4, 1, 0]
    assert measurement.is_self_reported
    assert AccessLogEntry.objects.get().purpose == "Besvarelse af WHO-5 trivselsindeks"


def test_citizen_self_reports_who5_through_own_login():
    citizen = citizen_with_login()
    measurement = actions.record_who5(
        by=citizen.user,
        citizen=citizen,
        answers=[5, 5, 5, 5, 5],
        measured_on=timezone.localdate(),
        self_reported=True,
    )
    assert measurement.value == 100 and measurement.entered_by == citizen.user


def _who5(by, citizen, answers=(3, 2, 4, 1, 0), **kwargs):
    return actions.record_who5(
        by=by,
        citizen=citizen,
        answers=list(answers),
        measured_on=timezone.localdate(),
        self_reported=True,
        **kwargs,
    )


def test_the_same_who5_answer_posted_twice_is_one_row():
    citizen = citizen_with_login()
    first = _who5(citizen.user, citizen)
    assert _who5(citizen.user, citizen) == first
    assert Measurement.objects.count() == 1
    assert AccessLogEntry.objects.filter(action="create").count() == 1


def test_a_handover_stores_one_answer_and_is_then_used():
    citizen = consenting_citizen()
    by = professional_for(citizen)
    handover = actions.start_who5_handover(by=by, citizen=citizen)
    _who5(by, citizen, handover=handover)
    with pytest.raises(ValidationError, match="allerede brugt"):
        _who5(by, citizen, answers=[5, 5, 5, 5, 5], handover=handover)
    with pytest.raises(ValidationError, match="allerede brugt"):
        actions.skip_who5_handover(by=by, handover=handover)
    assert Measurement.objects.get().item_answers == [3, 2, 4, 1, 0]


def test_an_expired_handover_stores_nothing(settings):
    citizen = consenting_citizen()
    by = professional_for(citizen)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        handover = actions.start_who5_handover(by=by, citizen=citizen)
        clock.shift(datetime.timedelta(minutes=settings.SAMSKAB_HANDOVER_MINUTES, seconds=1))
        assert not Who5Handover.objects.usable().exists()
        with pytest.raises(ValidationError, match="udløbet"):
            _who5(by, citizen, handover=handover)
    assert not Measurement.objects.exists()


def test_a_new_handover_retires_the_unused_one():
    citizen = consenting_citizen()
    by = professional_for(citizen)
    first = actions.start_who5_handover(by=by, citizen=citizen)
    second = actions.start_who5_handover(by=by, citizen=citizen)
    assert list(Who5Handover.objects.usable()) == [second]
    with pytest.raises(ValidationError):
        _who5(by, citizen, handover=first)
    assert not Measurement.objects.exists()


def test_no_handover_without_consent_or_need_to_know():
    without = consenting_citizen(purpose=ConsentPurpose.CONTACT)
    with pytest.raises(MissingConsentError):
        actions.start_who5_handover(by=professional_for(without), citizen=without)
    citizen = consenting_citizen()
    with pytest.raises(PermissionDenied):
        actions.start_who5_handover(by=user_with_role(Role.LEADER), citizen=citizen)
    assert not Who5Handover.objects.exists()


@pytest.mark.parametrize("answers", [[3, 3, 3, 3], [3, 3, 3, 3, 9]])
def test_incomplete_or_invalid_who5_is_refused(answers):
    citizen = consenting_citizen()
    with pytest.raises(ValidationError, match="alle fem spørgsmål"):
        actions.record_who5(
            by=professional_for(citizen),
            citizen=citizen,
            answers=answers,
            measured_on=timezone.localdate(),
            self_reported=True,
        )
    assert not Measurement.objects.exists()


def test_who5_cannot_be_recorded_as_a_single_number():
    citizen = consenting_citizen()
    with pytest.raises(ValidationError, match="fem spørgsmål"):
        actions.record_measurement(
            by=professional_for(citizen),
            citizen=citizen,
            measure=builtin("who5"),
            value=40,
            measured_on=timezone.localdate(),
        )


@pytest.mark.parametrize("role", [Role.LEADER, Role.RESEARCHER, Role.CITIZEN])
def test_roles_without_need_to_know_cannot_record(role):
    citizen = consenting_citizen()
    with pytest.raises(PermissionDenied):
        actions.record_measurement(
            by=user_with_role(role, citizen.organisation),
            citizen=citizen,
            measure=builtin("cost"),
            value=1,
            measured_on=timezone.localdate(),
        )


def test_other_organisation_cannot_record():
    citizen = consenting_citizen()
    with pytest.raises(PermissionDenied):
        actions.record_measurement(
            by=user_with_role(Role.PROFESSIONAL),
            citizen=citizen,
            measure=builtin("cost"),
            value=1,
            measured_on=timezone.localdate(),
        )


def test_reading_measurements_logs_one_entry_per_row():
    citizen = consenting_citizen()
    MeasurementFactory.create_batch(3, citizen=citizen)
    by = professional_for(citizen)
    rows = actions.read_measurements(by=by, citizen=citizen, purpose="Test")
    assert len(rows) == 3
    assert set(AccessLogEntry.objects.values_list("citizen_id", "action")) == {(citizen.pk, "read")}
    assert AccessLogEntry.objects.count() == 3


def test_only_administrators_add_measures():
    data = {
        "code": "fald",
        "name": "Faldepisoder",
        "domain": "health",
        "kind": "numeric",
        "min_value": 0,
        "max_value": None,
        "unit": "antal",
    }
    with pytest.raises(PermissionDenied):
        actions.create_measure(by=user_with_role(Role.LEADER), data=data)
    measure = actions.create_measure(by=user_with_role(Role.ADMIN), data=data)
    assert not measure.is_builtin
    assert Measure.objects.filter(code="fald").exists()
