"""`manage.py bench`: the timed scenarios of QUALITY.md ("Performance"), in one process.

Every request goes through Django's test `Client`, so through the whole
middleware stack, with `DEBUG=False` and the cached template loader. Times are
never judged alone: each scenario runs in rounds with its baseline (and with
its other sizes), the order rotating from round to round, and is reported as
a ratio to the baseline's median measured in the same rounds.

- B0: `HttpResponse("ok")` at a URL registered only inside the benchmark (`home.perf.urls`).
- B1: a `StandardPage` with a title only, on the site's base template, at the
  depth of the page it is compared with (3 for the catalog, 5 for a lesson).

Scenarios (groups): the catalog of each scale set present; a lesson of a course
with 50 and one with 5 steps; the mentor queue of each set (its lead mentor,
who reviews every course of the set); the submit POST of 20,000 Japanese
characters in each set; the learner dashboard with 20 and with 2 enrolments.
The lesson and dashboard cases use a small fixture the benchmark builds next to
the scale sets (so the tables are as large as the biggest set makes them) and
removes afterwards, with the learners it created for the submit rounds.
"""

from __future__ import annotations

import gc
import platform
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

import django
import wagtail
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from assignments.models import AssignmentPage, Submission
from assignments.text import count_characters
from courses.conf import conf as courses_conf
from courses.models import CourseIndexPage, CoursePage, Enrollment, LessonPage, StepProgress
from home.models import StandardPage
from mentoring.models import Review

from . import texts
from .bulk import PageTree
from .seed import (
    ASSIGNMENT_INSTRUCTIONS,
    SIZES,
    ScaleSize,
    delete_pages,
    find_catalog,
    home_page,
    lesson_body,
    present_sizes,
)
from .urls import B0_PATH

PREFIX = "perf-bench"
SUBMIT_CHARACTERS = 20_000
LOCMEM_MAIL = "django.core.mail.backends.locmem.EmailBackend"
NO_PASSWORD = "!"  # noqa: S105 (Django's mark of an unusable password: the benchmark logs in with force_login)

# name -> (ratio goal, baseline, time goal between the smallest and largest size or shape)
GOALS = {
    "catalog": (2.0, "B1 (depth 3)", 1.3),
    "lesson": (2.0, "B1 (depth 5)", None),
    "mentor_queue": (3.0, "B1 (depth 3)", 1.5),
    "submit": (3.0, "B0", None),
    "dashboard": (2.5, "B1 (depth 3)", None),
}
GROUPS = tuple(GOALS)


class BenchError(Exception):
    """A scenario could not be measured (an unexpected answer, missing data)."""


@dataclass
class Probe:
    """One request the benchmark repeats."""

    key: str
    method: str
    path: str
    client: Client
    data: dict | None = None
    expect: int = 200
    prepare: Callable[[], None] | None = None  # untimed, before each request
    size: str | None = None
    times: list[float] = field(default_factory=list)
    queries: int | None = None
    requests: int = 0

    def request(self):
        if self.prepare is not None:
            self.prepare()
        self.requests += 1
        if self.method == "post":
            return self.client.post(self.path, self.data or {})
        return self.client.get(self.path)

    def check(self, response) -> None:
        if response.status_code != self.expect:
            raise BenchError(f"{self.key}: {self.method.upper()} {self.path} answered {response.status_code}")

    def timed(self) -> float:
        if self.prepare is not None:
            self.prepare()
        self.requests += 1
        started = time.perf_counter()
        if self.method == "post":
            response = self.client.post(self.path, self.data or {})
        else:
            response = self.client.get(self.path)
        elapsed = (time.perf_counter() - started) * 1000
        self.check(response)
        return elapsed

    def count_queries(self) -> int:
        with CaptureQueriesContext(connection) as context:
            response = self.request()
        self.check(response)
        return len(context.captured_queries)


