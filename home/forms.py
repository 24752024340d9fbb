from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.users.models import UserProfile


class ProfileForm(forms.ModelForm):
    """The learner's own profile: names and the language of e-mails."""

    preferred_language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("E-mails from the site are sent in this language."),
    )

    class Meta:
        model = get_user_model()
        fields = ["last_name", "first_name"]
        labels = {"last_name": _("Family name"), "first_name": _("Given name")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = UserProfile.get_for_user(self.instance)
        self.fields["preferred_language"].initial = self.profile.preferred_language or settings.LANGUAGE_CODE

    def save(self, commit: bool = True):
        user = super().save(commit=commit)
        self.profile.preferred_language = self.cleaned_data["preferred_language"]
        if commit:
            self.profile.save(update_fields=["preferred_language"])
        return user
