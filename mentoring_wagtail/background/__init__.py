"""Work out of requests: jobs run by Django's task framework, recorded in the
database so that a retried task never does its work twice and a failed one
stays visible («Фоновые задачи») until someone retries it.

A feature declares a job with ``@background_job`` and starts it with
``enqueue_job``; see docs/operations/background-tasks.md.
"""
