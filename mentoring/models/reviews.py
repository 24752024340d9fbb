"""Reviews of submitted attempts: rubric scores, an overall comment, annotations on passages,
a decision, the feedback thread, the comment bank, and the record of SLA reminders.

A `Review` is one per attempt. It is opened when a mentor claims the attempt
(see `mentoring.receivers`), edited as a draft by the mentor holding the claim,
and released once: releasing approves the attempt or asks for changes through
the submission's own state machine (`Submission.approve` / `request_changes`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assignments.sanitize import clean, to_plain_text

from .. import signals
from ..anchoring import context_of, locate, reanchor
from ..exceptions import AnnotationInvalid, FeedbackClosed, InvalidTransition, NotReviewer, ReviewIncomplete


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    RELEASED = "released", _("Released")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REQUEST_CHANGES = "request_changes", _("Request changes")


def comment_to_html(text: str) -> str:
    """A mentor's plain-text comment as safe HTML paragraphs."""
    return clean(linebreaks(text or "", autoescape=True)) if (text or "").strip() else ""


class ReviewQuerySet(models.QuerySet):
    def released(self):
        return self.filter(status=ReviewStatus.RELEASED)


class Review(models.Model):
    """A mentor's review of one attempt."""

    Status = ReviewStatus

    # action -> (states it may start from, state it ends in)
    TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
        "save_draft": (frozenset({Status.DRAFT}), Status.DRAFT),
        "release": (frozenset({Status.DRAFT}), Status.RELEASED),
    }

    submission = models.OneToOneField(
        "assignments.Submission", verbose_name=_("submission"), on_delete=models.PROTECT, related_name="mentor_review"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentor_reviews",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    overall_comment = models.TextField(_("overall comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True, db_index=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["mentor", "released_at"], name="mentoring_review_mentor_rel")]

    def __str__(self) -> str:
        return gettext("Review of %(submission)s") % {"submission": self.submission}

    # Opening -----------------------------------------------------------------

    @classmethod
    def open_for(cls, submission, mentor) -> Review:
        """The attempt's review, created on the first claim; the holder of the claim becomes its mentor.

        A new review of attempt n+1 carries the annotations of attempt n's
        released review over, re-anchored where their passage still exists.
        """
        review, created = cls.objects.get_or_create(submission=submission, defaults={"mentor": mentor})
        if not created and review.mentor_id != getattr(mentor, "pk", None) and review.is_draft:
            cls.objects.filter(pk=review.pk).update(mentor=mentor)
            review.mentor = mentor
        if created:
            review.carry_annotations_over()
        return review

    def carry_annotations_over(self) -> list[Annotation]:
        """Copy the previous attempt's annotations to this review where their passage is still in the text."""
        previous = self.submission.get_previous_attempt()
        if previous is None:
            return []
        earlier = list(Annotation.objects.filter(review__submission=previous, review__status=ReviewStatus.RELEASED))
        text = self.submission.body_text
        carried = []
        for annotation in earlier:
            anchor = reanchor(
                previous.body_text,
                text,
                start=annotation.start,
                end=annotation.end,
                quote=annotation.quote,
                prefix=annotation.prefix,
                suffix=annotation.suffix,
            )
            if anchor is None:
                continue
            prefix, suffix = context_of(text, anchor.start, anchor.end)
            carried.append(
                Annotation(
                    review=self,
                    start=anchor.start,
                    end=anchor.end,
                    quote=annotation.quote,
                    prefix=prefix,
                    suffix=suffix,
                    comment=annotation.comment,
                    author_id=annotation.author_id,
                    carried_from=annotation,
                )
            )
        return Annotation.objects.bulk_create(carried)

    # Reading -----------------------------------------------------------------

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_released(self) -> bool:
        return self.status == self.Status.RELEASED

    def get_criteria(self) -> list:
        """The rubric's criteria in order, or [] when the assignment has no rubric."""
        rubric = self.submission.assignment.rubric
        return rubric.get_criteria() if rubric is not None else []

    def get_scores(self) -> dict[int, CriterionScore]:
        """Scores by criterion id (uses a prefetch of `scores` when present)."""
        return {score.criterion_id: score for score in self.scores.all() if score.criterion_id}

    def missing_criteria(self, criteria=None) -> list:
        """Criteria without a score: every criterion of the rubric that has levels is required."""
        criteria = self.get_criteria() if criteria is None else criteria
        scores = self.get_scores()
        return [c for c in criteria if c.get_levels() and (c.pk not in scores or scores[c.pk].points is None)]

    def total_points(self) -> tuple[int, int]:
        """(points given, points possible) over the scored criteria."""
        scores = [score for score in self.scores.all() if score.points is not None]
        return sum(score.points for score in scores), sum(score.max_points for score in scores)

    def release_errors(self, criteria=None) -> dict:
        """What keeps this review from being released, as {field name or None: sentence}."""
        errors: dict = {}
        for criterion in self.missing_criteria(criteria):
            errors[f"score_{criterion.pk}"] = gettext("Score “%(criterion)s” before releasing the review.") % {
                "criterion": criterion.title
            }
        if self.decision not in Decision.values:
            errors["decision"] = gettext("Choose a decision: approve, or request changes.")
        elif self.decision == Decision.REQUEST_CHANGES and not self.overall_comment.strip():
            errors["overall_comment"] = gettext("Say in the overall comment what the learner should change.")
        return errors

    # Changing ----------------------------------------------------------------

    def _check_move(self, action: str) -> None:
        sources, _target = self.TRANSITIONS[action]
        if self.status not in sources:
            raise InvalidTransition(action, self.status, gettext("This review has already been released."))

    def require_holder(self, by, *, now=None) -> None:
        """Only the mentor holding an unexpired claim on the attempt edits or releases its review."""
        now = now or timezone.now()
        submission = self.submission
        submission.refresh_from_db(fields=["status", "claimed_by", "claim_expires_at"])
        if submission.status != submission.Status.IN_REVIEW or submission.claimed_by_id != getattr(by, "pk", None):
            raise NotReviewer()
        if submission.claim_expires_at is not None and submission.claim_expires_at < now:
            raise NotReviewer(
                gettext("Your claim on this submission has expired. Claim it again to continue; your draft is kept.")
            )

    @transaction.atomic
    def save_draft(self, by, *, overall_comment: str, decision: str, scores: dict) -> Review:
        """Store the mentor's work so far. `scores` maps criterion id to (points or None, comment)."""
        self._check_move("save_draft")
        self.require_holder(by)
        criteria = {criterion.pk: criterion for criterion in self.get_criteria()}
        existing = {score.criterion_id: score for score in self.scores.all()}
        for criterion_id, (points, comment) in scores.items():
            criterion = criteria.get(criterion_id)
            if criterion is None:
                continue
            allowed = {level_points for level_points, _descriptor in criterion.get_levels()}
            if points is not None and points not in allowed:
                points = None
            score = existing.get(criterion_id)
            if score is None:
                if points is None and not comment:
                    continue
                score = CriterionScore(review=self, criterion=criterion)
            score.points = points
            score.comment = comment or ""
            score.title = criterion.title
            score.max_points = criterion.max_points
            score.sort_order = criterion.sort_order or 0
            score.save()
        self.overall_comment = overall_comment or ""
        self.decision = decision if decision in Decision.values else ""
        self.updated_at = timezone.now()
        self.mentor = by
        self.save(update_fields=["overall_comment", "decision", "updated_at", "mentor"])
        if hasattr(self, "_prefetched_objects_cache"):
            self._prefetched_objects_cache.pop("scores", None)
        return self

    @transaction.atomic
    def release(self, by) -> Review:
        """Release the review to the learner: approve the attempt or ask for changes.

        Raises `ReviewIncomplete` (naming every unscored criterion) and leaves
        the draft as it is, `NotReviewer` when `by` does not hold the claim.
        """
        self._check_move("release")
        self.require_holder(by)
        criteria = self.get_criteria()
        errors = self.release_errors(criteria)
        if errors:
            raise ReviewIncomplete(errors, [criterion.title for criterion in self.missing_criteria(criteria)])
        now = timezone.now()
        rows = Review.objects.filter(pk=self.pk, status=self.Status.DRAFT).update(
            status=self.Status.RELEASED, released_at=now, updated_at=now, mentor=by
        )
        if rows != 1:
            raise InvalidTransition("release", self.status, gettext("This review has already been released."))
        feedback = comment_to_html(self.overall_comment)
        submission = self.submission
        if self.decision == Decision.APPROVE:
            submission.approve(by, feedback=feedback)
        else:
            submission.request_changes(by, feedback=feedback)
        self.refresh_from_db()
        signals.review_released.send(sender=Review, review=self, by=by)
        return self

    @classmethod
    def adopt_decision(cls, submission) -> Review | None:
        """Mark the attempt's draft review released when the attempt was decided some other way
        (by staff through the submission's own methods), so that review and attempt agree.

        The decision and the release time are the attempt's; an empty overall
        comment takes the attempt's feedback as text. Returns the review, or
        None when there is no draft review (the usual case: `release()` came first).
        """
        decision = {
            submission.Status.APPROVED: Decision.APPROVE,
            submission.Status.CHANGES_REQUESTED: Decision.REQUEST_CHANGES,
        }.get(submission.status)
        review = cls.objects.filter(submission=submission, status=ReviewStatus.DRAFT).first()
        if decision is None or review is None:
            return None
        updates = {
            "status": ReviewStatus.RELEASED,
            "decision": decision,
            "released_at": submission.decided_at or timezone.now(),
            "mentor_id": submission.decided_by_id or review.mentor_id,
            "updated_at": timezone.now(),
        }
        if not review.overall_comment.strip() and submission.feedback:
            updates["overall_comment"] = to_plain_text(submission.feedback)
        if cls.objects.filter(pk=review.pk, status=ReviewStatus.DRAFT).update(**updates) != 1:
            return None
        review.refresh_from_db()
        signals.review_released.send(sender=cls, review=review, by=submission.decided_by)
        return review

    @transaction.atomic
    def add_annotation(self, by, *, comment: str, quote: str, start: int | None = None, end: int | None = None):
        """Comment on a passage. Offsets come from a text selection; without them (no JavaScript) the
        quoted text is searched for. Raises `AnnotationInvalid` when the passage is not in the text."""
        self._check_move("save_draft")
        self.require_holder(by)
        text = self.submission.body_text
        quote = quote or ""
        if start is not None and end is not None and 0 <= start < end <= len(text):
            if not quote.strip() or text[start:end] == quote:
                quote = text[start:end]
            else:
                start = end = None
        else:
            start = end = None
        if start is None:
            stripped = quote.strip()
            anchor = locate(text, quote) or (locate(text, stripped) if stripped else None)
            if anchor is None:
                raise AnnotationInvalid()
            start, end = anchor.start, anchor.end
            quote = text[start:end]
        prefix, suffix = context_of(text, start, end)
        return Annotation.objects.create(
            review=self, start=start, end=end, quote=quote, prefix=prefix, suffix=suffix, comment=comment, author=by
        )

    @transaction.atomic
    def remove_annotation(self, by, annotation: Annotation) -> None:
        self._check_move("save_draft")
        self.require_holder(by)
        if annotation.review_id != self.pk:
            raise AnnotationInvalid()
        annotation.delete()


