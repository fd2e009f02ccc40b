"""The kernel's own pages: the inbox and a background job's progress."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from anxin.core import tasks
from anxin.core.models import Job, Notification


@require_GET
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(recipient=request.user).exclude(
        expires_at__lte=timezone.now()
    )[:200]
    return render(request, "core/inbox.html", {"notifications": notifications})


@require_POST
@login_required
def inbox_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = get_object_or_404(
        Notification.objects.exclude(expires_at__lte=timezone.now()),
        pk=notification_id,
        recipient=request.user,
    )
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.url or "inbox")


@require_GET
@login_required
def job_status(request: HttpRequest, job_uuid) -> HttpResponse:
    """A background job's progress; an htmx request gets the progress fragment only and
    polls again until the job has finished. The page says when the job waits for another
    try, why it failed, and when no worker is running to take it up."""
    job = Job.objects.filter(uuid=job_uuid, owner=request.user).first()
    if job is None:
        raise Http404
    template = "core/job.html#progress" if request.headers.get("HX-Request") else "core/job.html"
    context = {
        "job": job,
        "max_attempts": tasks.max_attempts(),
        "no_worker": not job.is_finished and not tasks.live_workers(),
    }
    return render(request, template, context)
