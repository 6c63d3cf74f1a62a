"""Verify the access log (keyed chain, signed head, anchors outside the database); exits
non-zero when it has been tampered with. `--anchor` then writes today's anchor (for cron)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samskab.core.actions import anchor_access_log, verify_access_log
from samskab.core.log_anchors import anchor_path


class Command(BaseCommand):
    help = (
        "Kontrollerer adgangslogens signerede kæde, dens hoved og ankrene uden for databasen, "
        "og melder, om den er intakt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchors",
            metavar="FIL",
            help="Kontrollér mod denne ankerfil, fx DPO'ens egen kopi "
            "(standard ACCESS_LOG_ANCHOR_FILE).",
        )
        parser.add_argument(
            "--anchor",
            action="store_true",
            help="Skriv et nyt anker (løbenummer og hash) i ankerfilen, hvis loggen er intakt.",
        )

    def handle(self, *args, anchors=None, anchor=False, **options):
        if anchor:
            result = anchor_access_log(path=anchors)
            report = result.report
        else:
            report = verify_access_log(anchor_file=anchors)
        if not report.is_intact:
            lines = "\n".join(f"  - {problem.message}" for problem in report.problems)
            raise CommandError(
                _(
                    "Adgangsloggen er IKKE intakt (første fejl ved post %(seq)s; %(checked)s "
                    "poster kontrolleret før fejlen):\n%(lines)s"
                )
                % {
                    "seq": report.first_broken_sequence or "–",
                    "checked": report.checked,
                    "lines": lines,
                }
            )
        if report.anchors_checked:
            text = _("Adgangsloggen er intakt (%(n)s poster; %(anchors)s ankre passer).")
        else:
            text = _("Adgangsloggen er intakt (%(n)s poster; intet anker at kontrollere).")
        self.stdout.write(
            self.style.SUCCESS(text % {"n": report.checked, "anchors": report.anchors_checked})
        )
        if anchor:
            self.stdout.write(
                _("Anker skrevet: post nr. %(seq)s, nøgle %(key)s, i %(path)s.")
                % {
                    "seq": result.anchor.sequence,
                    "key": result.anchor.key_id,
                    "path": anchor_path(anchors),
                }
            )
