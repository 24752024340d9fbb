"""The scale data sets of QUALITY.md ("Performance"), built with bulk inserts.

| size | courses | steps | learners | submissions |
|---|---|---|---|---|
| S | 10 | 100 | 100 | 1,000 |
| M | 100 | 1,000 | 1,000 | 10,000 |
| L | 1,000 | 10,000 | 10,000 | 100,000 |

(XS, 3/20/12/40, is for the tests.) Each size is a set of its own that can live
next to the others in one database, so that the benchmark compares S and L in
one run:

- a catalog page `/scale-<size>/` under the home page with the courses; each
  course has its steps (two lessons, then an assignment, repeated), a cover
  image, tags, one mentor, a cohort for every fourth course;
- users `scale-<size>-learner-00001`..., `scale-<size>-mentor-001`... (one per
  ten courses, each reviewing its courses) and `scale-<size>-lead`, who reviews
  every course of the set (the mentor queue of the benchmark), all with the
  password `SCALE_PASSWORD`;
- enrolments (five per learner on average, popular courses more often;
  learner 00001 has twenty, learner 00002 two), step progress, certificates;
- exactly the size's number of submissions, none of them drafts, in the
  states a programme with a review backlog has: attempts that were sent back
  and revised, approved ones, claimed ones under review, and many waiting,
  spread over the past year with their event timelines and mentors' reviews.

Everything is written in one transaction; a size that exists is refused
unless `replace=True`, which deletes it first. Deterministic: the same size
gives the same rows (apart from ids and dates relative to now).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import random
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Count
from django.db.models.signals import post_delete
from django.utils import timezone
from PIL import Image as PillowImage
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_unpublished

from assignments.models import AssignmentPage, DueMode, Rubric, RubricCriterion, Submission, SubmissionEvent
from assignments.models.pages import SubmissionKind
from assignments.sanitize import clean
from assignments.text import count_characters
from courses import signal_handlers as course_signal_handlers
from courses.models import (
    Certificate,
    Cohort,
    CourseIndexPage,
    CoursePage,
    CoursePageTag,
    Enrollment,
    EnrollmentEvent,
    LessonPage,
    SkillCategory,
    StepProgress,
)
from courses.models.enrolment import new_certificate_code, new_invite_code
from courses.utils import display_name
from mentoring.models import CriterionScore, MentorProfile, MentorScope, NotifyMode, Review

from . import texts
from .bulk import PageTree, insert_rows, reserve_ids
from .progress import ProgressBar

SCALE_PASSWORD = "tsunagu-scale"  # noqa: S105 (published, like the demo's: scale data is for test sites)
COVER_TITLE = "Tsunagu scale cover"
STATUS = Submission.Status
DRAFT, SUBMITTED, IN_REVIEW = STATUS.DRAFT.value, STATUS.SUBMITTED.value, STATUS.IN_REVIEW.value
APPROVED, CHANGES_REQUESTED = STATUS.APPROVED.value, STATUS.CHANGES_REQUESTED.value

# Shares of the last attempt of a chain (an assignment a learner worked on).
FINAL_STATES = [(APPROVED, 30), (SUBMITTED, 52), (IN_REVIEW, 8), (CHANGES_REQUESTED, 10)]
# How many attempts a chain has: earlier attempts were sent back ("changes requested") and revised.
ATTEMPTS = [(1, 80), (2, 17), (3, 3)]
ENROLMENTS_PER_LEARNER = [(1, 8), (2, 10), (3, 12), (4, 14), (5, 14), (6, 13), (7, 11), (8, 10), (9, 8)]


@dataclass(frozen=True)
class ScaleSize:
    code: str
    courses: int
    steps: int
    learners: int
    submissions: int

    @property
    def slug(self) -> str:
        return f"scale-{self.code.lower()}"

    @property
    def user_prefix(self) -> str:
        return f"{self.slug}-"

    @property
    def mentors(self) -> int:
        return max(2, self.courses // 10)

    def learner_name(self, number: int) -> str:
        return f"{self.user_prefix}learner-{number:05d}"

    def mentor_name(self, number: int) -> str:
        return f"{self.user_prefix}mentor-{number:03d}"

    @property
    def lead_name(self) -> str:
        return f"{self.user_prefix}lead"


SIZES: dict[str, ScaleSize] = {
    "XS": ScaleSize("XS", courses=3, steps=20, learners=12, submissions=40),
    "S": ScaleSize("S", courses=10, steps=100, learners=100, submissions=1_000),
    "M": ScaleSize("M", courses=100, steps=1_000, learners=1_000, submissions=10_000),
    "L": ScaleSize("L", courses=1_000, steps=10_000, learners=10_000, submissions=100_000),
}


class ScaleSetExists(Exception):
    """The size is already in the database."""


def home_page() -> Page:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise RuntimeError("There is no default Wagtail site: run `manage.py migrate` first.")
    return site.root_page


def find_catalog(size: ScaleSize) -> CourseIndexPage | None:
    return CourseIndexPage.objects.child_of(home_page()).filter(slug=size.slug).first()


def present_sizes() -> list[ScaleSize]:
    """The sizes whose catalog exists, smallest first."""
    slugs = set(CourseIndexPage.objects.child_of(home_page()).values_list("slug", flat=True))
    return [size for size in SIZES.values() if size.slug in slugs]


@dataclass
class SeedReport:
    size: str
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    queue: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"size": self.size, "seconds": round(self.seconds, 1), "rows": self.rows, "queue": self.queue}


# Plans: plain objects, built in memory before anything is written --------------------------------


class StepPlan:
    __slots__ = ("index", "is_assignment", "optional", "page")

    def __init__(self, index: int, is_assignment: bool, optional: bool):
        self.index = index
        self.is_assignment = is_assignment
        self.optional = optional
        self.page = None


class CoursePlan:
    __slots__ = ("assignment_positions", "cohort", "index", "mentor", "page", "published_at", "steps")

    def __init__(self, index: int, steps: list[StepPlan], published_at: dt.datetime, mentor: int):
        self.index = index
        self.steps = steps
        self.assignment_positions = [step.index for step in steps if step.is_assignment]
        self.published_at = published_at
        self.mentor = mentor
        self.page = None
        self.cohort = None


class Chain:
    """A learner's attempts at one assignment: `attempts` of them, the last one in `final`."""

    __slots__ = ("attempts", "final")

    def __init__(self, attempts: int, final: str):
        self.attempts = attempts
        self.final = final


