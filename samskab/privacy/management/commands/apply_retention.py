"""Apply the retention rules of the personal-data registry (and prune the access log)."""

from django.core.management.base import BaseCommand

from samskab.privacy.actions import apply_retention


class Command(BaseCommand):
    help = (
        "Sletter eller anonymiserer oplysninger, hvis opbevaringsperiode er udløbet. "
        "Med --dry-run vises kun, hvad der ville ske."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Vis kun, hvad der ville ske.")

    def handle(self, *args, dry_run=False, **options):
        lines = apply_retention(dry_run=dry_run)
        verb = "ville blive" if dry_run else "blev"
        self.stdout.write(("Prøvekørsel – intet ændret.\n" if dry_run else "") + "Opbevaring:")
        for line in lines:
            how = {"delete": "slettet", "anonymise": "anonymiseret"}.get(line.action, line.action)
            self.stdout.write(f"  {line.name}: {line.count} {verb} {how} ({line.rule})")
