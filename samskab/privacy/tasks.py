"""Scheduled background tasks: retention per record type and of the access log.

Django's tasks framework has no scheduler; `manage.py schedule` (started by `make run`)
enqueues `run_retention` once a day, and `manage.py db_worker` runs it.
"""

from django_tasks import task


@task()
def run_retention() -> dict[str, int]:
    """Erase what is past its retention period; the counts per record type."""
    from .actions import apply_retention

    return {line.name: line.count for line in apply_retention(dry_run=False)}
