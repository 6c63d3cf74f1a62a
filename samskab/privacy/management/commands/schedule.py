"""A minimal scheduler beside `db_worker`: queue the retention task at a fixed interval.

Django's tasks framework runs tasks but does not schedule them. This loop (started by
`make run`) queues `run_retention` and the access log's anchor – and insights' reminders,
daily digest and index rebuild – at start and then every RETENTION_SCHEDULE_SECONDS (default
daily). In production cron lines `manage.py run_retention`, `manage.py verify_access_log
--anchor` (and `manage.py run_reminders --digest`) do the same.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from samskab.insights.tasks import (
    rebuild_insight_index_task,
    run_reminders_task,
    send_daily_digests_task,
)
from samskab.privacy.tasks import anchor_access_log_task, run_retention


class Command(BaseCommand):
    help = "Sætter de planlagte opgaver (opbevaring) i kø med faste mellemrum."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Sæt i kø én gang og stop.")
        parser.add_argument(
            "--interval",
            type=int,
            default=None,
            help="Sekunder mellem kørsler (standard RETENTION_SCHEDULE_SECONDS).",
        )

    def handle(self, *args, once=False, interval=None, **options):
        interval = interval or settings.RETENTION_SCHEDULE_SECONDS
        while True:
            result = run_retention.enqueue()
            self.stdout.write(f"Opbevaringsopgaven er sat i kø ({result.id}).")
            # After retention in the queue: the anchor records the head as retention left it.
            result = anchor_access_log_task.enqueue()
            self.stdout.write(f"Adgangslogens anker er sat i kø ({result.id}).")
            # Insights: reminders, the daily e-mail digest (sent at most once a day per user)
            # and the nightly rebuild of the search index.
            for insights_task in (
                run_reminders_task,
                send_daily_digests_task,
                rebuild_insight_index_task,
            ):
                insights_task.enqueue()
            self.stdout.write("Påmindelser, daglige e-mails og søgeindeks er sat i kø.")
            if once:
                return
            time.sleep(interval)