class EnrollmentPlan:
    __slots__ = ("chains", "course", "in_cohort", "learner", "finished", "reached", "row")

    def __init__(self, learner: int, course: CoursePlan, reached: int, chains: dict[int, Chain], in_cohort: bool):
        self.learner = learner
        self.course = course
        self.reached = reached  # index of the step the learner is at (every step before it was opened)
        self.chains = chains  # assignment position -> its chain
        self.in_cohort = in_cohort
        self.finished = False
        self.row = None

    def submissions(self) -> int:
        return sum(chain.attempts for position, chain in self.chains.items() if position <= self.reached)


ASSIGNMENT_INSTRUCTIONS = texts.paragraphs_html(
    ["指示に沿って文章を書き、提出してください。", "読み手を一人決めてから書き始めると、まとまりやすくなります。"]
)


def lesson_body(rng: random.Random) -> list:
    """A lesson's StreamField content: a heading, a few paragraphs and a checklist."""
    blocks = [("heading", "ポイント")]
    for _ in range(rng.randint(2, 4)):
        blocks.append(("paragraph", texts.paragraphs_html(texts.pick_sentences(rng, texts.SENTENCES, 3))))
    blocks.append(("checklist", texts.pick_sentences(rng, texts.SENTENCES, 3)))
    return blocks


def _weighted(rng: random.Random, pairs: list[tuple]):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def plan_courses(size: ScaleSize, rng: random.Random, now: dt.datetime) -> list[CoursePlan]:
    base, extra = divmod(size.steps, size.courses)
    courses = []
    for index in range(size.courses):
        count = base + (1 if index < extra else 0)
        steps = [
            StepPlan(position, is_assignment=position % 3 == 2, optional=position % 3 != 2 and position % 7 == 6)
            for position in range(count)
        ]
        published = now - dt.timedelta(days=rng.uniform(30, 730))
        courses.append(CoursePlan(index, steps, published, mentor=index % size.mentors))
    return courses


