"""Pure text normalisers used for matching: quotes, dashes, spaces, numbers, case.

Two provisions with the same normalised text say the same words; quote style, dash style,
spacing and thousands separators are typography, not substance.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    }
)
_SPACES = re.compile(r"\s+")
# "600,000", "600 000" and "600.000" (European grouping) are all the number 600000.
_GROUPED_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3})(?:[ ,.](\d{3}))+(?![\d]|[.,]\d)")
_PUNCT_EDGE = re.compile(r"[\s.;:,!?]+$")
# "cease-fire" and "ceasefire", "peace-keeping" and "peacekeeping" are one word spelt two ways.
_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def typographic(text: str) -> str:
    """Return text with curly quotes, dashes and odd spaces made plain, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


def _ungroup(match: re.Match[str]) -> str:
    return re.sub(r"[ ,.]", "", match.group(0))


def for_matching(text: str) -> str:
    """Return the form two texts are compared in: plain typography, lower case, numbers ungrouped,
    hyphens inside words dropped."""
    text = typographic(text).lower()
    text = _GROUPED_NUMBER.sub(_ungroup, text)
    text = _HYPHEN_IN_WORD.sub("", text)
    return _PUNCT_EDGE.sub("", text)


def fingerprint(text: str) -> str:
    """Return a short stable hash of the normalised text (12 hex digits)."""
    return hashlib.sha1(for_matching(text).encode("utf-8")).hexdigest()[:12]
