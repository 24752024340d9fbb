"""Article body blocks: content images need alt text, and the admin says so without losing the editor's work."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.test.utils.form_data import rich_text

from home.blocks import ALT_TEXT_MISSING, ArticleStreamBlock, ImageWithCaptionBlock
from home.models import InterviewPage
from tests.factories.accounts import UserFactory
from tests.factories.home import ArticleIndexPageFactory, ImageFactory, interview_form_data, list_block

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return ArticleIndexPageFactory(parent=home_page)


@pytest.mark.parametrize("alt_text", ["", "   "])
def test_an_image_without_alt_text_is_refused_with_a_clear_message(alt_text):
    block = ImageWithCaptionBlock()
    value = block.to_python({"image": ImageFactory().pk, "alt_text": alt_text, "caption": "川沿いの道", "credit": ""})

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)

    assert error.value.block_errors["alt_text"].messages == [str(ALT_TEXT_MISSING)]


def test_an_image_with_alt_text_is_accepted():
    block = ImageWithCaptionBlock()
    value = block.to_python({"image": ImageFactory().pk, "alt_text": "川沿いの道を歩く人", "caption": "", "credit": ""})
    assert block.clean(value)["alt_text"] == "川沿いの道を歩く人"


def test_other_errors_of_the_image_block_are_kept():
    block = ImageWithCaptionBlock()
    value = block.to_python({"image": None, "alt_text": "", "caption": "", "credit": ""})

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)

    assert set(error.value.block_errors) == {"image", "alt_text"}


def test_pros_and_cons_need_an_item_in_each_list():
    block = ArticleStreamBlock().child_blocks["pros_cons"]
    value = block.to_python(
        {"heading": "", "pros_label": "", "pros": ["近くに仲間がいる"], "cons_label": "", "cons": []}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "cons" in error.value.block_errors


def test_the_admin_refuses_an_image_block_without_alt_text_and_keeps_the_form(client, index):
    client.force_login(UserFactory(groups=["Editors", "Moderators"]))
    image = ImageFactory()
    data = interview_form_data(
        body=[
            ("paragraph", rich_text("<p>最初の段落です。</p>")),
            ("image", {"image": image.pk, "alt_text": "", "caption": "公民館での講座の様子", "credit": "事務局"}),
            (
                "pros_cons",
                {
                    "heading": "",
                    "pros_label": "",
                    "pros": list_block(["相談できる仲間がいる"]),
                    "cons_label": "",
                    "cons": list_block(["予定を合わせる手間"]),
                },
            ),
        ],
    )
    data["action-publish"] = "action-publish"

    response = client.post(reverse("wagtailadmin_pages:add", args=("home", "interviewpage", index.pk)), data)

    assert response.status_code == 200
    assert not InterviewPage.objects.exists()
    # The stream's values and errors reach the editor as JSON with \uXXXX escapes.
    text = re.sub(r"\\u([0-9a-f]{4})", lambda match: chr(int(match.group(1), 16)), response.content.decode())
    assert str(ALT_TEXT_MISSING) in text
    assert "公民館での講座の様子" in text and "事務局" in text
    assert "相談できる仲間がいる" in text and "予定を合わせる手間" in text


def test_the_admin_refuses_a_cover_image_without_alt_text(client, index):
    client.force_login(UserFactory(groups=["Editors", "Moderators"]))
    data = interview_form_data(cover_image=ImageFactory().pk, cover_image_alt="")
    data["action-publish"] = "action-publish"

    response = client.post(reverse("wagtailadmin_pages:add", args=("home", "interviewpage", index.pk)), data)

    assert response.status_code == 200
    assert "カバー画像の代替テキストを入力してください" in response.content.decode()
    assert not InterviewPage.objects.exists()
