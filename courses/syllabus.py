"""The syllabus of a course as the learner sees it: each step done, current or to do."""

from __future__ import annotations

from dataclasses import dataclass

DONE, CURRENT, TODO = "done", "current", "todo"


@dataclass
class SyllabusItem:
    step: object
    number: int
    state: str
    url: str
    is_optional: bool
    kind: str

    @property
    def is_done(self) -> bool:
        return self.state == DONE

    @property
    def is_current(self) -> bool:
        return self.state == CURRENT


def build_syllabus(steps, done_ids: set[int], current_id: int | None, request=None) -> list[SyllabusItem]:
    """Items for `steps` in order. `current_id` is the step being shown (or to resume); no queries."""
    items = []
    for number, step in enumerate(steps, start=1):
        if step.pk == current_id:
            state = CURRENT
        elif step.pk in done_ids:
            state = DONE
        else:
            state = TODO
        items.append(
            SyllabusItem(
                step=step,
                number=number,
                state=state,
                url=step.get_url(request),
                is_optional=step.is_optional,
                kind=str(step._meta.verbose_name),
            )
        )
    return items


def neighbours(steps, current) -> tuple[object | None, object | None]:
    """The steps before and after `current`."""
    ids = [step.pk for step in steps]
    if current.pk not in ids:
        return None, None
    index = ids.index(current.pk)
    previous_step = steps[index - 1] if index > 0 else None
    next_step = steps[index + 1] if index + 1 < len(steps) else None
    return previous_step, next_step
