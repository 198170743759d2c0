"""Reading a DescribeEndpoint response: output members are optional, so guard them."""

from typing import Any

from botoshapes.sagemaker import DescribeEndpointOutput, EndpointStatus


def summarize(response: dict[str, Any]) -> list[str]:
    endpoint = DescribeEndpointOutput.from_response(response)
    lines = [f"{endpoint.endpoint_name}: {endpoint.endpoint_status}"]
    if endpoint.endpoint_status is EndpointStatus.IN_SERVICE:
        lines.append("ready")
    for variant in endpoint.production_variants or ():
        weight = variant.current_weight if variant.current_weight is not None else 0.0
        lines.append(f"{variant.variant_name} {weight:.2f} x{variant.current_instance_count or 0}")
    pending = endpoint.pending_deployment_summary
    if pending is not None and pending.production_variants:
        lines += [
            f"pending {v.variant_name}: {v.variant_status}" for v in pending.production_variants
        ]
    return lines
