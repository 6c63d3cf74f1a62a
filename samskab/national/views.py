"""The bare view the benchmark measures as the framework floor (mounted only for benchmarks)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def floor(request):
    return HttpResponse(b"ok", content_type="text/plain")
