"""`manage.py migrate`, with the SQLite database file created and kept private (0600).

Django's own command, run after `core.backup.secure_database_files`, so a new db.sqlite3
is never readable by other users of the machine, not even for a moment."""

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections

from samskab.core.backup import secure_database_files


class Command(MigrateCommand):
    def handle(self, *args, **options):
        secure_database_files(connections[options["database"]])
        super().handle(*args, **options)
        secure_database_files(connections[options["database"]])
