"""The base of every generated facade: a thin, typed wrapper over one boto3 client.

A facade method checks its request strictly (raising
:class:`~botoshapes._runtime.errors.ShapeValidationError` before anything is
sent), calls the boto3 method with ``to_boto()``, maps a ``ClientError`` to the
service's exception classes and returns the output model built with
``from_response``. Everything boto3 does (credentials, retries, regions,
``endpoint_url``, events) stays boto3's.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from botocore.exceptions import ClientError

from .errors import ShapeValidationError
from .model import ShapeModel
from .paging import Paginated, PaginatorSpec
from .service_errors import ServiceError, error_code, error_from_response
from .waiting import WaiterSpec, wait

_MODELS: dict[tuple[str, str], type[ShapeModel]] = {}


@dataclass(frozen=True, slots=True)
class OperationSpec:
    operation: str
    method: str
    input_name: str | None
    output_name: str | None


class ServiceClient:
    """Wraps a boto3 client of one service; see the generated subclass for its methods."""

    service_name: ClassVar[str]
    """The boto3 service name (``"sagemaker"``)."""
    _package: ClassVar[str]
    _base_error: ClassVar[type[ServiceError]]
    _errors_by_code: ClassVar[Mapping[str, type[ServiceError]]]

    def __init__(self, client: Any) -> None:
        """Wrap ``client``, a boto3 client of this service (``boto3.client("sagemaker")``)."""
        meta = getattr(client, "meta", None)
        name = getattr(getattr(meta, "service_model", None), "service_name", None)
        if name != self.service_name:
            raise TypeError(f"expected a boto3 {self.service_name!r} client, got {client!r}")
        self._client = client

    @classmethod
    def create(
        cls,
        *,
        session: Any = None,
        region_name: str | None = None,
        endpoint_url: str | None = None,
        config: Any = None,
    ) -> Self:
        """A facade over a new boto3 client from ``session`` (default: a new ``boto3.Session``)."""
        if session is None:
            session = importlib.import_module("boto3.session").Session()
        client = session.client(
            cls.service_name, region_name=region_name, endpoint_url=endpoint_url, config=config
        )
        return cls(client)

    @property
    def boto3(self) -> Any:
        """The wrapped boto3 client, for anything the facade does not cover."""
        return self._client

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._client!r})"

    @classmethod
    def _model(cls, name: str) -> type[ShapeModel]:
        # The package loads each model on first use; keep what it gave.
        model = _MODELS.get((cls._package, name))
        if model is None:
            model = getattr(importlib.import_module(cls._package), name)
            _MODELS[cls._package, name] = model
        return model

    def _params(
        self, input_name: str | None, request: ShapeModel | None, members: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The boto3 keyword arguments, checked strictly; raises before anything is sent."""
        name = input_name or "the request"
        if input_name is None:
            if request is not None or members:
                raise ShapeValidationError.misuse(name, "this operation takes no input")
            return {}
        model = self._model(input_name)
        if request is None:
            return model(**members).to_boto()
        if members:
            raise ShapeValidationError.misuse(
                name, f"pass either a {input_name} or its members as keywords, not both"
            )
        if not isinstance(request, model):
            hint = (
                f"; build one with {input_name}.from_boto(...)"
                if isinstance(request, Mapping)
                else ""
            )
            raise ShapeValidationError.misuse(
                name, f"a {type(request).__name__} is not a {input_name}{hint}"
            )
        return request.as_request().to_boto()

    def _send(self, operation: str, method: str, params: Mapping[str, Any]) -> dict[str, Any]:
        try:
            response: dict[str, Any] = getattr(self._client, method)(**params)
        except ClientError as error:
            raise self._error(error.response, operation) from error
        return response

    def _error(self, response: Mapping[str, Any], operation: str) -> ServiceError:
        return error_from_response(self._base_error, self._errors_by_code, response, operation)

    def _call(
        self, spec: OperationSpec, request: ShapeModel | None, members: Mapping[str, Any]
    ) -> Any:
        params = self._params(spec.input_name, request, members)
        response = self._send(spec.operation, spec.method, params)
        if spec.output_name is None:
            return None
        return self._model(spec.output_name).from_response(response)

    def _wait(
        self,
        spec: WaiterSpec,
        request: ShapeModel | None,
        members: Mapping[str, Any],
        *,
        delay: float | None,
        max_attempts: int | None,
    ) -> Any:
        params = self._params(spec.input_name, request, members)
        method = getattr(self._client, spec.method)

        def poll() -> tuple[Mapping[str, Any], str | None]:
            try:
                return method(**params), None
            except ClientError as error:
                return error.response, error_code(error.response)

        response, failed_with = wait(
            spec,
            poll,
            lambda r: self._error(r, spec.operation),
            delay=delay,
            max_attempts=max_attempts,
        )
        if failed_with is not None or spec.output_name is None:
            return None  # e.g. EndpointDeleted succeeds on an error
        return self._model(spec.output_name).from_response(response)

    def _paginate(
        self,
        spec: PaginatorSpec,
        request: ShapeModel | None,
        members: Mapping[str, Any],
        *,
        page_size: int | None,
        max_items: int | None,
    ) -> Paginated[Any, Any]:
        params = self._params(spec.input_name, request, members)
        return Paginated(self, spec, params, page_size=page_size, max_items=max_items)

    def _next_page(self, pages: Iterator[Mapping[str, Any]], operation: str) -> Mapping[str, Any]:
        try:
            return next(pages)
        except ClientError as error:
            raise self._error(error.response, operation) from error