@dataclass
class Group:
    name: str
    baseline: Probe
    variants: list[Probe]
    compare: tuple[str, str] | None = None  # keys of the small and the large variant
    compare_label: str = ""
    goal_applies: bool = True  # the time goal is about S and L only
    notes: list[str] = field(default_factory=list)
    verify: Callable[[], str | None] | None = None  # after the rounds: a problem, or None
    # More comparisons to report, without a goal: (small key, large key, label)
    extra_compares: list[tuple[str, str, str]] = field(default_factory=list)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def bench_settings() -> dict:
    """DEBUG off, the cached template loader, the benchmark's URLs, e-mail kept in memory."""
    templates = []
    for engine in settings.TEMPLATES:
        engine = {**engine, "OPTIONS": {**engine.get("OPTIONS", {})}}
        if engine["BACKEND"] == "django.template.backends.django.DjangoTemplates":
            loaders = ["django.template.loaders.filesystem.Loader"]
            if engine.pop("APP_DIRS", False):
                loaders.append("django.template.loaders.app_directories.Loader")
            engine["APP_DIRS"] = False
            engine["OPTIONS"]["loaders"] = [("django.template.loaders.cached.Loader", loaders)]
            engine["OPTIONS"]["debug"] = False
        templates.append(engine)
    overrides = {
        "DEBUG": False,
        "TEMPLATES": templates,
        "ROOT_URLCONF": "home.perf.urls",
        "ALLOWED_HOSTS": [*settings.ALLOWED_HOSTS, "testserver"],
        # No collectstatic needed: the manifest storage of production would ask for one.
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }
    if django.VERSION >= (6, 1):
        overrides["MAILERS"] = {"default": {"BACKEND": LOCMEM_MAIL, "OPTIONS": {}}}
    else:
        overrides["EMAIL_BACKEND"] = LOCMEM_MAIL
    return overrides


