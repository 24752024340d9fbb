"""A task the tests enqueue; it lives in a module so that a worker process can import it."""

from pathlib import Path

from django_tasks import task


@task()
def write_file(path: str, text: str) -> str:
    Path(path).write_text(text, encoding="utf-8")
    return text