def plan_enrollments(
    size: ScaleSize, courses: list[CoursePlan], rng: random.Random
) -> tuple[list[EnrollmentPlan], dict[int, list[EnrollmentPlan]]]:
    """Who takes which course and how far they got, with exactly `size.submissions` submissions in all."""
    popularity = [1 / (rank + 1) ** 0.6 for rank in range(len(courses))]
    order = list(range(len(courses)))
    rng.shuffle(order)  # popularity does not follow the course number
    cumulative = []
    running = 0.0
    for rank in range(len(courses)):
        running += popularity[rank]
        cumulative.append(running)
    enrollments: list[EnrollmentPlan] = []
    by_learner: dict[int, list[EnrollmentPlan]] = defaultdict(list)
    for learner in range(size.learners):
        if learner == 0:
            wanted = min(20, len(courses))
        elif learner == 1:
            wanted = min(2, len(courses))
        else:
            wanted = min(_weighted(rng, ENROLMENTS_PER_LEARNER), len(courses))
        chosen: list[int] = []
        seen: set[int] = set()
        while len(chosen) < wanted:
            for rank in rng.choices(range(len(courses)), cum_weights=cumulative, k=wanted * 2):
                course_index = order[rank]
                if course_index not in seen:
                    seen.add(course_index)
                    chosen.append(course_index)
                    if len(chosen) == wanted:
                        break
        for course_index in chosen:
            course = courses[course_index]
            count = len(course.steps)
            reached = min(count - 1, int(rng.betavariate(1.0, 1.3) * count))
            chains = {
                position: Chain(_weighted(rng, ATTEMPTS), _weighted(rng, FINAL_STATES))
                for position in course.assignment_positions
            }
            plan = EnrollmentPlan(learner, course, reached, chains, in_cohort=rng.random() < 0.4)
            enrollments.append(plan)
            by_learner[learner].append(plan)
    _fit_submissions(size.submissions, enrollments, rng)
    for plan in enrollments:
        count = len(plan.course.steps)
        plan.finished = plan.reached == count - 1 and rng.random() < 0.6
    return enrollments, by_learner


def _fit_submissions(target: int, enrollments: list[EnrollmentPlan], rng: random.Random) -> None:
    """Move learners back or forward through their courses until there are exactly `target` submissions."""
    total = sum(plan.submissions() for plan in enrollments)
    with_work = [plan for plan in enrollments if plan.course.assignment_positions]
    if not with_work and target:
        raise ValueError("No course has an assignment: submissions cannot be placed.")
    while total > target:
        plan = rng.choice(with_work)
        passed = [position for position in plan.course.assignment_positions if position <= plan.reached]
        if not passed:
            continue
        last = passed[-1]
        total -= plan.chains[last].attempts
        plan.reached = last - 1
    stalled = 0
    while total < target:
        plan = rng.choice(with_work)
        ahead = [position for position in plan.course.assignment_positions if position > plan.reached]
        if not ahead:
            stalled += 1
            if stalled > 50 * len(with_work):
                break
            continue
        chain = plan.chains[ahead[0]]
        chain.attempts = min(chain.attempts, target - total)
        plan.reached = ahead[0]
        total += chain.attempts
    if total < target:  # every learner is at the end: give chains more attempts
        for plan in with_work:
            for position, chain in plan.chains.items():
                while position <= plan.reached and chain.attempts < 3 and total < target:
                    chain.attempts += 1
                    total += 1
        if total < target:
            raise ValueError(f"Only {total} submissions fit the plan; {target} were asked for.")


# Writing ---------------------------------------------------------------------------------------------


