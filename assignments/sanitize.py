"""The one sanitizer for learners' and mentors' HTML, used on save and again on render.

`clean(html)` keeps what the writing editor produces and nothing that can run:
p, br, h2-h4, strong, b, em, i, u, s, ul, ol, li, blockquote, code, pre and
links with an http, https or mailto address, which get rel="nofollow noopener".
`to_plain_text(html)` gives the text that is counted and annotated.

The engine is nh3 by default; `LMS_SANITIZER = "bleach"` selects bleach with the
same allowlist, and a dotted path selects any class with an `__call__(html) -> str`.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

from django.utils.module_loading import import_string

from .conf import conf

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "ul",
        "ol",
        "li",
        "blockquote",
        "a",
        "code",
        "pre",
    }
)
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {"a": frozenset({"href"})}
ALLOWED_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
# Elements removed together with their content (their text is code, not prose).
DROPPED_WITH_CONTENT: frozenset[str] = frozenset({"script", "style"})
# How many passes at most to reach a fixed point (clean(clean(x)) == clean(x)).
MAX_PASSES = 4


class Nh3Engine:
    """The default engine: nh3 (ammonia, Rust)."""

    def __init__(self) -> None:
        import nh3

        self._cleaner = nh3.Cleaner(
            tags=set(ALLOWED_TAGS),
            clean_content_tags=set(DROPPED_WITH_CONTENT),
            # "*" empty: no generic attributes (ammonia allows lang and title by default).
            attributes={"*": set(), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
            url_schemes=set(ALLOWED_URL_SCHEMES),
            url_relative="deny",
            link_rel=LINK_REL,
            strip_comments=True,
        )

    def __call__(self, html: str) -> str:
        return self._cleaner.clean(html)


class BleachEngine:
    """bleach (html5lib): no more releases upstream, kept selectable with the same allowlist and tests."""

    def __init__(self) -> None:
        import bleach
        from bleach.html5lib_shim import Filter

        class LinkRelFilter(Filter):
            """Give every link the rel that nh3's `link_rel` gives it."""

            def __iter__(self):
                for token in super().__iter__():
                    if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                        attrs = {key: value for key, value in token["data"].items() if key != (None, "rel")}
                        attrs[(None, "rel")] = LINK_REL
                        token = {**token, "data": attrs}
                    yield token

        def allow_attribute(tag: str, name: str, value: str) -> bool:
            if name != "href" or name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                return False
            # Absolute addresses only, as nh3 with url_relative="deny".
            scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
            return scheme in ALLOWED_URL_SCHEMES

        self._cleaner = bleach.Cleaner(
            tags=set(ALLOWED_TAGS),
            attributes=allow_attribute,
            protocols=set(ALLOWED_URL_SCHEMES),
            strip=True,
            strip_comments=True,
            filters=[LinkRelFilter],
        )
        self._dropped = re.compile(
            "<(" + "|".join(sorted(DROPPED_WITH_CONTENT)) + r")\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
        )

    def __call__(self, html: str) -> str:
        # Drop script and style with their content first, as nh3's clean_content_tags
        # does; what this regex misses is still stripped (as text) by bleach itself.
        return self._cleaner.clean(self._dropped.sub("", html))


@cache
def _engine(path: str):
    return import_string(path)()


def get_engine():
    """The engine selected by `LMS_SANITIZER`, one instance per engine and process."""
    return _engine(conf.SANITIZER)


class CleanHTML(str):
    """HTML as `clean()` returned it, with the engine that cleaned it.

    `clean()` gives it back unchanged, so the text of a request is sanitized once even though
    the model cleans whatever it stores. Any change to the string (slicing, concatenation)
    gives a plain `str`, which is cleaned again.
    """

    engine: str

    def __new__(cls, value: str, engine: str):
        obj = super().__new__(cls, value)
        obj.engine = engine
        return obj


def clean(html: str | None) -> str:
    """Sanitize learner or mentor HTML to the allowlist of this module. Idempotent.

    Returns a `CleanHTML`; cleaning a `CleanHTML` made by the same engine costs nothing.
    """
    if not html:
        return ""
    if type(html) is CleanHTML and html.engine == conf.SANITIZER:
        return html
    engine = get_engine()
    result = engine(html)
    # Serialisers can normalise a second time (entities, nesting); settle on a
    # fixed point so that cleaning stored HTML again on render changes nothing.
    for _ in range(MAX_PASSES):
        again = engine(result)
        if again == result:
            break
        result = again
    return CleanHTML(result, conf.SANITIZER)


_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "ul", "ol", "div"})
_NEWLINES = re.compile(r"\n{2,}")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def to_plain_text(html: str | None, *, already_clean: bool = False) -> str:
    """The text of `html`: one line per paragraph, heading or list item; entities decoded.

    This is what the character count and a mentor's annotations refer to.
    Pass `already_clean=True` for HTML that has just come out of `clean()`.
    """
    if not html:
        return ""
    parser = _TextExtractor()
    parser.feed(html if already_clean else clean(html))
    parser.close()
    return _NEWLINES.sub("\n", "".join(parser.parts)).strip("\n")
