"""Members boto3 users pass or receive in the form a botocore handler takes or gives.

botocore rewrites some parameters before it checks them, and some responses after it
parses them (``botocore/handlers.py``). A member such a handler touches is marked with a
form (``ShapeTraits.forms``); the table of every handler, and which form each gives, is
``docs/boto3-handlers.md``.

A request's form is checked as the handler will rewrite it, and kept as it was given:
``to_boto()`` hands boto3 the caller's value, boto3's handler rewrites it, and what is sent
is what botocore would send. A response's form is read as the handler hands it over.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from typing import Any, NotRequired, TypedDict
from urllib.parse import quote

from pydantic_core import PydanticCustomError, core_schema

from .frozen import FrozenMap
from .nesting import freeze, thaw
from .scalars import blob_bytes

Handler = core_schema.ValidatorFunctionWrapHandler


class CopySource(TypedDict):
    """S3's ``CopySource`` as a map, as boto3 documents it (botocore's
    ``handle_copy_source_param``)."""

    Bucket: str
    Key: str
    VersionId: NotRequired[str]


_COPY_SOURCE_KEYS = frozenset(CopySource.__annotations__)


def _route53_id(value: Any, handler: Handler) -> Any:
    """route53's ids as its responses give them (``/hostedzone/Z1``): botocore's
    ``fix_route53_ids`` sends what follows the last ``/``."""
    if isinstance(value, str) and "/" in value:
        handler(value.rsplit("/", 1)[-1])
        return value
    return handler(value)


def _copy_source(value: Any, handler: Handler) -> Any:
    """``{"Bucket": b, "Key": k, "VersionId": v}``: botocore sends ``b/k`` percent-encoded
    (``-._~/`` kept) and ``?versionId=v``. A key it would ignore is refused: a misspelt
    ``VersionId`` would copy the newest version."""
    if not isinstance(value, Mapping):
        return handler(value)
    unknown = sorted(str(key) for key in value if key not in _COPY_SOURCE_KEYS)
    if unknown or not all(isinstance(value.get(k), str) for k in ("Bucket", "Key")):
        raise PydanticCustomError(
            "copy_source",
            "is a map boto3 cannot send: it takes text Bucket and Key, and VersionId"
            + (f" (not {', '.join(unknown)})" if unknown else ""),
        )
    version = value.get("VersionId")
    if version is not None and not isinstance(version, str):
        raise PydanticCustomError("copy_source", "has a VersionId that is not text")
    sent = quote(f"{value['Bucket']}/{value['Key']}", safe="-._~/")
    handler(sent if version is None else f"{sent}?versionId={version}")
    return FrozenMap(dict(value))


def _base64_always(value: Any, handler: Handler) -> Any:
    """EC2's and Auto Scaling's ``UserData``: text or bytes, which botocore's
    ``base64_encode_user_data`` always sends base64-encoded (so do not encode it first)."""
    if isinstance(value, str | bytes | bytearray):
        raw: bytes = blob_bytes(value)  # text as its UTF-8, as botocore encodes it
        handler(base64.b64encode(raw).decode("ascii"))
        return value if isinstance(value, str) else raw
    return handler(value)


def _base64_bytes(value: Any, handler: Handler) -> Any:
    """S3's customer-provided keys: raw bytes, which botocore's ``sse_md5`` sends
    base64-encoded (with their MD5); text is sent as it is given."""
    if isinstance(value, bytes | bytearray):
        handler(base64.b64encode(value).decode("ascii"))
        return bytes(value)
    return handler(value)


def _json_text(value: Any, handler: Handler) -> Any:
    """JSON text botocore hands over decoded (IAM's ``json_decode_policies``,
    CloudFormation's ``json_decode_template_body``), kept frozen; text it could not
    decode stays text."""
    if isinstance(value, Mapping | list):
        return freeze(value)
    return handler(value)


REQUEST_FORMS: dict[str, Callable[[Any, Handler], Any]] = {
    "route53_id": _route53_id,
    "copy_source": _copy_source,
    "base64_always": _base64_always,
    "base64_bytes": _base64_bytes,
}
"""Form name -> the check of a request's member (constructors, builders, ``from_boto``)."""
RESPONSE_FORMS: dict[str, Callable[[Any, Handler], Any]] = {"json_text": _json_text}
"""Form name -> how ``from_response`` reads the member."""


def wrap(schema: core_schema.CoreSchema, form: str, response: bool) -> core_schema.CoreSchema:
    """``schema`` of a member of ``form``, for requests or responses; a form that does not
    act on that side leaves it as it is. What a form keeps is written back plain."""
    plain = core_schema.plain_serializer_function_ser_schema(thaw, when_used="unless-none")
    check = (RESPONSE_FORMS if response else REQUEST_FORMS).get(form)
    if check is None:  # the serializer of every view writes what either side kept
        return {**schema, "serialization": plain}
    return core_schema.no_info_wrap_validator_function(check, schema, serialization=plain)
