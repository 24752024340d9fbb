"""Learners' files: allowlist by extension and magic bytes, size, count and pixel limits,
server-made names on private storage, and the permission-checked download."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from PIL import Image

from assignments.exceptions import UploadRefused
from assignments.models import Submission, SubmissionFile
from assignments.permissions import register_reviewer_check, unregister_reviewer_check
from tests.factories.accounts import LearnerFactory, MentorFactory
from tests.factories.assignments import AssignmentPageFactory, SubmissionFactory
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    """The refusals are asserted in their English source text."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def course(home_page):
    return CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), slug="design")


@pytest.fixture
def assignment(course):
    return AssignmentPageFactory(
        parent=course, submission_kind="text_files", allowed_file_types="pdf,docx,png", max_file_size_mb=1, max_files=2
    )


@pytest.fixture
def owner(course):
    learner = LearnerFactory(username="owner")
    EnrollmentFactory(user=learner, course=course)
    return learner


@pytest.fixture
def draft(assignment, owner):
    return SubmissionFactory(assignment=assignment, learner=owner)


def png_bytes(width=4, height=3) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size: a pixel flood (decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b"")
    )


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_allowed_files_are_stored_privately_under_made_up_names(draft, owner):
    stored = draft.add_files([upload("../../企画書<script>.pdf", PDF), upload("図.png", png_bytes())], by=owner)
    assert [record.original_name for record in stored] == ["企画書script.pdf", "図.png"]
    for record in stored:
        name = record.file.name
        assert name.startswith(f"submissions/{draft.assignment_id}/") and "企画書" not in name and ".." not in name
        path = Path(record.file.path)
        assert path.is_file()
        assert Path(settings.LMS_PRIVATE_ROOT) in path.parents
        assert Path(settings.MEDIA_ROOT) not in path.parents
    assert stored[0].content_type == "application/pdf"


def test_a_word_file_is_recognised_by_its_contents(draft, owner):
    (record,) = draft.add_files([upload("原稿.docx", docx_bytes())], by=owner)
    assert record.content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content", "rule"),
    [
        ("script.exe", b"MZ\x90\x00", "not accepted here"),
        ("page.html", b"<script>alert(1)</script>", "not accepted here"),
        ("noextension", PDF, "not accepted here"),
        ("fake.pdf", b"<html><script>alert(1)</script></html>", "contents do not match"),
        ("fake.png", PDF, "contents do not match"),
        ("zip.docx", b"PK\x03\x04 not really a zip", "contents do not match"),
        ("empty.pdf", b"", "empty"),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not a readable image"),
    ],
)
def test_refused_files_name_the_rule(draft, owner, name, content, rule):
    with pytest.raises(UploadRefused) as refusal:
        draft.add_files([upload(name, content)], by=owner)
    assert rule in str(refusal.value.message)
    assert not SubmissionFile.objects.exists()


def test_oversize_files_are_refused(draft, owner):
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(UploadRefused, match="largest file allowed is 1 MB"):
        draft.add_files([upload("big.pdf", big)], by=owner)


def test_too_many_files_are_refused(draft, owner):
    draft.add_files([upload("a.pdf", PDF)], by=owner)
    with pytest.raises(UploadRefused, match="at most 2 files"):
        draft.add_files([upload("b.pdf", PDF), upload("c.pdf", PDF)], by=owner)
    assert draft.files.count() == 1


def test_a_pixel_flood_is_refused_before_decoding(draft, owner):
    with pytest.raises(UploadRefused, match="pixels"):
        draft.add_files([upload("bomb.png", png_header_claiming(100_000, 100_000))], by=owner)


@override_settings(LMS_UPLOAD_MAX_PIXELS=100)
def test_the_pixel_limit_is_a_setting(draft, owner):
    with pytest.raises(UploadRefused, match="11 × 10 pixels"):
        draft.add_files([upload("small.png", png_bytes(11, 10))], by=owner)


def test_files_cannot_be_added_after_submitting(assignment, owner):
    submitted = SubmissionFactory(assignment=assignment, learner=owner, status=Submission.Status.SUBMITTED)
    from assignments.exceptions import InvalidTransition

    with pytest.raises(InvalidTransition):
        submitted.add_files([upload("a.pdf", PDF)], by=owner)


def test_the_form_keeps_the_text_and_names_the_refused_file(client, assignment, owner):
    client.force_login(owner)
    response = client.post(
        reverse("assignments:save", args=[assignment.pk]),
        {"body": "添付の説明文です。", "version": "0", "action": "save", "files": [upload("fake.pdf", b"not a pdf")]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "fake.pdf" in html and "contents do not match" in html
    assert "添付の説明文です。" in html
    assert Submission.objects.get().body_text == "添付の説明文です。"


# Download -------------------------------------------------------------------


@pytest.fixture
def stored_file(draft, owner):
    (record,) = draft.add_files([upload("提案書.pdf", PDF)], by=owner)
    return record


def test_the_owner_downloads_as_an_attachment_that_never_runs(client, owner, stored_file):
    client.force_login(owner)
    response = client.get(stored_file.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Type"] == "application/octet-stream"


def test_a_mentor_in_scope_downloads(client, stored_file, course):
    mentor = MentorFactory(username="mentor-in-scope")

    def in_scope(user, submission):
        return user.pk == mentor.pk and submission.assignment.get_parent().pk == course.pk

    register_reviewer_check(in_scope)
    try:
        client.force_login(mentor)
        assert client.get(stored_file.get_download_url()).status_code == 200
        outsider = MentorFactory(username="mentor-out-of-scope")
        client.force_login(outsider)
        assert client.get(stored_file.get_download_url()).status_code == 404
    finally:
        unregister_reviewer_check(in_scope)
    client.force_login(mentor)
    assert client.get(stored_file.get_download_url()).status_code == 404


def test_staff_download_by_default(client, stored_file):
    from tests.factories.accounts import UserFactory

    client.force_login(UserFactory(username="staff", is_staff=True))
    assert client.get(stored_file.get_download_url()).status_code == 200


def test_another_learner_gets_404(client, stored_file, course):
    other = LearnerFactory(username="nosy")
    EnrollmentFactory(user=other, course=course)
    client.force_login(other)
    assert client.get(stored_file.get_download_url()).status_code == 404


def test_anonymous_is_sent_to_log_in(client, stored_file):
    response = client.get(stored_file.get_download_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_unknown_key_is_404(client, owner):
    client.force_login(owner)
    assert (
        client.get(reverse("assignments:file_download", args=["00000000-0000-0000-0000-000000000000"])).status_code
        == 404
    )


def test_removing_a_file_from_the_draft(client, owner, stored_file):
    client.force_login(owner)
    response = client.post(reverse("assignments:file_remove", args=[stored_file.key]))
    assert response.status_code == 302
    assert not SubmissionFile.objects.exists()
