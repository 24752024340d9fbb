"""`manage.py bench` at a tiny size with few rounds: the shape of its JSON, and equal query counts
between the sizes and shapes it compares. Times are printed, never asserted."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import resolve
from wagtail.images import get_image_model
from wagtail.models import Page

from assignments.models import Submission
from home.perf.bench import GROUPS, PREFIX
from home.perf.seed import COVER_TITLE, SIZES, delete_scale_set, seed
from home.perf.urls import B0_PATH

SCENARIO_KEYS = {
    "group",
    "path",
    "median_ms",
    "p90_ms",
    "baseline",
    "baseline_median_ms",
    "ratio",
    "queries",
    "baseline_queries",
    "samples",
    "goal",
}


@pytest.fixture(scope="module")
def two_sizes(django_db_setup, django_db_blocker):
    """XS and S side by side, as S and L would be."""
    with django_db_blocker.unblock():
        for code in ("XS", "S"):
            seed(SIZES[code], progress=False)
        yield
        for code in ("XS", "S"):
            delete_scale_set(SIZES[code])
        get_image_model().objects.filter(title=COVER_TITLE).delete()


def run_bench(**options) -> dict:
    out = io.StringIO()
    call_command("bench", stdout=out, stderr=io.StringIO(), **options)
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def result(two_sizes, django_db_blocker):
    with django_db_blocker.unblock():
        return run_bench(pairs=3, warmup=1)


@pytest.mark.django_db
def test_the_json_has_every_scenario_with_its_ratio_and_queries(result):
    assert result["settings"]["debug"] is False
    assert result["settings"]["template_loader"] == "cached"
    assert result["settings"]["pairs"] == 3 and result["settings"]["pairs_meet_spec"] is False
    assert result["sizes_measured"] == ["XS", "S"]
    assert set(result["scenarios"]) == {
        "catalog@XS",
        "catalog@S",
        "lesson_50_siblings",
        "lesson_5_siblings",
        "mentor_queue@XS",
        "mentor_queue@S",
        "submit@XS",
        "submit@S",
        "dashboard_20_enrolments",
        "dashboard_2_enrolments",
    }
    for key, scenario in result["scenarios"].items():
        assert SCENARIO_KEYS <= set(scenario), key
        assert scenario["samples"] == 3
        assert scenario["median_ms"] > 0 and scenario["baseline_median_ms"] > 0
        assert scenario["ratio"] == pytest.approx(scenario["median_ms"] / scenario["baseline_median_ms"], rel=0.01)
        assert isinstance(scenario["queries"], int) and scenario["queries"] > 0
        assert isinstance(scenario["goal"]["pass"], bool)
        assert scenario["goal"]["ratio_max"] in (2.0, 2.5, 3.0)
    assert result["scenarios"]["submit@S"]["baseline"] == "B0"
    assert result["scenarios"]["catalog@S"]["baseline"] == "B1 (depth 3)"
    assert result["scenarios"]["lesson_50_siblings"]["baseline"] == "B1 (depth 5)"
    assert result["skipped"] == []
    assert isinstance(result["passed"], bool)


@pytest.mark.django_db
def test_query_counts_are_equal_between_sizes_and_shapes(result):
    comparisons = result["comparisons"]
    assert set(comparisons) == set(GROUPS)
    for name, comparison in comparisons.items():
        assert comparison["queries_equal"] is True, (name, comparison["queries"])
    assert not [failure for failure in result["failures"] if "queries" in failure]
    # The time goals are about S and L: with XS and S they are reported but not judged.
    assert comparisons["catalog"]["time_goal"] == {"ratio_max": 1.3, "applies_to": "S → L", "pass": None}
    assert comparisons["mentor_queue"]["time_goal"]["pass"] is None


@pytest.mark.django_db
def test_each_submit_request_made_one_submitted_attempt(result):
    assert result["comparisons"]["submit"]["verified"] is True
    assert "20,0" in result["scenarios"]["submit@S"]["notes"][0]


@pytest.mark.django_db
def test_the_fixture_and_its_learners_work_are_removed(result):
    assert not get_user_model().objects.filter(username__startswith=f"{PREFIX}-").exists()
    assert not Page.objects.filter(slug__startswith=f"{PREFIX}-").exists()
    assert not Submission.objects.filter(learner__username__startswith=f"{PREFIX}-").exists()
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_b0_exists_only_inside_the_benchmark(client):
    # The site's catch-all (Wagtail's page view) resolves every path, never to the benchmark's view.
    assert resolve(B0_PATH).url_name != "bench_ok"
    assert client.get(B0_PATH).status_code == 404


@pytest.mark.django_db
def test_missing_sizes_are_skipped_with_the_reason():
    result = run_bench(pairs=1, warmup=0, only="catalog,dashboard", sizes="M")
    assert result["sizes_measured"] == []
    assert set(result["scenarios"]) == {"dashboard_20_enrolments", "dashboard_2_enrolments"}
    assert {"scenario": "size M", "why": "not in the database"} in result["skipped"]
    catalog = next(item for item in result["skipped"] if item["scenario"] == "catalog")
    assert "seed_scale --size S" in catalog["why"]


def test_unknown_groups_are_refused():
    with pytest.raises(CommandError, match="Unknown scenario group"):
        call_command("bench", only="catalog,nonsense", stdout=io.StringIO())
