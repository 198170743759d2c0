"""The one place where Python names are decided.

* class name = shape name, exactly, but for an upper-case first letter (``scope`` ->
  ``Scope``), a trailing ``_`` after a keyword or a name the model modules import (``None_``,
  ``Field_``) and no leading ``_`` (``__AdTriggersElement``);
* attribute name = botocore's ``xform_name`` of the wire name, with a trailing
  ``_`` where that is a keyword or would shadow something the model class
  already has (``lambda_``, ``json_``, ``model_config_``);
* enum member name = UPPER_SNAKE of the value (``ml.g5.2xlarge`` ->
  ``ML_G5_2XLARGE``, ``InService`` -> ``IN_SERVICE``);
* module name = snake_case of the class name, as the model emitter writes it;
* package name of a service = botocore's service name with ``-`` as ``_``, and
  a trailing ``_`` where that is a keyword (``sagemaker-runtime`` ->
  ``sagemaker_runtime``, ``lambda`` -> ``lambda_``); the client keeps botocore's
  name (``boto3.client("sagemaker-runtime")``);
* typed builder class (typing stub only) = class name + ``Builder`` (``_Builder`` where
  that is a shape's class).

Every decision is checked for collisions; problems are returned as
diagnostics, not raised halfway through.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable

from botocore import xform_name

from .contract import TRAITS_ATTRIBUTE
from .diagnostics import Diagnostic

# Names a member attribute must not take: pydantic's own model attributes and
# the methods our runtime base class adds to every model.
RESERVED_ATTRIBUTES = frozenset(
    {
        "model_config",
        "shape_misfits",
        "model_fields",
        "model_computed_fields",
        "model_extra",
        "model_fields_set",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
        "copy",
        "dict",
        "json",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "construct",
        "schema",
        "schema_json",
        "validate",
        "update_forward_refs",
        "to_boto",
        "as_request",
        "from_boto",
        "from_response",
        "builder",
        "to_builder",
        # the class attribute the generator and the runtime agree on (contract.py)
        TRAITS_ATTRIBUTE,
        # builder methods share the member names
        "build",
        # parameter names of the stubs' __init__ and classmethods
        "self",
        "cls",
        # builtins the typing stubs name inside class bodies
        "property",
        "classmethod",
        "bool",
        "bytes",
        "float",
        "int",
        "str",
        "tuple",
    }
)

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]+")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


# Names the emitted model modules import (or inherit): a class of that name would shadow
# them, and the model emitter would rename it (``Field`` -> ``FieldModel``).
EMITTER_NAMES = frozenset(
    {"Annotated", "Any", "Field", "RootModel", "ShapeEnum", "ShapeModel", "StrEnum"}
)


def class_name(shape_name: str) -> str:
    """Classes are named exactly as their shapes (``Model`` and ``BaseModel`` too), with an
    upper-case first letter (ec2's ``scope`` is ``Scope``), a trailing ``_`` for a keyword
    (``None_``), a name the model modules import (``Field_``) or a name whose module would be
    a keyword (DataZone's ``Import_``), and no leading underscores (MediaTailor's
    ``__AdTriggersElement``)."""
    # a leading "_" would make the class private, "__" would be mangled inside class bodies
    name = re.sub(r"\W", "_", shape_name).lstrip("_") or "Shape"
    if name[:1].isdigit():
        name = f"Shape{name}"
    # an upper-case first letter: no class is then named like a member (snake case), which
    # would hide it in the class body of the typing stub (ec2's scope enum, Scope)
    name = name[0].upper() + name[1:]
    if keyword.iskeyword(name) or name in EMITTER_NAMES or keyword.iskeyword(module_name(name)):
        name = f"{name}_"  # Import_: the emitter would write its module as import.py
    return name


def package_name(service_name: str) -> str:
    """The Python package of a service: ``botoshapes.<package_name>``."""
    name = _NON_ALNUM.sub("_", service_name).strip("_").lower()
    if not name or name[0].isdigit():
        name = f"service_{name}"
    return f"{name}_" if keyword.iskeyword(name) or keyword.issoftkeyword(name) else name


def class_prefix(service_id: str) -> str:
    """The service's part of facade class names: ``SageMaker``, ``Tiny``."""
    words = _NON_ALNUM.split(service_id)
    return "".join(w[:1].upper() + w[1:] for w in words if w)


def builder_class_name(class_name: str, classes: frozenset[str] | set[str]) -> str:
    """The typing stub's builder class of a model (``ProductionVariantBuilder``), or
    ``Image_Builder`` where ``ImageBuilder`` is a shape's class itself (AppStream)."""
    name = f"{class_name}Builder"
    while name in classes:
        name = f"{name.removesuffix('Builder')}_Builder"
    return name


def attribute_name(wire_name: str) -> str:
    name = xform_name(wire_name)
    name = _NON_ALNUM.sub("_", name).strip("_").lower() or "member"
    if name[0].isdigit():
        name = f"member_{name}"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in RESERVED_ATTRIBUTES:
        name = f"{name}_"
    return name


def enum_member_name(value: str) -> str:
    words = _NON_ALNUM.sub("_", _CAMEL_BOUNDARY.sub("_", value)).strip("_").upper()
    if not words:
        return "EMPTY"
    if words[0].isdigit():
        return f"V_{words}"
    return words


def module_name(class_name: str) -> str:
    """Snake case of a class name, as the model emitter names its per-class modules: every
    underscore of the class name kept (``None_`` -> ``none_``, ``__AdTriggersElement`` ->
    ``__ad_triggers_element``)."""
    return re.sub(r"\W", "_", _CAMEL_BOUNDARY.sub("_", class_name)).lower()


def unique_names(
    owner: str, pairs: Iterable[tuple[str, str]], what: str
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Map each source to its name; a name taken twice gets a numeric suffix and a warning."""
    chosen: dict[str, str] = {}
    taken: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for source, name in pairs:
        final = name
        counter = 2
        while final in taken:
            final = f"{name}_{counter}"
            counter += 1
        if final != name:
            problems.append(
                Diagnostic.warning(
                    owner,
                    f"{what} {source!r} and {taken[name]!r} both map to {name!r}; using {final!r}",
                )
            )
        taken[final] = source
        chosen[source] = final
    return chosen, problems
