"""botocore's and boto3's handlers that change a request's parameters or a parsed response.

boto3 users pass and receive what these handlers take and give, not what the service
model says: route53 ids with their ``/hostedzone/`` prefix, S3's ``CopySource`` as a map,
IAM's policy documents as parsed JSON. :data:`HANDLERS` lists every one of them in the
botocore and boto3 release the shapes are pinned from (1.44.5), read from their source,
each with how botoshapes takes it. :func:`apply` marks the members a handler touches in a
service's IR (a form, a member botocore fills, an alias), and the runtime takes them as the
handler does (``botoshapes._runtime.forms``). ``docs/boto3-handlers.md`` is this table
(``python -m codegen.handlers``); each row names the test that shows it.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
from attrs import frozen

from . import ir

FORM_TYPES: dict[str, tuple[str, str]] = {
    "route53_id": ("", ""),
    "copy_source": (" | _CopySource", " | _FrozenMap[str, str]"),
    "base64_always": (" | bytes | bytearray", " | bytes"),
    "base64_bytes": (" | bytes | bytearray", " | bytes"),
    "json_text": ("", " | _FrozenMap[str, _Document] | tuple[_Document, ...]"),
}
"""Form -> what it adds to a member's static types: (accepted, stored)."""
RESPONSE_FORMS = frozenset({"json_text"})


@frozen
class Select:
    """Members of one service a handler acts on: the top-level members of operation inputs
    or outputs (``operations``, every one if empty) named ``member`` or of a shape in
    ``shapes``; with ``nested``, every member of a structure on that side."""

    service: str
    side: str = "input"
    operations: tuple[str, ...] = ()
    member: str | None = None
    shapes: tuple[str, ...] = ()
    nested: bool = False

    def members(self, service: ir.Service) -> Iterator[tuple[str, ir.Member]]:
        """``(structure name, member)`` of each member selected."""
        ops = [o for o in service.operations if not self.operations or o.name in self.operations]
        roots = {o.input if self.side == "input" else o.output for o in ops} - {None}
        for shape in service.structures:
            on_side = shape.in_responses if self.side == "output" else not shape.output_only
            if shape.name not in roots and not (self.nested and on_side):
                continue
            for member in shape.members:
                named = self.member is None or member.wire_name == self.member
                typed = not self.shapes or member.target in self.shapes
                if named and typed:
                    yield shape.name, member


@frozen
class Handler:
    """One handler: where botocore registers it, what it changes, how botoshapes takes it."""

    event: str
    function: str
    source: str
    """Where it is defined and registered, in botocore 1.44.5 or boto3 1.44.5."""
    change: str
    taken: str
    test: str
    """The test that shows the row (``tests/runtime/test_handlers.py::...``)."""
    select: tuple[Select, ...] = ()
    form: str | None = None
    """The runtime form of the members selected (``botoshapes._runtime.forms``)."""
    filled: bool = False
    """The members selected are filled in by the handler when left out."""
    alias: str | None = None
    """The name botocore also takes for the (one) member selected."""


_TESTS = "tests/runtime/test_handlers.py::"


def _alias(event: str, service: str, operations: tuple[str, ...], wire: str, alias: str) -> Handler:
    """A row of botocore's ``ParameterAlias``: ``alias=`` is sent as the member ``wire``."""
    attribute = f" (the attribute is `{wire}_`)" if wire in ("from", "return") else ""
    return Handler(
        f"before-parameter-build.{event}",
        f"botocore.handlers.ParameterAlias({wire!r}, {alias!r})",
        "handlers.py:905-959, applied :1792",
        f"`{alias}=` is sent as the member `{wire}`; both given is an error",
        f"`from_boto` takes `{alias}` for `{wire}`{attribute}; both given is a"
        " `ShapeValidationError`",
        _TESTS + "test_aliases_are_taken_in_wire_dicts",
        select=(Select(service, operations=operations, member=wire),),
        alias=alias,
    )


