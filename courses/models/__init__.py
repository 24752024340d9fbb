"""Models of the courses app, re-exported here: `from courses.models import CoursePage`."""

from .catalog import CourseIndexPage
from .courses import CoursePage, CoursePageTag
from .enrolment import Certificate, Cohort, Enrollment, EnrollmentEvent, StepProgress
from .lessons import LessonPage
from .taxonomy import Level, PrerequisitePolicy, SkillCategory

__all__ = [
    "Certificate",
    "Cohort",
    "CourseIndexPage",
    "CoursePage",
    "CoursePageTag",
    "Enrollment",
    "EnrollmentEvent",
    "LessonPage",
    "Level",
    "PrerequisitePolicy",
    "SkillCategory",
    "StepProgress",
]
