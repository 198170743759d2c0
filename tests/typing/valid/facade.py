"""Calling SageMaker through the typed facade: a model or keywords in, a model out."""

from botoshapes.sagemaker import (
    CreateEndpointInput,
    DeploymentEvent,
    DescribeEndpointOutput,
    EndpointSummary,
    ListEndpointsOutput,
    SageMakerClient,
)
from botoshapes.sagemaker.errors import (
    DeploymentRolledBackError,
    ResourceNotFound,
    SageMakerError,
)

sm = SageMakerClient.create(region_name="us-east-1")

created = sm.create_endpoint(endpoint_name="prod", endpoint_config_name="prod-config")
arn: str | None = created.endpoint_arn
sm.create_endpoint(CreateEndpointInput(endpoint_name="prod", endpoint_config_name="prod-config"))

ready: DescribeEndpointOutput = sm.wait_until_endpoint_in_service(endpoint_name="prod", delay=10)
gone: None = sm.wait_until_endpoint_deleted(endpoint_name="prod", max_attempts=5)

summaries: list[EndpointSummary] = list(sm.paginate_list_endpoints(name_contains="prod"))
pages: list[ListEndpointsOutput] = list(sm.paginate_list_endpoints(page_size=10).pages())


def show(event: DeploymentEvent) -> None:
    print(event.status, event.variant)


try:
    final = sm.wait_for_endpoint_deployment("prod", on_change=show, timeout=1800)
    print(final.endpoint_status)
except DeploymentRolledBackError as rolled_back:
    print(rolled_back.failure_reason)
except ResourceNotFound as missing:
    print(missing.request_id)
except SageMakerError as error:
    print(error.code, error.message)
