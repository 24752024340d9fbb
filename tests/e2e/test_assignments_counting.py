"""The browser's counter (count.js, Intl.Segmenter) gives the same counts as assignments/text.py."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from assignments.text import count_characters

ROOT = Path(settings.BASE_DIR)
CASES = json.loads((ROOT / "tests" / "assignments" / "counting_cases.json").read_text(encoding="utf-8"))
COUNT_JS = (ROOT / "assignments" / "static" / "assignments" / "js" / "count.js").read_text(encoding="utf-8")


def test_javascript_and_python_count_every_case_alike(browser):
    page = browser.new_page()
    try:
        page.set_content("<!DOCTYPE html><html><body></body></html>")
        page.add_script_tag(content=COUNT_JS)
        assert page.evaluate("typeof Intl.Segmenter") == "function"
        texts = [case["text"] for case in CASES]
        browser_counts = page.evaluate("texts => texts.map(t => window.TsunaguCount.countCharacters(t))", texts)
    finally:
        page.close()
    python_counts = [count_characters(text) for text in texts]
    expected = [case["count"] for case in CASES]
    assert browser_counts == python_counts == expected
