"""Data for `scripts/load_test.py` and `scripts/scale_out.py`, and the checks they make afterwards.

The scripts run these in a child process with the same environment as the
servers they start (`python -m home.perf.load prepare|verify ...`), so that
the data goes into the database the servers use. Each run has its own id, so
runs do not see each other's learners and a database can be reused.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LOAD_PASSWORD = "tsunagu-load"  # noqa: S105 (throw-away accounts of a measurement database)


def prepare(run_id: str, learners: int, assignments: int) -> dict:
    """A course with `assignments` writing tasks, `learners` enrolled learners and one mentor in scope
    who gets an e-mail for each submission. Returns what the clients need."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from assignments.models import AssignmentPage
    from courses.models import CourseIndexPage, CoursePage, Enrollment
    from mentoring.models import MentorProfile, MentorScope, NotifyMode

    from .bulk import PageTree
    from .seed import ASSIGNMENT_INSTRUCTIONS, home_page

    user_model = get_user_model()
    password = make_password(LOAD_PASSWORD)
    with transaction.atomic():
        home = home_page()
        catalog = CourseIndexPage.objects.child_of(home).filter(slug="load-test").first()
        if catalog is None:
            catalog = CourseIndexPage(title="負荷試験", slug="load-test")
            home.add_child(instance=catalog)
        tree = PageTree(catalog)
        course = tree.add(catalog, CoursePage(title=f"負荷試験 {run_id}", slug=f"run-{run_id}", summary="負荷試験用"))
        steps = [
            tree.add(
                course,
                AssignmentPage(
                    title=f"課題 {number + 1}",
                    slug=f"task-{number + 1:04d}",
                    instructions=ASSIGNMENT_INSTRUCTIONS,
                    min_chars=50,
                    max_chars=None,
                    attempts_allowed=3,
                ),
            )
            for number in range(assignments)
        ]
        tree.insert()
        names = [f"load-{run_id}-learner-{number + 1:02d}" for number in range(learners)]
        mentor_name = f"load-{run_id}-mentor"
        users = user_model.objects.bulk_create(
            user_model(username=name, email=f"{name}@example.com", password=password, first_name="負荷", last_name=name)
            for name in [*names, mentor_name]
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
        )
        *learner_users, mentor = users
        Enrollment.objects.bulk_create(
            Enrollment(user=user, course=course, steps_required=len(steps)) for user in learner_users
        )
        profile = MentorProfile.objects.create(user=mentor, notify=NotifyMode.IMMEDIATE, capacity=10)
        MentorScope.objects.create(profile=profile, course=course)
        CoursePage.mentors.through.objects.create(coursepage_id=course.pk, user_id=mentor.pk)
    return {
        "run_id": run_id,
        "password": LOAD_PASSWORD,
        "learners": names,
        "mentor": mentor_name,
        "mentor_email": mentor.email,
        "course": course.url_path,
        "assignments": [{"id": step.pk, "path": step.url} for step in steps],
    }


def verify(run_id: str, accepted: list[list]) -> dict:
    """Whether every accepted submission (learner name, assignment id) is in the database, submitted once,
    and nothing else of this run was submitted."""
    from assignments.models import Submission

    rows = set(
        Submission.objects.filter(
            learner__username__startswith=f"load-{run_id}-", status=Submission.Status.SUBMITTED
        ).values_list("learner__username", "assignment_id")
    )
    wanted = {(name, assignment) for name, assignment in accepted}
    return {
        "accepted": len(wanted),
        "rows_found": len(wanted & rows),
        "missing": sorted(wanted - rows)[:10],
        "unexpected": sorted(rows - wanted)[:10],
        "submitted_rows_of_run": len(rows),
    }


def submission_and_tasks(run_id: str) -> dict:
    """The run's latest submission, and the background tasks queued about it with who ran them."""
    from django_tasks_db.models import DBTaskResult

    from assignments.models import Submission

    submission = (
        Submission.objects.filter(learner__username__startswith=f"load-{run_id}-")
        .select_related("assignment")
        .order_by("-pk")
        .first()
    )
    if submission is None:
        return {"submission": None, "tasks": []}
    tasks = [
        {
            "task": result.task_path,
            "status": result.status,
            "worker_ids": result.worker_ids,
            "return_value": result.return_value,
        }
        for result in DBTaskResult.objects.order_by("-enqueued_at")[:200]
        if (result.args_kwargs or {}).get("args", [None])[:1] == [submission.pk]
    ]
    return {
        "submission": {"id": submission.pk, "status": submission.status, "title": submission.assignment.title},
        "tasks": tasks,
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    command, *args = argv
    if command == "prepare":
        run_id, learners, assignments = args
        result = prepare(run_id, int(learners), int(assignments))
    elif command == "submission":
        (run_id,) = args
        result = submission_and_tasks(run_id)
    elif command == "verify":
        run_id, accepted_file = args
        result = verify(run_id, json.loads(Path(accepted_file).read_text()))
    else:
        raise SystemExit(f"unknown command {command!r}")
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
