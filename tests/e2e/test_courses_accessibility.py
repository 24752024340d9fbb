"""axe-core finds no WCAG 2.2 AA violations on the courses pages, in both languages, on a phone and a desktop."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_violations, log_in
from tests.factories.accounts import LearnerFactory, MentorFactory
from tests.factories.courses import (
    CohortFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    LessonPageFactory,
    SkillCategoryFactory,
)

BODY = [
    ("heading", "見出し"),
    ("paragraph", "<p>本文の段落です。<a href='/courses/'>リンク</a>もあります。</p>"),
    ("tip", "<p>ポイントの囲みです。</p>"),
    ("warning", "<p>注意の囲みです。</p>"),
    ("checklist", ["一つ目", "二つ目"]),
    ("code", {"language": "html", "code": "<p>こんにちは</p>"}),
]


@pytest.fixture
def learning(home_page):
    catalog = CourseIndexPageFactory(parent=home_page)
    category = SkillCategoryFactory(slug="writing", name="ライティング")
    mentor = MentorFactory(first_name="美咲", last_name="鈴木")
    basics = CoursePageFactory(parent=catalog, title="基礎", slug="basics", level=1, category=category)
    course = CoursePageFactory(
        parent=catalog,
        title="ライティング講座",
        slug="writing",
        level=2,
        category=category,
        tags=["初心者歓迎"],
        mentors=[mentor],
        prerequisites=[basics],
        outcomes=[("outcome", "読みやすい文章を書ける")],
    )
    lessons = [LessonPageFactory(parent=course, slug=f"l{n}", title=f"レッスン{n}", body=BODY) for n in range(3)]
    CohortFactory(course=course)
    learner = LearnerFactory(username="hanako")
    enrollment = course.enroll(learner)
    enrollment.complete_step(lessons[0])
    done_lesson = LessonPageFactory(parent=basics, slug="only")
    certificate = basics.enroll(learner).complete_step(done_lesson).enrollment.certificate
    return {"course": course, "lessons": lessons, "certificate": certificate}


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_axe_violations_on_courses_pages(page, browser_context, live_server, learning, language, width):
    browser_context.add_cookies([{"name": "tsunagu_language", "value": language, "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 900})
    certificate = learning["certificate"]
    public = ["/courses/", "/courses/?level=9&q=講座", learning["course"].url, certificate.get_absolute_url()]
    for path in public:
        page.goto(path)
        assert axe_violations(page) == [], path
    log_in(page, "hanako")
    private = [
        "/courses/",
        learning["course"].url,
        learning["lessons"][1].url,
        "/learn/",
        certificate.get_print_url(),
        f"/learn/courses/{learning['course'].pk}/withdraw/",
    ]
    for path in private:
        page.goto(path)
        assert axe_violations(page) == [], path


def test_no_axe_violations_with_a_wrong_enrolment_key(page, learning):
    LearnerFactory(username="kenta")
    log_in(page, "kenta")
    page.goto(learning["course"].url)
    page.fill("input[name=enrolment_key]", "machigai")
    page.locator(".enrol-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.locator(".field__errors").count() == 1
    assert page.locator("input[name=enrolment_key]").input_value() == "machigai"
    assert axe_violations(page) == []
