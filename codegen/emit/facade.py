"""IR -> the typed boto3 facade of a service: client, waiters, paginators, exceptions.

The run-time module (``_client.py``) holds thin methods that hand a static
spec to :class:`botoshapes._runtime.client.ServiceClient`; the service's
typing stub (``__init__.pyi``) gives each method two overloads, the input
model or its members as keywords, typed like the model's ``__init__``.
"""

from __future__ import annotations

from .. import ir
from ..contract import RULES_MODULE
from ..docstrings import docstring_safe
from ..services import Customization, customization
from .contexts import (
    Counts,
    ErrorClass,
    FacadeContext,
    MemberType,
    ModelExport,
    OperationContext,
    PaginatorContext,
    WaiterContext,
)
from .stubs import accepted_type, member_types, stored_type

PAGING_SETTINGS = frozenset({"page_size", "max_items"})
"""The keywords of ``paginate_*`` that are boto3's pagination settings, not members."""

# Errors every AWS JSON service sends without listing them in its model.
COMMON_ERRORS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("ValidationException", ("ValidationException",), "The request was not valid."),
    (
        "ThrottlingException",
        ("ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded"),
        "The request was throttled; boto3 retries these before giving up.",
    ),
    ("AccessDeniedException", ("AccessDeniedException",), "The caller may not do this."),
)


def _structure(service: ir.Service, name: str | None) -> ir.StructureShape | None:
    shape = service.shapes[name] if name is not None else None
    assert shape is None or isinstance(shape, ir.StructureShape)
    return shape


def _class(shape: ir.StructureShape | None) -> str | None:
    return shape.class_name if shape is not None else None


def _members(service: ir.Service, shape: ir.StructureShape | None) -> tuple[MemberType, ...]:
    return () if shape is None else member_types(service, shape)


def _operation(
    service: ir.Service, op: ir.Operation, errors: dict[str, str], custom: Customization
) -> OperationContext:
    source, result = _structure(service, op.input), _structure(service, op.output)
    preflight = custom.preflight_of(op.method_name)
    return OperationContext(
        op=op,
        input=_class(source),
        output=_class(result),
        members=_members(service, source),
        documentation=docstring_safe(op.documentation),
        errors=tuple(errors[e] for e in op.errors if e in errors),
        checks=preflight.check if preflight else None,
        checks_doc=preflight.description if preflight else "",
    )


def _called(
    service: ir.Service, name: str
) -> tuple[ir.Operation, ir.StructureShape | None, ir.StructureShape | None]:
    """The operation a waiter or paginator calls, with its input and output shapes."""
    op = next(o for o in service.operations if o.name == name)
    return op, _structure(service, op.input), _structure(service, op.output)


def _waiter(service: ir.Service, waiter: ir.Waiter) -> WaiterContext:
    op, source, result = _called(service, waiter.operation)
    # A waiter that only succeeds on an error (``EndpointDeleted``) has no output to return.
    returns_output = any(a.state == "success" and a.matcher != "error" for a in waiter.acceptors)
    return WaiterContext(
        waiter=waiter,
        op=op,
        input=_class(source),
        output=_class(result) if returns_output else None,
        members=_members(service, source),
    )


def _items(
    service: ir.Service, output: ir.StructureShape, key: str
) -> tuple[list[str], str] | None:
    """The attributes that lead from a page to its items and the items' type, if ``key`` (a
    result key: ``Items``, ``DistributionList.Items``) names a list through structures."""
    shape: ir.Shape = output
    attributes = []
    for part in key.split("."):
        if not isinstance(shape, ir.StructureShape):
            return None
        member = next((m for m in shape.members if m.wire_name == part), None)
        if member is None:
            return None
        attributes.append(member.attr_name)
        shape = service.shapes[member.target]
    if not isinstance(shape, ir.ListShape):
        return None
    return attributes, stored_type(service, shape.member)


