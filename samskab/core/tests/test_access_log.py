"""The access log: entries chain under a key, tampering is detected (also against the anchors
outside the database), and nothing can rewrite history."""

import hashlib
import hmac
import json
import stat
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from samskab.core.actions import (
    anchor_access_log,
    log_access,
    log_access_many,
    verify_access_log,
)
from samskab.core.checks import check_access_log_keys, check_access_log_keys_deploy
from samskab.core.log_keys import key_ring
from samskab.core.models import AccessAction, AccessLogEntry, AccessLogHead
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
    report = verify_access_log()
    assert report.codes == ["truncated"]
    assert report.reason == (
        "De nyeste poster er slettet: kædens hoved kender post nr. 3, men den sidste post er nr. 2."
    )


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
    assert "intakt (2 poster; intet anker at kontrollere)" in capsys.readouterr().out


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


# Keyed chain, signed head and anchors: each forgery an insider with database write access
# could try is reported, in Danish, with the sequence numbers -----------------------------

GUESSED_KEY = b"what-an-insider-might-guess"


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _plain(text):
    return hashlib.sha256(text.encode()).hexdigest()


def _wrong_key(text):
    return hmac.new(GUESSED_KEY, text.encode(), hashlib.sha256).hexdigest()


def _real_key(text):
    ring = key_ring()
    return ring.mac(ring.signing_id, text)


def _forge(*, sign, from_sequence=1, key_id=None):
    """Recompute the chain from `from_sequence` and the head with `sign`, below the ORM, as
    someone with database write access would after altering an entry."""
    previous = AccessLogEntry.objects.get(sequence=from_sequence).previous_hash
    for entry in AccessLogEntry.objects.filter(sequence__gte=from_sequence).order_by("sequence"):
        entry.previous_hash = previous
        if key_id is not None:
            entry.key_id = key_id
        previous = sign(entry.payload())
        _sql(
            "UPDATE core_accesslogentry SET previous_hash = %s, entry_hash = %s, key_id = %s"
            " WHERE sequence = %s",
            [entry.previous_hash, previous, entry.key_id, entry.sequence],
        )
    head = AccessLogHead.objects.get(pk=1)
    head.last_hash = previous
    _sql(
        "UPDATE core_accessloghead SET last_hash = %s, mac = %s WHERE id = 1",
        [previous, sign(head.payload())],
    )


def _alter_entry(sequence, purpose="skjult"):
    _sql("UPDATE core_accesslogentry SET purpose = %s WHERE sequence = %s", [purpose, sequence])


def _head_row():
    return AccessLogHead.objects.values().get(pk=1)


def _restore_head(row):
    """Put an earlier copy of the head row back (a genuine, correctly signed head)."""
    columns = [name for name in row if name != "id"]
    assignments = ", ".join(f"{name} = %s" for name in columns)
    _sql(f"UPDATE core_accessloghead SET {assignments} WHERE id = 1", [row[c] for c in columns])  # noqa: S608


def test_entries_are_signed_with_the_first_configured_key(settings):
    settings.ACCESS_LOG_KEYS = "k2027:" + "s" * 40 + ",k2026:" + "o" * 40
    _log_some(2)
    entry = AccessLogEntry.objects.get(sequence=2)
    assert entry.key_id == "k2027"
    # An HMAC under the secret, not the plain SHA-256 anyone could recompute.
    assert entry.entry_hash != _plain(entry.payload())
    assert AccessLogHead.objects.get().key_id == "k2027"
    assert verify_access_log().is_intact


@pytest.mark.parametrize(
    ("key_id", "code", "message"),
    [
        (None, "altered", "Post nr. 2 er ændret: signaturen passer ikke."),
        ("", "unsigned", "Post nr. 2 er ikke signeret med nøglen."),
    ],
    ids=["same-key-id", "posing-as-unkeyed"],
)
def test_altering_an_entry_and_recomputing_the_plain_chain_and_head_is_detected(
    key_id, code, message
):
    _log_some(3)
    _alter_entry(2)
    _forge(sign=_plain, from_sequence=2, key_id=key_id)
    report = verify_access_log()
    assert report.codes == ["head-altered", code]
    assert report.first_broken_sequence == 2
    assert message in [problem.message for problem in report.problems]
    with pytest.raises(CommandError, match=r"Post nr\. 2"):
        call_command("verify_access_log")


