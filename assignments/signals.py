"""Signals of the assignments app, for other apps (mentoring, notifications) to react.

- `submission_transitioned(sender=Submission, submission, action, from_status, to_status, by, event)`:
  every state move, after it is saved and logged.
- One signal per action with the same arguments: `submission_submitted`, `submission_withdrawn`,
  `submission_claimed`, `submission_released`, `submission_approved`,
  `submission_changes_requested`, `revision_started` (its `submission` is the new attempt,
  `previous` the one it was copied from).
"""

from django.dispatch import Signal

submission_transitioned = Signal()
submission_submitted = Signal()
submission_withdrawn = Signal()
submission_claimed = Signal()
submission_released = Signal()
submission_approved = Signal()
submission_changes_requested = Signal()
revision_started = Signal()

BY_ACTION = {
    "submit": submission_submitted,
    "withdraw": submission_withdrawn,
    "claim": submission_claimed,
    "release": submission_released,
    "expire": submission_released,
    "approve": submission_approved,
    "request_changes": submission_changes_requested,
    "start_revision": revision_started,
}
