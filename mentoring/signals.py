"""Signals of the mentoring app, for other apps (and its own notifications) to react.

- `review_released(sender=Review, review, by)`: a review was released; the attempt is approved or
  changes were requested.
- `feedback_posted(sender=FeedbackMessage, message)`: a learner or mentor wrote in a feedback thread.
- `registration_changed(sender=MeetupRegistration, registration, action, from_status, to_status)`:
  an RSVP was made, cancelled, or promoted from the waiting list.
- `progress_report_posted(sender=ProgressReport, report, created)`: an attendee wrote or updated
  their progress report.
"""

from django.dispatch import Signal

review_released = Signal()
feedback_posted = Signal()
registration_changed = Signal()
progress_report_posted = Signal()
