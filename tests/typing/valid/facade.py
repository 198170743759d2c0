"""Calling SageMaker through the typed facade: a model or keywords in, a model out."""

from botoshapes.sagemaker import (
    ComponentEvent,
    CreateEndpointInput,
    DeploymentEvent,
    DescribeEndpointOutput,
    EndpointSummary,
    InferenceComponentSpecification,
    ListEndpointsOutput,
    SageMakerClient,
    UpdateInferenceComponentInput,
)
from botoshapes.sagemaker.errors import (
    ComponentRolledBackError,
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


def copies(event: ComponentEvent) -> None:
    print(event.status, event.current_copies, event.desired_copies)


update = UpdateInferenceComponentInput(
    inference_component_name="chat",
    specification=InferenceComponentSpecification(model_name="gpt-oss-20b"),
)
sm.update_inference_component(update)
try:
    running = sm.wait_for_inference_component_deployment(
        "chat", sent=update, on_change=copies, timeout=3600
    )
    print(running.inference_component_status)
except ComponentRolledBackError as component_rolled_back:
    where: tuple[str, ...] = component_rolled_back.differences
    print(where, component_rolled_back.failure_reason)
