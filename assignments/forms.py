"""The writing form. It works as a plain textarea without JavaScript; the editor fills the same field with HTML."""

from __future__ import annotations

import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .conf import conf
from .sanitize import clean

FORMAT_TEXT = "text"
FORMAT_HTML = "html"
_BLANK_LINES = re.compile(r"\n\s*\n")


def text_to_html(text: str) -> str:
    """Plain text from the textarea as paragraphs: a blank line starts a paragraph, a line break stays one."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        return ""
    paragraphs = [part.strip("\n") for part in _BLANK_LINES.split(text)]
    return "".join(f"<p>{'<br>'.join(escape(line) for line in part.split(chr(10)))}</p>" for part in paragraphs if part)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class SubmissionForm(forms.Form):
    body = forms.CharField(
        label=_("Your text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "writing__textarea"}),
    )
    body_format = forms.ChoiceField(
        choices=[(FORMAT_TEXT, FORMAT_TEXT), (FORMAT_HTML, FORMAT_HTML)],
        initial=FORMAT_TEXT,
        required=False,
        widget=forms.HiddenInput(attrs={"class": "writing__format"}),
    )
    url = forms.URLField(label=_("Web address of your work"), required=False, max_length=500, assume_scheme="https")
    files = MultipleFileField(label=_("Attach files"), required=False)
    version = forms.IntegerField(min_value=0, initial=0, widget=forms.HiddenInput(attrs={"class": "writing__version"}))

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        self.fields["body"].validators.append(MaxLengthValidator(conf.MAX_BODY_CHARS))
        if not assignment.accepts_text:
            del self.fields["body"]
            del self.fields["body_format"]
        if not assignment.accepts_url:
            del self.fields["url"]
        if not assignment.accepts_files:
            del self.fields["files"]
        else:
            extensions = assignment.get_allowed_extensions()
            self.fields["files"].widget.attrs["accept"] = ",".join(f".{ext}" for ext in extensions)
            self.fields["files"].help_text = _("Allowed: %(types)s. Up to %(count)s files of %(size)s MB each.") % {
                "types": ", ".join(extensions),
                "count": assignment.max_files,
                "size": assignment.max_file_size_mb,
            }

    def get_html(self) -> str:
        """The submitted text as sanitized HTML, whichever way it was typed."""
        if "body" not in self.fields:
            return ""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        body = data.get("body", self.data.get("body", "")) or ""
        body_format = data.get("body_format") or self.data.get("body_format") or FORMAT_TEXT
        return clean(body) if body_format == FORMAT_HTML else text_to_html(body)

    def get_url(self) -> str | None:
        if "url" not in self.fields:
            return None
        return self.cleaned_data.get("url", "")
