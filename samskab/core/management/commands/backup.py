"""`manage.py backup [--output FILE]`: a consistent copy of the database, with its manifest.

With `BACKUP_KEY` set (a Fernet key) the copy is encrypted; both files are 0600."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from samskab.core.backup import NEW_KEY_HINT, BackupError, backup, manifest_path


class Command(BaseCommand):
    help = (
        "Tager en sikkerhedskopi af databasen (SQLite: backup-API; PostgreSQL: pg_dump) med "
        "et manifest ved siden af. Krypteres, når BACKUP_KEY er sat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Filnavn (standard: backups/samskab-<tid>.<type>)")

    def handle(self, *args, **options):
        if options["output"]:
            path = Path(options["output"])
        else:
            suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            path = Path(settings.BASE_DIR) / "backups" / f"samskab-{stamp}.{suffix}"
        key = settings.BACKUP_KEY
        try:
            tables = backup(path, key=key or None)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in tables.values())
        how = "krypteret" if key else "ikke krypteret"
        self.stdout.write(
            self.style.SUCCESS(
                f"Sikkerhedskopi gemt i {path} ({len(tables)} tabeller, {rows} rækker, {how}); "
                f"manifest i {manifest_path(path).name}."
            )
        )
        if not key:
            self.stdout.write(
                self.style.WARNING(
                    "Sæt BACKUP_KEY for at kryptere sikkerhedskopierne. Lav en nøgle med: "
                    + NEW_KEY_HINT
                )
            )
