"""Signals of the courses app, for other apps to react without courses importing them.

- `enrolled(sender=Enrollment, enrollment, cohort)`: a learner enrolled or re-enrolled.
- `withdrawn(sender=Enrollment, enrollment)`: a learner withdrew.
- `step_viewed(sender=StepProgress, progress, enrollment, step)`: a learner opened a step.
- `step_completed(sender=StepProgress, progress, enrollment, step, user)`: a step became complete.
- `course_completed(sender=Enrollment, enrollment, certificate)`: every required step is complete;
  the certificate has just been issued.
"""

from django.dispatch import Signal

enrolled = Signal()
withdrawn = Signal()
step_viewed = Signal()
step_completed = Signal()
course_completed = Signal()
