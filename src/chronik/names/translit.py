"""Cyrillic names in German and English Latin spelling.

German usage (Duden: Schoigu, Selenskyj, Peskow, Chrenin) is not what ICU's transforms produce, so
both spellings come from the tables below; PyICU, when installed, only supplies a Latin *matching
key* for other scripts (Greek, Arabic, ...). Without a rule for a script the name is kept as
written, never mangled.
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = set("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")

# (German, English) per letter; context rules for е/ё/й/и are in _letter().
_TABLE = {
    "а": ("a", "a"),
    "б": ("b", "b"),
    "в": ("w", "v"),
    "г": ("g", "g"),
    "д": ("d", "d"),
    "е": ("e", "e"),
    "ё": ("jo", "yo"),
    "ж": ("sch", "zh"),
    "з": ("s", "z"),
    "и": ("i", "i"),
    "й": ("i", "y"),
    "к": ("k", "k"),
    "л": ("l", "l"),
    "м": ("m", "m"),
    "н": ("n", "n"),
    "о": ("o", "o"),
    "п": ("p", "p"),
    "р": ("r", "r"),
    "с": ("s", "s"),
    "т": ("t", "t"),
    "у": ("u", "u"),
    "ф": ("f", "f"),
    "х": ("ch", "kh"),
    "ц": ("z", "ts"),
    "ч": ("tsch", "ch"),
    "ш": ("sch", "sh"),
    "щ": ("schtsch", "shch"),
    "ъ": ("", ""),
    "ы": ("y", "y"),
    "ь": ("", ""),
    "э": ("e", "e"),
    "ю": ("ju", "yu"),
    "я": ("ja", "ya"),
    "і": ("i", "i"),
    "ї": ("ji", "yi"),
    "є": ("je", "ye"),
    "ґ": ("g", "g"),
}
_UK = {"г": ("h", "h"), "и": ("y", "y"), "й": ("j", "y")}


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def _letter(word: str, i: int, ukrainian: bool) -> tuple[str, str]:
    ch = word[i].lower()
    prev = word[i - 1].lower() if i else ""
    nxt = word[i + 1].lower() if i + 1 < len(word) else ""
    if ukrainian and ch in _UK:
        de, en = _UK[ch]
    elif ch == "е" and (not prev or prev in _VOWELS or prev in "ьъ"):
        de, en = "je", "ye"
    elif ch == "й" and prev in ("и", "ы") and not nxt:
        de, en = "", ""  # -ий/-ый: German -i (Dmitri), English -y (Dmitry) come from the vowel
    elif ch in ("и", "ы") and nxt == "й" and i + 2 == len(word):
        de, en = ("i", "y") if ch == "и" else ("y", "y")
    elif ch == "й":
        de, en = ("j" if prev in ("е", "a", "а") and ch else "i", "y")
        if prev == "е":
            de = "j"  # Сергей -> Sergej
    elif ch == "ё" and prev in ("ж", "ш", "ч", "щ"):
        de, en = "o", "e"
    else:
        de, en = _TABLE.get(ch, (word[i], word[i]))
    if word[i].isupper():
        de, en = de[:1].upper() + de[1:], en[:1].upper() + en[1:]
    return de, en


@lru_cache(maxsize=4096)
def cyrillic_to_latin(text: str) -> tuple[str, str]:
    """(German spelling, English spelling) of a Cyrillic name; other characters pass through."""
    ukrainian = bool(_UKRAINIAN.search(text))
    out_de, out_en = [], []
    for word in re.split(r"(\W+)", text):
        if not has_cyrillic(word):
            out_de.append(word)
            out_en.append(word)
            continue
        pairs = [_letter(word, i, ukrainian) for i in range(len(word))]
        out_de.append("".join(p[0] for p in pairs))
        out_en.append("".join(p[1] for p in pairs))
    return "".join(out_de), "".join(out_en)


@lru_cache(maxsize=1)
def _icu_any_latin():  # type: ignore[no-untyped-def]
    try:
        import icu  # type: ignore[import-not-found]
    except ImportError:
        return None
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


def latin_key_form(text: str) -> str | None:
    """A Latin form for matching names in other scripts, or None where no rule exists (text kept as
    is)."""
    if has_cyrillic(text):
        return cyrillic_to_latin(text)[0]
    if text.isascii() or all(ch.isalpha() is False or ord(ch) < 0x250 for ch in text):
        return text
    tr = _icu_any_latin()
    return tr.transliterate(text) if tr is not None else None
