"""A small bar chart drawn on the server as SVG (no external chart service, no script).

The SVG carries a title and a description for screen readers; templates also
show the numbers as a table.
"""

from __future__ import annotations

import math

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 40


def nice_ceiling(value: float) -> float:
    """A round number at or above `value` for the top of the axis (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def turnaround_chart(points, *, chart_id: str = "turnaround") -> SafeString:
    """Bars of the median hours to release per week (`metrics.WeekPoint`s, oldest first)."""
    top = nice_ceiling(max((p.median_hours or 0 for p in points), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(points))
    bar_w = max(4, slot * 0.6)
    grid = []
    for tick in range(5):
        value = top * tick / 4
        y = TOP + plot_h - plot_h * tick / 4
        grid.append((LEFT, f"{y:.1f}", WIDTH - RIGHT, f"{y:.1f}", LEFT - 6, f"{y + 4:.1f}", f"{value:g}"))
    bars, labels = [], []
    for index, point in enumerate(points):
        x = LEFT + slot * index + (slot - bar_w) / 2
        label = date_format(point.start, "n/j")
        if point.median_hours is not None:
            h = plot_h * point.median_hours / top
            tip = _("Week of %(week)s: median %(hours)s hours, %(count)s reviews") % {
                "week": label,
                "hours": point.median_hours,
                "count": point.count,
            }
            bars.append((f"{x:.1f}", f"{TOP + plot_h - h:.1f}", f"{bar_w:.1f}", f"{h:.1f}", tip))
        if len(points) <= 12 or index % 2 == 0:
            labels.append((f"{x + bar_w / 2:.1f}", HEIGHT - BOTTOM + 18, label))
    title = _("Median hours from submission to released review, per week")
    desc = "; ".join(
        _("%(week)s: %(hours)s")
        % {"week": date_format(p.start, "n/j"), "hours": "–" if p.median_hours is None else p.median_hours}
        for p in points
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<g class="chart__grid">{grid}</g><g class="chart__bars">{bars}</g><g class="chart__labels">{labels}</g>'
        '<text class="chart__axis-label" x="4" y="{axis_y}">{unit}</text></svg>',
        w=WIDTH,
        h=HEIGHT,
        id=chart_id,
        title=title,
        desc=desc,
        grid=format_html_join(
            "",
            '<line x1="{}" y1="{}" x2="{}" y2="{}"></line><text x="{}" y="{}" text-anchor="end">{}</text>',
            grid,
        ),
        bars=format_html_join("", '<rect x="{}" y="{}" width="{}" height="{}" rx="2"><title>{}</title></rect>', bars),
        labels=format_html_join("", '<text x="{}" y="{}" text-anchor="middle">{}</text>', labels),
        axis_y=TOP - 4,
        unit=_("hours"),
    )
