"""Japanese search by character bigrams: the helper, and search through the catalog.

The database tests are written without reference to the database, so they run
as they are on SQLite (FTS5) and on PostgreSQL (CI's second leg).
"""

from __future__ import annotations

import pytest
from django.db import connection

from courses.search import bigram_text, query_tokens, search_query, text_matches
from tests.factories.courses import CoursePageFactory, EnrollmentFactory, LessonPageFactory


class TestBigrams:
    def test_japanese_runs_become_overlapping_bigrams(self):
        assert bigram_text("ライティング講座の基礎") == "ライ イテ ティ ィン ング グ講 講座 座の の基 基礎"

    def test_other_words_stay_words_in_lower_case(self):
        assert bigram_text("Web design 入門") == "web design 入門"

    def test_mixed_script_is_split_at_the_script_boundary(self):
        assert bigram_text("SEO記事") == "seo 記事"

    def test_a_single_character_run_is_kept(self):
        assert bigram_text("税 と 法") == "税 と 法"

    def test_full_width_letters_and_half_width_kana_are_normalised(self):
        assert bigram_text("ＳＥＯ") == "seo"
        assert bigram_text("ｶﾀｶﾅ") == bigram_text("カタカナ")

    def test_punctuation_separates_runs(self):
        assert bigram_text("提案文、見積もり。") == "提案 案文 見積 積も もり"

    def test_middle_dot_separates_words(self):
        assert query_tokens("営業・提案") == ["営業", "提案"]

    def test_query_tokens_are_unique_and_all_required(self):
        query = search_query("講座 講座")
        assert query.query_string == "講座"
        assert query.operator == "and"

    def test_empty_query_gives_none(self):
        assert search_query("  、。 ") is None

    def test_text_matches_uses_the_same_rule(self):
        assert text_matches("講座", "ライティング講座の基礎")
        assert text_matches("提案文", "魅力的な提案文の書き方")
        assert not text_matches("提案文", "提案の書き方")
        assert not text_matches("", "何か")


pytestmark_db = pytest.mark.django_db


def catalog_titles(client, **params) -> list[str]:
    response = client.get("/courses/", params)
    assert response.status_code == 200
    return [course.title for course in response.context["courses"]]


@pytest.mark.django_db
class TestCatalogSearch:
    """The issue's cases, on whichever database the suite runs on."""

    def test_runs_on_the_configured_database(self):
        assert connection.vendor in {"sqlite", "postgresql"}

    def test_word_inside_unspaced_title(self, client, course):
        assert catalog_titles(client, q="講座") == ["ライティング講座の基礎"]

    def test_word_inside_a_lesson_body_for_an_enrolled_learner(self, client, course, lessons, learner):
        EnrollmentFactory(user=learner, course=course)
        client.force_login(learner)
        assert catalog_titles(client, q="提案文") == ["ライティング講座の基礎"]
        assert [
            lesson.title for lesson in client.get("/courses/", {"q": "提案文"}).context["courses"][0].matching_lessons
        ] == ["提案を書く"]

    def test_locked_lesson_body_is_not_searchable_for_others(self, client, course, lessons, learner):
        assert catalog_titles(client, q="提案文") == []
        client.force_login(learner)
        assert catalog_titles(client, q="提案文") == []

    def test_lesson_titles_are_searchable_by_everyone(self, client, course, lessons):
        assert catalog_titles(client, q="提案") == ["ライティング講座の基礎"]

    def test_free_preview_bodies_are_searchable_by_everyone(self, client, course):
        LessonPageFactory(parent=course, is_preview=True, body=[("paragraph", "<p>見積書の作り方を紹介します。</p>")])
        assert catalog_titles(client, q="見積書") == ["ライティング講座の基礎"]

    def test_english_words_still_work(self, client, catalog, category):
        CoursePageFactory(
            parent=catalog, title="SEO writing basics", summary="Learn keyword research.", category=category
        )
        CoursePageFactory(parent=catalog, title="Pricing your work", category=category)
        assert catalog_titles(client, q="keyword") == ["SEO writing basics"]
        assert catalog_titles(client, q="SEO") == ["SEO writing basics"]
        assert catalog_titles(client, q="seo writing") == ["SEO writing basics"]

    def test_every_word_is_required(self, client, shelf):
        assert catalog_titles(client, q="Web 入門") == ["Webライティング入門"]
        assert catalog_titles(client, q="デザイン 入門") == []

    def test_tags_are_searchable(self, client, shelf):
        assert sorted(catalog_titles(client, q="初心者")) == ["Webライティング入門", "はじめてのWebデザイン"]

    def test_unpublished_courses_are_not_found(self, client, catalog, category):
        CoursePageFactory(parent=catalog, title="準備中の講座", live=False, category=category)
        assert catalog_titles(client, q="講座") == []

    def test_nothing_found_shows_the_empty_catalog_message(self, client, shelf):
        response = client.get("/courses/", {"q": "存在しない言葉"})
        assert response.status_code == 200
        assert "No course matches" in response.content.decode() or "条件に合うコース" in response.content.decode()
