"""The one counting rule of the site (文字数) and the plain-text helpers around it.

A character is a grapheme cluster (what a reader sees as one character: a kana
with its voicing mark, an emoji with its skin tone or ZWJ sequence, a letter
with combining accents). Spaces (U+0020, U+3000), tabs and line breaks are not
counted. The browser's live counter (`static/assignments/js/count.js`) applies
the same rule with `Intl.Segmenter`; tests feed both the same cases.
"""

from __future__ import annotations

import regex

_GRAPHEME = regex.compile(r"\X")

# Whole grapheme clusters that are not counted. "\r\n" is one cluster.
NOT_COUNTED: frozenset[str] = frozenset(
    {
        " ",  # U+0020 SPACE
        "\u3000",  # IDEOGRAPHIC SPACE (全角スペース)
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\x0b",
        "\x0c",
        "\x85",
        "\u2028",
        "\u2029",
    }
)


def count_characters(text: str) -> int:
    """Count the characters of `text` by the site's rule (see the module docstring)."""
    if not text:
        return 0
    return sum(1 for cluster in _GRAPHEME.findall(text) if cluster not in NOT_COUNTED)
