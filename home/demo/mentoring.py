"""Mentors, their scopes and saved remarks; reviews with scores, passage comments and a
conversation; and the consultation meetups with replies and progress reports.

Runs after the assignments loader, whose demo work it builds on: its decided
attempts get their rubric scores and passage comments here, `mentor2` takes one
waiting attempt into review, and one attempt stays waiting in the queue.
Idempotent: profiles by user, remarks by label, meetups by slug, and nothing is
added to a review that already has scores.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from wagtail.models import Site

from assignments.models import AssignmentPage, Submission
from courses.models import Cohort, CoursePage
from mentoring.anchoring import context_of, locate
from mentoring.models import (
    Annotation,
    CommentBankEntry,
    CriterionScore,
    FeedbackMessage,
    MeetupIndexPage,
    MeetupPage,
    MeetupRegistration,
    MentorProfile,
    MentorScope,
    ProgressReport,
    Review,
)
from mentoring.queue import claim
from tests.factories.mentoring import MeetupIndexPageFactory, MeetupPageFactory, MentorProfileFactory

from .courses import COHORT, MENTOR_BY_CATEGORY

if TYPE_CHECKING:
    from . import DemoContext

PROFILES = {
    "mentor": {
        "display_name": "鈴木 美咲",
        "bio": "Webライター歴9年。地域の観光パンフレットや飲食店の紹介記事を多く手がけてきました。"
        "初めての方には、まず一文を短くするところから一緒に練習します。",
        "specialties": "Webライティング、提案文、見積もり、確定申告",
        "capacity": 12,
        "notify": "immediate",
    },
    "mentor2": {
        "display_name": "高橋 翔",
        "bio": "在宅のWebデザイナー兼エンジニア。小さなお店のサイト制作を年に20件ほど担当しています。"
        "見やすさと直しやすさを大切にしたデザインをお伝えします。",
        "specialties": "Webデザイン、HTML/CSS、JavaScript",
        "capacity": 8,
        "notify": "digest",
    },
}

REMARKS = {
    "mentor": [
        ("結論を先に", "最初の一文で結論を伝えると、読み手が迷わずに読み進められます。"),
        ("一文一義", "一つの文に入れる情報は一つにしましょう。60字を超える文は、分けられないか見直してみてください。"),
        ("数字で伝える", "「たくさん」「すぐに」のような言葉は、できるだけ数字に置き換えると伝わりやすくなります。"),
        ("条件は箇条書き", "日時・場所・費用のような条件は、箇条書きにするとスマートフォンでも一目でわかります。"),
        ("良い点を伸ばす", "読み手の立場に立った言葉選びができています。この書き方をほかの段落にも広げてみましょう。"),
    ],
    "mentor2": [
        ("コントラスト", "文字と背景のコントラストが弱い箇所があります。4.5:1以上を目安に見直しましょう。"),
        ("余白をそろえる", "要素の間の余白を同じ値にそろえると、全体が落ち着いた印象になります。"),
        ("まず結論の一文", "自己紹介は、何を頼める人なのかを最初の一文で伝えると、依頼主の目に留まりやすくなります。"),
    ],
}

# (assignment slug, learner, attempt): points per criterion in rubric order, comments, passage comments.
REVIEWS = [
    (
        "rewrite-long-sentences",
        "learner",
        1,
        [2, 1, 2, 2],
        [
            "一文が短くなり、読みやすくなりました。",
            "条件が文章に埋もれています。",
            "表記はおおむねそろっています。",
            "字数と内容の条件は満たしています。",
        ],
        [
            ("会場は町の公民館の調理室です。", "日時と場所は、見出しか箇条書きにして最初に目に入るようにしましょう。"),
            (
                "たくさんのご参加をお待ちしております。",
                "「たくさん」は数がわからない言葉です。言い換えを考えてみましょう。",
            ),
        ],
    ),
    (
        "rewrite-long-sentences",
        "learner",
        2,
        [3, 3, 3, 2],
        [
            "スマートフォンでも一目でわかります。",
            "見出しから本文への流れが自然です。",
            "表記が統一されています。",
            "条件どおりです。",
        ],
        [],
    ),
    (
        "my-profile",
        "learner2",
        1,
        [1, 2, 2, 1],
        [
            "何を頼める人かが最初に伝わると、さらに良くなります。",
            "経歴の順番は自然です。",
            "丁寧に書けています。",
            "実績の数字が入っていません。",
        ],
        [
            ("はじめまして。", "あいさつより先に、できることを一文で伝えてみましょう。"),
            ("パンフレットやウェブサイトの文章を担当していました。", "冊数や本数など、実績を数字で示しましょう。"),
        ],
    ),
]

THREAD = [
    ("learner", "「たくさん」は、どんな言葉に言い換えるとよいでしょうか。"),
    (
        "mentor",
        "人数がわかっていれば「20名さま」、わからなければ「皆さまの」で十分です。数えられない言葉は避けましょう。",
    ),
]

MEETUPS = [
    {
        "slug": "moyamoya-2025-spring",
        "title": "もやもや相談会：提案文と見積もりの悩みを持ち寄ろう",
        "days": 10,
        "start": datetime.time(19, 0),
        "minutes": 120,
        "place": "まちづくりセンター 2階 研修室（駅から徒歩5分）",
        "online_url": "https://meet.example.jp/tsunagu-moyamoya",
        "capacity": 8,
        "hosts": ["mentor"],
        "description": (
            "<p>提案文を送っても返事が来ない、見積もりの金額に自信がない。そんなもやもやを持ち寄る会です。"
            "前半は進み具合の共有、後半はテーマごとに分かれて相談します。</p>"
            "<ul><li>持ち物：書きかけの提案文や見積もり（なくても大丈夫です）</li>"
            "<li>オンラインからも参加できます</li></ul>"
        ),
        "replies": ["learner", "learner2"],
        "reports": {
            "learner": (
                "料理教室の告知文を書き直して、合格をもらいました。",
                "提案文で、自分の強みをどう書けばよいかわかりません。",
                "募集を3件選んで、提案文を書いてみます。",
            ),
            "learner2": (
                "自己紹介文を書き直して、もう一度提出しました。",
                "時給の考え方がまだよくわかりません。",
                "見積もりのレッスンを最後まで読みます。",
            ),
        },
    },
    {
        "slug": "moyamoya-online-design",
        "title": "オンラインもやもや相談会：作りかけのデザインを見せ合おう",
        "days": 17,
        "start": datetime.time(20, 0),
        "minutes": 90,
        "place": "",
        "online_url": "https://meet.example.jp/tsunagu-design",
        "capacity": 2,
        "hosts": ["mentor2"],
        "description": (
            "<p>少人数で、作りかけのバナーやページを画面共有しながら相談します。"
            "配色や文字の大きさなど、一人では決めにくいところを一緒に考えましょう。</p>"
        ),
        "replies": ["learner", "learner2"],
        "reports": {
            "learner": (
                "Webデザイン入門のレッスンを2つ読みました。",
                "配色を決めるときに、何色まで使ってよいのか迷います。",
                "カフェのトップページ案を作り始めます。",
            ),
        },
    },
]


# (assignment slug, learner, attempt): hours ago it was submitted, then hours to the claim and to the decision.
TIMES = [
    ("rewrite-long-sentences", "learner", 1, 20 * 24, 18, 26),
    ("rewrite-long-sentences", "learner", 2, 17 * 24, 5, 9),
    ("my-profile", "learner2", 1, 9 * 24, 30, 40),
    ("my-profile", "learner2", 2, 80, None, None),
    ("rewrite-long-sentences", "learner2", 1, 50, 47, None),
]


def load(ctx: DemoContext) -> None:
    profiles = _load_profiles(ctx)
    remarks = _load_remarks(ctx)
    reviews = _load_reviews(ctx)
    in_review = _load_in_review(ctx)
    _spread_over_time(ctx)
    index, meetups = _load_meetups(ctx)
    ctx.pages["meetups"] = index
    ctx.say(
        f"  mentoring: {len(profiles)} mentor profiles, {remarks} saved remarks, {reviews} reviews filled in, "
        f"{in_review} in review, {len(meetups)} meetups"
    )


def _load_profiles(ctx: DemoContext) -> list[MentorProfile]:
    courses = list(CoursePage.objects.select_related("category"))
    profiles = []
    for username, values in PROFILES.items():
        user = ctx.users.get(username)
        if user is None:
            continue
        profile = MentorProfile.objects.filter(user=user).first()
        if profile is None:
            profile = MentorProfileFactory(user=user, **values)
        for course in courses:
            if course.category and MENTOR_BY_CATEGORY.get(course.category.slug) == username:
                MentorScope.objects.get_or_create(profile=profile, course=course, cohort=None)
        profiles.append(profile)
    # mentor2 also reviews the members of the writing cohort (a scope limited to one cohort).
    cohort = Cohort.objects.filter(name=COHORT["name"]).select_related("course").first()
    if cohort is not None and "mentor2" in ctx.users:
        profile = MentorProfile.objects.get(user=ctx.users["mentor2"])
        MentorScope.objects.get_or_create(profile=profile, course=cohort.course, cohort=cohort)
    return profiles


def _load_remarks(ctx: DemoContext) -> int:
    count = 0
    for username, entries in REMARKS.items():
        user = ctx.users.get(username)
        if user is None:
            continue
        for label, text in entries:
            CommentBankEntry.objects.get_or_create(mentor=user, label=label, defaults={"text": text})
            count += 1
    return count


def _attempt(ctx: DemoContext, slug: str, username: str, attempt: int) -> Submission | None:
    user = ctx.users.get(username)
    assignment = (ctx.pages.get("assignments") or {}).get(slug) or AssignmentPage.objects.filter(slug=slug).first()
    if user is None or assignment is None:
        return None
    return Submission.objects.filter(assignment=assignment, learner=user, attempt=attempt).first()


def _load_reviews(ctx: DemoContext) -> int:
    """Give the demo's decided attempts the scores and passage comments a mentor would have written."""
    filled = 0
    for slug, username, attempt, points, comments, passages in REVIEWS:
        submission = _attempt(ctx, slug, username, attempt)
        review = Review.objects.filter(submission=submission).first() if submission else None
        if review is None or not review.is_released or review.scores.exists():
            continue
        for order, criterion in enumerate(review.get_criteria()):
            if order >= len(points):
                break
            CriterionScore.objects.create(
                review=review,
                criterion=criterion,
                title=criterion.title,
                points=min(points[order], criterion.max_points),
                max_points=criterion.max_points,
                comment=comments[order],
                sort_order=order,
            )
        text = submission.body_text
        for quote, comment in passages:
            anchor = locate(text, quote)
            if anchor is None:
                continue
            prefix, suffix = context_of(text, anchor.start, anchor.end)
            Annotation.objects.create(
                review=review,
                start=anchor.start,
                end=anchor.end,
                quote=quote,
                prefix=prefix,
                suffix=suffix,
                comment=comment,
                author=review.mentor,
            )
        filled += 1
    # The second attempt's review shows which comments of the first still apply.
    second = _attempt(ctx, "rewrite-long-sentences", "learner", 2)
    review = Review.objects.filter(submission=second).first() if second else None
    if review is not None and not review.annotations.exists():
        review.carry_annotations_over()
    first = _attempt(ctx, "rewrite-long-sentences", "learner", 1)
    if first is not None and first.feedback_released and not FeedbackMessage.objects.filter(submission=first).exists():
        for username, body in THREAD:
            if username in ctx.users:
                FeedbackMessage.post(first, ctx.users[username], body)
    return filled


