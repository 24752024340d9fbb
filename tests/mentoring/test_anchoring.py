"""Locating passages, re-anchoring them in a revised text, cutting the text into segments."""

from __future__ import annotations

from dataclasses import dataclass

from mentoring.anchoring import context_of, locate, reanchor, segments


@dataclass
class Item:
    start: int
    end: int


def test_locate_prefers_the_hint_when_the_text_is_there():
    text = "はい。はい。はい。"
    anchor = locate(text, "はい", hint=3)
    assert (anchor.start, anchor.end) == (3, 5)


def test_locate_uses_context_to_choose_between_occurrences():
    text = "赤い花と白い花。赤い花は春に咲く。"
    second = text.index("赤い花", 1)
    anchor = locate(text, "赤い花", prefix="花と白い花。", suffix="は春に")
    assert anchor.start == second


def test_reanchor_follows_a_passage_that_moved():
    old = "紅茶は香りがよい。"
    new = "新しい季節です。紅茶は香りがよい。"
    prefix, suffix = context_of(old, 3, 6)
    anchor = reanchor(old, new, start=3, end=6, quote="香りが", prefix=prefix, suffix=suffix)
    assert new[anchor.start : anchor.end] == "香りが"
    assert anchor.start == new.index("香りが")


def test_reanchor_gives_none_when_the_passage_is_gone():
    assert reanchor("古い文章です。", "まったく新しい文章。", start=0, end=2, quote="古い") is None


def test_offsets_are_code_points_so_emoji_count_as_one():
    text = "🍵お茶🍵が好き"
    anchor = locate(text, "お茶")
    assert (anchor.start, anchor.end) == (1, 3)


def test_segments_split_at_every_boundary_and_keep_overlaps():
    text = "0123456789"
    a, b = Item(2, 6), Item(4, 8)
    parts = segments(text, [a, b])
    assert [part.text for part in parts] == ["01", "23", "45", "67", "89"]
    assert [len(part.annotations) for part in parts] == [0, 1, 2, 1, 0]
    assert [part.ending for part in parts] == [[], [], [a], [b], []]
    assert "".join(part.text for part in parts) == text


def test_segments_ignore_annotations_outside_the_text():
    parts = segments("短い", [Item(1, 10)])
    assert [part.text for part in parts] == ["短い"]
