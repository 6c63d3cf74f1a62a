"""Time the matching (score matrix from profiles + assignment) on random profiles."""

import random
import time

from django.core.management.base import BaseCommand

from samskab.partnerships import matching
from samskab.partnerships.models import SLOT_LABELS


class Command(BaseCommand):
    help = "Måler tiden for match-making med N × N tilfældige profiler (standard 1.000)."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, size, seed, **options):
        rng = random.Random(seed)
        themes = [f"tema {i}" for i in range(30)]
        interests = [f"interesse {i}" for i in range(200)]
        slots = list(SLOT_LABELS)

        def profiles(prefix):
            return [
                matching.Profile(
                    f"{prefix}{i}",
                    rng.sample(themes, 2),
                    rng.sample(interests, 5),
                    rng.sample(slots, 4),
                )
                for i in range(size)
            ]

        experts, leaders = profiles("e"), profiles("l")
        start = time.perf_counter()
        pairs = matching.propose(experts, leaders)
        elapsed = time.perf_counter() - start
        self.stdout.write(
            f"{size} × {size}: {len(pairs)} par, score {sum(p.score for p in pairs):.0f}, "
            f"{elapsed:.3f} s (scorematrix + løsning + begrundelser)"
        )
