"""What each template is rendered from: frozen attrs classes, read by attribute name.

A template sees the fields of its context as top-level names (:func:`render`); nested
values are IR objects or the classes below. Nothing is read by position.
"""

from __future__ import annotations

import attrs
from attrs import AttrsInstance, frozen
from jinja2 import Environment

from .. import ir
from ..services import Customization
from ..services.customization import Correction


def render(env: Environment, template: str, context: AttrsInstance) -> str:
    """``template`` rendered with the fields of ``context`` as its names."""
    return env.get_template(template).render(attrs.asdict(context, recurse=False))


@frozen
class Counts:
    operations: int
    structures: int
    enums: int
    waiters: int
    paginators: int

    @classmethod
    def of(cls, service: ir.Service) -> Counts:
        return cls(
            operations=len(service.operations),
            structures=len(service.structures),
            enums=len(service.enums),
            waiters=len(service.waiters),
            paginators=len(service.paginators),
        )


@frozen
class MemberType:
    """One member as the stub and the facade's keywords type it."""

    name: str
    wire_name: str
    stored: str
    accepted: str
    required: bool
    documentation: str
    deprecated: bool


@frozen
class StructureContext:
    shape: ir.StructureShape
    builder: str
    documentation: str
    members: tuple[MemberType, ...]


@frozen
class EnumContext:
    shape: ir.EnumShape
    documentation: str
    literal: str


@frozen(order=True)
class ModelExport:
    """A class of the service package and the module under ``_models`` defining it."""

    name: str
    module: str


@frozen
class ErrorClass:
    name: str
    codes: tuple[str, ...]
    documentation: str


@frozen
class OperationContext:
    op: ir.Operation
    input: str | None
    output: str | None
    members: tuple[MemberType, ...]
    documentation: str
    errors: tuple[str, ...]
    checks: str | None
    """The customization's preflight method, if the operation takes ``preflight=True``."""
    checks_doc: str
    """What ``preflight=True`` does, for the docstring (continues "``preflight=True`` first")."""


@frozen
class WaiterContext:
    waiter: ir.Waiter
    op: ir.Operation
    input: str | None
    output: str | None
    """``None`` for a waiter that succeeds only on an error: nothing to return."""
    members: tuple[MemberType, ...]


@frozen
class PaginatorContext:
    paginator: ir.Paginator
    op: ir.Operation
    input: str
    output: str
    members: tuple[MemberType, ...]
    result_attr: str
    yields: str
    item: str
    limit_key: str | None
    page_size_type: str | None
    page_size_doc: str


@frozen
class FacadeContext:
    """The service package's ``__init__``, ``_client``, ``errors`` and stub."""

    header: str
    service: ir.Service
    counts: Counts
    client: str
    customization: Customization
    base_error: str
    modelled_errors: tuple[ErrorClass, ...]
    common_errors: tuple[ErrorClass, ...]
    operations: tuple[OperationContext, ...]
    left_out: tuple[str, ...]
    """Methods boto3's client leaves out (they need HTTP/2)."""
    waiters: tuple[WaiterContext, ...]
    paginators: tuple[PaginatorContext, ...]
    exports: tuple[ModelExport, ...]
    rules_module: str
    """``botoshapes._runtime.contract.RULES_MODULE``."""


@frozen
class StubContext:
    """The service's ``__init__.pyi``: the facade's context and the rendered class blocks."""

    facade: FacadeContext
    blocks: tuple[str, ...]
    documents: bool
    streams: bool
    events: bool
    copy_source: bool
    """S3's ``CopySource`` takes boto3's map (``botoshapes._runtime.forms.CopySource``)."""


@frozen
class DocsContext:
    header_text: str
    service: ir.Service
    counts: Counts
    structures: tuple[ir.StructureShape, ...]
    enums: tuple[ir.EnumShape, ...]
    corrections: tuple[Correction, ...] = ()
    """The constraints of the model corrected, with their evidence."""


@frozen
class RootContext:
    header: str


@frozen
class DistributionContext:
    """A wheel's ``pyproject.toml`` and ``README.md``: the runtime's (no ``service``) or a
    service's."""

    name: str
    package: str
    description: str
    dependencies: tuple[str, ...]
    version: str
    service: ir.Service | None
    counts: Counts | None
    customization: Customization | None
    """The service's extras and commands."""
