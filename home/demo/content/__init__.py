from .courses_part1 import CATEGORIES
from .courses_part1 import COURSES as COURSES_PART1
from .courses_part1 import RUBRICS as RUBRICS_PART1
from .courses_part2 import COURSES as COURSES_PART2
from .courses_part2 import RUBRICS as RUBRICS_PART2

__all__ = ["CATEGORIES", "COURSES", "RUBRICS"]

COURSES = [*COURSES_PART1, *COURSES_PART2]
RUBRICS = {**RUBRICS_PART1, **RUBRICS_PART2}
