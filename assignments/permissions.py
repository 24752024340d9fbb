"""Who may see and review a submission.

`can_review(user, submission)` is the one question every view asks. By default
staff and superusers may review; other apps (mentoring, with its scopes) add
rules with `register_reviewer_check(func)` from their `AppConfig.ready()`. A
check returns True to allow; any check allowing is enough.
"""

from __future__ import annotations

from collections.abc import Callable

ReviewerCheck = Callable[[object, object], bool]

_checks: list[ReviewerCheck] = []


def staff_can_review(user, submission) -> bool:
    """The built-in rule: staff and superusers review everything."""
    return bool(getattr(user, "is_active", False) and (user.is_staff or user.is_superuser))


def register_reviewer_check(check: ReviewerCheck) -> None:
    """Add a rule `check(user, submission) -> bool`. Registering twice is harmless."""
    if check not in _checks:
        _checks.append(check)


def unregister_reviewer_check(check: ReviewerCheck) -> None:
    """Remove a rule again (for tests)."""
    if check in _checks:
        _checks.remove(check)


def can_review(user, submission) -> bool:
    """True if `user` may read, download and review `submission` (not as its author)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if staff_can_review(user, submission):
        return True
    return any(check(user, submission) for check in _checks)


def can_view(user, submission) -> bool:
    """The learner who wrote it, or a reviewer."""
    if not getattr(user, "is_authenticated", False):
        return False
    return submission.learner_id == user.pk or can_review(user, submission)