class ScaleSeeder:
    def __init__(self, size: ScaleSize, *, stream: TextIO | None = None, progress: bool = True):
        self.size = size
        self.rng = random.Random(f"tsunagu-scale-{size.code}")  # noqa: S311 (test data, not secrets)
        self.now = timezone.now()
        self.counts: Counter = Counter()
        weights = {
            "pages": 1.0,
            "users": 1.0,
            "mentors": 0.2,
            "submissions": 3.0,
            "enrolments": 1.0,
            "step progress": 2.0,
            "submissions written": 3.0,
            "events": 2.0,
            "reviews": 2.0,
        }
        self.bar = ProgressBar(f"seed_scale {size.code}", weights, stream=stream, enabled=progress)

    # Entry point -------------------------------------------------------------------------------

    def run(self) -> SeedReport:
        started = time.monotonic()
        courses = plan_courses(self.size, self.rng, self.now)
        enrollments, by_learner = plan_enrollments(self.size, courses, self.rng)
        with transaction.atomic():
            shared = self.shared_objects()
            catalog = self.create_catalog()
            self.write_pages(catalog, courses, enrollments, shared)
            learners, mentors, lead = self.write_users()
            self.write_mentors(courses, mentors, lead)
            self.write_cohorts(courses)
            self.write_work(enrollments, learners, mentors, shared["rubric"])
        seconds = self.bar.done()
        report = SeedReport(self.size.code, seconds or time.monotonic() - started, rows=dict(self.counts))
        report.queue = queue_figures(self.size)
        return report

    # Shared ------------------------------------------------------------------------------------

    def shared_objects(self) -> dict:
        categories = []
        for order, (slug, name) in enumerate(texts.CATEGORIES):
            category, _created = SkillCategory.objects.get_or_create(
                slug=slug, defaults={"name": name, "sort_order": order}
            )
            categories.append(category)
        tags = []
        for name in texts.TAGS:
            tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
            tags.append(tag)
        rubric = Rubric.objects.create(name=f"規模検証 {self.size.code} の評価基準", description="")
        for order, title in enumerate(["読み手に合っているか", "構成", "表記と正確さ"]):
            RubricCriterion.objects.create(
                rubric=rubric,
                sort_order=order,
                title=title,
                levels=[
                    ("level", {"points": 3, "descriptor": "十分にできている"}),
                    ("level", {"points": 2, "descriptor": "おおむねできている"}),
                    ("level", {"points": 1, "descriptor": "改善が必要"}),
                ],
            )
        return {"categories": categories, "tags": tags, "rubric": rubric, "cover": cover_image()}

    def create_catalog(self) -> CourseIndexPage:
        catalog = CourseIndexPage(
            title=f"コース一覧（規模検証 {self.size.code}）",
            slug=self.size.slug,
            intro="<p>性能を測るための大量のコースです。</p>",
        )
        home_page().add_child(instance=catalog)
        return catalog

    # Pages -------------------------------------------------------------------------------------

    def write_pages(self, catalog, courses: list[CoursePlan], enrollments, shared) -> None:
        rng = self.rng
        enrolment_counts = Counter(plan.course.index for plan in enrollments)
        tree = PageTree(catalog, now=self.now)
        categories, tags = shared["categories"], shared["tags"]
        lesson_bodies = [lesson_body(rng) for _ in range(12)]
        instructions = texts.paragraphs_html(
            [
                "指示に沿って文章を書き、提出してください。",
                "読み手を一人決めてから書き始めると、まとまりやすくなります。",
            ]
        )
        course_tags = []
        for plan in courses:
            category_index = plan.index % len(categories)
            slug, _name = texts.CATEGORIES[category_index]
            topic = rng.choice(texts.TOPICS[slug])
            title = f"{topic}{rng.choice(texts.TITLE_SUFFIXES)} {plan.index + 1}"
            course = CoursePage(
                title=title,
                slug=f"c{plan.index + 1:05d}",
                summary="".join(texts.pick_sentences(rng, texts.SENTENCES, 2))[:390],
                level=1 + plan.index % 4,
                category_id=categories[category_index].pk,
                hours=rng.randint(2, 24),
                cover_image_id=shared["cover"].pk,
                description=texts.paragraphs_html(texts.pick_sentences(rng, texts.SENTENCES, 3)),
                outcomes=[("outcome", sentence) for sentence in texts.pick_sentences(rng, texts.SENTENCES, 3)],
                prerequisite_policy="recommend",
                open_enrolment=True,
                enrolment_count=enrolment_counts[plan.index],
            )
            plan.page = tree.add(catalog, course, published_at=plan.published_at)
            course_tags.append((plan, rng.sample(tags, 2)))
            for step in plan.steps:
                published = plan.published_at + dt.timedelta(minutes=step.index)
                if step.is_assignment:
                    first = step.index == plan.assignment_positions[0]
                    page = AssignmentPage(
                        title=f"{texts.ASSIGNMENT_TITLES[step.index % len(texts.ASSIGNMENT_TITLES)]}（{step.index + 1}）",
                        slug=f"s{step.index + 1:03d}",
                        instructions=instructions,
                        submission_kind=SubmissionKind.TEXT,
                        min_chars=200,
                        max_chars=None if first else rng.choice([800, 1200, 2000, 3000]),
                        rubric_id=shared["rubric"].pk,
                        due_mode=DueMode.NONE if first or step.index % 2 else DueMode.AFTER_ENROLMENT,
                        due_days=None if first or step.index % 2 else 14,
                        attempts_allowed=3,
                        is_optional=False,
                    )
                else:
                    page = LessonPage(
                        title=f"{texts.LESSON_TITLES[step.index % len(texts.LESSON_TITLES)]}（{step.index + 1}）",
                        slug=f"s{step.index + 1:03d}",
                        summary=rng.choice(texts.SENTENCES),
                        minutes=rng.choice([5, 10, 15, 20]),
                        is_preview=step.index == 0 and plan.index % 5 == 0,
                        is_optional=step.optional,
                        body=rng.choice(lesson_bodies),
                    )
                step.page = tree.add(plan.page, page, published_at=published)
        self.bar.step("pages", len(tree.pages))
        self.counts["pages"] = tree.insert(progress=self.bar) + 1
        insert_rows(
            CoursePageTag,
            ["content_object_id", "tag_id"],
            ((plan.page.pk, tag.pk) for plan, chosen in course_tags for tag in chosen),
        )
        self.counts["course tags"] = 2 * len(course_tags)

    # Users -------------------------------------------------------------------------------------

    def write_users(self):
        size, rng = self.size, self.rng
        user_model = get_user_model()
        password = make_password(SCALE_PASSWORD)
        family = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田"]
        given = ["陽子", "美咲", "健太", "大輔", "由美", "翔太", "彩", "直樹", "真由美", "拓也", "愛", "恵"]
        names = [size.learner_name(number + 1) for number in range(size.learners)]
        mentor_names = [size.mentor_name(number + 1) for number in range(size.mentors)]
        self.bar.step("users", len(names) + len(mentor_names) + 1)
        users = []
        for username in [*names, *mentor_names, size.lead_name]:
            users.append(
                user_model(
                    username=username,
                    email=f"{username}@example.com",
                    first_name=rng.choice(given),
                    last_name=rng.choice(family),
                    password=password,
                    is_active=True,
                    date_joined=self.now - dt.timedelta(days=rng.uniform(1, 800)),
                )
            )
        created = []
        for start in range(0, len(users), 2000):
            created.extend(user_model.objects.bulk_create(users[start : start + 2000]))
            self.bar.advance(min(2000, len(users) - start))
        insert_rows(
            EmailAddress,
            ["user_id", "email", "verified", "primary"],
            ((user.pk, user.email, True, True) for user in created),
        )
        learners = created[: len(names)]
        mentors = created[len(names) : len(names) + len(mentor_names)]
        lead = created[-1]
        memberships = []
        group_ids = dict(Group.objects.filter(name__in=["Learners", "Mentors"]).values_list("name", "pk"))
        if "Learners" in group_ids:
            memberships.extend((user.pk, group_ids["Learners"]) for user in learners)
        if "Mentors" in group_ids:
            memberships.extend((user.pk, group_ids["Mentors"]) for user in [*mentors, lead])
        insert_rows(user_model.groups.through, ["user_id", "group_id"], memberships)
        self.counts["users"] = len(created)
        return learners, mentors, lead

    def write_mentors(self, courses: list[CoursePlan], mentors, lead) -> None:
        self.bar.step("mentors", len(mentors) + 1)
        profiles = MentorProfile.objects.bulk_create(
            [
                MentorProfile(
                    user=user,
                    bio="在宅ワークの経験をもとに、一人ひとりの課題に丁寧にコメントします。",
                    specialties="Webライティング、提案文",
                    capacity=10,
                    accepting=True,
                    notify=NotifyMode.IMMEDIATE,
                )
                for user in mentors
            ]
            + [
                MentorProfile(
                    user=lead,
                    bio="講座全体の添削を取りまとめています。",
                    capacity=50,
                    accepting=True,
                    notify=NotifyMode.DIGEST,
                )
            ]
        )
        lead_profile = profiles[-1]
        scopes = [(profiles[plan.mentor].pk, plan.page.pk, 0) for plan in courses]
        scopes += [(lead_profile.pk, plan.page.pk, order) for order, plan in enumerate(courses)]
        insert_rows(MentorScope, ["profile_id", "course_id", "sort_order"], scopes)
        insert_rows(
            CoursePage.mentors.through,
            ["coursepage_id", "user_id"],
            ((plan.page.pk, mentors[plan.mentor].pk) for plan in courses),
        )
        self.counts["mentor profiles"] = len(profiles)
        self.counts["mentor scopes"] = len(scopes)

    def write_cohorts(self, courses: list[CoursePlan]) -> None:
        cohorts = []
        for plan in courses:
            if plan.index % 4 == 0:
                starts = (plan.published_at + dt.timedelta(days=14)).date()
                plan.cohort = Cohort(
                    course_id=plan.page.pk,
                    name=f"{starts.year}年{starts.month}月開講ゼミ",
                    starts_on=starts,
                    ends_on=starts + dt.timedelta(days=90),
                    enrolment_key="",
                    invite_code=new_invite_code(),
                    is_open=True,
                )
                cohorts.append(plan.cohort)
        Cohort.objects.bulk_create(cohorts)
        self.counts["cohorts"] = len(cohorts)

    # Enrolments, progress and submissions -----------------------------------------------------

    def _timeline(self, plan: EnrollmentPlan) -> tuple[dt.datetime, list[dt.datetime]]:
        """When the learner enrolled and when they opened each step up to the one they are at."""
        rng = self.rng
        latest = self.now - dt.timedelta(hours=4)
        start = plan.course.published_at + dt.timedelta(hours=1)
        enrolled = start + (latest - start) * rng.uniform(0.05, 0.9)
        span = latest - enrolled
        count = plan.reached + 1
        opened = [enrolled + span * ((index + rng.uniform(0.2, 0.8)) / (count + 1)) for index in range(count)]
        return enrolled, opened

    def _bodies(self) -> list[tuple[str, str, int]]:
        rng = self.rng
        bodies = []
        for _ in range(60):
            paragraphs = [
                "".join(texts.pick_sentences(rng, texts.LEARNER_SENTENCES, rng.randint(2, 5)))
                for _ in range(rng.randint(1, 4))
            ]
            text = "\n".join(paragraphs)
            bodies.append((texts.paragraphs_html(paragraphs), text, count_characters(text)))
        return bodies

    def write_work(self, enrollments: list[EnrollmentPlan], learners, mentors, rubric) -> None:
        """Enrolments with their progress, submissions with their events and reviews, certificates.

        Everything is planned in memory as plain rows with ids reserved beforehand, so that
        each table is written once, in bulk, and rows can refer to each other at once.
        """
        rng = self.rng
        bodies = self._bodies()
        feedbacks = [(comment, clean(f"<p>{comment}</p>")) for comment in texts.MENTOR_COMMENTS]
        latest = self.now - dt.timedelta(hours=4)
        lease = dt.timedelta(hours=8)
        total = sum(plan.submissions() for plan in enrollments)
        enrollment_ids = iter(reserve_ids(Enrollment, len(enrollments)))
        submission_ids = iter(reserve_ids(Submission, total))
        names = {learner.pk: display_name(learner) for learner in learners}
        active, completed_status = Enrollment.Status.ACTIVE.value, Enrollment.Status.COMPLETED.value

        enrollment_rows: list[tuple] = []
        enrollment_events: list[tuple] = []
        progress_rows: list[tuple] = []
        certificates: list[Certificate] = []
        submission_rows: list[tuple] = []
        events: list[tuple] = []
        reviews: list[tuple] = []  # without their id, which is reserved once they are counted
        self.bar.step("submissions", total)
        for plan in enrollments:
            learner_id = learners[plan.learner].pk
            mentor_id = mentors[plan.course.mentor].pk
            enrollment_id = next(enrollment_ids)
            enrolled, opened = self._timeline(plan)
            completed_at: dict[int, dt.datetime] = {}
            for step in plan.course.steps[: plan.reached + 1]:
                position = step.index
                start = opened[position]
                end = opened[position + 1] if position + 1 < len(opened) else latest
                if not step.is_assignment:
                    if position < plan.reached or plan.finished:
                        completed_at[position] = start + (end - start) * 0.3
                    continue
                chain = plan.chains[position]
                slot = (end - start) / (chain.attempts + 1)
                late_after = enrolled + dt.timedelta(days=step.page.due_days) if step.page.due_days else None
                for attempt in range(1, chain.attempts + 1):
                    submission_id = next(submission_ids)
                    final = attempt == chain.attempts
                    state = chain.final if final else CHANGES_REQUESTED
                    created = start + slot * (attempt - 1) + slot * 0.05
                    submitted = created + slot * 0.3
                    html, text, count = rng.choice(bodies)
                    claimed_by = claimed = expires = decided_by = decided = revised = None
                    feedback = ""
                    updated = submitted
                    events.append((submission_id, "create", "", DRAFT, learner_id, _note(attempt - 1), created))
                    events.append((submission_id, "submit", DRAFT, SUBMITTED, learner_id, "", submitted))
                    if state == IN_REVIEW:
                        claimed = self.now - dt.timedelta(minutes=rng.uniform(10, 180))
                        claimed_by, expires, updated = mentor_id, claimed + lease, claimed
                        events.append((submission_id, "claim", SUBMITTED, IN_REVIEW, mentor_id, "", claimed))
                        reviews.append((submission_id, mentor_id, "draft", "", "", claimed, claimed, None))
                    elif state in (APPROVED, CHANGES_REQUESTED):
                        claimed = submitted + slot * 0.3
                        decided = claimed + slot * 0.1
                        comment, feedback = rng.choice(feedbacks)
                        claimed_by, expires, decided_by, updated = mentor_id, claimed + lease, mentor_id, decided
                        action = "approve" if state == APPROVED else "request_changes"
                        events.append((submission_id, "claim", SUBMITTED, IN_REVIEW, mentor_id, "", claimed))
                        events.append((submission_id, action, IN_REVIEW, state, mentor_id, "", decided))
                        reviews.append(
                            (submission_id, mentor_id, "released", action, comment, claimed, decided, decided)
                        )
                        if not final:
                            revised = decided + slot * 0.2
                            events.append(
                                (submission_id, "start_revision", state, state, learner_id, str(attempt + 1), revised)
                            )
                        if state == APPROVED:
                            completed_at[position] = decided
                    submission_rows.append(
                        (
                            submission_id,
                            step.page.pk,
                            learner_id,
                            attempt,
                            state,
                            html,
                            text,
                            count,
                            rng.randint(2, 8),
                            late_after is not None and submitted > late_after,
                            created,
                            updated,
                            submitted,
                            claimed_by,
                            claimed,
                            expires,
                            decided_by,
                            decided,
                            feedback,
                            revised,
                        )
                    )
            for step in plan.course.steps[: plan.reached + 1]:
                progress_rows.append(
                    (enrollment_id, step.page.pk, opened[step.index], opened[step.index], completed_at.get(step.index))
                )
            required = [step for step in plan.course.steps if not step.optional]
            done = sum(1 for step in required if step.index in completed_at)
            status, finished_at = active, None
            enrollment_events.append((enrollment_id, "enrol", "", active, learner_id, "", enrolled))
            if required and done == len(required):
                status, finished_at = completed_status, max(completed_at[step.index] for step in required)
                enrollment_events.append((enrollment_id, "complete", active, status, None, "", finished_at))
                certificates.append(
                    Certificate(
                        enrollment_id=enrollment_id,
                        code=new_certificate_code(),
                        learner_name=names[learner_id],
                        course_title=plan.course.page.title,
                        course_level=plan.course.page.level,
                        course_hours=plan.course.page.hours,
                        issued_at=finished_at,
                    )
                )
            cohort = plan.course.cohort if plan.in_cohort else None
            enrollment_rows.append(
                (
                    enrollment_id,
                    learner_id,
                    plan.course.page.pk,
                    cohort.pk if cohort is not None else None,
                    status,
                    enrolled,
                    finished_at,
                    plan.course.steps[plan.reached].page.pk,
                    opened[-1],
                    len(required),
                    done,
                )
            )
            self.bar.advance(plan.submissions())

        self.bar.step("enrolments", len(enrollment_rows))
        self.counts["enrolments"] = insert_rows(
            Enrollment,
            [
                "id",
                "user_id",
                "course_id",
                "cohort_id",
                "status",
                "enrolled_at",
                "completed_at",
                "last_step_id",
                "last_visited_at",
                "steps_required",
                "steps_completed",
            ],
            enrollment_rows,
        )
        self.counts["enrolment events"] = insert_rows(
            EnrollmentEvent,
            ["enrollment_id", "action", "from_status", "to_status", "actor_id", "note", "created_at"],
            enrollment_events,
        )
        Certificate.objects.bulk_create(certificates, batch_size=500)
        self.counts["certificates"] = len(certificates)
        self.bar.step("step progress", len(progress_rows))
        self.counts["step progress"] = insert_rows(
            StepProgress,
            ["enrollment_id", "step_id", "first_viewed_at", "last_viewed_at", "completed_at"],
            progress_rows,
        )
        self.bar.step("submissions written", len(submission_rows))
        self.counts["submissions"] = insert_rows(
            Submission,
            [
                "id",
                "assignment_id",
                "learner_id",
                "attempt",
                "status",
                "body_html",
                "body_text",
                "character_count",
                "version",
                "is_late",
                "created_at",
                "updated_at",
                "submitted_at",
                "claimed_by_id",
                "claimed_at",
                "claim_expires_at",
                "decided_by_id",
                "decided_at",
                "feedback",
                "revised_at",
            ],
            submission_rows,
        )
        self.bar.step("events", len(events))
        self.counts["submission events"] = insert_rows(
            SubmissionEvent,
            ["submission_id", "action", "from_status", "to_status", "actor_id", "note", "created_at"],
            events,
        )
        self.write_reviews(reviews, rubric)

    def write_reviews(self, reviews: list[tuple], rubric) -> None:
        """Mentors' reviews of the claimed attempts, with rubric scores for the released ones."""
        rng = self.rng
        self.bar.step("reviews", len(reviews))
        review_ids = reserve_ids(Review, len(reviews))
        self.counts["reviews"] = insert_rows(
            Review,
            [
                "id",
                "submission_id",
                "mentor_id",
                "status",
                "decision",
                "overall_comment",
                "created_at",
                "updated_at",
                "released_at",
            ],
            ((review_id, *review) for review_id, review in zip(review_ids, reviews, strict=True)),
        )
        criteria = rubric.get_criteria()
        scores = (
            (review_id, criterion.pk, criterion.title, rng.choice([1, 2, 3]), criterion.max_points, "", order)
            for review_id, review in zip(review_ids, reviews, strict=True)
            if review[2] == "released"
            for order, criterion in enumerate(criteria)
        )
        self.counts["criterion scores"] = insert_rows(
            CriterionScore,
            ["review_id", "criterion_id", "title", "points", "max_points", "comment", "sort_order"],
            scores,
        )


