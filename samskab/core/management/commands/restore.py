"""`manage.py restore FILE [--force]`: replace the database with a checked backup.

Nothing changes in the live database unless the backup passes every check first."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samskab.core.backup import BackupError, manifest_path, restore


class Command(BaseCommand):
    help = (
        "Gendanner databasen fra en sikkerhedskopi. Den kontrolleres først mod sit manifest "
        "(antal rækker og kontrolsum for hver tabel) i en midlertidig database; først derefter "
        "erstattes alt nuværende indhold. Krypterede kopier kræver BACKUP_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--no-input", action="store_false", dest="interactive")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Gendan også en sikkerhedskopi uden manifest, dvs. uden kontrol af tabellerne.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if options["interactive"]:
            answer = input(f"Alt i databasen erstattes med {path}. Skriv 'ja' for at fortsætte: ")
            if answer.strip().lower() != "ja":
                raise CommandError("Gendannelsen er afbrudt. Databasen er ikke ændret.")
        try:
            result = restore(path, key=settings.BACKUP_KEY or None, force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        if result.checked:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Databasen er gendannet fra {path}; alle tabeller stemmer med manifestet "
                    f"({result.tables} tabeller, {result.rows} rækker)."
                )
            )
            return
        self.stdout.write(
            self.style.WARNING(
                f"Databasen er gendannet fra {path} uden kontrol: der var intet manifest "
                f"({manifest_path(path).name}), så hverken antal rækker, kontrolsummer for "
                "tabellerne eller filens kontrolsum er sammenlignet med sikkerhedskopien, "
                "og det er ikke kontrolleret, at intet mangler."
                + (
                    " Krypteringen viser dog, at filen ikke er ændret efter kopieringen."
                    if result.encrypted
                    else ""
                )
                + f" ({result.tables} tabeller, {result.rows} rækker.)"
            )
        )