def test_altering_an_entry_and_recomputing_with_a_wrong_key_is_detected():
    _log_some(3)
    _alter_entry(2)
    _forge(sign=_wrong_key, from_sequence=2)
    report = verify_access_log()
    assert report.codes == ["head-altered", "altered"]
    assert report.first_broken_sequence == 2


def test_deleting_the_newest_entries_and_the_head_is_detected():
    _log_some(4)
    _sql("DELETE FROM core_accesslogentry WHERE sequence >= 3")
    _sql("DELETE FROM core_accessloghead")
    report = verify_access_log()
    assert report.codes == ["head-missing"]
    with pytest.raises(CommandError, match="Kædens hoved mangler"):
        call_command("verify_access_log")
    # Logging goes on, but the head is not silently recomputed: the break stays on record.
    _log_some(1)
    report = verify_access_log()
    assert report.codes == ["head-broken"]
    assert report.reason.startswith("Kædens hoved manglede, da post nr. 3 blev skrevet.")


def test_deleting_the_newest_entries_and_rewriting_the_head_is_detected():
    _log_some(4)
    _sql("DELETE FROM core_accesslogentry WHERE sequence >= 3")
    new_end = AccessLogEntry.objects.get(sequence=2).entry_hash
    _sql("UPDATE core_accessloghead SET last_sequence = 2, last_hash = %s WHERE id = 1", [new_end])
    assert verify_access_log().codes == ["head-altered"]
    # The next append does not launder the rewritten head by signing it.
    _log_some(1)
    report = verify_access_log()
    assert report.codes == ["head-broken"]
    assert "var ændret, da post nr. 3 blev skrevet" in report.reason


def test_an_anchor_is_written_outside_the_database_for_its_owner_only(settings):
    _log_some(2)
    result = anchor_access_log()
    path = Path(settings.ACCESS_LOG_ANCHOR_FILE)
    [line] = [json.loads(text) for text in path.read_text().splitlines()]
    last = AccessLogEntry.objects.get(sequence=2)
    assert (line["sequence"], line["hash"]) == (2, last.entry_hash)
    assert line["key_id"] == key_ring().signing_id == result.anchor.key_id
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    report = verify_access_log()
    assert report.is_intact and report.anchors_checked == 1


def test_truncation_after_an_anchor_is_detected_even_with_a_genuine_earlier_head(tmp_path):
    _log_some(3)
    earlier_head = _head_row()
    anchor_access_log()
    _log_some(2)
    anchor_access_log()
    _log_some(1)
    # Entries after the first anchor removed, and the head as it was then put back.
    _sql("DELETE FROM core_accesslogentry WHERE sequence > 3")
    _restore_head(earlier_head)
    # The database alone cannot tell ...
    assert verify_access_log(anchor_file=tmp_path / "no-anchors.jsonl").is_intact
    # ... the anchor outside it can.
    report = verify_access_log()
    assert report.codes == ["anchor-truncated"]
    assert report.first_broken_sequence == 4
    assert report.reason.startswith("Poster efter nr. 3 mangler: ankeret fra ")
    assert report.reason.endswith("kender post nr. 5.")


@pytest.mark.parametrize(
    ("sign", "codes"),
    [
        (_plain, ["head-altered", "altered", "anchor-mismatch"]),
        # Even an insider who also had the key cannot rewrite what was anchored.
        (_real_key, ["anchor-mismatch"]),
    ],
    ids=["without-the-key", "with-the-key"],
)
def test_rewriting_an_entry_before_an_anchor_is_detected(sign, codes):
    _log_some(1)
    anchor_access_log()
    _log_some(3)
    anchor_access_log()
    _alter_entry(2)
    _forge(sign=sign, from_sequence=2)
    report = verify_access_log()
    assert report.codes == codes
    mismatch = report.problems[-1].message
    assert mismatch.startswith("Kæden er skrevet om: post nr. 4 passer ikke med ankeret fra ")
    assert mismatch.endswith("Ved post nr. 1 passede den stadig.")


def _rewrite_anchor_file(path, edit):
    lines = path.read_text().splitlines()
    path.write_text("\n".join(edit(lines)) + "\n")


def _resign_with_guessed_key(text):
    data = json.loads(text)
    data["sequence"] = 1
    fields = {key: value for key, value in data.items() if key != "mac"}
    data["mac"] = _wrong_key(json.dumps({"kind": "anchor", **fields}, sort_keys=True))
    return json.dumps(data, sort_keys=True)


