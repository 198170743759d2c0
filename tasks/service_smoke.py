"""One generated service, smoke-tested in a process of its own (:mod:`tasks.all_services`
starts it with the generated tree first on ``sys.path``).

``python -m tasks.service_smoke SHAPES_DIR SERVICE`` checks that every class of the
package builds, that a few structures round-trip (valid dicts drawn from the pinned
``service-2.json`` by :class:`tests.boto_dicts.BotoDicts`, derandomized), and that one
operation goes through the typed client against botocore's Stubber, which checks the
request against the real input shape. It prints one JSON line: what it checked.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import boto3
from botocore.exceptions import EndpointResolutionError, ParamValidationError
from botocore.stub import Stubber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen.naming import class_prefix, package_name
from tests.boto_dicts import BotoDicts

ROUND_TRIPPED = 6
"""Operations whose input and output structures are round-tripped."""
UNDRAWN_LIMIT = 8
"""Operations are tried simplest first for the one sent through the Stubber; after this many
whose dicts the test data generator could not draw (slow: it gives up only after trying
hard), the service is left without one. Requests botocore refuses cost little and do not
count (S3's first 23 have bucket names it refuses)."""
SETTINGS = settings(
    max_examples=3,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def _draw(strategy: st.SearchStrategy[Any]) -> list[Any]:
    """A few values of ``strategy``, the same ones on every run; none where the test data
    generator cannot draw the shape (a pattern it cannot produce strings for): a limit of
    :mod:`tests.boto_dicts`, not of the package, so the shape is counted and skipped."""
    drawn: list[Any] = []

    @SETTINGS
    @given(strategy)
    def collect(value: Any) -> None:
        drawn.append(value)

    try:
        collect()
    except Exception:  # whatever hypothesis or the pattern engines raise
        return []
    return drawn


def _plain(operation: dict[str, Any], shapes: dict[str, Any]) -> bool:
    """Whether the Stubber can take the operation with drawn dicts: no streams, no host
    labels or endpoint discovery (drawn text is no host name)."""
    if "endpoint" in operation or operation.get("endpointdiscovery"):
        return False
    for part in ("input", "output"):
        name = operation.get(part, {}).get("shape")
        if name is None:
            return False
        for member in shapes[name].get("members", {}).values():
            target = shapes[member["shape"]]
            if member.get("streaming") or target.get("streaming") or target.get("eventstream"):
                return False
    return True


def _size(operation: dict[str, Any], shapes: dict[str, Any]) -> int:
    """How many members the operation's input and output have (the fewer, the quicker and
    surer the draw)."""
    return sum(
        len(shapes[operation[part]["shape"]].get("members", {})) for part in ("input", "output")
    )


def smoke(shapes_dir: Path, service: str) -> dict[str, Any]:
    raw = json.loads((shapes_dir / service / "service-2.json").read_text())
    shapes, operations = raw["shapes"], raw["operations"]
    package = importlib.import_module(f"botoshapes.{package_name(service)}")
    classes = {name: getattr(package, name) for name in package.__all__}
    dicts = BotoDicts(raw, deployment_rules=service == "sagemaker")

    checked: list[str] = []
    undrawn: list[str] = []
    for name in sorted(operations)[:ROUND_TRIPPED]:
        for part, strict in (("input", True), ("output", False)):
            shape = operations[name].get(part, {}).get("shape")
            if shape is None or shape in checked:
                continue
            model = classes[shape]
            values = _draw(dicts.value(shape))
            for value in values:
                built = model.from_boto(value) if strict else model.from_response(value)
                assert built.to_boto() == value, (shape, value, built.to_boto())
            (checked if values else undrawn).append(shape)

    stubbed = None
    client_class = classes[class_prefix(raw["metadata"].get("serviceId", service)) + "Client"]
    plain = [name for name in sorted(operations) if _plain(operations[name], shapes)]
    undrawn_operations = 0
    for name in sorted(plain, key=lambda n: _size(operations[n], shapes)):
        if undrawn_operations == UNDRAWN_LIMIT:
            break
        op = operations[name]
        requests = _draw(dicts.value(op["input"]["shape"]))
        responses = _draw(dicts.value(op["output"]["shape"]))
        if not (requests and responses):
            undrawn_operations += 1
            continue
        request, response = requests[0], responses[0]
        client: Any = boto3.client(  # type: ignore[call-overload]  # any service's name
            service,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        method = _method(client, name)
        with Stubber(client) as stubber:
            stubber.add_response(method, response, request)
            typed = getattr(client_class(client), method)
            try:
                result = typed(classes[op["input"]["shape"]].from_boto(request))
            except (ParamValidationError, EndpointResolutionError):
                # botocore's own checks beyond the model (S3's bucket names, ARNs that
                # choose the endpoint): the drawn request is not one to send; the model
                # took it, as the model says
                continue
            stubber.assert_no_pending_responses()
        assert result.to_boto() == response, (name, response, result.to_boto())
        stubbed = name
        break
    return {
        "service": service,
        "classes": len(classes),
        "round_tripped": checked,
        "undrawn": undrawn,
        "stubbed": stubbed,
    }


def _method(client: Any, operation: str) -> str:
    """boto3's method name of an operation (``ListEndpoints`` -> ``list_endpoints``)."""
    names: dict[str, str] = {v: k for k, v in client.meta.method_to_api_mapping.items()}
    return names[operation]


def main(argv: list[str]) -> int:
    shapes_dir, service = argv
    print(json.dumps(smoke(Path(shapes_dir), service)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
