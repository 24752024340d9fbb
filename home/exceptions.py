"""Domain exceptions of the editorial pages."""

from __future__ import annotations


class RegistrationClosed(Exception):
    """A seminar registration arrived when the seminar no longer takes any (full, or started).

    `state` is the `NewsPage.RegistrationState` that refused it; `message`
    is the translated text to show to the person registering.
    """

    def __init__(self, state: str, message: str) -> None:
        super().__init__(message)
        self.state = state
        self.message = message
