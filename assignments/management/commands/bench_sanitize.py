"""Time the sanitizer on a 20,000-character Japanese submission with each engine."""

from __future__ import annotations

import json
import statistics
import time

from django.core.management.base import BaseCommand
from django.test import override_settings

from assignments.sanitize import clean, to_plain_text
from assignments.text import count_characters

PARAGRAPH = (
    "<p>この商品は、<strong>地元の農家</strong>が育てた無農薬の野菜を使った"
    '<em>手作りのドレッシング</em>です。<a href="https://example.jp/">詳しくはこちら</a>。</p>'
    "<ul><li>保存料を使っていません</li><li>瓶は再利用できます</li></ul>"
)


def sample_html(characters: int = 20_000) -> str:
    """Editor-like HTML whose text has at least `characters` characters."""
    per_paragraph = count_characters(to_plain_text(PARAGRAPH))
    return PARAGRAPH * (characters // per_paragraph + 1)


class Command(BaseCommand):
    help = "Median time of assignments.sanitize.clean() on 20,000 Japanese characters of HTML, per engine."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--characters", type=int, default=20_000)

    def handle(self, *args, repeat: int = 30, characters: int = 20_000, **options):
        html = sample_html(characters)
        result = {"characters": count_characters(to_plain_text(html)), "html_bytes": len(html.encode())}
        for engine in ("nh3", "bleach"):
            with override_settings(LMS_SANITIZER=engine):
                clean(html)  # warm up: build the engine
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    clean(html)
                    times.append((time.perf_counter() - start) * 1000)
            result[engine] = {"median_ms": round(statistics.median(times), 2), "runs": repeat}
        self.stdout.write(json.dumps(result))
