"""Character-level differences between two attempts, so that Japanese (no spaces) diffs well."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class DiffPart:
    op: str  # "equal", "insert" or "delete"
    text: str


def char_diff(old: str, new: str) -> list[DiffPart]:
    """The edit from `old` to `new` as runs of equal, deleted and inserted characters."""
    matcher = SequenceMatcher(None, old or "", new or "", autojunk=False)
    parts: list[DiffPart] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(DiffPart("equal", old[i1:i2]))
        if tag in ("delete", "replace"):
            parts.append(DiffPart("delete", old[i1:i2]))
        if tag in ("insert", "replace"):
            parts.append(DiffPart("insert", new[j1:j2]))
    return parts


def diff_stats(parts: list[DiffPart]) -> dict[str, int]:
    return {
        "inserted": sum(len(part.text) for part in parts if part.op == "insert"),
        "deleted": sum(len(part.text) for part in parts if part.op == "delete"),
    }
