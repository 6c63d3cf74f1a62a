"""`backup` and `restore`: a backup restored into an emptied database gives back every row."""

import io
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from samskab.core.backup import fingerprint, manifest_path
from samskab.people.models import Citizen
from samskab.people.tests.factories import CitizenFactory


def restorable():
    if connection.vendor == "postgresql" and not (
        shutil.which("pg_dump") and shutil.which("pg_restore")
    ):
        pytest.skip("pg_dump/pg_restore are not installed")


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_has_every_row_of_every_table(tmp_path):
    restorable()
    call_command("load_demo", stdout=io.StringIO())
    before = fingerprint()
    path = tmp_path / "samskab.backup"

    call_command("backup", output=str(path), stdout=io.StringIO())
    assert json.loads(manifest_path(path).read_text()) == before

    call_command("flush", interactive=False, verbosity=0)
    assert Citizen.objects.count() == 0
    out = io.StringIO()
    call_command("restore", str(path), interactive=False, stdout=out)

    after = fingerprint()
    assert after == before
    assert sum(table["rows"] for table in after.values()) > 1000
    assert "alle tabeller stemmer" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_restore_reports_a_backup_that_does_not_match_its_fingerprint(tmp_path):
    restorable()
    CitizenFactory.create_batch(3)
    path = tmp_path / "samskab.backup"
    call_command("backup", output=str(path), stdout=io.StringIO())
    manifest = json.loads(manifest_path(path).read_text())
    manifest["people_citizen"]["rows"] += 1  # as if a row had been lost on the way
    manifest_path(path).write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="people_citizen"):
        call_command("restore", str(path), interactive=False, stdout=io.StringIO())


@pytest.mark.django_db
def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("restore", str(tmp_path / "nope"), interactive=False)
