"""The syllabus of a course as the learner sees it: each step done, current or to do."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page

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
    urls = step_urls(steps, request)
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
                url=urls[number - 1],
                is_optional=step.is_optional,
                kind=str(step._meta.verbose_name),
            )
        )
    return items


def step_urls(steps, request=None) -> list[str | None]:
    """The URLs of sibling `steps`: the first through Wagtail's `get_url`, the others from its prefix.

    A step whose model changes how its URL is built, or whose `url_path` is not its parent's plus its
    slug, goes through `get_url` too, so the result is always what `get_url` would give.
    """
    urls: list[str | None] = []
    prefix = parent_path = None
    for step in steps:
        plain = type(step).get_url_parts is Page.get_url_parts
        if plain and prefix is not None and step.url_path == f"{parent_path}{step.slug}/":
            urls.append(f"{prefix}{step.slug}/")
            continue
        url = step.get_url(request)
        urls.append(url)
        if (
            plain
            and prefix is None
            and url
            and url.endswith(f"/{step.slug}/")
            and step.url_path.endswith(f"/{step.slug}/")
        ):
            prefix = url[: -len(step.slug) - 1]
            parent_path = step.url_path[: -len(step.slug) - 1]
    return urls


def neighbours(steps, current) -> tuple[object | None, object | None]:
    """The steps before and after `current`."""
    ids = [step.pk for step in steps]
    if current.pk not in ids:
        return None, None
    index = ids.index(current.pk)
    previous_step = steps[index - 1] if index > 0 else None
    next_step = steps[index + 1] if index + 1 < len(steps) else None
    return previous_step, next_step