HANDLERS: tuple[Handler, ...] = (
    Handler(
        "before-parameter-build (every service)",
        "botocore.handlers.generate_idempotent_uuid",
        "handlers.py:286, registered :1559",
        "an idempotency token left out is filled with a UUID",
        "never required (`ClientToken=` may be left out); a value given is checked",
        _TESTS + "test_idempotency_tokens_may_be_left_out",
    ),
    Handler(
        "before-parameter-build (members named by `httpChecksum`)",
        "botocore.handlers._handle_request_validation_mode_member",
        "handlers.py:1354, registered :1560",
        "s3 `GetObject.ChecksumMode` left out becomes `ENABLED`",
        "nothing to do: the member is optional, and a value given is kept",
        _TESTS + "test_optional_members_a_handler_fills_stay_optional",
    ),
    _alias(
        "ec2.* (DescribeFlowLogs, DescribeHosts, ...)",
        "ec2",
        (
            "DescribeFlowLogs",
            "DescribeHostReservationOfferings",
            "DescribeHostReservations",
            "DescribeHosts",
            "DescribeNatGateways",
        ),
        "Filter",
        "Filters",
    ),
    _alias("logs.CreateExportTask", "logs", ("CreateExportTask",), "from", "fromTime"),
    _alias("cloudsearchdomain.Search", "cloudsearchdomain", ("Search",), "return", "returnFields"),
    Handler(
        "before-parameter-build.s3.PutObject, .UploadPart",
        "botocore.handlers.convert_body_to_file_like_object",
        "handlers.py:897, registered :1512-1521",
        "a `Body` of text or bytes is wrapped in a file object",
        "the streaming `Body` takes bytes, text or a file object, kept as given",
        _TESTS + "test_streaming_bodies_take_what_boto3_takes",
    ),
    Handler(
        "before-parameter-build.s3.ListObjects, .ListObjectsV2, .ListObjectVersions",
        "botocore.handlers.set_list_objects_encoding_type_url",
        "handlers.py:822, registered :1563-1574",
        "`EncodingType` left out becomes `url` (and the keys are decoded back, below)",
        "nothing to do: the member is optional",
        _TESTS + "test_optional_members_a_handler_fills_stay_optional",
    ),
    Handler(
        "before-parameter-build.s3.CopyObject, .UploadPartCopy",
        "botocore.handlers.handle_copy_source_param",
        "handlers.py:452, registered :1575-1576",
        "`CopySource` as `{Bucket, Key, VersionId}` is sent as `bucket/key?versionId=v`",
        "takes the map too (typed `_CopySource`), checked as sent, kept as given; a key"
        " botocore would ignore is refused",
        _TESTS + "test_copy_source_takes_the_map_boto3_documents",
        select=(Select("s3", operations=("CopyObject", "UploadPartCopy"), member="CopySource"),),
        form="copy_source",
    ),
    Handler(
        "before-parameter-build.s3.{HeadObject, GetObject, PutObject, ...} (9 operations)",
        "botocore.handlers.sse_md5, copy_source_sse_md5",
        "handlers.py:329 and :339, registered :1612-1622",
        "a customer key of bytes is sent base64-encoded, with its MD5 filled in",
        "`SSECustomerKey` and `CopySourceSSECustomerKey` take bytes too, checked as"
        " sent, kept as given; the MD5 members stay optional",
        _TESTS + "test_customer_keys_take_bytes",
        select=(
            Select("s3", member="SSECustomerKey"),
            Select("s3", member="CopySourceSSECustomerKey"),
        ),
        form="base64_bytes",
    ),
    Handler(
        "before-parameter-build.ec2.RunInstances, .autoscaling.CreateLaunchConfiguration",
        "botocore.handlers.base64_encode_user_data",
        "handlers.py:627, registered :1623-1627",
        "`UserData` (text or bytes) is always sent base64-encoded",
        "takes text or bytes, checked base64-encoded as sent (the model's limits apply to"
        " that), kept as given; do not encode it first",
        _TESTS + "test_user_data_takes_text_or_bytes",
        select=(
            Select("ec2", operations=("RunInstances",), member="UserData"),
            Select("autoscaling", operations=("CreateLaunchConfiguration",), member="UserData"),
        ),
        form="base64_always",
    ),
    Handler(
        "before-parameter-build.route53 (every operation)",
        "botocore.handlers.fix_route53_ids",
        "handlers.py:678, registered :1628",
        "an id with its prefix (`/hostedzone/Z1`, `/change/C1`, `/delegationset/N1`)"
        " is sent without it",
        "takes the prefixed form its responses give (37 members), checked as sent, kept as given",
        _TESTS + "test_route53_ids_take_the_form_responses_give",
        select=(Select("route53", shapes=("ResourceId", "DelegationSetId", "ChangeId")),),
        form="route53_id",
    ),
    Handler(
        "before-parameter-build.glacier (every operation)",
        "botocore.handlers.inject_account_id",
        "handlers.py:702, registered :1629",
        "`accountId` left out (or `None`) becomes `-`, the caller's account",
        "`accountId` is never required",
        _TESTS + "test_glacier_account_id_may_be_left_out",
        select=(Select("glacier", member="accountId"),),
        filled=True,
    ),
    Handler(
        "before-endpoint-resolution.s3-control",
        "botocore.utils.S3ControlArnParamHandlerv2.handle_arn",
        "utils.py:2900-2925 and :3022-3067, registered by client.py:412-422",
        "`AccountId` left out is taken from an Outposts ARN in `Name` or `Bucket`",
        "refused: `AccountId` stays required, as only Outposts ARNs carry one; pass it",
        _TESTS + "test_s3control_account_id_stays_required",
    ),
    Handler(
        "before-call.ec2.CopySnapshot; .rds, .neptune, .docdb (9 operations)",
        "botocore.handlers.inject_presigned_url_ec2, inject_presigned_url_rds",
        "handlers.py:537 and :553, registered :1597, :1733-1780",
        "a presigned URL is added to the serialized request; rds's `SourceRegion` is"
        " taken off the wire",
        "nothing to do: after validation, on the wire only (`SourceRegion` is in the model)",
        _TESTS + "test_wire_only_handlers_leave_the_models_alone",
    ),
    Handler(
        "before-call.s3.DeleteObjects, .PutBucketLifecycleConfiguration",
        "botocore.handlers.escape_xml_payload",
        "handlers.py:120, registered :1593-1594",
        "`\\r` and `\\n` in the XML body are escaped",
        "nothing to do: the wire only",
        _TESTS + "test_wire_only_handlers_leave_the_models_alone",
    ),
    Handler(
        "before-parse.s3.*; needs-retry.s3.*",
        "botocore.handlers._handle_200_error, _update_status_code",
        "handlers.py:1293, :1341, registered :1557, :1600",
        "an HTTP 200 whose body is an error is raised as the error",
        "nothing to do: the facade sees botocore's `ClientError`",
        _TESTS + "test_wire_only_handlers_leave_the_models_alone",
    ),
    Handler(
        "before-parse.s3.* (GetObject, HeadObject)",
        "botocore.handlers.handle_expires_header",
        "handlers.py:1229, registered :1556",
        "`ExpiresString` is added; an `Expires` that is not a date is dropped",
        "read: `ExpiresString`, which the model lacks, is kept (`model_extra`) and written"
        " back; an `Expires` left out reads as `None`",
        _TESTS + "test_s3_expires_string_is_read",
    ),
    Handler(
        "before-parse.sso-oidc.*",
        "botocore.handlers._map_oauth2_errors",
        "handlers.py:1326, registered :1558",
        "an OAuth error's `error_description` becomes its `Message`",
        "nothing to do: errors only (the typed error carries the message)",
        _TESTS + "test_wire_only_handlers_leave_the_models_alone",
    ),
    Handler(
        "after-call.iam (every operation)",
        "botocore.handlers.json_decode_policies",
        "handlers.py:577, registered :1539",
        "each policy document (`policyDocumentType`, 24 paths) is URL-decoded and parsed"
        " as JSON; text that is not JSON stays text",
        "read as given: `str | FrozenMap[str, Document]` (typed so), written back as given",
        _TESTS + "test_iam_policy_documents_are_read_as_boto3_gives_them",
        select=(Select("iam", side="output", shapes=("policyDocumentType",), nested=True),),
        form="json_text",
    ),
    Handler(
        "after-call.ec2.GetConsoleOutput",
        "botocore.handlers.decode_console_output",
        "handlers.py:272, registered :1549",
        "`Output` is base64-decoded (still text)",
        "nothing to do: text either way",
        _TESTS + "test_wire_only_handlers_leave_the_models_alone",
    ),
    Handler(
        "after-call.cloudformation.GetTemplate",
        "botocore.handlers.json_decode_template_body",
        "handlers.py:305, registered :1550",
        "a JSON `TemplateBody` is parsed (an `OrderedDict`); YAML stays text",
        "read as given: `str | FrozenMap[str, Document]` (typed so), written back as given",
        _TESTS + "test_cloudformation_templates_are_read_as_boto3_gives_them",
        select=(
            Select(
                "cloudformation", side="output", operations=("GetTemplate",), member="TemplateBody"
            ),
        ),
        form="json_text",
    ),
    Handler(
        "after-call.s3.GetBucketLocation",
        "botocore.handlers.parse_get_bucket_location",
        "handlers.py:611, registered :1551",
        "`LocationConstraint` is read from the XML root (`None` for us-east-1)",
        "read: an enum value, unknown ones kept; `None` reads as not set",
        _TESTS + "test_bucket_location_is_read",
    ),
    Handler(
        "after-call.sqs.*",
        "botocore.handlers._handle_sqs_compatible_error",
        "handlers.py:234, registered :1552-1555",
        "an error's `QueryErrorCode` picks the exception class",
        "the facade's typed error is picked by `QueryErrorCode` too, as botocore's class is"
        " (SQS's `QueueDoesNotExist`)",
        _TESTS + "test_sqs_errors_are_typed_by_their_query_code",
    ),
    Handler(
        "after-call.s3.ListObjects, .ListObjectsV2, .ListObjectVersions",
        "botocore.handlers.decode_list_object, decode_list_object_v2, decode_list_object_versions",
        "handlers.py:830, :847, :860, registered :1636-1638",
        "keys and prefixes are URL-decoded when botocore asked for `url` encoding",
        "nothing to do: text either way",
        _TESTS + "test_wire_only_handlers_leave_the_models_alone",
    ),
    Handler(
        "provide-client-params / before-parameter-build / after-call .dynamodb"
        " (a resource's client only)",
        "boto3.dynamodb.transform: copy_dynamodb_params, TransformationInjector",
        "boto3/dynamodb/transform.py:35-231, registered :39-78",
        "on the client of `boto3.resource('dynamodb')` only: Python values in and out"
        " instead of `AttributeValue` maps, condition objects as expressions",
        "not taken: the models are `AttributeValue` maps, as `boto3.client('dynamodb')`"
        " takes and gives them; on a resource's client a transformed value does not fit"
        " and is kept, untyped, in `shape_misfits`",
        _TESTS + "test_a_dynamodb_resource_client_gives_misfits",
    ),
)