def _paginator(service: ir.Service, paginator: ir.Paginator) -> PaginatorContext:
    """Iteration yields the items of the first result key when it is a list (boto3's
    paginators name the main one first: S3's ``Contents`` before ``CommonPrefixes``), and
    otherwise the pages themselves."""
    op, source, result = _called(service, paginator.operation)
    assert source is not None, op.name
    assert result is not None, op.name
    found = _items(service, result, paginator.result_key[0]) if paginator.result_key else None
    attributes, item = found if found is not None else ([], result.class_name)
    if found is None:
        yields = f"Every page of {op.name}"
    else:
        yields = f"The {'.'.join(attributes)} of every page of {op.name}"
    limit = paginator.limit_key
    page_size_type, page_size_doc = None, f"{op.name} has no page size."
    if limit is not None:
        limit_member = next((m for m in source.members if m.wire_name == limit), None)
        assert limit_member is not None, (op.name, limit)
        page_size_type = accepted_type(service, limit_member.target)
        bounds = _bounds(service, limit_member.target)
        page_size_doc = f"``page_size`` is sent as {limit}" + (f" ({bounds})." if bounds else ".")
    return PaginatorContext(
        paginator=paginator,
        op=op,
        input=source.class_name,
        output=result.class_name,
        # A member named like a setting (ACM's MaxItems) is set through the request model
        # (or page_size, when it is the limit key)
        members=tuple(m for m in _members(service, source) if m.name not in PAGING_SETTINGS),
        result_attr=".".join(attributes),
        yields=yields,
        item=item,
        limit_key=limit,
        page_size_type=page_size_type,
        page_size_doc=page_size_doc,
    )


def _bounds(service: ir.Service, target: str) -> str:
    """The limits of a number shape in words: ``1 to 100``, ``at least 50``, or ``""``."""
    shape = service.shapes[target]
    assert isinstance(shape, ir.ScalarShape), target
    if shape.kind not in ("integer", "long"):
        return ""
    low, high = shape.constraints.min, shape.constraints.max
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}" if high is not None else ""


def sends_events(service: ir.Service, op: ir.Operation) -> bool:
    """Whether the operation's request carries an event stream (Lex V2's StartConversation).
    Those need HTTP/2, which botocore does not speak: boto3's clients leave them out, and so
    does the typed client (their shapes are generated all the same)."""
    request = _structure(service, op.input)
    return request is not None and any(m.event_stream for m in request.members)


def exports(service: ir.Service) -> tuple[ModelExport, ...]:
    """Every structure and enum with the module defining it, sorted by class name."""
    return tuple(sorted(ModelExport(s.class_name, s.module) for s in service.classes))


def facade_context(service: ir.Service, header: str = "") -> FacadeContext:
    """Everything the package ``__init__``, the client, its stub and the exceptions module are
    rendered from."""
    custom = customization(service.module)
    modelled = sorted((s for s in service.structures if s.is_exception), key=lambda s: s.class_name)
    errors = {s.name: s.class_name for s in modelled}
    return FacadeContext(
        header=header,
        service=service,
        counts=Counts.of(service),
        client=f"{service.class_prefix}Client",
        customization=custom,
        base_error=f"{service.class_prefix}Error",
        modelled_errors=tuple(
            ErrorClass(
                name=s.class_name,
                codes=tuple(dict.fromkeys((s.name, s.error_code or s.name))),
                documentation=docstring_safe(s.documentation),
            )
            for s in modelled
        ),
        common_errors=tuple(
            ErrorClass(name=n, codes=codes, documentation=doc)
            for n, codes, doc in COMMON_ERRORS
            if n not in errors.values()
        ),
        operations=tuple(
            _operation(service, op, errors, custom)
            for op in service.operations
            if not sends_events(service, op)
        ),
        left_out=tuple(
            sorted(o.method_name for o in service.operations if sends_events(service, o))
        ),
        waiters=tuple(_waiter(service, w) for w in service.waiters),
        paginators=tuple(_paginator(service, p) for p in service.paginators),
        exports=exports(service),
        rules_module=RULES_MODULE,
    )
