"""Admin integration of the courses app: snippets, cohort management and reports."""

from __future__ import annotations

from wagtail.snippets.models import register_snippet

from .models import SkillCategory

register_snippet(SkillCategory)
