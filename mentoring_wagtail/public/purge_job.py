"""Front-end cache purges, sent by the worker once the change is committed.

A change (a publish, a withdrawal, a revocation) gathers the URLs of every
page showing it while its transaction runs (``queue_purge``); when the
transaction commits, one background job is recorded for all of them, so a
URL is purged once per change however many signals named it. The worker
sends the batch to each backend of ``WAGTAILFRONTENDCACHE`` through
Wagtail's own purge (its hostnames and languages); a backend that answered
is a step of the job, so a retry after another backend failed does not
purge it twice. A job is claimed by one worker only (``run_job``), so two
app servers and several workers still purge each URL once.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from ..background.jobs import background_job, enqueue_job


@background_job
def purge_urls_job(job, urls):
    # deferred: the front-end cache app is optional, imported only when configured
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
    from wagtail.contrib.frontend_cache.utils import get_backends

    names = sorted(get_backends())
    for name in names:
        if job.step_done(name):
            continue
        purge_urls_from_cache_task.call(urls, backends=[name])
        job.mark_step(name)
    return {"urls": len(urls), "backends": names}


class PendingPurge:
    """The URLs of one transaction, enqueued as one job after its commit."""

    def __init__(self):
        self.urls = set()

    def __call__(self):
        if not self.urls:
            return
        urls = sorted(self.urls)
        enqueue_job(
            purge_urls_job,
            _("Front-end cache purge (%(count)s addresses)") % {"count": len(urls)},
            urls=urls,
        )


def queue_purge(urls):
    """Purge ``urls`` once the transaction commits (at once outside one)."""
    urls = set(urls)
    if not urls:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for entry in connection.run_on_commit:
            if isinstance(entry[1], PendingPurge):
                entry[1].urls |= urls
                return
    pending = PendingPurge()
    pending.urls = urls
    transaction.on_commit(pending)
