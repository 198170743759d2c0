"""Service-model patterns -> full-match regexes pydantic can run.

The shapes carry Java regexes and AWS checks them against the whole value.
pydantic runs Rust's ``regex`` (fast, no look-around) or Python's ``re``
(look-around, no ``\\p{...}``), and searches rather than matches. So each
pattern is:

1. translated where Java syntax means something else or nothing elsewhere:
   ``\\d``, ``\\w`` and ``\\s`` are ASCII in Java and Unicode in both
   engines, so they are spelled out; ``.`` is any character, line
   terminators included (see :data:`_DOT`); POSIX classes such as ``\\p{Alnum}``;
   UTF-16 surrogate-pair ranges; and a bounded repetition of one class so
   large that Rust refuses to compile it (``[...]{0,1024}`` is ``[...]*``
   when the shape's maximum length is 1024);
2. anchored for a full match: ``^(?:...)$`` for Rust, ``\\A(?:...)\\Z`` for
   ``re``. pydantic compiles every pattern with Rust when it builds a class,
   so a pattern for ``re`` is handed to it as a Rust regex matching its own
   text (``botoshapes._runtime.contract.encode_python_re``); the runtime decodes it
   and runs it with ``re``;
3. compiled by the engine that will run it, here, so that a pattern either
   works at run time or the generator reports it.
"""

from __future__ import annotations

import re

import attrs
from pydantic_core import SchemaError, SchemaValidator, core_schema

_POSIX = {
    "Alnum": "a-zA-Z0-9",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Lower": "a-z",
    "Upper": "A-Z",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0B\\f\\r",
    "Blank": " \\t",
    "Print": "\\x20-\\x7E",
    "Graph": "\\x21-\\x7E",
    "Punct": "!-/:-@\\[-`{-~",
    "Cntrl": "\\x00-\\x1F\\x7F",
    "ASCII": "\\x00-\\x7F",
}
_POSIX_RE = re.compile(r"\\p\{(" + "|".join(_POSIX) + r")\}")
# Java matches UTF-16: a high and a low surrogate in a class stand for the
# supplementary planes.
_SURROGATE_PAIRS = "\\uD800\\uDC00-\\uDBFF\\uDFFF"
_SUPPLEMENTARY = "\\U00010000-\\U0010FFFF"
_ONE_CLASS_BOUNDED = re.compile(r"^(\[(?:\\.|[^\]\\])+\])\{(\d+),(\d+)\}$")
_LOOK_AROUND = ("(?=", "(?!", "(?<=", "(?<!")
# Java's ASCII shorthand classes, as class contents.
_ASCII_CLASSES = {"d": "0-9", "w": "0-9A-Za-z_", "s": " \\t\\n\\x0B\\f\\r"}


_DOT_ALL = "(?s:.)"
_DOT = _DOT_ALL
"""What ``.`` matches: any character, a line terminator too.

Java's ``.`` takes no line terminator, so that a pretty-printed JSON schema (Glue's
``SchemaDefinition``, ``.*\\S.*``), a multi-line policy or an AppSync template (``^.*$``)
would fail a full match; AWS accepts them. The evidence: Smithy, from which the models are
made, says "Smithy regular expressions MUST be valid regular expressions according to the
ECMA 262 regular expression dialect" and "The pattern trait does not implicitly add a
leading ^ or trailing $ to match an entire string" (smithy.io, constraint traits), a
search in which ``.*\\S.*`` takes any text with a non-space; AWS's own errors show a whole
value matched ("Value '"smart-dcb-messages"' at 'tableName' failed to satisfy constraint:
Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", aws-cli #790, which a
search would pass); and AppSync takes multi-line mapping templates against ``^.*$``
(tflint-ruleset-aws #462 dropped its rule: "newline characters are rejected" by the rule,
not by AWS). AWS states no flags. A full match in which ``.`` takes any character fits
every observation and refuses nothing AWS was seen to accept."""
# A class of a shorthand and its negation is any character (Java's \s and \S
# are ASCII, so neither engine's Unicode spelling would do).
_ANY_CHARACTER = re.compile(r"\[(?:\\s\\S|\\S\\s|\\w\\W|\\W\\w|\\d\\D|\\D\\d)\]")
_LONE_NEGATION = re.compile(r"\[\\([DWS])\]")


