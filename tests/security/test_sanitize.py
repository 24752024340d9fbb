"""The sanitizer against XSS corpora, with both engines: nothing that can run survives.

Corpora: DOMPurify's fixtures (shared/corpora/xss/) and the injection lists of
Debian's wfuzz package, fetched with `apt-get download wfuzz` and cached under var/.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from assignments.sanitize import ALLOWED_TAGS, clean, to_plain_text
from tests.conftest import require_service

ENGINES = ["nh3", "bleach"]
CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "xss" / "dompurify-payloads.json"
WFUZZ_CACHE = Path(settings.VAR_DIR) / "cache" / "wfuzz"
WFUZZ_LISTS = ("XSS.txt", "All_attack.txt", "XML.txt", "bad_chars.txt")
FORBIDDEN_ELEMENTS = ("script", "svg", "math", "iframe", "object", "embed", "style", "form")
FORBIDDEN_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)


@pytest.fixture(params=ENGINES)
def engine(request):
    with override_settings(LMS_SANITIZER=request.param):
        yield request.param


def dompurify_payloads() -> list[str]:
    if not CORPUS.exists():
        pytest.fail(f"The shared corpus is missing: {CORPUS}")
    return [entry["payload"] for entry in json.loads(CORPUS.read_text(encoding="utf-8"))]


def wfuzz_payloads() -> list[str]:
    """The wfuzz injection lists, downloaded once with apt-get and extracted with dpkg-deb."""
    folder = WFUZZ_CACHE / "usr" / "share" / "wfuzz" / "wordlist" / "Injections"
    if not folder.exists():
        with tempfile.TemporaryDirectory() as tmp:
            download = ["apt-get", "download", "wfuzz"]
            result = subprocess.run(download, cwd=tmp, capture_output=True, text=True, timeout=300)
            if result.returncode != 0:
                # A machine whose package lists were never fetched: fetch them once.
                subprocess.run(["apt-get", "update", "-qq"], capture_output=True, timeout=300)
                result = subprocess.run(download, cwd=tmp, capture_output=True, text=True, timeout=300)
            debs = list(Path(tmp).glob("wfuzz_*.deb"))
            if result.returncode != 0 or not debs:
                require_service(f"`apt-get download wfuzz` failed: {result.stderr.strip()[-300:]}")
            WFUZZ_CACHE.mkdir(parents=True, exist_ok=True)
            subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(WFUZZ_CACHE)], check=True, timeout=120)
    payloads = []
    for name in WFUZZ_LISTS:
        text = (folder / name).read_text(encoding="utf-8", errors="replace")
        payloads += [line for line in text.splitlines() if line.strip()]
    return payloads


class _Inspector(HTMLParser):
    """Collects every element and attribute as a browser's tokenizer would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_harmless(output: str, payload: str) -> None:
    lowered = output.lower()
    assert "<script" not in lowered, payload
    for name in FORBIDDEN_ELEMENTS:
        assert not re.search(rf"<{name}[\s/>]", lowered), (name, payload)
    inspector = _Inspector()
    inspector.feed(output)
    inspector.close()
    for tag, attrs in inspector.tags:
        assert tag in ALLOWED_TAGS, (tag, payload)
        for name, value in attrs:
            assert not name.startswith("on"), (name, payload)
            assert name in {"href", "rel"}, (name, payload)
            if name == "href":
                # Browsers ignore control characters and spaces around a scheme.
                address = re.sub(r"[\x00-\x20]", "", html.unescape(value or ""))
                assert not FORBIDDEN_URL.match(address), (value, payload)
                assert address.split(":", 1)[0].lower() in {"http", "https", "mailto"}, (value, payload)
            if name == "rel":
                assert value == "nofollow noopener"


def test_dompurify_corpus_is_harmless_after_cleaning(engine):
    payloads = dompurify_payloads()
    assert len(payloads) == 223
    for payload in payloads:
        output = clean(payload)
        assert_harmless(output, payload)
        assert clean(output) == output, payload


def test_wfuzz_injection_lists_are_harmless_after_cleaning(engine):
    payloads = wfuzz_payloads()
    assert len(payloads) > 400
    for payload in payloads:
        output = clean(payload)
        assert_harmless(output, payload)
        assert clean(output) == output, payload


