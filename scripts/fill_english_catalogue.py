"""English is the language of the source strings: fill the English catalogues'
empty translations with the source text so that every catalogue is complete."""

from __future__ import annotations

import sys

import polib
from compile_messages import ROOT, catalogues


def main() -> int:
    for po_path in catalogues():
        if po_path.parts[-3] != "en":
            continue
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue:
            if entry.msgid_plural:
                if not any(entry.msgstr_plural.values()):
                    entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            elif not entry.msgstr:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save()
        print(f"filled {po_path.relative_to(ROOT)}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
