"""Which characters a text of the data may hold.

Every text reaches HTML, Atom (XML 1.0), iCalendar, CSV and JSON. Some
characters cannot be written to all of them (XML 1.0 has no place for most
control characters, UTF-8 none for a lone surrogate), and some change what a
reader sees without showing themselves (bidirectional overrides reorder the
letters around them). A text holding one is refused with the character's
code, never cleaned silently: removing characters would change a record
without anyone deciding it (README, "Decisions").

The model applies `problem` to every string of every field (`model.Strict`),
so a new field is covered without anyone listing it here.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab and line feed, DEL, C1 controls (NEL included).
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069).
_BIDI = "\u202a-\u202e\u2066-\u2069"
# The line and paragraph separators: line breaks that most tools do not take for one.
_SEPARATORS = "\u2028\u2029"
_SURROGATES = "\ud800-\udfff"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
# Outside the Basic Multilingual Plane, in a pattern of their own, searched
# only in texts that hold such characters: in the main class they make every
# search about ten times slower.
_ASTRAL_NONCHARACTERS = re.compile("[" + "".join(
    f"{chr(plane * 0x10000 + 0xfffe)}-{chr(plane * 0x10000 + 0xffff)}" for plane in range(1, 17)) + "]")

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ANYWHERE = re.compile(f"[{_CONTROL}{_BIDI}{_SEPARATORS}{_SURROGATES}{_NONCHARACTERS}]")
_ONE_LINE = re.compile(f"[\t\n{_CONTROL}{_BIDI}{_SEPARATORS}{_SURROGATES}{_NONCHARACTERS}]")


def _name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    return f"{code} ({name})" if name else code


def problem(text: str, multiline: bool) -> str | None:
    """Why `text` cannot be published, or None. `multiline`: the field is
    prose that may hold line breaks and tabs; otherwise it is one line (a
    title, name, heading, label or a number as written)."""
    found = (_ANYWHERE if multiline else _ONE_LINE).search(text)
    if not text.isascii() and _ASTRAL.search(text):
        astral = _ASTRAL_NONCHARACTERS.search(text)
        if astral is not None and (found is None or astral.start() < found.start()):
            found = astral
    if found is None:
        return None
    char, where = found.group(), f"at character {found.start() + 1}"
    if char == "\n":
        return f"must be one line; remove the line break {where}"
    if char == "\t":
        return f"must be one line; replace the tab {where} with a space"
    if char in _SEPARATORS:
        return f"contains the line separator {_name(char)} {where}; use a normal line break or a space"
    if re.fullmatch(f"[{_BIDI}]", char):
        return (f"contains {_name(char)} {where}, an invisible character that changes the order "
                "letters are shown in; remove it")
    if re.fullmatch(f"[{_SURROGATES}{_NONCHARACTERS}]", char) or _ASTRAL_NONCHARACTERS.fullmatch(char):
        return f"contains {_name(char)} {where}, which is not a character; remove it"
    return f"contains the invisible control character {_name(char)} {where}; remove it"