class CriterionScore(models.Model):
    """Points and a comment for one rubric criterion. Title and maximum are copied, so a later
    change to the rubric does not rewrite a released review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "assignments.RubricCriterion",
        verbose_name=_("criterion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("criterion"), max_length=120)
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    max_points = models.PositiveSmallIntegerField(_("out of"), default=0)
    comment = models.TextField(_("comment"), blank=True)
    sort_order = models.IntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="mentoring_score_unique_criterion")]

    def __str__(self) -> str:
        return f"{self.title}: {self.points}/{self.max_points}"


class Annotation(models.Model):
    """A comment on a passage of the attempt's plain text (offsets plus the quoted text and its context)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="annotations")
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    quote = models.TextField(_("passage"))
    prefix = models.CharField(_("text before"), max_length=64, blank=True)
    suffix = models.CharField(_("text after"), max_length=64, blank=True)
    comment = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return self.quote[:40]

    @property
    def is_carried(self) -> bool:
        return self.carried_from_id is not None


class CommentBankEntry(models.Model):
    """A remark a mentor reuses: "Put the conclusion first", "Check the client's word count"."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="comment_bank"
    )
    label = models.CharField(_("short name"), max_length=80)
    text = models.TextField(_("remark"))
    use_count = models.PositiveIntegerField(_("times used"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("saved remark")
        verbose_name_plural = _("saved remarks")
        ordering = ["label", "pk"]

    def __str__(self) -> str:
        return self.label


class FeedbackMessageQuerySet(models.QuerySet):
    def for_submission(self, submission):
        return self.filter(submission=submission).select_related("author").order_by("created_at", "pk")


class FeedbackMessage(models.Model):
    """One message of the conversation between learner and mentor about a reviewed attempt."""

    submission = models.ForeignKey(
        "assignments.Submission", verbose_name=_("submission"), on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    objects = FeedbackMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["submission", "created_at"], name="mentoring_feedback_thread")]

    def __str__(self) -> str:
        return self.body[:40]

    @classmethod
    @transaction.atomic
    def post(cls, submission, author, body: str) -> FeedbackMessage:
        """Add a message once the attempt's feedback is released. The other side is notified."""
        submission.refresh_from_db(fields=["status", "decided_at"])
        if not submission.feedback_released:
            raise FeedbackClosed()
        message = cls.objects.create(submission=submission, author=author, body=body.strip())
        signals.feedback_posted.send(sender=cls, message=message)
        return message

    @property
    def by_learner(self) -> bool:
        return self.author_id == self.submission.learner_id


class ReviewReminder(models.Model):
    """The one SLA reminder sent for an attempt that waited too long (its row makes it once only)."""

    submission = models.OneToOneField(
        "assignments.Submission", verbose_name=_("submission"), on_delete=models.CASCADE, related_name="+"
    )
    waiting_since = models.DateTimeField(_("waiting since"))
    recipients = models.PositiveSmallIntegerField(_("mentors reminded"), default=0)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")

    def __str__(self) -> str:
        return str(self.submission_id)
