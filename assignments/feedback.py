"""Extra feedback shown to a learner once it is released (the mentoring app adds its reviews here).

Register `panel(request, submission) -> str` (safe HTML, or "" for nothing)
with `register_feedback_panel(panel)` from an `AppConfig.ready()`. The
assignment page and the submission page render every panel for an attempt
whose feedback is released.
"""

from __future__ import annotations

from collections.abc import Callable

FeedbackPanel = Callable[[object, object], str]

_panels: list[FeedbackPanel] = []


def register_feedback_panel(panel: FeedbackPanel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def unregister_feedback_panel(panel: FeedbackPanel) -> None:
    if panel in _panels:
        _panels.remove(panel)


def render_feedback_panels(request, submission) -> str:
    """The registered panels' HTML for a released attempt, in registration order."""
    if not submission.feedback_released:
        return ""
    return "".join(panel(request, submission) or "" for panel in _panels)
