"""Writing tasks with rubrics in the demo courses, and the demo learners' work on them.

Rubrics and assignment definitions come from `home.demo.content` (RUBRICS and
each course's "assignments"); every assignment is placed right after the
lesson it names. `learner` and `learner2` get submissions in several states,
moved through the same state methods the site uses. Idempotent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assignments.models import AssignmentPage, Rubric, RubricCriterion, Submission
from courses.models import CoursePage, LessonPage
from tests.factories.assignments import AssignmentPageFactory

from .content import COURSES, RUBRICS

if TYPE_CHECKING:
    from . import DemoContext

REWRITE_FIRST = (
    "<p>キッチンそよかぜでは、毎月第二土曜日の午前10時から料理教室を開いています。"
    "会場は町の公民館の調理室です。</p>"
    "<p>地元でとれた旬の野菜を使って、毎日の食卓に出せる家庭料理を作ります。"
    "料理が初めての方にも、講師が一人ひとりに合わせてていねいに教えるので安心です。</p>"
    "<p>お子さま連れでも参加でき、キッズスペースも用意しています。"
    "参加費は材料費込みで1,500円です。たくさんのご参加をお待ちしております。</p>"
    "<p>工夫した点：長い一文を、日時と場所、内容、参加しやすさ、費用の四つに分けました。"
    "一つの文に一つの情報だけを入れ、どの文も60字以内におさまるようにしています。</p>"
)
REWRITE_SECOND = (
    "<h2>毎月第二土曜日は料理教室の日です</h2>"
    "<p>キッチンそよかぜは、毎月第二土曜日の午前10時から料理教室を開いています。"
    "会場は町の公民館の調理室です。</p>"
    "<ul><li>内容：地元でとれた旬の野菜を使った家庭料理</li>"
    "<li>対象：料理が初めての方も歓迎。講師が一人ひとりに合わせて教えます</li>"
    "<li>お子さま連れ：キッズスペースがあるので一緒に参加できます</li>"
    "<li>参加費：1,500円（材料費込み）</li></ul>"
    "<p>皆さまのご参加をお待ちしております。</p>"
    "<p>工夫した点：日時と場所を最初に書き、条件は箇条書きにしました。"
    "「たくさんの」は数がわからない言葉なので、「皆さまの」に改めました。"
    "見出しだけ読んでも、いつ何があるのかがわかるようにしています。</p>"
)
REWRITE_LEARNER2 = (
    "<p>料理教室のお知らせです。キッチンそよかぜは毎月第二土曜日、午前10時から公民館の調理室で教室を開きます。</p>"
    "<p>使うのは地元でとれた旬の野菜です。作るのは家庭料理なので、家でもすぐにまねできます。"
    "料理をしたことがない方でも、講師がそれぞれのペースに合わせて教えるので心配いりません。</p>"
    "<p>キッズスペースがあるので、お子さまと一緒に来られます。参加費は材料費を含めて1,500円です。"
    "ご参加をお待ちしています。</p>"
    "<p>工夫した点：一文に一つの情報だけを入れ、読点を減らしました。"
    "また、いちばん知りたい日時と場所を最初の段落にまとめました。</p>"
)
TEA_DRAFT = (
    "<h2>朝の一杯に、まろやかな深蒸し煎茶</h2>"
    "<p>忙しい朝でも、急須にお湯を注いで一分待つだけ。"
    "じっくり蒸した茶葉なので、渋みが少なく、やさしい甘みが口に広がります。</p>"
    "<p>（ここから産地の説明と、おすすめの飲み方を書く予定）</p>"
)
PROFILE_FIRST = (
    "<p>はじめまして。山あいの町で暮らしながら、在宅でライティングの仕事をしています。</p>"
    "<p>前職では地域の観光協会で五年間、パンフレットやウェブサイトの文章を担当していました。"
    "旅行者に伝わる言葉を選ぶこと、写真に合う短い説明文を書くことが得意です。</p>"
    "<p>休日には町の小さなお店を訪ね、店主の話を聞いて紹介記事にまとめることを続けています。"
    "取材して書く仕事にも、ぜひ挑戦したいと考えています。</p>"
    "<p>平日は毎日6時間ほど作業できます。ご連絡には当日中にお返事します。</p>"
    "<p>丁寧なやりとりと、締め切りを守ることを何より大切にしています。どうぞよろしくお願いいたします。</p>"
)
PROFILE_SECOND = (
    "<p>観光パンフレットの文章を五年間書いてきた、在宅ライターです。"
    "旅行者や地元のお客さまに「行ってみたい」と思ってもらえる文章をお届けします。</p>"
    "<h2>できること</h2>"
    "<ul><li>観光地・飲食店・宿泊施設の紹介文</li><li>写真に添える100字前後の説明文</li>"
    "<li>ウェブサイトのお知らせ記事や、イベントの告知文</li></ul>"
    "<h2>実績</h2>"
    "<p>町の観光協会でパンフレット12冊、ウェブサイトの記事およそ80本を担当しました。</p>"
    "<h2>お仕事の進め方</h2>"
    "<p>平日は毎日6時間ほど作業できます。ご連絡には当日中にお返事し、初稿は原則3日以内にお送りします。"
    "取材が必要なお仕事や、写真選びからのご依頼もお気軽にご相談ください。</p>"
)
FEEDBACK_REWRITE = (
    "<p>一文が短くなり、ずっと読みやすくなりました。</p>"
    "<p>一方で、日時・場所・費用などの条件が文章の中に埋もれています。"
    "見出しと箇条書きを使って、スマートフォンで一目でわかる形にしてみましょう。"
    "「たくさん」の見直しもお願いします。</p>"
)
FEEDBACK_APPROVED = (
    "<p>条件が箇条書きで整理され、必要な情報がすぐに見つかります。言葉の見直しも的確です。合格です。</p>"
)
FEEDBACK_PROFILE = (
    "<p>経歴がよく伝わります。ただ、最初の一文で「何を頼める人か」がわかると、依頼者が読み進めやすくなります。"
    "できることを箇条書きにし、実績は数字で示してみましょう。</p>"
)


def load(ctx: DemoContext) -> None:
    rubrics = {key: _load_rubric(data) for key, data in RUBRICS.items()}
    courses = ctx.pages.get("courses") or {}
    assignments: dict[str, AssignmentPage] = {}
    for course_data in COURSES:
        course = courses.get(course_data["slug"]) or CoursePage.objects.filter(slug=course_data["slug"]).first()
        if course is None:
            continue
        for data in course_data.get("assignments", []):
            assignments[data["slug"]] = _load_assignment(course, data, rubrics)
    ctx.pages["assignments"] = assignments
    made = _load_submissions(ctx, assignments)
    ctx.say(f"  assignments: {len(assignments)} tasks, {len(rubrics)} rubrics, {made} new demo submissions")


def _load_rubric(data) -> Rubric:
    rubric, _created = Rubric.objects.get_or_create(name=data["name"])
    wanted = [
        (criterion["title"], criterion.get("description", ""), [tuple(level) for level in criterion["levels"]])
        for criterion in data["criteria"]
    ]
    current = [
        (criterion.title, criterion.description, sorted(criterion.get_levels())) for criterion in rubric.get_criteria()
    ]
    if current != [(title, description, sorted(levels)) for title, description, levels in wanted]:
        rubric.criteria.all().delete()
        for order, (title, description, levels) in enumerate(wanted):
            RubricCriterion.objects.create(
                rubric=rubric,
                sort_order=order,
                title=title,
                description=description,
                levels=[("level", {"points": points, "descriptor": descriptor}) for points, descriptor in levels],
            )
    return rubric


def _load_assignment(course: CoursePage, data, rubrics) -> AssignmentPage:
    brief = data.get("brief") or {}
    values = {
        "title": data["title"],
        "instructions": data["instructions"],
        "brief_client": brief.get("client", ""),
        "brief_deliverable": brief.get("deliverable", ""),
        "brief_acceptance_criteria": "\n".join(brief.get("acceptance_criteria", [])),
        "submission_kind": data["submission_kind"],
        "min_chars": data.get("min_chars"),
        "max_chars": data.get("max_chars"),
        "rubric": rubrics.get(data.get("rubric")),
        "attempts_allowed": data.get("attempts_allowed", 3),
    }
    page = AssignmentPage.objects.child_of(course).filter(slug=data["slug"]).first()
    if page is None:
        page = AssignmentPageFactory(parent=course, slug=data["slug"], **values)
        page.save_revision().publish()
    elif any(getattr(page, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(page, name, value)
        page.save_revision().publish()
    lesson = LessonPage.objects.child_of(course).filter(slug=data["after"]).first()
    if lesson is not None:
        page.refresh_from_db()
        previous = page.get_prev_sibling()
        if previous is None or previous.pk != lesson.pk:
            page.move(lesson, pos="right")
            page.refresh_from_db()
    return page


def _start(assignment, learner, html: str) -> Submission:
    draft = Submission.start_draft(assignment, learner)
    draft.save_draft(body_html=html, version=draft.version, by=learner)
    return draft


def _load_submissions(ctx: DemoContext, assignments) -> int:
    learner, learner2 = ctx.users.get("learner"), ctx.users.get("learner2")
    mentor = ctx.users.get("mentor")
    made = 0

    def untouched(slug, user) -> AssignmentPage | None:
        page = assignments.get(slug)
        if page is None or user is None or Submission.objects.filter(assignment=page, learner=user).exists():
            return None
        return page

    # learner: changes requested on attempt 1, attempt 2 approved (the step completes).
    page = untouched("rewrite-long-sentences", learner)
    if page is not None and mentor is not None:
        first = _start(page, learner, REWRITE_FIRST)
        first.submit(by=learner)
        first.claim(by=mentor)
        first.request_changes(by=mentor, feedback=FEEDBACK_REWRITE)
        second = first.start_revision(by=learner)
        second.save_draft(body_html=REWRITE_SECOND, version=second.version, by=learner)
        second.submit(by=learner)
        second.claim(by=mentor)
        second.approve(by=mentor, feedback=FEEDBACK_APPROVED)
        made += 2
    # learner: a draft of the product introduction, still being written.
    page = untouched("tea-shop-product-page", learner)
    if page is not None:
        _start(page, learner, TEA_DRAFT)
        made += 1
    # learner2: submitted, waiting in the mentors' queue.
    page = untouched("rewrite-long-sentences", learner2)
    if page is not None:
        _start(page, learner2, REWRITE_LEARNER2).submit(by=learner2)
        made += 1
    # learner2: changes requested, and the second attempt submitted again.
    page = untouched("my-profile", learner2)
    if page is not None and mentor is not None:
        first = _start(page, learner2, PROFILE_FIRST)
        first.submit(by=learner2)
        first.claim(by=mentor)
        first.request_changes(by=mentor, feedback=FEEDBACK_PROFILE)
        second = first.start_revision(by=learner2)
        second.save_draft(body_html=PROFILE_SECOND, version=second.version, by=learner2)
        second.submit(by=learner2)
        made += 2
    return made
