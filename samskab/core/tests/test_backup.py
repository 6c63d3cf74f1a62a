"""`backup` and `restore`: every row comes back, and a backup that fails any check leaves the
live database exactly as it was."""

import io
import json
import shutil
import sqlite3
import stat

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import connection, connections

from samskab.core.backup import _sha256, fingerprint, manifest_path, secure_database_files
from samskab.people.models import Citizen
from samskab.people.tests.factories import CitizenFactory

transactional = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def restorable():
    if connection.vendor == "postgresql" and not (
        shutil.which("pg_dump") and shutil.which("pg_restore")
    ):
        pytest.skip("pg_dump/pg_restore are not installed")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def take_backup(path, **options):
    out = io.StringIO()
    call_command("backup", output=str(path), stdout=out, **options)
    return out.getvalue()


def run_restore(path, **options):
    out = io.StringIO()
    call_command("restore", str(path), interactive=False, stdout=out, **options)
    return out.getvalue()


def read_manifest(path) -> dict:
    return json.loads(manifest_path(path).read_text())


def write_manifest(path, manifest):
    manifest_path(path).write_text(json.dumps(manifest))


@pytest.fixture
def backed_up(tmp_path):
    """Three citizens in a backup, then a fourth written after it: the live database differs
    from the backup, so a restore that went through would be noticed."""
    CitizenFactory.create_batch(3)
    path = tmp_path / "samskab.backup"
    take_backup(path)
    CitizenFactory(display_name="Skrevet efter kopien")
    return path


def assert_live_database_unchanged(before):
    assert fingerprint() == before
    assert Citizen.objects.filter(display_name="Skrevet efter kopien").exists()