@pytest.mark.parametrize(
    ("edit", "code", "message"),
    [
        (
            lambda lines: [lines[0], lines[1].replace('"sequence": 2', '"sequence": 1'), lines[2]],
            "anchor-file-altered",
            "Linje 2 i ankerfilen er ændret: signaturen passer ikke.",
        ),
        (
            lambda lines: [lines[0], _resign_with_guessed_key(lines[1]), lines[2]],
            "anchor-file-altered",
            "Linje 2 i ankerfilen er ændret: signaturen passer ikke.",
        ),
        (
            lambda lines: [lines[0], lines[2]],
            "anchor-file-link",
            "Linje 2 i ankerfilen følger ikke linjen før: et anker er fjernet eller flyttet.",
        ),
        (
            lambda lines: [lines[0], "{ikke json", lines[2]],
            "anchor-file-unreadable",
            "Linje 2 i ankerfilen kan ikke læses.",
        ),
    ],
    ids=["changed", "re-signed-with-a-guessed-key", "line-removed", "garbled"],
)
def test_a_tampered_anchor_file_is_detected(settings, edit, code, message):
    for _ in range(3):
        _log_some(1)
        anchor_access_log()
    _rewrite_anchor_file(Path(settings.ACCESS_LOG_ANCHOR_FILE), edit)
    report = verify_access_log()
    assert report.codes[0] == code
    assert report.problems[0].message == message
    with pytest.raises(CommandError, match="Linje 2 i ankerfilen"):
        call_command("verify_access_log")


def test_the_dpos_copy_of_the_anchors_catches_a_shortened_anchor_file(settings, tmp_path):
    _log_some(2)
    earlier_head = _head_row()
    anchor_access_log()
    _log_some(2)
    anchor_access_log()
    copy = tmp_path / "dpo-kopi.jsonl"
    live = Path(settings.ACCESS_LOG_ANCHOR_FILE)
    copy.write_bytes(live.read_bytes())
    # Someone with access to both the database and the server cuts both back.
    _sql("DELETE FROM core_accesslogentry WHERE sequence > 2")
    _restore_head(earlier_head)
    _rewrite_anchor_file(live, lambda lines: lines[:1])
    assert verify_access_log().is_intact
    with pytest.raises(CommandError, match=r"Poster efter nr\. 2 mangler"):
        call_command("verify_access_log", "--anchors", str(copy))


def test_a_broken_chain_is_not_anchored(settings):
    _log_some(2)
    _alter_entry(1)
    result = anchor_access_log()
    assert result.anchor is None and result.report.codes == ["altered"]
    assert not Path(settings.ACCESS_LOG_ANCHOR_FILE).exists()
    with pytest.raises(CommandError, match=r"Post nr\. 1 er ændret"):
        call_command("verify_access_log", "--anchor")


def test_the_command_writes_an_anchor_for_cron(settings, capsys):
    _log_some(2)
    call_command("verify_access_log", "--anchor")
    out = capsys.readouterr().out
    assert "Anker skrevet: post nr. 2" in out
    call_command("verify_access_log")
    assert "intakt (2 poster; 1 ankre passer)" in capsys.readouterr().out


def test_a_chain_signed_across_a_key_rotation_verifies(settings):
    old, new = "k2026:" + "o" * 40, "k2027:" + "n" * 40
    settings.ACCESS_LOG_KEYS = old
    _log_some(2)
    anchor_access_log()
    settings.ACCESS_LOG_KEYS = f"{new},{old}"
    _log_some(2)
    anchor_access_log()
    report = verify_access_log()
    assert report.is_intact and report.checked == 4 and report.anchors_checked == 2
    keys = list(AccessLogEntry.objects.values_list("key_id", flat=True))
    assert keys == ["k2026", "k2026", "k2027", "k2027"]
    # Dropping the retired key makes its entries unverifiable, and says which key is missing.
    settings.ACCESS_LOG_KEYS = new
    report = verify_access_log()
    assert report.codes[0] == "unknown-key" and report.first_broken_sequence == 1
    assert "»k2026«, som ikke findes i ACCESS_LOG_KEYS" in report.reason


