"""Upcoming events for the home page, from any page type that has a start time.

A page type takes part when it has a `starts_at` DateTimeField of its own:
`NewsPage` (seminar notices) today, and `mentoring`'s `MeetupPage` once it
has one. `home` does not import those apps; it finds the types among
Wagtail's page models, so a new event type needs no change here. A type opts
out with the class attribute `show_in_upcoming_events = False`.

What the home page shows of an event: its title, URL and `starts_at`, plus
`event_place_label` (a short "where") when the page provides one.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from wagtail.models import Page, get_page_models

START_FIELD = "starts_at"


def upcoming_event_page_models() -> list[type[Page]]:
    """Page types with their own `starts_at` DateTimeField, in a stable order.

    Looked up on each call: page models are all registered once apps are
    ready, and the loop over them costs no query.
    """
    found = []
    for model in get_page_models():
        if model._meta.abstract or not getattr(model, "show_in_upcoming_events", True):
            continue
        try:
            field = model._meta.get_field(START_FIELD)
        except FieldDoesNotExist:
            continue
        # A field inherited through multi-table inheritance belongs to the parent,
        # whose own query already returns these pages.
        if isinstance(field, models.DateTimeField) and field.model is model:
            found.append(model)
    return sorted(found, key=lambda model: model._meta.label)


def upcoming_events(root: Page | None = None, *, now: datetime | None = None, limit: int = 4) -> list[Page]:
    """The next `limit` live, public events under `root` (the whole tree without it), soonest first.

    One query per event type, each limited to `limit` rows, so the count does
    not grow with the number of events.
    """
    now = now or timezone.now()
    events: list[Page] = []
    for model in upcoming_event_page_models():
        queryset = model.objects.live().public().filter(**{f"{START_FIELD}__gte": now})
        if root is not None:
            queryset = queryset.descendant_of(root)
        events.extend(queryset.defer_streamfields().order_by(START_FIELD)[:limit])
    events.sort(key=lambda page: getattr(page, START_FIELD))
    return events[:limit]