@transactional
def test_a_backup_restored_into_an_empty_database_has_every_row_of_every_table(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    before = fingerprint()
    path = tmp_path / "samskab.backup"

    take_backup(path)
    assert read_manifest(path)["tables"] == before

    call_command("flush", interactive=False, verbosity=0)
    assert Citizen.objects.count() == 0
    out = run_restore(path)

    after = fingerprint()
    assert after == before
    assert sum(table["rows"] for table in after.values()) > 1000
    assert "alle tabeller stemmer" in out


@transactional
def test_a_backup_whose_tables_differ_from_its_manifest_leaves_the_live_database_unchanged(
    backed_up,
):
    manifest = read_manifest(backed_up)
    manifest["tables"]["people_citizen"]["rows"] += 1  # as if a row had been lost on the way
    write_manifest(backed_up, manifest)
    before = fingerprint()

    with pytest.raises(CommandError, match="people_citizen") as error:
        run_restore(backed_up)

    assert "Databasen er ikke ændret" in str(error.value)
    assert_live_database_unchanged(before)


@transactional
def test_a_changed_row_in_the_backup_is_found_before_the_live_database_is_touched(backed_up):
    if connection.vendor != "sqlite":
        pytest.skip("edits the SQLite file; a pg_dump archive is compressed")
    with sqlite3.connect(backed_up) as db:
        db.execute("UPDATE people_citizen SET display_name = 'Ændret i kopien'")
    db.close()
    # The attacker also fixes the file's checksum: the table check must still catch it.
    manifest = read_manifest(backed_up)
    manifest["file_sha256"] = _sha256(backed_up.read_bytes())
    write_manifest(backed_up, manifest)
    before = fingerprint()

    with pytest.raises(CommandError, match="people_citizen"):
        run_restore(backed_up)

    assert_live_database_unchanged(before)
    assert not Citizen.objects.filter(display_name="Ændret i kopien").exists()


@transactional
def test_a_damaged_backup_file_is_refused(backed_up):
    content = bytearray(backed_up.read_bytes())
    content[len(content) // 2] ^= 0xFF
    backed_up.write_bytes(bytes(content))
    before = fingerprint()

    with pytest.raises(CommandError, match="filens kontrolsum passer ikke"):
        run_restore(backed_up)

    assert_live_database_unchanged(before)


@transactional
def test_a_backup_without_a_manifest_is_refused(backed_up):
    manifest_path(backed_up).unlink()
    before = fingerprint()

    with pytest.raises(CommandError, match="intet manifest") as error:
        run_restore(backed_up)

    assert "--force" in str(error.value)
    assert_live_database_unchanged(before)


@transactional
def test_force_restores_a_backup_without_a_manifest_and_says_what_was_not_checked(backed_up):
    manifest_path(backed_up).unlink()

    out = run_restore(backed_up, force=True)

    assert Citizen.objects.count() == 3
    assert "uden kontrol" in out and "antal rækker" in out
    assert "alle tabeller stemmer" not in out


@transactional
def test_backup_and_manifest_are_readable_by_the_owner_only(tmp_path):
    CitizenFactory()
    path = tmp_path / "backups" / "samskab.backup"

    take_backup(path)

    assert mode(path) == 0o600
    assert mode(manifest_path(path)) == 0o600
    assert mode(path.parent) == 0o700
    # No temporary copy is left behind.
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name, manifest_path(path).name]


def test_a_new_sqlite_database_file_and_its_wal_are_private(tmp_path):
    name = tmp_path / "db.sqlite3"
    other = type(connections["default"])({**connection.settings_dict, "NAME": str(name)}, "x")
    if other.vendor != "sqlite":
        pytest.skip("SQLite files only")

    secure_database_files(other)
    with sqlite3.connect(name) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE t (x)")
        assert mode(name) == 0o600
        assert mode(tmp_path / "db.sqlite3-wal") == 0o600
    db.close()

    name.chmod(0o644)  # a database from before: fixed on the next migrate
    secure_database_files(other)
    assert mode(name) == 0o600


def test_migrate_is_the_command_that_keeps_the_database_private():
    assert get_commands()["migrate"] == "samskab.core"


@transactional
def test_an_encrypted_backup_round_trips_with_its_key(tmp_path, settings):
    settings.BACKUP_KEY = Fernet.generate_key().decode()
    CitizenFactory.create_batch(2, display_name="Hemmelig Hansen")
    before = fingerprint()
    path = tmp_path / "samskab.backup"

    out = take_backup(path)

    content = path.read_bytes()
    assert "krypteret" in out and "ikke krypteret" not in out
    assert b"Hemmelig Hansen" not in content and not content.startswith(b"SQLite")
    assert read_manifest(path)["encrypted"] is True
    call_command("flush", interactive=False, verbosity=0)
    assert "alle tabeller stemmer" in run_restore(path)
    assert fingerprint() == before


@transactional
def test_an_encrypted_backup_is_refused_with_a_wrong_key_or_none(tmp_path, settings):
    settings.BACKUP_KEY = Fernet.generate_key().decode()
    CitizenFactory()
    path = tmp_path / "samskab.backup"
    take_backup(path)
    CitizenFactory(display_name="Efter den krypterede kopi")
    before = fingerprint()

    settings.BACKUP_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="Nøglen i BACKUP_KEY passer ikke"):
        run_restore(path)
    settings.BACKUP_KEY = ""
    with pytest.raises(CommandError, match=r"krypteret\. Sæt BACKUP_KEY"):
        run_restore(path)
    settings.BACKUP_KEY = "ikke en nøgle"
    with pytest.raises(CommandError, match="ikke en gyldig nøgle"):
        run_restore(path)

    assert fingerprint() == before


@transactional
def test_a_changed_manifest_of_an_encrypted_backup_is_refused(tmp_path, settings):
    settings.BACKUP_KEY = Fernet.generate_key().decode()
    CitizenFactory()
    path = tmp_path / "samskab.backup"
    take_backup(path)
    manifest = read_manifest(path)
    manifest["tables"]["people_citizen"]["rows"] = 0
    write_manifest(path, manifest)
    before = fingerprint()

    with pytest.raises(CommandError, match="Manifest-filen er ændret"):
        run_restore(path)

    assert fingerprint() == before


@pytest.mark.django_db
def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("restore", str(tmp_path / "nope"), interactive=False)
