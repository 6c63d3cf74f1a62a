"""Background tasks: large matching solves, run by `manage.py db_worker`."""

from django_tasks import task

from .models import MatchingRun


@task()
def solve_matching_run(run_id: int) -> None:
    """Solve a queued matching run; progress is written to the run as it goes."""
    run = MatchingRun.objects.select_related("round").filter(pk=run_id).first()
    if run is None or run.is_finished:
        return
    from .actions import compute_matching_run

    compute_matching_run(run)
