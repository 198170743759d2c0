"""Services other than SageMaker, through every stage of ``nox -s all-services``.

A fixed sample: every protocol botocore has, and each service here for a case
the generator once failed on (the reason beside it). Each is pinned from the
botocore of the ``codegen`` group, generated, imported in its own process
(every class built, structures round-tripped, one operation through botocore's
Stubber) and checked with ``mypy --strict``. ``nox -s all-services`` runs the
same checks on every service.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from botocore.loaders import Loader

from tasks.all_services import check_service

pytestmark = pytest.mark.slow  # a sweep over whole services

SAMPLE = {
    # json
    "acm": "an input member named like a pagination setting (MaxItems)",
    "athena": "no waiters: waiters and paginators are optional",
    "dynamodb": "result keys that are not lists (Count, ScannedCount)",
    "application-autoscaling": "patterns the test data generator cannot draw",
    "batch": "an enum whose values AWS matches ignoring case (a correction)",
    # rest-json
    "apigatewayv2": "a shape named None",
    "amplifyuibuilder": "classes that refer to each other; a member named property",
    "mediatailor": "shape names with leading underscores (__AdTriggersElement)",
    "lambda": "a keyword as the service name: botoshapes.lambda_",
    "sagemaker-runtime": "a hyphenated service name; Java's \\p{Print} and \\z",
    "transfer": "a '-' after a class inside a class ([\\w- ])",
    "bedrock-runtime": "document members (any JSON: a tool's input schema)",
    "geo-routes": "a constrained alias used twice in a response (a definition the views wrap)",
    # smithy-rpc-v2-cbor
    "cloudwatch": "several result keys (MetricAlarms, CompositeAlarms)",
    "appstream": "a builder named like a shape (ImageBuilder)",
    "textract": "a pattern no engine runs (\\p{L} with look-ahead): a warning",
    "arc-region-switch": "classes that refer to each other",
    # query
    "iam": "the query protocol; policy documents read as json_decode_policies gives them",
    "sns": "the query protocol",
    "elbv2": "the query protocol",
    # rest-xml
    "cloudfront": "a result key through a structure (DistributionList.Items)",
    "route53": "several input tokens; ids as fix_route53_ids takes them",
    "s3": "streaming bodies; several input tokens; CopySource maps and customer keys as bytes",
    # ec2
    "ec2": "the ec2 protocol, and the largest model; the Filters alias, UserData as bytes",
}
"""The services checked in CI, and why each is here."""

NOT_STUBBED = {"sagemaker-runtime"}
"""Services whose every operation streams or has host labels: no Stubber call is drawn."""


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("services")


def test_the_sample_covers_every_protocol() -> None:
    loader = Loader()

    def protocol(service: str) -> str:
        return str(loader.load_service_model(service, "service-2")["metadata"]["protocol"])

    every = {protocol(s) for s in loader.list_available_services("service-2")}
    assert {protocol(s) for s in SAMPLE} == every


@pytest.mark.parametrize("service", sorted(SAMPLE))
def test_a_service_generates_imports_and_type_checks(service: str, workdir: Path) -> None:
    report = check_service(service, workdir / service)
    assert report.ok, f"{service} failed at {report.failed}:\n{report.problem}"
    assert report.passed == ["pin", "generate", "import", "mypy"]
    assert report.classes > 0
    assert report.round_tripped > 0
    assert (report.stubbed is None) is (service in NOT_STUBBED), report.stubbed
