"""shapes/ -> IR, parsed with botocore's own model classes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, cast, get_args

import attrs
from botocore import model as botomodel
from botocore import xform_name

from . import handlers, ir, naming
from .diagnostics import Diagnostic
from .docstrings import html_to_text
from .patterns import PatternError, full_match
from .pin import sha256
from .services import Correction, customization

_SCALARS = frozenset(get_args(ir.ScalarKind))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _constraints(shape: botomodel.Shape, diagnostics: list[Diagnostic]) -> ir.Constraints:
    meta = shape.metadata
    pattern, regex = meta.get("pattern"), None
    if pattern is not None:
        try:
            matcher = full_match(pattern, meta.get("max"))
        except PatternError as error:
            diagnostics.append(Diagnostic.warning(shape.name, str(error)))
        else:  # ".*" checks nothing: no pattern at all is faster
            takes_any = (
                matcher.takes_any is not None and (meta.get("min") or 0) >= matcher.takes_any
            )
            regex = None if takes_any else matcher.regex
    return ir.Constraints(min=meta.get("min"), max=meta.get("max"), pattern=pattern, regex=regex)


def _enum(
    shape: botomodel.StringShape, raw: dict[str, Any], diagnostics: list[Diagnostic]
) -> ir.EnumShape:
    values: list[str] = list(shape.enum)
    names, problems = naming.unique_names(
        shape.name, ((v, naming.enum_member_name(v)) for v in values), "enum value"
    )
    diagnostics.extend(problems)
    cls = naming.class_name(shape.name)
    return ir.EnumShape(
        name=shape.name,
        class_name=cls,
        module=naming.module_name(cls),
        values=tuple(ir.EnumValue(v, names[v]) for v in values),
        constraints=_constraints(shape, diagnostics),
        sensitive=bool(shape.metadata.get("sensitive")),
        documentation=html_to_text(shape.documentation),
        case_insensitive=bool(raw.get("caseInsensitive")),
    )


def _member_doc(structure: dict[str, Any], wire_name: str) -> str:
    return html_to_text(structure["members"][wire_name].get("documentation", ""))


def _streaming(shape: botomodel.StructureShape, wire: str, target: botomodel.Shape) -> bool:
    """Whether botocore takes and gives the member as a stream: a blob or string marked
    streaming, and, as botocore's ``OperationModel`` reads it (``_get_streaming_body``), a
    blob that is its structure's payload even unmarked (lambda's ``Invoke.Payload``,
    SageMaker Runtime's ``InvokeEndpoint.Body``: ``StreamingBody`` in the response)."""
    if target.type_name in ("blob", "string") and target.serialization.get("streaming"):
        return True
    return target.type_name == "blob" and shape.serialization.get("payload") == wire


def _structure(
    shape: botomodel.StructureShape, raw: dict[str, Any], diagnostics: list[Diagnostic]
) -> ir.StructureShape:
    attrs, problems = naming.unique_names(
        shape.name, ((w, naming.attribute_name(w)) for w in shape.members), "member"
    )
    diagnostics.extend(problems)
    required = set(shape.required_members)
    members = tuple(
        ir.Member(
            wire_name=wire,
            attr_name=attrs[wire],
            target=target.name,
            required=wire in required,
            documentation=_member_doc(raw, wire),
            deprecated=bool(raw["members"][wire].get("deprecated")),
            idempotency_token=bool(raw["members"][wire].get("idempotencyToken")),
            streaming=_streaming(shape, wire, target),
            event_stream=bool(target.serialization.get("eventstream")),
        )
        for wire, target in shape.members.items()
    )
    cls = naming.class_name(shape.name)
    return ir.StructureShape(
        name=shape.name,
        class_name=cls,
        module=naming.module_name(cls),
        members=members,
        documentation=html_to_text(shape.documentation),
        is_union=bool(raw.get("union")),
        is_exception=bool(raw.get("exception")),
        error_code=(raw.get("error") or {}).get("code"),
        sensitive=bool(raw.get("sensitive")),
    )


