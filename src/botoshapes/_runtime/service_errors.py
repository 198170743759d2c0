"""Errors a service returned, as exceptions a caller can catch by kind.

Each generated service has a base class (``SageMakerError``) with a subclass
per error shape of its model and per common error the model does not list
(``ValidationException``, throttling). botocore's ``ClientError`` is kept as
the ``__cause__``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


class ServiceError(Exception):
    """An error response from the service; nothing here was invented client-side."""

    codes: ClassVar[tuple[str, ...]] = ()
    """The error codes the service sends for this kind of error."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        operation: str,
        request_id: str | None = None,
        http_status: int | None = None,
        response: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{operation}: {code}: {message}" if message else f"{operation}: {code}")
        self.message = message
        self.code = code
        self.operation = operation
        self.request_id = request_id
        self.http_status = http_status
        self.response: Mapping[str, Any] = response or {}


def error_code(response: Mapping[str, Any]) -> str:
    """The error code of an error response as botocore parsed it."""
    return str((response.get("Error") or {}).get("Code") or "Unknown")


def error_from_response(
    base: type[ServiceError],
    by_code: Mapping[str, type[ServiceError]],
    response: Mapping[str, Any],
    operation: str,
) -> ServiceError:
    """The exception for an error response as botocore parsed it (``ClientError.response``)."""
    metadata = response.get("ResponseMetadata") or {}
    code = error_code(response)
    # A JSON service that kept its Query protocol's codes (SQS) names its error shape in
    # QueryErrorCode, which picks botocore's class too (``_handle_sqs_compatible_error``).
    query_code = (response.get("Error") or {}).get("QueryErrorCode")
    kind = by_code.get(code) or by_code.get(str(query_code)) or base
    return kind(
        str((response.get("Error") or {}).get("Message") or ""),
        code=code,
        operation=operation,
        request_id=metadata.get("RequestId"),
        http_status=metadata.get("HTTPStatusCode"),
        response=response,
    )


def index_by_code(kinds: list[type[ServiceError]]) -> dict[str, type[ServiceError]]:
    return {code: kind for kind in kinds for code in kind.codes}
