"""Services whose pinned model states a constraint that is evidently wrong: one
customization each, holding only its corrections and their evidence.

A correction is made only where the model's constraint refuses what AWS documents or
accepts: a regex typo no real value matches, values the member's own documentation lists,
ARNs AWS's pages name as supported. Each widens what is taken; none narrows it.
"""

from __future__ import annotations

from .customization import Correction, Customization

_AGENT_ARN = (
    ".*(^arn:aws:bedrock:[a-zA-Z0-9-]+:{d}{{12}}:(agent|agent-alias|knowledge-base|flow|prompt)"
    "/[A-Z0-9]{{10}}(?:/[A-Z0-9]{{10}})?$|^arn:aws:bedrock:[a-zA-Z0-9-]+:{d}{{12}}:flow/"
    "([A-Z0-9]{{10}})/alias/([A-Z0-9]{{10}})$|^arn:aws:bedrock:[a-zA-Z0-9-]+:{d}{{12}}:prompt/"
    "([A-Z0-9]{{10}})?(?::{d}+)?$|^arn:aws(-cn|-us-gov|-eusc|-iso(-[b-f])?)?:bedrock:"
    "[a-zA-Z0-9-]+:[0-9]{{12}}:retrieval-instruction/[a-z0-9]{{10}}$).*"
)

BEDROCK_AGENT = Customization(
    package="bedrock_agent",
    corrections=(
        Correction(
            path=("shapes", "TaggableResourcesArn", "pattern"),
            was=_AGENT_ARN.format(d="/d"),
            now=_AGENT_ARN.format(d="\\d"),
            why="`/d{12}` is a typo of `\\d{12}`: no real agent, alias, knowledge base,"
            " flow or prompt ARN matches, so TagResource, UntagResource and"
            " ListTagsForResource refused them all",
            evidence="the same model's ARN shapes, which CreateAgent and the others return:"
            " AgentArn `arn:aws:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:agent/[0-9a-zA-Z]{10}`,"
            " FlowAliasArn, PromptArn `...:[0-9]{12}:prompt/[0-9a-zA-Z]{10}(?::[0-9]{1,5})?`"
            " (AWS's API reference prints the typo as the model has it)",
        ),
    ),
)

_QUEUE_ATTRIBUTE_NAMES = (
    "All",
    "ApproximateFirstReceiveTimestamp",
    "ApproximateReceiveCount",
    "AWSTraceHeader",
    "DeadLetterQueueSourceArn",
    "MessageDeduplicationId",
    "MessageGroupId",
    "SenderId",
    "SentTimestamp",
    "SequenceNumber",
    "SqsManagedSseEnabled",
)

SQS = Customization(
    package="sqs",
    corrections=(
        Correction(
            path=("shapes", "ReceiveMessageAttributeName"),
            was=None,
            now={"type": "string", "enum": list(_QUEUE_ATTRIBUTE_NAMES)},
            why="the values ReceiveMessage's `AttributeNames` documents (a new enum)",
            evidence="the member's documentation: \"A list of attributes that need to be"
            " returned along with each message. These attributes include: All,"
            " ApproximateFirstReceiveTimestamp, ApproximateReceiveCount, AWSTraceHeader,"
            " SenderId, SentTimestamp, SqsManagedSseEnabled, MessageDeduplicationId,"
            ' MessageGroupId, SequenceNumber"; aws/aws-sdk #56 ("the wrong list of valid'
            ' values"), boto/botocore #2726; DeadLetterQueueSourceArn as'
            " MessageSystemAttributeNames takes it",
        ),
        Correction(
            path=("shapes", "ReceiveMessageAttributeNameList"),
            was=None,
            now={
                "type": "list",
                "member": {"shape": "ReceiveMessageAttributeName"},
                "flattened": True,
            },
            why="a list of them",
            evidence="as above",
        ),
        Correction(
            path=("shapes", "ReceiveMessageRequest", "members", "AttributeNames", "shape"),
            was="AttributeNameList",
            now="ReceiveMessageAttributeNameList",
            why="`AttributeNames` took the queue's attribute names (QueueAttributeName), of"
            " which only All and SqsManagedSseEnabled are among the values it documents, so"
            " `AttributeNames=['SenderId']` was refused",
            evidence="as above",
        ),
    ),
)

