"""Forms of the mentoring app. Each works without JavaScript; scripts only add comfort."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Level

from .models import CommentBankEntry, Decision, MentorProfile, ProgressReport
from .queue import IN_REVIEW, MINE, WAITING

MAX_QUOTE_CHARS = 2000
MAX_COMMENT_CHARS = 4000


class QueueFilterForm(forms.Form):
    """The queue's filters (GET). Unknown or foreign values are dropped, never an error page."""

    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(WAITING, _("Waiting")), (IN_REVIEW, _("In review")), (MINE, _("My reviews"))],
    )
    course = forms.ModelChoiceField(label=_("Course"), queryset=None, required=False, empty_label=_("All courses"))
    level = forms.TypedChoiceField(
        label=_("Level"), required=False, coerce=int, empty_value=None, choices=[("", _("All levels")), *Level.choices]
    )
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=None, required=False, empty_label=_("All cohorts"))
    late = forms.BooleanField(label=_("Late only"), required=False)

    def __init__(self, *args, queue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = queue.course_choices()
        self.fields["cohort"].queryset = queue.cohort_choices()
        self.fields["cohort"].label_from_instance = lambda cohort: f"{cohort.name} ({cohort.course.title})"

    def get_filters(self) -> dict:
        """The valid filters; a field with a bad value is left out (Django keeps the others' cleaned data)."""
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


class ReviewForm(forms.Form):
    """Scores per criterion with comments, the overall comment, the decision, and a passage comment.

    One form holds it all, so that any button (save, comment on a passage,
    release, give back) keeps everything the mentor has typed.
    """

    overall_comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8, "data-bank-target": ""}),
        help_text=_("What works, what to improve, and the next step. The learner reads this first."),
    )
    bank = forms.ModelMultipleChoiceField(
        label=_("Add saved remarks to the overall comment"),
        queryset=CommentBankEntry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decision = forms.ChoiceField(
        label=_("Decision"), required=False, choices=Decision.choices, widget=forms.RadioSelect
    )
    quote = forms.CharField(
        label=_("Passage"),
        required=False,
        max_length=MAX_QUOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 2, "data-annotation-quote": ""}),
        help_text=_("Select words in the text above, or copy them here exactly as they appear."),
    )
    quote_start = forms.IntegerField(
        required=False, min_value=0, widget=forms.HiddenInput(attrs={"data-annotation-start": ""})
    )
    quote_end = forms.IntegerField(
        required=False, min_value=0, widget=forms.HiddenInput(attrs={"data-annotation-end": ""})
    )
    annotation = forms.CharField(
        label=_("Your comment on the passage"),
        required=False,
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 3, "data-annotation-comment": "", "data-bank-target": ""}),
    )

    def __init__(self, *args, criteria=(), bank_entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        if bank_entries is not None:
            self.fields["bank"].queryset = bank_entries
        for criterion in self.criteria:
            choices = [
                (str(points), _("%(points)s points: %(descriptor)s") % {"points": points, "descriptor": descriptor})
                for points, descriptor in criterion.get_levels()
            ]
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title,
                required=False,
                choices=choices,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.title},
                required=False,
                max_length=MAX_COMMENT_CHARS,
                widget=forms.Textarea(attrs={"rows": 2, "data-bank-target": ""}),
            )

    @classmethod
    def initial_from(cls, review) -> dict:
        initial = {"overall_comment": review.overall_comment, "decision": review.decision}
        for score in review.scores.all():
            if score.criterion_id:
                initial[f"score_{score.criterion_id}"] = "" if score.points is None else str(score.points)
                initial[f"comment_{score.criterion_id}"] = score.comment
        return initial

    def score_rows(self) -> list[tuple]:
        """(criterion, score field, comment field) for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def get_scores(self) -> dict:
        data = self.cleaned_data
        return {c.pk: (data.get(f"score_{c.pk}"), data.get(f"comment_{c.pk}", "")) for c in self.criteria}

    def get_overall_comment(self) -> str:
        """The overall comment with the chosen saved remarks appended (each as its own paragraph)."""
        text = (self.cleaned_data.get("overall_comment") or "").rstrip()
        remarks = [entry.text.strip() for entry in self.cleaned_data.get("bank") or []]
        return "\n\n".join(part for part in [text, *remarks] if part)

    def has_annotation(self) -> bool:
        data = self.cleaned_data
        return bool((data.get("quote") or "").strip() or (data.get("annotation") or "").strip())


class CommentBankEntryForm(forms.ModelForm):
    class Meta:
        model = CommentBankEntry
        fields = ["label", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class FeedbackReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), max_length=MAX_COMMENT_CHARS, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write a message before sending."))
        return body


class MentorSettingsForm(forms.ModelForm):
    class Meta:
        model = MentorProfile
        fields = ["notify", "accepting"]
        widgets = {"notify": forms.RadioSelect}


class ProgressReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = ["done", "stuck", "next_step"]
        widgets = {
            "done": forms.Textarea(attrs={"rows": 3}),
            "stuck": forms.Textarea(attrs={"rows": 3}),
            "next_step": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "done": _("What you worked on since the last meetup."),
            "stuck": _("What you would like to ask the hosts."),
            "next_step": _("Your next small goal."),
        }
