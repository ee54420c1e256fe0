"""Jobs the worker tests enqueue (the worker imports them by path)."""

from pathlib import Path

from mentoring_wagtail.background.jobs import background_job


@background_job
def fail_on_first_attempt(job):
    if job.attempts == 1:
        raise RuntimeError("Почтовый сервер не ответил (проверка)")
    return {"ran_on_attempt": job.attempts}


@background_job
def fail_until_file_exists(job, path):
    if not Path(path).exists():
        raise RuntimeError("Файл для проверки ещё не создан")
    return {"ran_on_attempt": job.attempts}
