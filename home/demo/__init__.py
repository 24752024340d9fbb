"""The Japanese demo site, built with the factories the tests use.

Each loader takes a `DemoContext` and must be idempotent: running
`load_demo` twice leaves one copy of everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from . import assignments, courses, editorial, mentoring, site, users


@dataclass
class DemoContext:
    stdout: TextIO
    users: dict[str, object] = field(default_factory=dict)
    pages: dict[str, object] = field(default_factory=dict)

    def say(self, message: str) -> None:
        self.stdout.write(message + "\n")


LOADERS: list[Callable[[DemoContext], None]] = [
    users.load,
    site.load,
    courses.load,
    site.link_hero,
    assignments.load,
    mentoring.load,
    editorial.load,
]