def test_entries_signed_before_access_log_keys_was_set_verify_when_their_id_is_listed(settings):
    _log_some(1)  # development: the key derived from SECRET_KEY
    derived_id = AccessLogEntry.objects.get().key_id
    assert derived_id.startswith("sk-")
    settings.ACCESS_LOG_KEYS = f"k2027:{'n' * 40},{derived_id}"
    _log_some(1)
    assert verify_access_log().is_intact
    settings.ACCESS_LOG_KEYS = f"k2027:{'n' * 40}"
    assert verify_access_log().codes == ["unknown-key"]


def test_appending_under_a_head_signed_with_a_dropped_key_is_refused(settings):
    settings.ACCESS_LOG_KEYS = "k2026:" + "o" * 40
    _log_some(1)
    settings.ACCESS_LOG_KEYS = "k2027:" + "n" * 40
    with pytest.raises(ImproperlyConfigured, match="k2026"):
        _log_some(1)
    assert AccessLogEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_entries_written_before_the_chain_was_keyed_still_verify_and_are_sealed():
    """The upgrade keeps the plain SHA-256 entries as they are and seals them: the first keyed
    entry links to the last of them, so recomputing the unkeyed part is detected."""
    before = [("core", "0002_access_log_retention_anchor")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    previous = "0" * 64
    for sequence in (1, 2, 3):
        entry = old.get_model("core", "AccessLogEntry")(
            sequence=sequence,
            at=timezone.now(),
            actor_name="fagperson",
            citizen_id=7,
            action="read",
            object_type="people.Citizen",
            object_id="7",
            purpose=f"p{sequence}",
            previous_hash=previous,
        )
        entry.entry_hash = previous = _plain(_unkeyed_payload(entry))
        entry.save()
    old.get_model("core", "AccessLogHead").objects.update_or_create(
        pk=1, defaults={"last_sequence": 3, "last_hash": previous}
    )
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        report = verify_access_log()
        assert report.is_intact and report.checked == 3
        assert set(AccessLogEntry.objects.values_list("key_id", flat=True)) == {""}
        assert AccessLogEntry.objects.get(sequence=3).entry_hash == previous  # not rewritten
        _log_some(1)
        assert verify_access_log().is_intact
        assert AccessLogEntry.objects.get(sequence=4).key_id == key_ring().signing_id
        # An insider alters an unkeyed entry and recomputes the unkeyed part of the chain.
        _alter_entry(2)
        previous = AccessLogEntry.objects.get(sequence=1).entry_hash
        for entry in AccessLogEntry.objects.filter(sequence__in=[2, 3]).order_by("sequence"):
            entry.previous_hash = previous
            previous = _plain(entry.payload())
            _sql(
                "UPDATE core_accesslogentry SET previous_hash = %s, entry_hash = %s"
                " WHERE sequence = %s",
                [entry.previous_hash, previous, entry.sequence],
            )
        report = verify_access_log()
        assert report.codes == ["link"]
        assert report.reason == "Post nr. 4 hænger ikke sammen med posten før."
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _unkeyed_payload(entry):
    """The hashed text of an entry written before the chain was keyed (the old format)."""
    return json.dumps(
        {
            "sequence": entry.sequence,
            "at": entry.at.isoformat(),
            "actor_id": entry.actor_id,
            "actor_name": entry.actor_name,
            "citizen_id": entry.citizen_id,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "purpose": entry.purpose,
            "previous_hash": entry.previous_hash,
        },
        sort_keys=True,
        ensure_ascii=False,
    )


def test_check_deploy_warns_without_access_log_keys(settings):
    settings.ACCESS_LOG_KEYS = ""
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "core.W001" in ids
    settings.ACCESS_LOG_KEYS = "k2027:" + "n" * 40
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "core.W001" not in ids and "core.E001" not in ids
    settings.ACCESS_LOG_KEYS = "k2027:kort"
    assert [message.id for message in check_access_log_keys_deploy(None)] == ["core.W002"]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("k2027", "has no secret"),
        ("k2027:a,k2027:b", "listed twice"),
        ("sk-12345678:x", "reserved"),
        ("k 2027:x", "key id"),
        ("k2027:", "empty secret"),
    ],
)
def test_malformed_access_log_keys_stop_start_up(settings, value, says):
    settings.ACCESS_LOG_KEYS = value
    [error] = check_access_log_keys(None)
    assert error.id == "core.E001" and says in error.msg
    with pytest.raises(ImproperlyConfigured, match=says):
        key_ring()
