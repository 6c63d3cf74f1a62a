"""Scheduled background tasks: retention per record type and of the access log, and the
access log's daily anchor outside the database.

Django's tasks framework has no scheduler; `manage.py schedule` (started by `make run`)
enqueues `run_retention` and `anchor_access_log_task` once a day, and `manage.py db_worker`
runs them.
"""

from django_tasks import task


@task()
def run_retention() -> dict[str, int]:
    """Erase what is past its retention period; the counts per record type."""
    from .actions import apply_retention

    return {line.name: line.count for line in apply_retention(dry_run=False)}


@task()
def anchor_access_log_task() -> dict:
    """Verify the access log and append the head's sequence and hash to the anchor file
    (ACCESS_LOG_ANCHOR_FILE). A broken chain is not anchored; its problems are returned."""
    from samskab.core.actions import anchor_access_log

    result = anchor_access_log()
    if result.anchor is None:
        return {"anchored": False, "problems": [str(p.message) for p in result.report.problems]}
    return {
        "anchored": True,
        "sequence": result.anchor.sequence,
        "hash": result.anchor.hash,
        "key_id": result.anchor.key_id,
    }
