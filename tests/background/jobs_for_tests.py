"""Jobs the worker tests enqueue (the worker imports them by path)."""

import time
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


def _append(path, line):
    with Path(path).open("a", encoding="utf-8") as out:
        out.write(line + "\n")


@background_job
def two_steps_waiting_between(job, effects, started, release):
    """Writes «first» to ``effects``, says it has started, waits for the file
    ``release``, writes «second»: each step marked done as it is made."""
    if not job.step_done("first"):
        _append(effects, "first")
        job.mark_step("first")
    Path(started).write_text(str(job.attempts))
    deadline = time.monotonic() + 120
    while not Path(release).exists():
        if time.monotonic() > deadline:
            raise RuntimeError("Файл для проверки так и не появился")
        time.sleep(0.05)
    if not job.step_done("second"):
        _append(effects, "second")
        job.mark_step("second")
    return {"ran_on_attempt": job.attempts}
