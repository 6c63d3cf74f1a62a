"""The access log: entries chain, tampering is detected, and nothing can rewrite history."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from samskab.core.actions import log_access, log_access_many, verify_access_log
from samskab.core.models import AccessAction, AccessLogEntry
from samskab.people.tests.factories import CitizenFactory, UserFactory

pytestmark = pytest.mark.django_db


def _log_some(n=3):
    user = UserFactory()
    citizen = CitizenFactory()
    for i in range(n):
        log_access(
            by=user, action=AccessAction.READ, obj=citizen, citizen_id=citizen.pk, purpose=f"p{i}"
        )
    return user, citizen


def test_entries_link_each_to_the_previous():
    _log_some(3)
    entries = list(AccessLogEntry.objects.all())
    assert [e.sequence for e in entries] == [1, 2, 3]
    assert entries[1].previous_hash == entries[0].entry_hash
    assert entries[2].previous_hash == entries[1].entry_hash
    assert verify_access_log().is_intact


def test_bulk_entries_continue_the_same_chain():
    user, _citizen = _log_some(1)
    others = CitizenFactory.create_batch(4)
    log_access_many(by=user, action=AccessAction.READ, objs=others, purpose="Oversigt")
    report = verify_access_log()
    assert report.is_intact and report.checked == 5
    assert list(AccessLogEntry.objects.values_list("citizen_id", flat=True))[1:] == [
        c.pk for c in others
    ]


def test_altering_one_entry_is_detected_by_the_command():
    _log_some(3)
    # Tamper below the ORM, as an attacker with database access would.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_accesslogentry SET purpose = %s WHERE sequence = 2", ["skjult"])
    report = verify_access_log()
    assert not report.is_intact
    assert report.first_broken_sequence == 2
    with pytest.raises(CommandError, match="IKKE intakt"):
        call_command("verify_access_log")


def test_removing_the_newest_entry_is_detected():
    _log_some(3)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_accesslogentry WHERE sequence = 3")
    assert verify_access_log().reason == "entries removed from the end"


def test_orm_refuses_to_change_or_delete_entries():
    _log_some(1)
    entry = AccessLogEntry.objects.get()
    entry.purpose = "ændret"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.update(purpose="x")
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.get().purpose == "p0"


def test_an_access_without_purpose_is_refused():
    user = UserFactory()
    citizen = CitizenFactory()
    with pytest.raises(ValueError, match="purpose"):
        log_access(by=user, action="read", obj=citizen, citizen_id=citizen.pk, purpose="")
    assert not AccessLogEntry.objects.exists()


def test_intact_chain_passes_the_command(capsys):
    _log_some(2)
    call_command("verify_access_log")
    assert "intakt (2 poster)" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_reads_of_one_request_are_appended_together_when_it_ends():
    from samskab.core.actions import deferred_reads

    one, two = CitizenFactory(), CitizenFactory()
    user = UserFactory()
    with deferred_reads():
        log_access_many(by=user, action=AccessAction.READ, objs=[one], purpose="Liste A")
        log_access(by=user, action=AccessAction.UPDATE, obj=two, purpose="Ret", citizen_id=two.pk)
        log_access_many(by=user, action=AccessAction.READ, objs=[two], purpose="Liste B")
        # The write is in the log at once; the reads wait for the end of the request.
        assert list(AccessLogEntry.objects.values_list("purpose", flat=True)) == ["Ret"]
    purposes = AccessLogEntry.objects.order_by("sequence").values_list("purpose", flat=True)
    assert list(purposes) == ["Ret", "Liste A", "Liste B"]
    assert verify_access_log().is_intact


@pytest.mark.django_db(transaction=True)
def test_a_single_read_can_be_deferred_too():
    from samskab.core.actions import deferred_reads

    citizen = CitizenFactory()
    with deferred_reads():
        assert (
            log_access(
                by=None, action=AccessAction.READ, obj=citizen, purpose="Se", citizen_id=citizen.pk
            )
            is None
        )
    assert AccessLogEntry.objects.get().citizen_id == citizen.pk
