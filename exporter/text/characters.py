"""The one rule for characters that are not text, used by every reader and writer.

Forbidden everywhere: the 65 control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F)
and what is not a character at all (lone surrogates U+D800–U+DFFF, the noncharacters U+FFFE and
U+FFFF). None of them can be printed, Excel and XML 1.0 refuse most of them, and the rest would slip
unseen into a document. A text field of the model may hold none. Only where text still has its
layout may a place allow some back, and says so: line ends (LINE_ENDS) in a cell or a page, the tab
that separates cells in page text. Readers reject a forbidden character with its place; names made
from text (file and sheet names) replace or drop it.
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LINE_ENDS = "\n\r"
TAB = "\t"


def forbidden(text: str, allow: str = "") -> list[str]:
    """The forbidden characters in `text` other than those in `allow`, as sorted 'U+0007' names."""
    if FORBIDDEN.search(text) is None:
        return []
    return sorted({f"U+{ord(ch):04X}" for ch in FORBIDDEN.findall(text) if ch not in allow})


def replace(text: str, by: str = "") -> str:
    """`text` with every forbidden character replaced by `by` (dropped by default)."""
    return FORBIDDEN.sub(by, text)
