"""Extra panels on the learner dashboard (/learn/), added by other apps.

Register `panel(request) -> str` (safe HTML, or "" for nothing) with
`register_dashboard_panel(panel)` from an `AppConfig.ready()`; the dashboard
renders every panel, in registration order, after the courses in progress
(`{% dashboard_panels %}` in courses/dashboard.html). The mentoring app adds
the learner's upcoming meetups this way, without courses importing it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

DashboardPanel = Callable[[object], str]

_panels: list[DashboardPanel] = []


def register_dashboard_panel(panel: DashboardPanel) -> None:
    """Add a panel. Registering twice is harmless."""
    if panel not in _panels:
        _panels.append(panel)


def unregister_dashboard_panel(panel: DashboardPanel) -> None:
    """Remove a panel again (for tests and for sites that want fewer panels)."""
    if panel in _panels:
        _panels.remove(panel)


def render_dashboard_panels(request) -> SafeString:
    """Every registered panel's HTML for this request. Panels return HTML they made safe themselves."""
    return mark_safe("".join(panel(request) or "" for panel in _panels))  # noqa: S308
