"""tests/typing/valid/reading_outputs.py, written against types-boto3-sagemaker."""

from typing import Any, cast

from types_boto3_sagemaker.type_defs import DescribeEndpointOutputTypeDef


def summarize(response: dict[str, Any]) -> list[str]:
    endpoint = cast(DescribeEndpointOutputTypeDef, response)
    lines = [f"{endpoint['EndpointName']}: {endpoint['EndpointStatus']}"]
    if endpoint["EndpointStatus"] == "InService":
        lines.append("ready")
    for variant in endpoint.get("ProductionVariants", []):
        weight = variant.get("CurrentWeight", 0.0)
        lines.append(
            f"{variant['VariantName']} {weight:.2f} x{variant.get('CurrentInstanceCount', 0)}"
        )
    pending = endpoint.get("PendingDeploymentSummary")
    if pending is not None and pending.get("ProductionVariants"):
        lines += [
            f"pending {v['VariantName']}: {v.get('VariantStatus')}"
            for v in pending["ProductionVariants"]
        ]
    return lines
