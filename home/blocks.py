"""StreamField blocks for the site's editorial pages.

`BaseStreamBlock` is the body of plain pages (home, standard pages);
`ArticleStreamBlock` adds what interviews and news need: pros and cons,
questions and answers, callouts and a card for a course.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

ALT_TEXT_MISSING = _(
    "Add alt text: describe what the image shows for people who cannot see it. The image is not published without it."
)

ARTICLE_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class ImageWithCaptionBlock(blocks.StructBlock):
    """A content image: alt text is required, caption and credit are optional.

    Rendered as a responsive `<img srcset>` from renditions.
    """

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alt text"),
        max_length=250,
        help_text=_("Describe the image briefly for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(
        label=_("Credit"), required=False, max_length=120, help_text=_("Photographer or source, if any.")
    )

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "home/blocks/image_with_caption.html"

    def clean(self, value):
        """Refuse an image without alt text with a message that says what to do.

        The generic "This field is required." does not tell an editor why the
        field matters; everything else they typed is kept by the admin form.
        """
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as error:
            block_errors = dict(error.block_errors)
            if "alt_text" in block_errors and not (value.get("alt_text") or "").strip():
                block_errors["alt_text"] = ValidationError(ALT_TEXT_MISSING, code="alt_text_missing")
            raise StructBlockValidationError(
                block_errors=block_errors, non_block_errors=error.non_block_errors
            ) from None
        if not cleaned.get("alt_text", "").strip():
            raise StructBlockValidationError(
                block_errors={"alt_text": ValidationError(ALT_TEXT_MISSING, code="alt_text_missing")}
            )
        return cleaned


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote.html"


class ProsConsBlock(blocks.StructBlock):
    """Two lists side by side: what went well and what to watch out for."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    pros_label = blocks.CharBlock(
        label=_("Title of the first list"),
        required=False,
        max_length=60,
        help_text=_('Leave empty for "Merits".'),
    )
    pros = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=200), label=_("Merits"), min_num=1)
    cons_label = blocks.CharBlock(
        label=_("Title of the second list"),
        required=False,
        max_length=60,
        help_text=_('Leave empty for "Demerits".'),
    )
    cons = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=200), label=_("Demerits"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Pros and cons")
        template = "home/blocks/pros_cons.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=ARTICLE_RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "home/blocks/question_answer.html"


class CalloutBlock(blocks.StructBlock):
    STYLE_CHOICES = [
        ("info", pgettext_lazy("callout style", "Information")),
        ("tip", pgettext_lazy("callout style", "Tip")),
        ("note", pgettext_lazy("callout style", "Note")),
    ]

    style = blocks.ChoiceBlock(label=_("Style"), choices=STYLE_CHOICES, default="info")
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=pgettext_lazy("callout", "Text"), features=ARTICLE_RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "home/blocks/callout.html"


class CourseCardBlock(blocks.StructBlock):
    """A card for one course inside an article, linking to it."""

    course = blocks.PageChooserBlock(label=_("Course"), page_type="courses.CoursePage")
    note = blocks.CharBlock(
        label=_("Note"),
        required=False,
        max_length=200,
        help_text=_("Optional: a sentence on why this course, shown on the card."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Course card")
        template = "home/blocks/course_card.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", icon="title", template="home/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Body"), features=["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()


class ArticleStreamBlock(BaseStreamBlock):
    """The body of interviews and news."""

    pros_cons = ProsConsBlock()
    question_answer = QuestionAnswerBlock()
    callout = CalloutBlock()
    course_card = CourseCardBlock()