def _load_in_review(ctx: DemoContext) -> int:
    """mentor2 takes learner2's waiting rewrite (a cohort member) and starts a draft."""
    submission = _attempt(ctx, "rewrite-long-sentences", "learner2", 1)
    mentor2 = ctx.users.get("mentor2")
    if submission is None or mentor2 is None or submission.status != Submission.Status.SUBMITTED:
        return 0
    claim(submission, mentor2)
    review = Review.objects.get(submission=submission)
    criteria = review.get_criteria()
    review.save_draft(
        mentor2,
        overall_comment="日時と場所が最初の段落にまとまっていて、読み手にやさしい文章です。",
        decision="",
        scores={criterion.pk: (2, "") for criterion in criteria[:2]},
    )
    review.add_annotation(mentor2, comment="「心配いりません」は、少しくだけた印象です。", quote="心配いりません")
    return 1


def _spread_over_time(ctx: DemoContext) -> None:
    """The demo's work was all done a moment ago; give it the days and hours real work takes, so that
    waiting times, the dashboard's medians and its weekly chart show something. Only timestamps move
    (the states stay as the state methods left them), and only once: work already in the past is left."""
    now = timezone.now()
    for slug, username, attempt, hours_ago, to_claim, to_decision in TIMES:
        submission = _attempt(ctx, slug, username, attempt)
        if (
            submission is None
            or submission.submitted_at is None
            or now - submission.submitted_at > datetime.timedelta(hours=1)
        ):
            continue
        submitted_at = now - datetime.timedelta(hours=hours_ago)
        claimed_at = submitted_at + datetime.timedelta(hours=to_claim) if to_claim is not None else None
        decided_at = submitted_at + datetime.timedelta(hours=to_decision) if to_decision is not None else None
        created_at = submitted_at - datetime.timedelta(hours=2)
        updates = {
            "submitted_at": submitted_at,
            "created_at": created_at,
            "updated_at": decided_at or claimed_at or submitted_at,
        }
        if claimed_at is not None and submission.claimed_at is not None:
            lease = submission.claim_expires_at - submission.claimed_at
            updates.update(claimed_at=claimed_at, claim_expires_at=claimed_at + lease)
        if decided_at is not None and submission.decided_at is not None:
            updates["decided_at"] = decided_at
        Submission.objects.filter(pk=submission.pk).update(**updates)
        moments = {"create": created_at, "submit": submitted_at, "claim": claimed_at, "approve": decided_at}
        moments["request_changes"] = decided_at
        moments["start_revision"] = decided_at + datetime.timedelta(hours=20) if decided_at else None
        for event in submission.events.all():
            moment = moments.get(event.action)
            if moment is not None:
                type(event).objects.filter(pk=event.pk).update(created_at=moment)
        review = Review.objects.filter(submission=submission).first()
        if review is not None:
            Review.objects.filter(pk=review.pk).update(
                created_at=claimed_at or review.created_at,
                updated_at=decided_at or claimed_at or review.updated_at,
                released_at=decided_at if review.released_at else None,
            )
            for number, message in enumerate(FeedbackMessage.objects.filter(submission=submission).order_by("pk")):
                FeedbackMessage.objects.filter(pk=message.pk).update(
                    created_at=(decided_at or now) + datetime.timedelta(hours=3 + 5 * number)
                )


