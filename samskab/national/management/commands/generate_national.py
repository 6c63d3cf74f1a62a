"""Load the synthetic national data set (see samskab/national/generator.py)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from samskab.national.generator import (
    AlreadyGeneratedError,
    NationalGenerator,
    counts_for,
    expected_rows,
    fingerprint,
)
from samskab.national.models import GeneratedDataset


class Command(BaseCommand):
    help = (
        "Indlæser et syntetisk, deterministisk nationalt datasæt (98 kommuner og 5 regioner). "
        "Skala 1: 20.000 medarbejdere, 100.000 borgere, 30.000 forløb, 500.000 møder m.m."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="fx 1, 0.1 eller 0.01")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Gør ingenting, hvis datasættet allerede er indlæst (i stedet for at fejle).",
        )
        parser.add_argument(
            "--fingerprint", action="store_true", help="Udskriv til sidst datasættets checksum."
        )

    def handle(self, *args, scale, seed, if_missing, fingerprint, verbosity, **options):
        if scale <= 0:
            raise CommandError("Skalaen skal være større end 0.")
        existing = GeneratedDataset.objects.first()
        if existing:
            message = (
                f"Det nationale datasæt er allerede indlæst ({existing}). "
                "Brug en tom database for at indlæse det igen."
            )
            if if_missing:
                self.stdout.write(message)
                return
            raise CommandError(message)
        target = counts_for(scale)
        if verbosity:
            self.stdout.write(
                f"Skala {scale:g}, frø {seed}: "
                + ", ".join(f"{kind} {n:,}".replace(",", ".") for kind, n in target.items())
            )
        start = time.perf_counter()
        with tqdm(
            total=expected_rows(scale), unit=" rækker", disable=verbosity == 0, smoothing=0.1
        ) as bar:
            try:
                dataset = NationalGenerator(scale=scale, seed=seed, progress=bar).run()
            except AlreadyGeneratedError as error:
                raise CommandError(
                    f"Det nationale datasæt er allerede indlæst ({error})."
                ) from None
        if connection.vendor == "postgresql":
            # Fresh planner statistics, or the first queries plan for empty tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - start
        total = sum(dataset.counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"Indlæst {total:,} rækker på {elapsed:.0f} s.".replace(",", "."))
        )
        if verbosity > 1:
            for label, n in sorted(dataset.counts.items()):
                self.stdout.write(f"  {label}: {n}")
        if fingerprint:
            self.stdout.write(f"Checksum: {dataset_fingerprint()}")


def dataset_fingerprint():
    return fingerprint()