class Fixture:
    """What the benchmark adds to the database for its run, and removes afterwards."""

    def __init__(self, sizes: list[ScaleSize], submit_learners: int):
        self.sizes = sizes
        self.submit_learners = submit_learners
        self.rng = random.Random(PREFIX)  # noqa: S311 (test data)
        self.pages: dict[str, Page] = {}
        self.users: dict[str, object] = {}
        self.submit: dict[str, dict] = {}

    # Building -------------------------------------------------------------------------------

    def build(self) -> None:
        remove_fixture()
        with transaction.atomic():
            self._baseline_pages()
            self._shape_courses()
            for size in self.sizes:
                self._submit_learners(size)

    def _baseline_pages(self) -> None:
        home = home_page()
        shallow = StandardPage(title="ベンチマーク", slug=f"{PREFIX}-b1")
        home.add_child(instance=shallow)
        middle = StandardPage(title="ベンチマーク（中間）", slug="middle")
        shallow.add_child(instance=middle)
        deep = StandardPage(title="ベンチマーク", slug="b1")
        middle.add_child(instance=deep)
        self.pages.update(b1_shallow=shallow, b1_deep=deep)

    def _shape_courses(self) -> None:
        """20 courses: one with 50 steps, one with 5, 18 with 3; learners with 20 and with 2 enrolments."""
        catalog = CourseIndexPage(title="ベンチマーク用コース", slug=f"{PREFIX}-courses")
        home_page().add_child(instance=catalog)
        tree = PageTree(catalog)
        counts = [50, 5] + [3] * 18
        courses = []
        for index, count in enumerate(counts):
            course = tree.add(
                catalog,
                CoursePage(title=f"ベンチマーク講座 {index + 1}", slug=f"b{index + 1:02d}", summary="測定用", level=1),
            )
            steps = []
            for position in range(count):
                if position % 3 == 2:
                    step = AssignmentPage(
                        title=f"課題 {position + 1}", slug=f"s{position + 1:03d}", instructions=ASSIGNMENT_INSTRUCTIONS
                    )
                else:
                    step = LessonPage(
                        title=f"レッスン {position + 1}", slug=f"s{position + 1:03d}", body=lesson_body(self.rng)
                    )
                steps.append(tree.add(course, step))
            courses.append((course, steps))
        tree.insert()
        user_model = get_user_model()
        dash20, dash2 = user_model.objects.bulk_create(
            [
                user_model(username=f"{PREFIX}-dash-20", email=f"{PREFIX}-dash-20@example.com", password=NO_PASSWORD),
                user_model(username=f"{PREFIX}-dash-2", email=f"{PREFIX}-dash-2@example.com", password=NO_PASSWORD),
            ]
        )
        enrollments = []
        for user, chosen in ((dash20, courses), (dash2, courses[:2])):
            for course, steps in chosen:
                enrollment = Enrollment.objects.create(
                    user=user,
                    course=course,
                    last_step=steps[len(steps) // 2],
                    steps_required=len(steps),
                    steps_completed=len(steps) // 2,
                )
                enrollments.append((enrollment, steps))
        StepProgress.objects.bulk_create(
            StepProgress(enrollment=enrollment, step=step, completed_at=enrollment.enrolled_at)
            for enrollment, steps in enrollments
            for step in steps[: len(steps) // 2]
        )
        fifty, five = courses[0][1], courses[1][1]
        self.pages.update(lesson_50=fifty[24], lesson_5=five[3])
        self.users.update(dash20=dash20, dash2=dash2)

    def _submit_learners(self, size: ScaleSize) -> None:
        """Fresh learners enrolled in the set's first course: one per submit request."""
        catalog = find_catalog(size)
        course = CoursePage.objects.child_of(catalog).order_by("path").first()
        assignment = AssignmentPage.objects.child_of(course).order_by("path").first() if course else None
        if assignment is None:
            return
        user_model = get_user_model()
        prefix = f"{PREFIX}-{size.code.lower()}-submit-"
        learners = user_model.objects.bulk_create(
            user_model(
                username=f"{prefix}{number:03d}", email=f"{prefix}{number:03d}@example.com", password=NO_PASSWORD
            )
            for number in range(self.submit_learners)
        )
        Enrollment.objects.bulk_create(
            Enrollment(user=learner, course=course, steps_required=course.numchild) for learner in learners
        )
        self.submit[size.code] = {"assignment": assignment, "learners": learners, "next": 0}


def remove_fixture() -> None:
    """Delete what a run (or an interrupted one) left: its learners' work, its users, its pages."""
    users = get_user_model().objects.filter(username__startswith=f"{PREFIX}-")
    with transaction.atomic():
        Review.objects.filter(submission__learner__in=users).delete()
        Submission.objects.filter(learner__in=users).delete()
        Enrollment.objects.filter(user__in=users).delete()
        users.delete()
        for page in Page.objects.child_of(home_page()).filter(slug__startswith=f"{PREFIX}-"):
            delete_pages(page)


# The scenarios -------------------------------------------------------------------------------


def _scale_user(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise BenchError(f"the scale set has no user {username}")
    return user


def build_groups(fixture: Fixture, sizes: list[ScaleSize], only: set[str]) -> tuple[list[Group], list[dict]]:
    groups: list[Group] = []
    skipped: list[dict] = []
    b1_shallow = fixture.pages["b1_shallow"].url
    b1_deep = fixture.pages["b1_deep"].url
    smallest, largest = (sizes[0], sizes[-1]) if sizes else (None, None)
    between_sizes = len(sizes) >= 2
    s_and_l = bool(sizes) and smallest.code == "S" and largest.code == "L"
    no_sets = "no scale set in the database: run `manage.py seed_scale --size S` (and --size L)"

    def pair(group_name: str, probes: list[Probe], baseline: Probe, **extra) -> Group:
        compare = (probes[0].key, probes[-1].key) if between_sizes else None
        label = f"{smallest.code} → {largest.code}" if between_sizes else ""
        return Group(group_name, baseline, probes, compare=compare, compare_label=label, goal_applies=s_and_l, **extra)

    if "catalog" in only:
        if not sizes:
            skipped.append({"scenario": "catalog", "why": no_sets})
        else:
            probes = []
            for size in sizes:
                learner = _scale_user(size.learner_name(1))
                probes.append(
                    Probe(f"catalog@{size.code}", "get", find_catalog(size).url, _client(learner), size=size.code)
                )
            baseline = Probe("catalog/B1", "get", b1_shallow, _client(_scale_user(smallest.learner_name(1))))
            group = pair("catalog", probes, baseline)
            # S has 10 courses, a page holds 24: S against L also compares 10 cards with 24. The
            # smallest size with full pages against the largest shows the effect of the catalog's size alone.
            full = [size for size in sizes if size.courses >= courses_conf.CATALOG_PAGE_SIZE]
            if len(full) >= 2 and full[0] is not smallest:
                group.extra_compares.append(
                    (
                        f"catalog@{full[0].code}",
                        f"catalog@{largest.code}",
                        f"{full[0].code} → {largest.code}, full pages",
                    )
                )
            groups.append(group)
            if not between_sizes:
                skipped.append({"scenario": "catalog t(L)/t(S)", "why": "needs two sizes; one is in the database"})

    if "lesson" in only:
        dash20 = fixture.users["dash20"]
        probes = [
            Probe("lesson_50_siblings", "get", fixture.pages["lesson_50"].url, _client(dash20)),
            Probe("lesson_5_siblings", "get", fixture.pages["lesson_5"].url, _client(dash20)),
        ]
        groups.append(
            Group(
                "lesson",
                Probe("lesson/B1", "get", b1_deep, _client(dash20)),
                probes,
                compare=(probes[1].key, probes[0].key),
                compare_label="5 → 50 siblings",
            )
        )

    if "mentor_queue" in only:
        if not sizes:
            skipped.append({"scenario": "mentor_queue", "why": no_sets})
        else:
            probes = [
                Probe(
                    f"mentor_queue@{size.code}", "get", "/mentor/", _client(_scale_user(size.lead_name)), size=size.code
                )
                for size in sizes
            ]
            baseline = Probe("mentor_queue/B1", "get", b1_shallow, _client(_scale_user(smallest.lead_name)))
            notes = []
            if len(present_sizes()) > 1:
                notes.append(
                    "The sets present share one submissions table: the queue's counts of open work read the "
                    "other sets' rows too, so a smaller set is slower here than on a site of its own size."
                )
            groups.append(pair("mentor_queue", probes, baseline, notes=notes))

    if "submit" in only:
        available = [size for size in sizes if size.code in fixture.submit]
        if not available:
            skipped.append({"scenario": "submit", "why": no_sets if not sizes else "the scale sets have no assignment"})
        else:
            groups.append(_submit_group(fixture, available, smallest, largest, between_sizes, s_and_l))

    if "dashboard" in only:
        probes = [
            Probe("dashboard_20_enrolments", "get", "/learn/", _client(fixture.users["dash20"])),
            Probe("dashboard_2_enrolments", "get", "/learn/", _client(fixture.users["dash2"])),
        ]
        groups.append(
            Group(
                "dashboard",
                Probe("dashboard/B1", "get", b1_shallow, _client(fixture.users["dash2"])),
                probes,
                compare=(probes[1].key, probes[0].key),
                compare_label="2 → 20 enrolments",
            )
        )
    return groups, skipped


def _submit_group(fixture: Fixture, sizes, smallest, largest, between_sizes, s_and_l) -> Group:
    html = texts.japanese_html(SUBMIT_CHARACTERS)
    data = {"body": html, "body_format": "html", "version": "0", "action": "submit"}
    probes = []
    for size in sizes:
        pool = fixture.submit[size.code]
        client = Client()

        def next_learner(pool=pool, client=client):
            if pool["next"] >= len(pool["learners"]):
                raise BenchError("submit: more requests than prepared learners")
            client.force_login(pool["learners"][pool["next"]])
            pool["next"] += 1

        path = f"/assignments/{pool['assignment'].pk}/save/"
        probes.append(Probe(f"submit@{size.code}", "post", path, client, data, 302, next_learner, size=size.code))
    first = fixture.submit[sizes[0].code]["learners"][0]
    baseline = Probe("submit/B0", "post", B0_PATH, _client(first), data)

    def verify() -> str | None:
        for probe in probes:
            pool = fixture.submit[probe.size]
            used = pool["learners"][: pool["next"]]
            submitted = Submission.objects.filter(
                learner__in=used, assignment=pool["assignment"], status=Submission.Status.SUBMITTED
            ).count()
            if submitted != len(used):
                return f"{probe.key}: {len(used)} submit requests, {submitted} submitted attempts"
        return None

    characters = count_characters(html.replace("</p><p>", "\n"))
    return Group(
        "submit",
        baseline,
        probes,
        compare=(probes[0].key, probes[-1].key) if between_sizes else None,
        compare_label=f"{smallest.code} → {largest.code}" if between_sizes else "",
        goal_applies=s_and_l,
        notes=[f"{characters:,} characters, {len(html.encode()):,} bytes of HTML per POST"],
        verify=verify,
    )


# Running --------------------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3) if values else 0.0


def _p90(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))], 3)