def _shape(
    shape: botomodel.Shape, raw: dict[str, Any], diagnostics: list[Diagnostic]
) -> ir.Shape | None:
    doc = html_to_text(shape.documentation)
    sensitive = bool(shape.metadata.get("sensitive"))
    if isinstance(shape, botomodel.StructureShape):
        # a document is a structure to botocore, and any JSON value to its users
        document = ir.ScalarShape(shape.name, "document", ir.Constraints(), sensitive, doc)
        return document if raw.get("document") else _structure(shape, raw, diagnostics)
    if isinstance(shape, botomodel.ListShape):
        return ir.ListShape(
            shape.name, shape.member.name, _constraints(shape, diagnostics), sensitive, doc
        )
    if isinstance(shape, botomodel.MapShape):
        return ir.MapShape(
            shape.name,
            shape.key.name,
            shape.value.name,
            _constraints(shape, diagnostics),
            sensitive,
            doc,
        )
    if isinstance(shape, botomodel.StringShape) and shape.enum:
        return _enum(shape, raw, diagnostics)
    if shape.type_name in _SCALARS:
        kind = cast(ir.ScalarKind, shape.type_name)
        return ir.ScalarShape(shape.name, kind, _constraints(shape, diagnostics), sensitive, doc)
    diagnostics.append(Diagnostic.error(shape.name, f"unsupported shape type {shape.type_name!r}"))
    return None


def _operation(op: botomodel.OperationModel) -> ir.Operation:
    return ir.Operation(
        name=op.name,
        method_name=xform_name(op.name),
        input=op.input_shape.name if op.input_shape is not None else None,
        output=op.output_shape.name if op.output_shape is not None else None,
        errors=tuple(sorted(e.name for e in op.error_shapes)),
        documentation=html_to_text(op.documentation),
        deprecated=bool(op.deprecated),
    )


def _as_path(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def load_service(directory: Path) -> tuple[ir.Service, list[Diagnostic]]:
    """Read one pinned service directory (``shapes/<service>``) into the IR."""
    manifest = read_json(directory / "manifest.json")
    diagnostics = _verify_pins(directory, manifest)
    raw_model = read_json(directory / "service-2.json")
    corrections = customization(naming.package_name(manifest["service"])).corrections
    diagnostics += correct(raw_model, corrections)
    service_model = botomodel.ServiceModel(raw_model, service_name=manifest["service"])

    shapes: dict[str, ir.Shape] = {}
    for name in sorted(service_model.shape_names):
        shape = _shape(service_model.shape_for(name), raw_model["shapes"][name], diagnostics)
        if shape is not None:
            shapes[name] = shape

    operations = tuple(
        _operation(service_model.operation_model(name))
        for name in sorted(service_model.operation_names)
    )
    waiters = tuple(
        ir.Waiter(
            name=name,
            method_name="wait_until_" + xform_name(name),
            operation=spec["operation"],
            delay=int(spec["delay"]),
            max_attempts=int(spec["maxAttempts"]),
            acceptors=tuple(
                ir.Acceptor(
                    state=a["state"],
                    matcher=a["matcher"],
                    expected=a["expected"],
                    argument=a.get("argument"),
                )
                for a in spec["acceptors"]
            ),
        )
        for name, spec in sorted(_optional(directory, "waiters-2.json", "waiters"))
    )
    paginators = tuple(
        ir.Paginator(
            operation=name,
            method_name="paginate_" + xform_name(name),
            input_token=_as_path(spec["input_token"]),
            output_token=_as_path(spec["output_token"]),
            result_key=_as_path(spec["result_key"]),
            limit_key=spec.get("limit_key"),
        )
        for name, spec in sorted(_optional(directory, "paginators-1.json", "pagination"))
    )
    _check_modules(shapes, diagnostics)
    shapes = _mark_reach(
        shapes,
        inputs=[op.input for op in operations if op.input],
        outputs=[op.output for op in operations if op.output],
    )
    service = ir.Service(
        module=naming.package_name(manifest["service"]),
        service_name=manifest["service"],
        title=service_model.metadata.get("serviceFullName", manifest["service"]),
        class_prefix=naming.class_prefix(
            service_model.metadata.get("serviceId", manifest["service"])
        ),
        api_version=manifest["api_version"],
        botocore_version=manifest["botocore_version"],
        documentation=html_to_text(service_model.documentation),
        shapes=shapes,
        operations=operations,
        waiters=waiters,
        paginators=paginators,
    )
    return handlers.apply(service), diagnostics


def correct(raw_model: dict[str, Any], corrections: tuple[Correction, ...]) -> list[Diagnostic]:
    """Put each correction into the raw model, where the model still holds what it corrects;
    a warning for each that no longer applies."""
    problems = []
    for fix in corrections:
        *parents, key = fix.path
        node: Any = raw_model
        for name in parents:
            node = node.get(name) if isinstance(node, dict) else None
        found = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, dict) or found != fix.was:
            problems.append(
                Diagnostic.warning(
                    "/".join(fix.path),
                    f"correction not applied: the model holds {found!r}, not {fix.was!r};"
                    " read its evidence again",
                )
            )
            continue
        node[key] = copy.deepcopy(fix.now)
    return problems