def _note(previous_attempt: int) -> str:
    return str(previous_attempt) if previous_attempt else ""


def cover_image():
    """One small cover image shared by every scale course (the catalog cards' renditions)."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=COVER_TITLE).first()
    if image is not None:
        return image
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1280, 720), (46, 125, 110)).save(buffer, format="PNG")
    buffer.seek(0)
    image = image_model(title=COVER_TITLE)
    image.file = ImageFile(buffer, name="scale-cover.png")
    image.save()
    return image


def queue_figures(size: ScaleSize) -> dict[str, int]:
    """The size's submissions by state: what its lead mentor's queue holds."""
    catalog = find_catalog(size)
    if catalog is None:
        return {}
    rows = (
        Submission.objects.filter(assignment__path__startswith=catalog.path)
        .values_list("status")
        .order_by()
        .annotate(count=Count("pk"))
    )
    figures = dict(rows)
    figures["total"] = sum(figures.values())
    return figures


def seed(size: ScaleSize, *, replace: bool = False, stream: TextIO | None = None, progress: bool = True) -> SeedReport:
    """Build the scale set `size`. Raises `ScaleSetExists` when it is there already (unless `replace`)."""
    existing = find_catalog(size)
    if existing is not None:
        if not replace:
            courses = CoursePage.objects.child_of(existing).count()
            raise ScaleSetExists(
                f"The scale set {size.code} already exists ({courses:,} courses under {existing.url_path[5:] or '/'}"
                f"). Run with --replace to delete it and build it again."
            )
        delete_scale_set(size)
    return ScaleSeeder(size, stream=stream, progress=progress).run()


def delete_scale_set(size: ScaleSize) -> bool:
    """Remove everything of one size: its pages, users, their work. Returns False when it was not there."""
    catalog = find_catalog(size)
    users = get_user_model().objects.filter(username__startswith=size.user_prefix)
    with transaction.atomic():
        if catalog is not None:
            delete_course_data(catalog.path)
        Review.objects.filter(submission__learner__in=users).delete()
        Submission.objects.filter(learner__in=users).delete()
        users.delete()
        if catalog is not None:
            delete_pages(catalog)
        Rubric.objects.filter(name=f"規模検証 {size.code} の評価基準").delete()
    return catalog is not None


def delete_course_data(path: str) -> None:
    """Delete the learners' work in the courses under `path`, which protects the pages from deletion."""
    submissions = Submission.objects.filter(assignment__path__startswith=path)
    Review.objects.filter(submission__in=submissions).delete()
    submissions.delete()
    Enrollment.objects.filter(course__path__startswith=path).delete()


@contextmanager
def quiet_page_deletion():
    """Delete many pages without one log line and one course recount per page.

    `courses` recounts a course's enrolments whenever one of its steps is unpublished or
    deleted: once per page, thousands of times for a scale set. Here the enrolments are
    deleted before the pages, so there is nothing to recount; its two receivers are
    disconnected meanwhile and connected again with the same ids.
    """
    wagtail_logger = logging.getLogger("wagtail")
    level = wagtail_logger.level
    wagtail_logger.setLevel(logging.WARNING)
    page_unpublished.disconnect(dispatch_uid="courses_step_unpublished")
    post_delete.disconnect(dispatch_uid="courses_step_deleted")
    try:
        yield
    finally:
        page_unpublished.connect(course_signal_handlers.step_changed, dispatch_uid="courses_step_unpublished")
        post_delete.connect(course_signal_handlers.step_changed, dispatch_uid="courses_step_deleted")
        wagtail_logger.setLevel(level)


def delete_pages(page: Page) -> None:
    """Delete `page` and everything under it (Wagtail's delete, quietly)."""
    with quiet_page_deletion():
        page.delete()
