"""Enqueue (or with --now run at once) the reminder round; --digest also sends daily digests."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Opret påmindelser, der er forfaldne, og send e-mails efter brugernes valg."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Kør med det samme, ikke i køen.")
        parser.add_argument("--digest", action="store_true", help="Send også daglige samlinger.")

    def handle(self, *args, now=False, digest=False, **options):
        from samskab.insights import reminders, tasks

        if now:
            result = reminders.run()
            emailed = reminders.send_immediate(result.created)
            digests = reminders.send_daily_digests() if digest else 0
            self.stdout.write(
                f"created={len(result.created)} resolved={result.resolved} "
                f"emailed={emailed} digests={digests}"
            )
            return
        tasks.run_reminders_task.enqueue()
        if digest:
            tasks.send_daily_digests_task.enqueue()
        self.stdout.write("enqueued")