def _optional(directory: Path, file_name: str, key: str) -> list[tuple[str, Any]]:
    """The entries of a pinned file many services do not have (waiters, paginators)."""
    path = directory / file_name
    return list(read_json(path)[key].items()) if path.exists() else []


def _verify_pins(directory: Path, manifest: dict[str, Any]) -> list[Diagnostic]:
    """The pinned files must be the ones the manifest recorded: shapes/ is not edited by hand."""
    problems = []
    for file_name, digest in manifest["files"].items():
        if sha256((directory / file_name).read_bytes()) != digest:
            problems.append(
                Diagnostic.error(
                    str(directory / file_name),
                    "sha256 differs from manifest.json; pin it again with `nox -s shapes`",
                )
            )
    return problems


def _check_modules(shapes: dict[str, ir.Shape], diagnostics: list[Diagnostic]) -> None:
    """One module per class."""
    seen: dict[str, str] = {}
    for shape in shapes.values():
        if isinstance(shape, ir.StructureShape | ir.EnumShape):
            other = seen.setdefault(shape.module, shape.name)
            if other != shape.name:
                diagnostics.append(
                    Diagnostic.error(shape.name, f"module {shape.module!r} is also {other!r}'s")
                )


def _reachable(shapes: dict[str, ir.Shape], roots: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in shapes:
            continue
        seen.add(name)
        match shapes[name]:
            case ir.StructureShape(members=members):
                todo.extend(m.target for m in members)
            case ir.ListShape(member=item):
                todo.append(item)
            case ir.MapShape(key=key, value=value):
                todo.extend((key, value))
    return seen


def _mark_reach(
    shapes: dict[str, ir.Shape], *, inputs: list[str], outputs: list[str]
) -> dict[str, ir.Shape]:
    """Mark structures no request can contain (``output_only``), those a response can,
    and those whose values can nest without bound (``unbounded``)."""
    sent, received = _reachable(shapes, inputs), _reachable(shapes, outputs)
    below = {
        name: _reachable(shapes, [m.target for m in shape.members])
        for name, shape in shapes.items()
        if isinstance(shape, ir.StructureShape)
    }
    recursive = {name for name, reached in below.items() if name in reached}
    classes = {
        s.class_name for s in shapes.values() if isinstance(s, ir.StructureShape | ir.EnumShape)
    }
    return {
        name: attrs.evolve(
            shape,
            output_only=name not in sent,
            in_responses=name in received,
            unbounded=bool((below[name] | {name}) & recursive),
            builder_name=naming.builder_class_name(shape.class_name, classes),
        )
        if isinstance(shape, ir.StructureShape)
        else shape
        for name, shape in shapes.items()
    }
