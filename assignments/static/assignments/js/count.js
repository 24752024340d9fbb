/*
 * The counting rule of the site (文字数), the same as assignments/text.py:
 * grapheme clusters, not counting spaces (U+0020, U+3000), tabs or line breaks.
 * Exposed as window.TsunaguCount.countCharacters(text).
 */
(function (root) {
  "use strict";

  var NOT_COUNTED = new Set([" ", "\u3000", "\t", "\n", "\r", "\r\n", "\u000b", "\u000c", "\u0085", "\u2028", "\u2029"]);
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

  function countCharacters(text) {
    if (!text) {
      return 0;
    }
    var count = 0;
    if (segmenter) {
      for (var item of segmenter.segment(text)) {
        if (!NOT_COUNTED.has(item.segment)) {
          count += 1;
        }
      }
      return count;
    }
    // Browsers without Intl.Segmenter: code points, a close approximation.
    for (var ch of text.replace(/\r\n/g, "\n")) {
      if (!NOT_COUNTED.has(ch)) {
        count += 1;
      }
    }
    return count;
  }

  root.TsunaguCount = { countCharacters: countCharacters };
})(typeof window !== "undefined" ? window : globalThis);
