"""Verify the access log's hash chain; exits non-zero when it has been tampered with."""

from django.core.management.base import BaseCommand, CommandError

from samskab.core.actions import verify_access_log


class Command(BaseCommand):
    help = "Genberegner adgangslogens hashkæde og melder, om den er intakt."

    def handle(self, *args, **options):
        report = verify_access_log()
        if not report.is_intact:
            raise CommandError(
                f"Adgangsloggen er IKKE intakt: post {report.first_broken_sequence} "
                f"({report.reason}); {report.checked} poster kontrolleret før fejlen."
            )
        self.stdout.write(self.style.SUCCESS(f"Adgangsloggen er intakt ({report.checked} poster)."))
