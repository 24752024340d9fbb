"""Checks on learners' files: extension and magic bytes, size, count and image pixels.

Every refusal raises `UploadRefused` whose message names the file and the rule
it broke. Accepted files are stored on the private storage under a name the
server makes up; the learner's file name is kept only for display.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.storage import storages
from django.utils.translation import gettext as _

from .conf import conf
from .exceptions import UploadRefused


def private_storage():
    """The storage for learners' files: STORAGES["private"], never under MEDIA_ROOT."""
    return storages["private"]


def _zip_with(member_prefix: str) -> Callable[[bytes, object], bool]:
    def check(head: bytes, file) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            file.seek(0)
        return "[Content_Types].xml" in names and any(name.startswith(member_prefix) for name in names)

    return check


def _utf8_text(head: bytes, file) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The head may end inside a multibyte character.
        return error.start >= len(head) - 3
    return True


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    check: Callable[[bytes, object], bool]
    is_image: bool = False


FILE_TYPES: dict[str, FileType] = {
    "pdf": FileType("PDF", "application/pdf", lambda head, f: head.startswith(b"%PDF-")),
    "docx": FileType(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _zip_with("word/"),
    ),
    "xlsx": FileType("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _zip_with("xl/")),
    "pptx": FileType(
        "PowerPoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _zip_with("ppt/"),
    ),
    "png": FileType("PNG", "image/png", lambda head, f: head.startswith(b"\x89PNG\r\n\x1a\n"), is_image=True),
    "jpg": FileType("JPEG", "image/jpeg", lambda head, f: head.startswith(b"\xff\xd8\xff"), is_image=True),
    "jpeg": FileType("JPEG", "image/jpeg", lambda head, f: head.startswith(b"\xff\xd8\xff"), is_image=True),
    "gif": FileType("GIF", "image/gif", lambda head, f: head[:6] in (b"GIF87a", b"GIF89a"), is_image=True),
    "webp": FileType(
        "WebP", "image/webp", lambda head, f: head[:4] == b"RIFF" and head[8:12] == b"WEBP", is_image=True
    ),
    "txt": FileType("text", "text/plain; charset=utf-8", _utf8_text),
}


def parse_extensions(value: str) -> list[str]:
    """Turn "PDF, .docx" into ["pdf", "docx"]; raise ValueError naming an unsupported type."""
    extensions = []
    for raw in (value or "").replace(" ", ",").split(","):
        ext = raw.strip().lower().lstrip(".")
        if not ext:
            continue
        if ext not in FILE_TYPES:
            raise ValueError(
                _("“%(ext)s” is not a supported file type. Supported: %(types)s.")
                % {"ext": ext, "types": ", ".join(sorted(FILE_TYPES))}
            )
        if ext not in extensions:
            extensions.append(ext)
    return extensions


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def display_name(name: str) -> str:
    """The learner's file name, reduced to something safe to show and to offer as a download name."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')
    return base.strip(" .")[:120] or "file"


def generated_name(assignment_id: int, extension: str) -> str:
    """A storage name the server makes up: nothing of the learner's file name reaches the disk."""
    return f"submissions/{assignment_id}/{uuid.uuid4().hex}.{extension}"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def validate_upload(file, *, allowed_extensions: list[str], max_size_mb: int) -> FileType:
    """Check one uploaded file; return its `FileType` or raise `UploadRefused` naming the broken rule."""
    name = display_name(getattr(file, "name", "") or "")
    extension = extension_of(name)
    if extension not in allowed_extensions or extension not in FILE_TYPES:
        raise UploadRefused(
            _("“%(name)s”: files of type .%(ext)s are not accepted here. Allowed types: %(allowed)s.")
            % {"name": name, "ext": extension or "?", "allowed": ", ".join(allowed_extensions)}
        )
    limit_mb = min(max_size_mb, conf.UPLOAD_HARD_MAX_MB)
    if file.size > limit_mb * 1024 * 1024:
        raise UploadRefused(
            _("“%(name)s” is %(size)s MB; the largest file allowed is %(limit)s MB.")
            % {"name": name, "size": _megabytes(file.size), "limit": limit_mb}
        )
    if file.size == 0:
        raise UploadRefused(_("“%(name)s” is empty.") % {"name": name})
    file_type = FILE_TYPES[extension]
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    if not file_type.check(head, file):
        raise UploadRefused(
            _("“%(name)s” is not really a %(label)s file: its contents do not match the extension .%(ext)s.")
            % {"name": name, "label": file_type.label, "ext": extension}
        )
    if file_type.is_image:
        _check_image(file, name)
    return file_type


def _check_image(file, name: str) -> None:
    from PIL import Image

    max_pixels = conf.UPLOAD_MAX_PIXELS
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        # Reading the header only: the size is known before any pixel is decoded.
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise UploadRefused(
                    _("“%(name)s” is %(width)s × %(height)s pixels; images may have at most %(max)s pixels.")
                    % {"name": name, "width": width, "height": height, "max": f"{max_pixels:,}"}
                )
            image.verify()
    except UploadRefused:
        raise
    except Image.DecompressionBombError as error:
        raise UploadRefused(
            _("“%(name)s” has too many pixels; images may have at most %(max)s pixels.")
            % {"name": name, "max": f"{max_pixels:,}"}
        ) from error
    except Exception as error:  # noqa: BLE001 (Pillow raises many kinds for a broken image)
        raise UploadRefused(_("“%(name)s” is not a readable image.") % {"name": name}) from error


def validate_uploads(files, *, existing_count: int, allowed_extensions: list[str], max_size_mb: int, max_files: int):
    """Check a batch of uploads against the count limit and each file's rules; return (file, FileType) pairs."""
    files = list(files)
    if existing_count + len(files) > max_files:
        raise UploadRefused(
            _("You can attach at most %(max)s files to this task (%(existing)s already attached, %(new)s chosen).")
            % {"max": max_files, "existing": existing_count, "new": len(files)}
        )
    return [
        (file, validate_upload(file, allowed_extensions=allowed_extensions, max_size_mb=max_size_mb)) for file in files
    ]