_DOCUMENTATION = "documentation only"
_CLIENT = "builds the client class (methods added or removed)"
_WIRE = "headers, signing, endpoint or URL only"
_CHECK = "checks and raises, changes nothing (boto3 raises `ParamValidationError` before sending)"
UNCHANGED: dict[str, str] = {
    "AppendParamDocumentation.append_documentation": _DOCUMENTATION,
    "AutoPopulatedParam.document_auto_populated_param": _DOCUMENTATION,
    "DocumentModifiedShape.replace_documentation_for_matching_shape": _DOCUMENTATION,
    "HideParamFromOperations.hide_param": _DOCUMENTATION,
    "document_cloudformation_get_template_return_type": _DOCUMENTATION,
    "document_copy_source_form": _DOCUMENTATION,
    "document_expires_shape": _DOCUMENTATION,
    "ClientMethodAlias": _CLIENT,
    "add_dsql_generate_db_auth_token_methods": _CLIENT,
    "add_generate_db_auth_token": _CLIENT,
    "add_generate_presigned_post": _CLIENT,
    "add_generate_presigned_url": _CLIENT,
    "handle_service_name_alias": _CLIENT,
    "check_openssl_supports_tls_version_1_2": _CLIENT,
    "remove_bedrock_runtime_invoke_model_with_bidirectional_stream": _CLIENT,
    "remove_connecthealth_start_medical_scribe_listening_session": _CLIENT,
    "remove_lex_v2_start_conversation": _CLIENT,
    "remove_polly_start_speech_synthesis_stream": _CLIENT,
    "remove_qbusiness_chat": _CLIENT,
    "_set_auth_scheme_preference_signer": _WIRE,
    "_set_extra_headers_for_unsigned_request": _WIRE,
    "add_accept_header": _WIRE,
    "add_expect_header": _WIRE,
    "add_glacier_checksums": _WIRE,
    "add_glacier_version": _WIRE,
    "add_recursion_detection_header": _WIRE,
    "add_retry_headers": _WIRE,
    "change_get_to_post": _WIRE,
    "customize_endpoint_resolver_builtins": _WIRE,
    "disable_signing": _WIRE,
    "inject_api_version_header_if_needed": _WIRE,
    "remove_accid_host_prefix_from_model": _WIRE,
    "remove_arn_from_signing_path": _WIRE,
    "remove_bucket_from_url_paths_from_model": _WIRE,
    "remove_content_type_header_for_presigning": _WIRE,
    "set_operation_specific_signer": _WIRE,
    "switch_host_machinelearning": _WIRE,
    "validate_ascii_metadata": _CHECK,
    "validate_bucket_name": _CHECK,
}
"""Every other handler of botocore's ``BUILTIN_HANDLERS``, by name, and why it changes
neither a request's parameters nor a parsed response (a test ties the two lists to
botocore's)."""


