"""The counting rule (文字数) in Python, over the cases the browser test also runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assignments.sanitize import to_plain_text
from assignments.text import count_characters

CASES = json.loads((Path(__file__).parent / "counting_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_count_matches_the_shared_cases(case):
    assert count_characters(case["text"]) == case["count"]


def test_cases_cover_every_kind_the_rule_names():
    names = " ".join(case["name"] for case in CASES)
    for kind in ("hiragana", "kanji", "full-width space", "half and full width", "line feed", "emoji", "combining"):
        assert kind in names


def test_counting_the_plain_text_of_html_ignores_markup_and_entities():
    html = "<h2>見出し</h2><p>本文&amp;<strong>強調</strong><br>改行</p><ul><li>項目</li></ul>"
    assert count_characters(to_plain_text(html)) == len("見出し本文&強調改行項目")
