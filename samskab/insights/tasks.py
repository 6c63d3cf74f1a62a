"""Background tasks for insights and rhythm, run by `manage.py db_worker`.

`manage.py run_reminders` enqueues `run_reminders_task` (the scheduler does it every hour);
`send_daily_digests_task` goes out once a day; `rebuild_insight_index_task` rebuilds search.
"""

from django_tasks import task


@task()
def run_reminders_task() -> dict:
    """Create due notifications, resolve done ones, e-mail the "immediately" users."""
    from . import reminders

    result = reminders.run()
    sent = reminders.send_immediate(result.created)
    return {"created": len(result.created), "resolved": result.resolved, "emailed": sent}


@task()
def send_notification_emails_task(notification_ids: list[int]) -> int:
    from . import reminders

    return reminders.send_immediate(notification_ids)


@task()
def send_daily_digests_task() -> int:
    from . import reminders

    return reminders.send_daily_digests()


@task()
def rebuild_insight_index_task() -> int:
    from .index import rebuild_index

    return rebuild_index()
