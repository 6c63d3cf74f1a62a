"""Make the search index of insights again from every registered source."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Genopbyg søgeindekset over indsigter."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Kør som baggrundsopgave.")

    def handle(self, *args, enqueue=False, **options):
        from samskab.insights.index import rebuild_index
        from samskab.insights.tasks import rebuild_insight_index_task

        if enqueue:
            rebuild_insight_index_task.enqueue()
            self.stdout.write("enqueued")
            return
        count = rebuild_index()
        self.stdout.write(f"{count} indsigter indekseret")
