"""`manage.py backup [--output FILE]`: a consistent copy of the database, with fingerprint."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from samskab.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Tager en sikkerhedskopi af databasen (SQLite: backup-API; PostgreSQL: pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Filnavn (standard: backups/samskab-<tid>.<type>)")

    def handle(self, *args, **options):
        if options["output"]:
            path = Path(options["output"])
        else:
            suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            path = Path(settings.BASE_DIR) / "backups" / f"samskab-{stamp}.{suffix}"
        try:
            tables = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Sikkerhedskopi gemt i {path} ({len(tables)} tabeller, {rows} rækker)."
            )
        )
