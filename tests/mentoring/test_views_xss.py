"""Mentor and learner text from the XSS corpus (shared/corpora/xss) goes through every place the
mentoring app stores and shows it: overall comments, criterion comments, passage comments, the
feedback thread, saved remarks, progress reports. Nothing that can run comes out."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from mentoring.models import FeedbackMessage, Review
from mentoring.queue import claim
from tests.factories.mentoring import (
    CommentBankEntryFactory,
    MeetupIndexPageFactory,
    MeetupPageFactory,
    ProgressReportFactory,
    submitted,
)
from tests.mentoring.conftest import TEXT

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "xss" / "dompurify-payloads.json"
FORBIDDEN = {"svg", "math", "iframe", "object", "embed", "style", "form", "img", "base", "meta", "link"}
BAD_URL = re.compile(r"^\s*(javascript|vbscript|data:text/html)", re.IGNORECASE)


def chunks(size: int = 120) -> list[str]:
    payloads = [entry["payload"] for entry in json.loads(CORPUS.read_text(encoding="utf-8"))]
    return ["\n".join(payloads[start : start + size]) for start in range(0, len(payloads), size)]


class Inspector(HTMLParser):
    def __init__(self, allowed: set[tuple[str, str]]):
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and not (names.get("src") or "").startswith("/static/"):
            self.problems.append(f"inline script {attrs}")
        if (
            tag in FORBIDDEN
            and (tag, names.get("rel") or names.get("name") or names.get("charset") or "") not in self.allowed
        ):
            self.problems.append(f"<{tag} {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}={value!r}")
            if name in ("href", "src", "action", "formaction") and value and BAD_URL.match(value):
                self.problems.append(f"{tag} {name}={value!r}")


def problems(html: str, baseline: str) -> list[str]:
    """Problems in `html` that the same page without payloads does not have (the site's own meta and links)."""
    allowed = set()
    base = Inspector(set())
    base.handle_starttag = lambda tag, attrs: allowed.add(
        (tag, dict(attrs).get("rel") or dict(attrs).get("name") or dict(attrs).get("charset") or "")
    )
    base.feed(baseline)
    inspector = Inspector(allowed)
    inspector.feed(html)
    return inspector.problems


@pytest.mark.parametrize("index", range(len(chunks())))
def test_payloads_in_reviews_threads_remarks_and_reports(client, index, assignment, enrolled, mentor, home_page):
    payload = chunks()[index]
    work = submitted(assignment, enrolled, TEXT)
    claim(work, mentor)
    client.force_login(mentor)
    baseline_review = client.get(reverse("mentoring:review", args=[work.pk])).content.decode()
    review = Review.objects.get(submission=work)
    review.save_draft(
        mentor,
        overall_comment=payload,
        decision="request_changes",
        scores={c.pk: (1, payload) for c in review.get_criteria()},
    )
    review.add_annotation(mentor, comment=payload, quote="紅茶")
    CommentBankEntryFactory(mentor=mentor, label=payload[:80], text=payload)
    mentor_view = client.get(reverse("mentoring:review", args=[work.pk])).content.decode()
    assert problems(mentor_view, baseline_review) == []
    assert problems(client.get(reverse("mentoring:bank")).content.decode(), baseline_review) == []

    review.release(mentor)
    FeedbackMessage.post(work, enrolled, payload)
    client.force_login(enrolled)
    learner_view = client.get(reverse("assignments:submission_detail", args=[work.pk])).content.decode()
    assert "mentor-feedback" in learner_view
    assert problems(learner_view, baseline_review) == []

    meetup = MeetupPageFactory(parent=MeetupIndexPageFactory(parent=home_page), slug="xss", hosts=[mentor])
    ProgressReportFactory(meetup=meetup, user=enrolled, done=payload, stuck=payload, next_step=payload)
    client.force_login(mentor)
    assert problems(client.get("/meetups/xss/").content.decode(), baseline_review) == []


def test_the_inspector_catches_what_it_looks_for():
    found = problems('<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:x">x</a>', "")
    assert len(found) == 4
