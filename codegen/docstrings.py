"""Reduce the service model's HTML documentation to readable plain text for docstrings."""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser

_BLOCKS = frozenset({"p", "div", "ul", "ol", "dl", "note", "important", "br", "h1", "h2", "h3"})
_ITEMS = frozenset({"li", "dt", "dd"})
_SPACES = re.compile(r"\s+")
WIDTH = 76


class _TextCollector(HTMLParser):
    """Collects ``(indent, is_list_item, text)`` paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[int, bool, str]] = []
        self._current: list[str] = []
        self._bullet = False
        self._depth = 0
        self._href: str | None = None
        self._link_text: list[str] = []

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._current)).strip()
        self._current = []
        if text:
            self.paragraphs.append((max(self._depth - 1, 0), self._bullet, text))
            self._bullet = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS or tag in _ITEMS:
            self._flush()
        if tag in {"ul", "ol", "dl"}:
            self._depth += 1
        elif tag in _ITEMS:
            self._bullet = True
        elif tag == "a":
            self._href = dict(attrs).get("href")
            self._link_text = []
        elif tag == "code":
            self._current.append("``")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS or tag in _ITEMS:
            self._flush()
        if tag in {"ul", "ol", "dl"}:
            self._depth = max(self._depth - 1, 0)
        elif tag == "a":
            text = _SPACES.sub(" ", "".join(self._link_text)).strip()
            if self._href and self._href.startswith("http") and self._href != text:
                self._current.append(f" <{self._href}>")
            self._href = None
        elif tag == "code":
            self._current.append("``")

    def handle_data(self, data: str) -> None:
        self._current.append(data)
        if self._href is not None:
            self._link_text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(html: str, width: int = WIDTH) -> str:
    """Paragraphs separated by blank lines, list items as ``-`` bullets, wrapped at ``width``."""
    if not html:
        return ""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    out: list[str] = []
    previous_item = False
    for depth, item, raw in collector.paragraphs:
        text = raw.replace("````", "").replace("`` ``", " ")
        indent = "  " * depth
        first = indent + ("- " if item else "")
        wrapped = textwrap.fill(
            text,
            width=width,
            initial_indent=first,
            subsequent_indent=" " * len(first),
            break_long_words=False,
            break_on_hyphens=False,
        )
        if out:
            out.append("\n" if item and previous_item else "\n\n")
        out.append(wrapped)
        previous_item = item
    return "".join(out)


def docstring_safe(text: str) -> str:
    """Text that stays inert inside a triple-quoted docstring."""
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