def _at(days: int, start: datetime.time) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, start))


def _load_meetups(ctx: DemoContext) -> tuple[MeetupIndexPage, list[MeetupPage]]:
    home = ctx.pages.get("home") or Site.objects.get(is_default_site=True).root_page.specific
    index = MeetupIndexPage.objects.child_of(home).filter(slug="meetups").first()
    if index is None:
        index = MeetupIndexPageFactory(
            parent=home,
            title="もやもや相談会",
            slug="meetups",
            intro=(
                "<p>学習や仕事探しの途中で感じた「もやもや」を、メンターや仲間と話して解消する会です。"
                "初めての方も、聞くだけの参加も歓迎します。</p>"
            ),
        )
        index.save_revision().publish()
    meetups = []
    for data in MEETUPS:
        meetup = MeetupPage.objects.child_of(index).filter(slug=data["slug"]).first()
        starts_at = _at(data["days"], data["start"])
        ends_at = starts_at + datetime.timedelta(minutes=data["minutes"])
        hosts = [ctx.users[name] for name in data["hosts"] if name in ctx.users]
        if meetup is None:
            meetup = MeetupPageFactory(
                parent=index,
                slug=data["slug"],
                title=data["title"],
                starts_at=starts_at,
                ends_at=ends_at,
                place=data["place"],
                online_url=data["online_url"],
                capacity=data["capacity"],
                description=data["description"],
                hosts=hosts,
            )
            meetup.save_revision().publish()
        elif meetup.has_ended():
            # A demo loaded long ago: move the meetup ahead again.
            meetup.starts_at, meetup.ends_at = starts_at, ends_at
            meetup.save_revision().publish()
        meetup = MeetupPage.objects.get(pk=meetup.pk)
        for username in data["replies"]:
            user = ctx.users.get(username)
            if user is not None and not MeetupRegistration.objects.filter(meetup=meetup, user=user).exists():
                meetup.rsvp(user)
        for username, (done, stuck, next_step) in data["reports"].items():
            user = ctx.users.get(username)
            if user is not None and not ProgressReport.objects.filter(meetup=meetup, user=user).exists():
                meetup.post_report(user, done=done, stuck=stuck, next_step=next_step)
        meetups.append(meetup)
    return index, meetups
