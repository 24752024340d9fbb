"""Passages of a submission's plain text: locating a quote, re-anchoring it on the next attempt,
and cutting the text into highlighted segments.

Offsets count Unicode code points of `Submission.body_text` (the text that is
counted and annotated, see `assignments.sanitize.to_plain_text`). A passage is
stored as start and end offsets plus the quoted text and a little context on
each side (like the W3C text-quote selector), so that it can be found again in
a revised text where the offsets have moved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

CONTEXT_CHARS = 24


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int


def context_of(text: str, start: int, end: int, size: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The `size` characters before and after a passage."""
    return text[max(0, start - size) : start], text[end : end + size]


def occurrences(text: str, quote: str) -> list[int]:
    """Every start offset of `quote` in `text` (overlapping ones too)."""
    found = []
    if not quote:
        return found
    index = text.find(quote)
    while index != -1:
        found.append(index)
        index = text.find(quote, index + 1)
    return found


def _common_suffix(a: str, b: str) -> int:
    count = 0
    for left, right in zip(reversed(a), reversed(b), strict=False):
        if left != right:
            break
        count += 1
    return count


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        count += 1
    return count


def locate(
    text: str,
    quote: str,
    *,
    hint: int | None = None,
    prefix: str = "",
    suffix: str = "",
    hint_scale: float = 1.0,
) -> Anchor | None:
    """Where `quote` is in `text`, or None when it is not there any more.

    With several occurrences, the one whose surrounding text matches `prefix`
    and `suffix` best wins; ties go to the one nearest `hint` (scaled by
    `hint_scale`, the ratio of the new text's length to the old one's).
    """
    if not quote:
        return None
    if hint is not None and text[hint : hint + len(quote)] == quote:
        before, after = context_of(text, hint, hint + len(quote))
        if (not prefix or before.endswith(prefix) or prefix.endswith(before)) and (
            not suffix or after.startswith(suffix) or suffix.startswith(after)
        ):
            return Anchor(hint, hint + len(quote))
    candidates = occurrences(text, quote)
    if not candidates:
        return None
    target = (hint or 0) * hint_scale

    def score(start: int) -> tuple[int, float]:
        before, after = context_of(text, start, start + len(quote))
        context = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        return (-context, abs(start - target))

    best = min(candidates, key=score)
    return Anchor(best, best + len(quote))


def reanchor(old_text: str, new_text: str, *, start: int, end: int, quote: str, prefix: str = "", suffix: str = ""):
    """The passage `quote` (at `start`..`end` of `old_text`) in `new_text`, or None when it is gone."""
    scale = (len(new_text) / len(old_text)) if old_text else 1.0
    return locate(new_text, quote, hint=start, prefix=prefix, suffix=suffix, hint_scale=scale)


@dataclass
class Segment:
    """A run of text with the annotations that cover it (none for plain text)."""

    start: int
    text: str
    annotations: list = field(default_factory=list)
    # Annotations that end with this segment: their number is shown after it.
    ending: list = field(default_factory=list)

    @property
    def is_marked(self) -> bool:
        return bool(self.annotations)


def segments(text: str, annotations: Iterable) -> list[Segment]:
    """Cut `text` at every annotation boundary. Each annotation needs `start` and `end`; overlaps are fine."""
    valid = [item for item in annotations if 0 <= item.start < item.end <= len(text)]
    cuts = sorted({0, len(text), *(item.start for item in valid), *(item.end for item in valid)})
    result = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [item for item in valid if item.start <= left and item.end >= right]
        ending = [item for item in valid if item.end == right]
        result.append(Segment(start=left, text=text[left:right], annotations=covering, ending=ending))
    return result
