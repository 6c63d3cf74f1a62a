"""`manage.py restore FILE`: replace the database with a backup and check every table."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samskab.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Gendanner databasen fra en sikkerhedskopi og kontrollerer antal rækker og "
        "kontrolsum for hver tabel. Alt nuværende indhold bliver erstattet."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--no-input", action="store_false", dest="interactive")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if options["interactive"]:
            answer = input(f"Alt i databasen erstattes med {path}. Skriv 'ja' for at fortsætte: ")
            if answer.strip().lower() != "ja":
                raise CommandError("Gendannelsen er afbrudt.")
        try:
            problems = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if problems:
            raise CommandError(
                "Gendannelsen svarer ikke til sikkerhedskopien:\n" + "\n".join(problems)
            )
        self.stdout.write(
            self.style.SUCCESS(f"Databasen er gendannet fra {path}; alle tabeller stemmer.")
        )
