"""iCalendar (RFC 5545) files for meetups: one VEVENT each, times in UTC, lines folded at 75 octets."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

PRODUCT_ID = "-//Tsunagu//Mentoring meetups//EN"


def escape_text(value: str) -> str:
    """TEXT escaping: backslash, semicolon, comma and line breaks."""
    return (
        (value or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets (UTF-8), never splitting a character."""
    pieces, current, size = [], "", 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def meetup_event(meetup, *, url: str, domain: str, description: str = "", location: str = "") -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:meetup-{meetup.pk}@{domain}",
        f"DTSTAMP:{utc(timezone.now())}",
        f"DTSTART:{utc(meetup.starts_at)}",
        f"DTEND:{utc(meetup.ends_at)}",
        f"SUMMARY:{escape_text(meetup.title)}",
        f"URL:{url}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: list[list[str]], *, name: str = "") -> str:
    """A VCALENDAR with the given VEVENT lines, CRLF line ends, folded."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