def measure(group: Group, pairs: int, warmup: int, say: Callable[[str], None]) -> None:
    probes = [group.baseline, *group.variants]
    for probe in probes:
        for _ in range(warmup):
            probe.check(probe.request())
    for probe in probes:
        probe.queries = probe.count_queries()
    gc.collect()
    for number in range(pairs):
        shift = number % len(probes)
        for probe in probes[shift:] + probes[:shift]:
            probe.times.append(probe.timed())
        if (number + 1) % 10 == 0:
            say(f"  {group.name}: {number + 1}/{pairs} rounds")


def report_group(group: Group) -> tuple[dict, dict | None, list[str]]:
    ratio_goal, baseline_label, time_goal = GOALS[group.name]
    baseline_median = _median(group.baseline.times)
    scenarios = {}
    failures = []
    for probe in group.variants:
        median = _median(probe.times)
        ratio = round(median / baseline_median, 3) if baseline_median else None
        passed = ratio is not None and ratio <= ratio_goal
        scenarios[probe.key] = {
            "group": group.name,
            "path": probe.path,
            "median_ms": median,
            "p90_ms": _p90(probe.times),
            "baseline": baseline_label,
            "baseline_median_ms": baseline_median,
            "ratio": ratio,
            "queries": probe.queries,
            "baseline_queries": group.baseline.queries,
            "samples": len(probe.times),
            "goal": {"ratio_max": ratio_goal, "pass": passed},
        }
        if group.notes:
            scenarios[probe.key]["notes"] = group.notes
        if not passed:
            failures.append(f"{probe.key}: {ratio} x {baseline_label} (goal <= {ratio_goal})")
    comparison = None
    if group.compare is not None:
        small = next(probe for probe in group.variants if probe.key == group.compare[0])
        large = next(probe for probe in group.variants if probe.key == group.compare[1])
        small_median, large_median = _median(small.times), _median(large.times)
        time_ratio = round(large_median / small_median, 3) if small_median else None
        comparison = {
            "between": group.compare_label,
            "queries": {small.key: small.queries, large.key: large.queries},
            "queries_equal": small.queries == large.queries,
            "time_ratio": time_ratio,
        }
        if not comparison["queries_equal"]:
            failures.append(f"{group.name}: {small.queries} queries at {small.key}, {large.queries} at {large.key}")
        if time_goal is not None:
            applies = group.goal_applies
            passed = time_ratio is not None and time_ratio <= time_goal
            comparison["time_goal"] = {
                "ratio_max": time_goal,
                "applies_to": "S → L",
                "pass": passed if applies else None,
            }
            if applies and not passed:
                failures.append(f"{group.name}: t(L)/t(S) = {time_ratio} (goal <= {time_goal})")
    for small_key, large_key, label in group.extra_compares:
        small = next(probe for probe in group.variants if probe.key == small_key)
        large = next(probe for probe in group.variants if probe.key == large_key)
        small_median, large_median = _median(small.times), _median(large.times)
        extra = {
            "between": label,
            "queries": {small.key: small.queries, large.key: large.queries},
            "queries_equal": small.queries == large.queries,
            "time_ratio": round(large_median / small_median, 3) if small_median else None,
        }
        if comparison is not None:
            comparison.setdefault("also", []).append(extra)
    if group.verify is not None:
        problem = group.verify()
        if problem:
            failures.append(problem)
            if comparison is not None:
                comparison["verified"] = False
        elif comparison is not None:
            comparison["verified"] = True
    return scenarios, comparison, failures


