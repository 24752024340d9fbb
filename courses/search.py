"""Japanese-aware search through Wagtail's database backend, on SQLite and on PostgreSQL.

Japanese is written without spaces. SQLite FTS5's default tokenizer and
PostgreSQL's text-search parser both take a run of kana and kanji as one long
token, so 「講座」 is never found in 「ライティング講座の基礎」. As pg_bigm does, we
index and query CJK text as overlapping character bigrams:

    bigram_text("ライティング講座の基礎") == "ライ イテ ティ ィン ング グ講 講座 座の の基 基礎"

Words in other scripts stay words ("Web", "SEO", "python"), so English search
works as before. A model indexes `bigram_text(...)` of its text in an extra
`index.SearchField` (a method), and `search_query()` turns what a user typed
into the same form, every token required.

Reusable by any app: `bigram_text`, `search_query`, `text_matches`.
"""

from __future__ import annotations

import re
import unicodedata

from wagtail.search.query import PlainText

# Hiragana, katakana (with the prolonged sound mark), CJK ideographs and their
# extensions, the iteration mark 々 and the katakana middle dot's neighbours.
_CJK = (
    "\u3005\u3006\u3007"  # 々 〆 〇
    "\u3040-\u309f"  # hiragana
    "\u30a0-\u30ff"  # katakana, including ー
    "\u31f0-\u31ff"  # katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uac00-\ud7af"  # hangul syllables
    "\U00020000-\U0002fa1f"  # CJK extensions B-F and supplement
)
_TOKEN_RE = re.compile(rf"([{_CJK}]+)|([^\W{_CJK}]+)")
# The katakana middle dot separates words (ウェブ・デザイン); treat it as a space.
_SEPARATORS = str.maketrans({"・": " ", "･": " "})


def normalize(text: str) -> str:
    """NFKC (full-width letters and half-width kana to their usual forms) and lower case."""
    return unicodedata.normalize("NFKC", text or "").translate(_SEPARATORS).lower()


def tokens(text: str) -> list[str]:
    """Search tokens of `text`: bigrams for each CJK run (the character itself for a run of one),
    words for everything else, in order."""
    result: list[str] = []
    for cjk_run, word in _TOKEN_RE.findall(normalize(text)):
        if word:
            result.append(word)
        elif len(cjk_run) == 1:
            result.append(cjk_run)
        else:
            result.extend(cjk_run[i : i + 2] for i in range(len(cjk_run) - 1))
    return result


def bigram_text(text: str) -> str:
    """The text to index: its tokens separated by spaces."""
    return " ".join(tokens(text))


def query_tokens(query: str) -> list[str]:
    """The tokens of a user's query, each once, in order."""
    return list(dict.fromkeys(tokens(query)))


def search_query(query: str) -> PlainText | None:
    """A Wagtail search query for what the user typed, with every token required; None if it has none.

    Pass it to `.search()` on a queryset of a model that indexes `bigram_text`.
    """
    terms = query_tokens(query)
    if not terms:
        return None
    return PlainText(" ".join(terms), operator="and")


def text_matches(query: str, text: str) -> bool:
    """Whether every token of `query` occurs in `text`: the same rule as the index, checked in Python.

    Used to decide whether a hit came from a part of a page that the reader may see
    (a lesson's title) rather than a part they may not (its body).
    """
    terms = query_tokens(query)
    if not terms:
        return False
    haystack = " ".join(tokens(text))
    return all(term in haystack for term in terms)
