"""Java patterns of service models, as the generator translates them: each case is what Java
matches (``java.util.regex``, full match), checked with the engine the generator chose."""

from __future__ import annotations

import re

import pytest
from botocore.model import StringShape
from pydantic_core import SchemaValidator, core_schema

from codegen.diagnostics import Diagnostic, Level
from codegen.load import _constraints
from codegen.patterns import PatternError, full_match


def _matches(pattern: str, value: str) -> bool:
    found = full_match(pattern, 1024)
    if found.engine == "python-re":
        return re.match(found.regex, value) is not None
    validator = SchemaValidator(core_schema.str_schema(pattern=found.regex))
    try:
        validator.validate_python(value)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    ("pattern", "value", "java"),
    [
        # "-" after a class inside a class is itself in Java (QuickSight, Transfer, SSM)
        (r"[A-Za-z0-9](?:[\w- ]*[A-Za-z0-9])?", "a b-c", True),
        (r"[A-Za-z0-9](?:[\w- ]*[A-Za-z0-9])?", "a!c", False),
        (r"role\/[\w-\/.@+=,]{1,1017}", "role/a-b/c", True),
        (r"(?!x)[\w-]+", "a-b", True),
        (r"(?!x)[\w-]+", "x-b", False),
        # POSIX classes are ASCII in Java (SageMaker Runtime, Transfer)
        (r"\A\S[\p{Print}]*\z", "id 1~", True),
        (r"\A\S[\p{Print}]*\z", "id\u00e9", False),
        (r"\A\S[\p{Print}]*\z", "id\n", False),
        (r"[\p{Graph}]+", "a b", False),
        (r"[\p{Punct}]+", "!/:@[`{~", True),
        (r"[\p{Punct}]+", "a", False),
        (r"[\p{Blank}]+", " \t", True),
        (r"\p{Cntrl}", "\x7f", True),
        (r"\p{ASCII}+", "\u00e9", False),
    ],
)
def test_translated_patterns_match_as_java_does(pattern: str, value: str, java: bool) -> None:
    assert _matches(pattern, value) is java


def test_a_pattern_no_engine_runs_is_reported_not_checked() -> None:
    with pytest.raises(PatternError, match="values are not checked against it"):
        full_match(r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")


def test_the_generator_warns_and_generates_without_the_pattern() -> None:
    problems: list[Diagnostic] = []
    shape = StringShape("TagKey", {"type": "string", "pattern": r"^(?!aws:)[\p{L}]*$"})
    constraints = _constraints(shape, problems)
    assert (constraints.pattern, constraints.regex) == (r"^(?!aws:)[\p{L}]*$", None)
    assert [p.level for p in problems] == [Level.WARNING]
