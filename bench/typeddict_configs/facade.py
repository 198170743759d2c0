"""tests/typing/valid/facade.py, written against types-boto3-sagemaker's typed client."""

from types_boto3_sagemaker.client import SageMakerClient
from types_boto3_sagemaker.type_defs import (
    DescribeEndpointOutputTypeDef,
    EndpointSummaryTypeDef,
    ListEndpointsOutputTypeDef,
)


def run(sm: SageMakerClient) -> None:
    created = sm.create_endpoint(EndpointName="prod", EndpointConfigName="prod-config")
    arn: str | None = created.get("EndpointArn")
    print(arn)

    sm.get_waiter("endpoint_in_service").wait(EndpointName="prod", WaiterConfig={"Delay": 10})
    ready: DescribeEndpointOutputTypeDef = sm.describe_endpoint(EndpointName="prod")
    sm.get_waiter("endpoint_deleted").wait(EndpointName="prod", WaiterConfig={"MaxAttempts": 5})
    print(ready["EndpointStatus"])

    pages = sm.get_paginator("list_endpoints").paginate(NameContains="prod")
    summaries: list[EndpointSummaryTypeDef] = [e for p in pages for e in p["Endpoints"]]
    listed: list[ListEndpointsOutputTypeDef] = list(
        sm.get_paginator("list_endpoints").paginate(PaginationConfig={"PageSize": 10})
    )
    print(summaries, listed)

    try:
        final = sm.describe_endpoint(EndpointName="prod")
        print(final["EndpointStatus"])
    except sm.exceptions.ClientError as error:
        print(error.response["Error"]["Code"])