EDITOR_OUTPUT = (
    "<h2>見出し</h2><h3>小見出し</h3><h4>項目</h4>"
    "<p><strong>太字</strong><b>b</b><em>斜体</em><i>i</i><u>下線</u><s>取り消し</s><br>改行</p>"
    "<ul><li>一つ目</li></ul><ol><li>二つ目</li></ol><blockquote>引用</blockquote>"
    "<pre>整形済み</pre><p><code>code</code></p>"
)


def test_what_the_editor_produces_is_kept(engine):
    assert clean(EDITOR_OUTPUT) == EDITOR_OUTPUT


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        ("http://example.jp/", True),
        ("https://example.jp/a?b=c&amp;d=e", True),
        ("mailto:info@example.jp", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("vbscript:msgbox(1)", False),
        ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", False),
        ("/relative/path", False),
        ("//example.com/", False),
        ("ftp://example.jp/", False),
    ],
)
def test_links_keep_only_http_https_and_mailto_and_get_rel(engine, link, kept):
    output = clean(f'<p><a href="{link}" target="_blank" rel="opener" title="t">リンク</a></p>')
    assert ('href="' in output) is kept
    assert 'rel="nofollow noopener"' in output
    assert "target" not in output
    assert "title" not in output
    assert "リンク" in output


@pytest.mark.parametrize(
    "payload",
    [
        "<p onclick=alert(1)>x</p>",
        '<p style="color:red">x</p>',
        "<h1>x</h1>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=https://example.com></iframe>",
        "<form action=https://example.com><input name=a></form>",
        "<object data=x></object><embed src=x>",
        "<math><mi>x</mi></math>",
        "<svg onload=alert(1)><circle/></svg>",
        "<style>body{}</style>",
        '<div class="x" id="y">x</div>',
    ],
)
def test_everything_else_is_removed(engine, payload):
    output = clean(payload)
    assert_harmless(output, payload)


def test_script_and_style_lose_their_content(engine):
    assert clean("<p>前</p><script>alert('xss')</script><style>p{}</style><p>後</p>") == "<p>前</p><p>後</p>"


def test_empty_input(engine):
    assert clean("") == ""
    assert clean(None) == ""
    assert to_plain_text("") == ""


def test_plain_text_has_one_line_per_block(engine):
    assert to_plain_text("<h2>題</h2><p>一行目<br>二行目</p><ul><li>a</li><li>b</li></ul><p>&lt;&amp;&gt;</p>") == (
        "題\n一行目\n二行目\na\nb\n<&>"
    )


def test_plain_text_of_unclean_html_is_cleaned_first(engine):
    assert to_plain_text("<p>本文</p><script>alert(1)</script>") == "本文"


def test_a_dotted_path_selects_an_engine():
    with override_settings(LMS_SANITIZER="assignments.sanitize.BleachEngine"):
        assert clean("<p onclick=x>a</p>") == "<p>a</p>"


html_fragments = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<a href='http://x.jp/?a=1&b=2'>",
                "</a>",
                "<b>",
                "</b>",
                "<ul><li>",
                "</li>",
                "<script>",
                "</script>",
                "<br>",
                "&amp;",
                "&nbsp;",
                "&",
                "<",
                ">",
                '"',
                "<!--",
                "-->",
                "<svg>",
                "<math>",
                "<style>",
                "<h2>",
                "<pre>",
                "<blockquote>",
                "<table><tr><td>",
                "\x00",
                "<a href=javascript:alert(1)>",
                "<img src=x onerror=alert(1)>",
                "<![CDATA[",
                "]]>",
                "<?x",
                "</",
                "<p\n",
                "<noscript>",
                "<template>",
                "<textarea>",
                "<xmp>",
                "<plaintext>",
                "<title>",
                "<select>",
            ]
        ),
    ),
    max_size=30,
).map("".join)


@pytest.mark.parametrize("engine_name", ENGINES)
@hypothesis_settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fragment=html_fragments)
def test_clean_is_idempotent(engine_name, fragment):
    with override_settings(LMS_SANITIZER=engine_name):
        once = clean(fragment)
        assert clean(once) == once
        assert_harmless(once, fragment)