def run_bench(
    *,
    pairs: int = 30,
    warmup: int = 5,
    sizes: list[str] | None = None,
    only: list[str] | None = None,
    stream: TextIO | None = None,
) -> dict:
    """Run the benchmark and return its result (what `manage.py bench` prints as JSON)."""
    stream = stream if stream is not None else sys.stderr

    def say(message: str) -> None:
        stream.write(message + "\n")
        stream.flush()

    started = time.monotonic()
    present = present_sizes()
    if sizes:
        wanted = {code.upper() for code in sizes}
        chosen = [size for size in present if size.code in wanted]
        missing = sorted(wanted - {size.code for size in present})
    else:
        chosen, missing = present, []
    selected = set(only or GROUPS)
    result: dict = {
        "tool": "manage.py bench",
        "database": connection.vendor,
        "versions": {
            "python": platform.python_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
        },
        "settings": {
            "debug": False,
            "template_loader": "cached",
            "pairs": pairs,
            "warmup": warmup,
            "pairs_meet_spec": pairs >= 30,
            "tasks_backend": settings.TASKS["default"]["BACKEND"],
            "mail": "in memory",
        },
        "sizes_present": [size.code for size in present],
        "sizes_measured": [size.code for size in chosen],
        "scenarios": {},
        "comparisons": {},
        "skipped": [{"scenario": f"size {code}", "why": "not in the database"} for code in missing],
        "failures": [],
    }
    submit_learners = warmup + pairs + 1
    say(f"bench: sizes {', '.join(result['sizes_measured']) or 'none'}; building the benchmark's fixture")
    fixture = Fixture(chosen if "submit" in selected else [], submit_learners)
    try:
        fixture.build()
        with override_settings(**bench_settings()), warnings.catch_warnings():
            # WhiteNoise warns once that STATIC_ROOT has not been collected: not what is measured.
            warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
            groups, skipped = build_groups(fixture, chosen, selected)
            result["skipped"].extend(skipped)
            gc.freeze()
            for group in groups:
                say(f"bench: {group.name} ({len(group.variants)} scenario(s) + baseline, {pairs} rounds)")
                try:
                    measure(group, pairs, warmup, say)
                except BenchError as error:
                    result["skipped"].append({"scenario": group.name, "why": str(error)})
                    result["failures"].append(str(error))
                    continue
                scenarios, comparison, failures = report_group(group)
                result["scenarios"].update(scenarios)
                if comparison is not None:
                    result["comparisons"][group.name] = comparison
                result["failures"].extend(failures)
            gc.unfreeze()
    finally:
        say("bench: removing the benchmark's fixture")
        remove_fixture()
    result["passed"] = not result["failures"]
    result["seconds"] = round(time.monotonic() - started, 1)
    return result


def wanted_sizes(codes: list[str] | None) -> list[ScaleSize]:
    return [SIZES[code.upper()] for code in codes or []]
