"""Forms of the learner's side: enrolling with an optional cohort key."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .exceptions import CohortClosed, InvalidCohortKey


class EnrolForm(forms.Form):
    """Enrol in a course; with an enrolment key, join the cohort it belongs to."""

    enrolment_key = forms.CharField(
        label=_("Enrolment key"),
        required=False,
        max_length=64,
        help_text=_("If your seminar gave you a key, enter it to join your cohort."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )

    def __init__(self, *args, course, **kwargs):
        self.course = course
        self.cohort = None
        super().__init__(*args, **kwargs)
        if not course.open_enrolment:
            self.fields["enrolment_key"].required = True
            self.fields["enrolment_key"].help_text = _("This course is for members of a cohort. Enter your key.")

    def clean_enrolment_key(self) -> str:
        key = self.cleaned_data["enrolment_key"].strip()
        if not key:
            return key
        matching = [cohort for cohort in self.course.cohorts.all() if cohort.key_matches(key)]
        if not matching:
            raise forms.ValidationError(InvalidCohortKey.message, code="invalid_key")
        open_cohorts = [cohort for cohort in matching if cohort.accepts_members()]
        if not open_cohorts:
            raise forms.ValidationError(CohortClosed.message, code="cohort_closed")
        self.cohort = open_cohorts[0]
        return key
