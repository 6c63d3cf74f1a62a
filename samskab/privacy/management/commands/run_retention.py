"""Queue (or with --now run) the retention task: records past retention and old access-log
entries are erased; the access log's chain stays verifiable from its anchor."""

from django.core.management.base import BaseCommand

from samskab.privacy.tasks import run_retention


class Command(BaseCommand):
    help = "Sætter opbevaringsopgaven i kø (eller kører den straks med --now)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Kør straks i denne proces.")

    def handle(self, *args, now=False, **options):
        if now:
            counts = run_retention.call()
            for name, count in counts.items():
                self.stdout.write(f"  {name}: {count}")
            return
        result = run_retention.enqueue()
        self.stdout.write(f"Opbevaringsopgaven er sat i kø ({result.id}).")