S3CONTROL = Customization(
    package="s3control",
    corrections=(
        Correction(
            path=("shapes", "S3ResourceArn", "pattern"),
            was="arn:[^:]+:s3(express)?:[^:].*",
            now="arn:[^:]+:s3(express)?:.*",
            why="a general purpose bucket's ARN has no Region (`arn:aws:s3:::bucket`), which"
            " `[^:]` after `s3:` refused",
            evidence='TagResource: "This operation is only supported for the following'
            ' Amazon S3 resource: General purpose buckets, ..." (API_control_TagResource);'
            ' "An Amazon S3 ARN excludes the AWS Region and namespace ...:'
            " arn:aws:s3:::bucket_name/key_name\" (S3 ARN format); the same model's"
            " S3BucketArnString is `arn:[^:]+:s3:.*`",
        ),
    ),
)

_CONNECT_EVIDENCE = (
    "a doubled backslash matches a backslash, which no such value holds; AWS CloudFormation"
    ' states the same field with one: "The phone number in E.164 format. ... Pattern:'
    ' ^\\+[1-9]\\d{1,14}$" (AWS::Connect::QuickConnect PhoneNumberQuickConnectConfig),'
    " and 155 shapes of the other models use `.*\\S.*` as written here"
)


def _connect(shape: str, was: str) -> Correction:
    return Correction(
        path=("shapes", shape, "pattern"),
        was=was,
        now=was.replace("\\\\", "\\"),
        why="doubled backslashes (`\\\\+`, `\\\\d`, `\\\\S`) refuse every real value:"
        " `+12065550100`, `#FFFFFF`",
        evidence=_CONNECT_EVIDENCE,
    )


CONNECT = Customization(
    package="connect",
    corrections=(
        _connect("PhoneNumber", "\\\\+[1-9]\\\\d{1,14}$"),
        _connect("PhoneNumberPrefix", "\\\\+?[0-9]{1,11}"),
        _connect("ThemeString", ".*\\\\S.*"),
        _connect("ThemeImageLink", ".*\\\\S.*"),
        _connect("WorkspaceName", ".*\\\\S.*"),
        _connect("MediaSource", ".*\\\\S.*"),
        _connect(
            "S3Uri",
            "s3://\\S+/.+|https://\\\\S+\\\\.s3\\\\.\\\\S+\\\\.amazonaws\\\\.com/\\\\S+",
        ),
    ),
)


def _ignoring_case(enum: str, why: str, evidence: str) -> Correction:
    return Correction(
        path=("shapes", enum, "caseInsensitive"), was=None, now=True, why=why, evidence=evidence
    )


BATCH = Customization(
    package="batch",
    corrections=(
        _ignoring_case(
            "RetryAction",
            "`evaluateOnExit[].action` takes any letter case (`Exit`)",
            'EvaluateOnExit.action: "Specifies the action to take if all of the specified'
            " conditions (onStatusReason, onReason, and onExitCode) are met. The values aren't"
            ' case sensitive." (API_EvaluateOnExit)',
        ),
    ),
)

REDSHIFT_SERVERLESS = Customization(
    package="redshift_serverless",
    corrections=(
        _ignoring_case(
            "S3TableAction",
            "UpdateNamespace's `s3TableAction` takes any letter case",
            '"Valid values are Enable and Disable, matched case-insensitively."'
            " (UpdateNamespaceRequest.s3TableAction)",
        ),
        _ignoring_case(
            "S3TableGranularity",
            "UpdateNamespace's `s3TableGranularity` takes any letter case",
            '"Valid values are namespace and account, matched case-insensitively."'
            " (UpdateNamespaceRequest.s3TableGranularity)",
        ),
    ),
)

CORRECTED = (BEDROCK_AGENT, SQS, S3CONTROL, CONNECT, BATCH, REDSHIFT_SERVERLESS)