def apply(service: ir.Service) -> ir.Service:
    """``service`` with the members each handler touches marked."""
    forms: dict[tuple[str, str], str] = {}
    filled: set[tuple[str, str]] = set()
    aliases: dict[str, list[tuple[str, str]]] = {}
    for handler in HANDLERS:
        for select in handler.select:
            if select.service != service.service_name:
                continue
            for structure, member in select.members(service):
                key = (structure, member.wire_name)
                if handler.form is not None:
                    forms[key] = handler.form
                if handler.filled:
                    filled.add(key)
                if handler.alias is not None:
                    aliases.setdefault(structure, []).append((handler.alias, member.wire_name))
    if not (forms or filled or aliases):
        return service
    shapes = dict(service.shapes)
    for name, shape in service.shapes.items():
        if not isinstance(shape, ir.StructureShape):
            continue
        members = tuple(
            attrs.evolve(
                m,
                form=forms.get((name, m.wire_name), m.form),
                filled=m.filled or (name, m.wire_name) in filled,
            )
            for m in shape.members
        )
        if members != shape.members or name in aliases:
            shapes[name] = attrs.evolve(
                shape, members=members, aliases=tuple(sorted(aliases.get(name, ())))
            )
    return attrs.evolve(service, shapes=shapes)


def table() -> str:
    """``docs/boto3-handlers.md``: every row of :data:`HANDLERS`."""
    lines = [
        "# botocore's and boto3's handlers, and how botoshapes takes each",
        "",
        "<!-- Written by `python -m codegen.handlers` from `codegen/handlers.py`;"
        " `tests/codegen/test_handlers_table.py` diffs it. -->",
        "",
        "boto3 users pass and receive what these handlers take and give. Every handler in"
        " botocore 1.44.5 and boto3 1.44.5 that changes a request's parameters or a parsed"
        " response is here (handlers that only add headers, sign, retry or pick an endpoint"
        " change neither). Source lines are botocore's `botocore/` unless boto3's is named.",
        "",
        "| event | handler | source | what it changes | how botoshapes takes it | test |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for h in HANDLERS:
        test = h.test.removeprefix(_TESTS)
        cells = (h.event, f"`{h.function}`", h.source, h.change, h.taken, f"`{test}`")
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += [
        "",
        "The other handlers botocore registers change neither:",
        "",
        "| handler | what it does |",
        "| --- | --- |",
    ]
    lines += [f"| `{name}` | {why} |" for name, why in sorted(UNCHANGED.items())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(table(), end="")
