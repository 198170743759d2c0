"""The intermediate representation: one frozen attrs class per kind of shape.

Everything a later stage needs is decided here, including the Python names
(by :mod:`codegen.naming`), so no later stage reads ``shapes/`` or re-derives
a name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from attrs import field, frozen

ScalarKind = Literal[
    "string", "integer", "long", "float", "double", "boolean", "timestamp", "blob", "document"
]
"""``document``: a JSON value of any shape (botocore's document structures)."""


@frozen
class Constraints:
    """Botocore's ``min``/``max``: a length for strings, lists and maps, a bound for numbers."""

    min: int | float | None = None
    max: int | float | None = None
    pattern: str | None = None
    """The pattern as the service model states it (a Java regex, matched in full by AWS)."""
    regex: str | None = None
    """``pattern`` translated and anchored for the engine that runs it (``codegen.patterns``)."""


@frozen
class ScalarShape:
    name: str
    kind: ScalarKind
    constraints: Constraints = Constraints()
    sensitive: bool = False
    documentation: str = ""


@frozen
class EnumValue:
    value: str
    member_name: str


@frozen
class EnumShape:
    name: str
    class_name: str
    module: str
    values: tuple[EnumValue, ...]
    constraints: Constraints = Constraints()
    sensitive: bool = False
    documentation: str = ""
    case_insensitive: bool = False
    """Its values are matched ignoring case (a correction: the model's documentation says so)."""


@frozen
class ListShape:
    name: str
    member: str
    constraints: Constraints = Constraints()
    sensitive: bool = False
    documentation: str = ""


@frozen
class MapShape:
    name: str
    key: str
    value: str
    constraints: Constraints = Constraints()
    sensitive: bool = False
    documentation: str = ""


@frozen
class Member:
    wire_name: str
    attr_name: str
    target: str
    required: bool
    documentation: str = ""
    deprecated: bool = False
    idempotency_token: bool = False
    streaming: bool = False
    """A body read as a stream (S3's ``Body``): see ``botoshapes._runtime.streams``."""
    event_stream: bool = False
    """A stream of events, each one of ``target``'s members (Bedrock's ``ConverseStream``)."""
    filled: bool = False
    """A botocore handler fills it in when it is left out (glacier's ``accountId``)."""
    form: str | None = None
    """The form a botocore handler takes or gives it in (``botoshapes._runtime.forms``)."""


@frozen
class StructureShape:
    name: str
    class_name: str
    module: str
    members: tuple[Member, ...]
    documentation: str = ""
    is_union: bool = False
    is_exception: bool = False
    error_code: str | None = None
    """The code an error response carries where it is not the shape's name (IAM's
    ``NoSuchEntityException`` answers ``NoSuchEntity``; SQS ``AWS.SimpleQueueService...``)."""
    sensitive: bool = False
    aliases: tuple[tuple[str, str], ...] = ()
    """``(alias, wire name)`` botocore takes in a request (``ParameterAlias``)."""
    output_only: bool = False
    """Reachable from no operation input: every member is typed optional (see the README)."""
    in_responses: bool = False
    """Reachable from an operation output: a response may carry it, and may omit members."""
    unbounded: bool = False
    """Reaches a recursive shape (``SearchExpression``), so its values can nest without bound."""
    builder_name: str = ""
    """The typing stub's builder class (``ProductionVariantBuilder``; see
    :func:`codegen.naming.builder_class_name`)."""

    def typed_required(self, member: Member) -> bool:
        """Whether the constructor requires ``member``: required, not output-only, and not
        an idempotency token (``ClientToken``) or another member botocore fills in when it
        is left out."""
        filled = member.idempotency_token or member.filled
        return member.required and not filled and not self.output_only

    def read_required(self, member: Member) -> bool:
        """Whether reading ``member`` never gives ``None``: required, and never in a response.

        Services omit required members in responses (moto's ``DataCaptureConfig``,
        AWS's ``DataCaptureConfigSummary``), so a shape a response can carry
        types every member it reads as optional, even those its constructor
        requires.
        """
        return self.typed_required(member) and not self.in_responses


Shape = ScalarShape | EnumShape | ListShape | MapShape | StructureShape


@frozen
class Operation:
    """One API call; ``input``/``output`` name structure shapes."""

    name: str
    method_name: str
    input: str | None
    output: str | None
    errors: tuple[str, ...]
    documentation: str = ""
    deprecated: bool = False


@frozen
class Acceptor:
    """One rule of a waiter: when a response (or error) matches, the wait is in ``state``."""

    state: str  # "success", "failure" or "retry"
    matcher: str  # "path", "pathAll", "pathAny", "status" or "error"
    expected: str | int | bool
    argument: str | None = None  # a JMESPath expression, for the path matchers


@frozen
class Waiter:
    name: str
    method_name: str
    operation: str
    delay: int
    max_attempts: int
    acceptors: tuple[Acceptor, ...] = ()


@frozen
class Paginator:
    operation: str
    method_name: str
    input_token: tuple[str, ...]
    output_token: tuple[str, ...]
    result_key: tuple[str, ...]
    limit_key: str | None = None


@frozen
class Service:
    """A whole service model, ready to emit."""

    module: str
    """The Python package: ``sagemaker_runtime`` (:func:`codegen.naming.package_name`)."""
    service_name: str
    """botocore's name, what ``boto3.client`` takes: ``sagemaker-runtime``."""
    title: str
    class_prefix: str
    """Names the facade and its errors: ``SageMaker`` -> ``SageMakerClient``, ``SageMakerError``."""
    api_version: str
    botocore_version: str
    documentation: str
    shapes: Mapping[str, Shape] = field(repr=False)
    operations: tuple[Operation, ...]
    waiters: tuple[Waiter, ...]
    paginators: tuple[Paginator, ...]

    @property
    def structures(self) -> list[StructureShape]:
        return [s for s in self.shapes.values() if isinstance(s, StructureShape)]

    @property
    def enums(self) -> list[EnumShape]:
        return [s for s in self.shapes.values() if isinstance(s, EnumShape)]

    def is_sensitive(self, target: str) -> bool:
        """Whether values of shape ``target`` (or its items or map values) are secret."""
        shape = self.shapes[target]
        if isinstance(shape, ListShape):
            return shape.sensitive or self.shapes[shape.member].sensitive
        if isinstance(shape, MapShape):
            return shape.sensitive or self.shapes[shape.value].sensitive
        return shape.sensitive

    @property
    def classes(self) -> list[StructureShape | EnumShape]:
        """The shapes that become classes users import."""
        return [s for s in self.shapes.values() if isinstance(s, StructureShape | EnumShape)]