def _ascii_shorthands(pattern: str, *, nested_classes: bool) -> str:
    """Spell out ``\\d``, ``\\w``, ``\\s`` and their negations as ASCII classes, and ``.``
    as any character.

    A negation inside a class needs a nested class, which Rust's regex has and
    Python's re lacks; for re it is left as it is (Unicode).
    """
    pattern = _ANY_CHARACTER.sub(_DOT_ALL, pattern)
    pattern = _LONE_NEGATION.sub(lambda m: f"[^{_ASCII_CLASSES[m.group(1).lower()]}]", pattern)
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith(_DOT_ALL, i):  # any character, from _ANY_CHARACTER
            out.append(_DOT_ALL)
            i += len(_DOT_ALL)
            continue
        if char == "." and not in_class:
            out.append(_DOT)
            i += 1
            continue
        if char == "\\" and i + 1 < len(pattern):
            letter = pattern[i + 1]
            chars = _ASCII_CLASSES.get(letter.lower())
            if chars is None:
                out.append(pattern[i : i + 2])
            elif letter.islower():
                out.append(chars if in_class else f"[{chars}]")
            elif not in_class or nested_classes:
                out.append(f"[^{chars}]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            if in_class and chars is not None and pattern.startswith("-", i):
                # Java reads "-" after a class in a class as itself ([\w- ]); both engines
                # would read a range
                out.append("\\-")
                i += 1
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


class PatternError(ValueError):
    """A pattern that neither engine can run, even after translation."""


@attrs.frozen
class FullMatch:
    regex: str
    engine: str  # "rust-regex" or "python-re"
    takes_any: int | None = None
    """The length from which the pattern takes any text (``.*``: 0, ``.+``: 1), if it does:
    a shape with that minimum length needs no pattern check."""


_TAKES_ANY = {f"{_DOT_ALL}*": 0, f"{_DOT_ALL}+": 1}


def _translate(pattern: str, max_length: int | float | None, *, nested_classes: bool) -> str:
    out = _ascii_shorthands(
        pattern.replace(_SURROGATE_PAIRS, _SUPPLEMENTARY), nested_classes=nested_classes
    )
    out = _POSIX_RE.sub(lambda m: _posix(m, out), out)
    bounded = _ONE_CLASS_BOUNDED.match(out)
    if (
        bounded
        and int(bounded.group(2)) == 0
        and max_length is not None
        and max_length <= int(bounded.group(3))
    ):
        out = f"{bounded.group(1)}*"
    return out


def _posix(match: re.Match[str], pattern: str) -> str:
    chars = _POSIX[match.group(1)]
    inside_class = pattern.rfind("[", 0, match.start()) > pattern.rfind("]", 0, match.start())
    return chars if inside_class else f"[{chars}]"


def _rust_compiles(regex: str) -> bool:
    try:
        SchemaValidator(core_schema.str_schema(pattern=regex))
    except SchemaError:
        return False
    return True


def _python_compiles(regex: str) -> bool:
    try:
        re.compile(regex)
    except re.error:
        return False
    return True


def full_match(pattern: str, max_length: int | float | None = None) -> FullMatch:
    """The anchored regex and engine for one service-model pattern."""
    translated = _translate(pattern, max_length, nested_classes=True)
    rust = f"^(?:{translated})$"
    if not any(look in translated for look in _LOOK_AROUND) and _rust_compiles(rust):
        return FullMatch(rust, "rust-regex", _TAKES_ANY.get(translated))
    # Java's \z (the very end) is re's \Z; Rust's regex has \z
    for_re = _translate(pattern, max_length, nested_classes=False).replace("\\z", "\\Z")
    python = f"\\A(?:{for_re})\\Z"
    if _python_compiles(python):
        return FullMatch(python, "python-re")
    raise PatternError(
        f"neither Rust's regex nor Python's re compiles {pattern!r}: values are not checked"
        " against it"
    )
