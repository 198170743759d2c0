"""An inference component's update: the real examples, the rules on copies, and the plan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from botoshapes import ShapeValidationError
from botoshapes.sagemaker import UpdateInferenceComponentInput
from botoshapes.sagemaker.deploy.components import (
    check_component_update,
    plan_component_update,
    render_component_plan,
)

EXAMPLES = Path(__file__).parent / "aws_examples" / "components"
ARN = "arn:aws:sagemaker:us-east-1:123456789012"


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def described(
    name: str, copies: int, *, status: str = "InService", variant: str = "main"
) -> dict[str, Any]:
    """A DescribeInferenceComponent response, as the service sends it."""
    return {
        "InferenceComponentName": name,
        "InferenceComponentArn": f"{ARN}:inference-component/{name}",
        "EndpointName": "llm",
        "EndpointArn": f"{ARN}:endpoint/llm",
        "VariantName": variant,
        "Specification": {"ModelName": "old-model"},
        "RuntimeConfig": {"DesiredCopyCount": copies, "CurrentCopyCount": copies},
        "CreationTime": "2026-12-01T00:00:00Z",
        "LastModifiedTime": "2026-12-01T00:00:00Z",
        "InferenceComponentStatus": status,
    }


def hosting(instances: int, most: int, variant: str = "main") -> dict[str, Any]:
    """A DescribeEndpoint of one variant with managed instance scaling up to ``most``."""
    return {
        "EndpointName": "llm",
        "EndpointArn": f"{ARN}:endpoint/llm",
        "EndpointConfigName": "llm-config",
        "EndpointStatus": "InService",
        "CreationTime": "2026-12-01T00:00:00Z",
        "LastModifiedTime": "2026-12-01T00:00:00Z",
        "ProductionVariants": [
            {
                "VariantName": variant,
                "CurrentInstanceCount": instances,
                "DesiredInstanceCount": instances,
                "ManagedInstanceScaling": {
                    "Status": "ENABLED",
                    "MinInstanceCount": 1,
                    "MaxInstanceCount": most,
                },
            }
        ],
    }


def update(copies: int | None = None, **policy: Any) -> dict[str, Any]:
    """A rolling update of the specification, the policy's members given as keywords."""
    rolling = {
        "MaximumBatchSize": {"Type": "COPY_COUNT", "Value": 1},
        "WaitIntervalInSeconds": 600,
        **policy,
    }
    request: dict[str, Any] = {
        "InferenceComponentName": "ic",
        "Specification": {"ModelName": "new-model"},
        "DeploymentConfig": {
            "RollingUpdatePolicy": rolling,
            "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "errors"}]},
        },
    }
    if copies is not None:
        request["RuntimeConfig"] = {"CopyCount": copies}
    return request


# -- the three real examples ------------------------------------------------------------------

STATES = {
    # name: (copies, instances, MaxInstanceCount), as the examples create them (files' `state:`)
    "terraform": (4, None, None),
    "llama-to-deepseek": (2, 2, 4),
    "qwen-to-gpt-oss": (2, 2, 4),
}


@pytest.mark.parametrize("name", sorted(STATES))
def test_the_real_examples_check_and_plan_cleanly(name: str) -> None:
    request = example(name)
    copies, instances, most = STATES[name]
    assert UpdateInferenceComponentInput.from_boto(request).to_boto() == request
    state = described(request["InferenceComponentName"], copies)
    endpoint = hosting(instances, most) if instances is not None and most is not None else None
    found = check_component_update(request, state, endpoint)
    assert [f for f in found if f.level == "error"] == []
    # Only the sample without alarms is warned, and of that alone.
    expected = ["rollback-needs-alarms"] if name == "qwen-to-gpt-oss" else []
    assert [f.rule for f in found] == expected
    plan = plan_component_update(request, state, endpoint)
    assert plan.strategy == "ROLLING"
    assert (plan.copies_before, plan.copies_after, plan.batch_copies) == (copies, copies, 1)
    assert plan.peak_copies == copies + 1  # one new copy at a time, beside the old ones
    assert plan.fits_timeout
    assert [s.action for s in plan.steps[:4]] == ["provision", "shift", "bake", "terminate"]
    assert plan.steps[-1].old_copies == 0
    assert plan.steps[-1].new_copies == copies


def test_the_llama_sample_is_planned_as_aws_describes_it() -> None:
    """Two copies, batches of one, 120 s bakes, the rollback one copy at a time; the sample
    notes "At some point SageMaker AI will launch 1 additional instance"."""
    plan = plan_component_update(
        example("llama-to-deepseek"), described("llama-ic", 2), hosting(2, 4)
    )
    table = [
        (s.action, s.start_seconds, s.old_copies, s.new_copies, s.new_traffic_percent)
        for s in plan.steps
    ]
    assert table == [
        ("provision", 0, 2, 1, 0.0),
        ("shift", 300, 2, 1, pytest.approx(100 / 3)),
        ("bake", 300, 2, 1, pytest.approx(100 / 3)),
        ("terminate", 420, 1, 1, 50.0),
        ("provision", 420, 1, 2, 50.0),
        ("shift", 720, 1, 2, pytest.approx(200 / 3)),
        ("bake", 720, 1, 2, pytest.approx(200 / 3)),
        ("terminate", 840, 0, 2, 100.0),
    ]
    backs = [(s.rollback.copies, s.rollback.batches) if s.rollback else None for s in plan.steps]
    assert backs == [(0, 1)] * 3 + [(1, 1)] * 4 + [None]
    assert (plan.extra_instances_at_most, plan.instances_before, plan.max_instances) == (1, 2, 4)
    assert plan.duration_seconds == 840
    assert plan.waiting_seconds == 240
    assert plan.rollback_batch_copies == 1
    text = render_component_plan(plan)
    assert "2 -> 2 (batches of 1; rollback: 1 copy)" in text
    assert "peak copies       3 (up to 1 more instance)" in text
    assert "2 now, MaxInstanceCount 4" in text
    assert json.loads(plan.to_json())["steps"][3]["rollback"] == {"copies": 1, "batches": 1}


# -- the rules that need the component ---------------------------------------------------------


@pytest.mark.parametrize(
    ("copies", "asked", "size", "rule"),
    [
        (4, None, 3, "ic-batch-size"),  # 75% of 4
        (40, None, 1, "ic-batch-size"),  # 2.5% of 40
        (4, 8, 5, "ic-batch-size"),  # 125% of 4, 62.5% of 8
        (1, None, 1, "ic-small-component"),  # 100% of 1: AWS is silent
        (0, None, 1, "ic-small-component"),  # no copies
        (1, 4, 3, "ic-small-component"),  # 75% of 4, but the component has 1 now
    ],
    ids=["75% of 4", "2.5% of 40", "neither count", "one copy", "no copy", "one copy now"],
)
def test_a_batch_of_copies_is_checked_against_the_copy_counts(
    copies: int, asked: int | None, size: int, rule: str
) -> None:
    request = update(asked, MaximumBatchSize={"Type": "COPY_COUNT", "Value": size})
    found = check_component_update(request, described("ic", copies))
    assert [(f.rule, f.level, f.path, f.value) for f in found if f.rule.startswith("ic-")] == [
        (
            rule,
            "error" if rule == "ic-batch-size" else "warning",
            "DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value",
            size,
        )
    ]


@pytest.mark.parametrize(
    ("copies", "asked", "size"),
    [(4, None, 2), (2, None, 1), (20, None, 1), (2, 4, 2), (4, 2, 2)],
    ids=["50% of 4", "50% of 2", "5% of 20", "50% of 4 after", "50% of 4 before"],
)
def test_a_batch_within_5_to_50_percent_of_either_count_passes(
    copies: int, asked: int | None, size: int
) -> None:
    request = update(asked, MaximumBatchSize={"Type": "COPY_COUNT", "Value": size})
    assert check_component_update(request, described("ic", copies)) == ()


def test_an_update_of_nothing_and_a_busy_component_are_warned() -> None:
    found = check_component_update(
        {"InferenceComponentName": "ic"}, described("ic", 2, status="Updating")
    )
    assert {(f.rule, f.level, f.input, f.path) for f in found} == {
        ("ic-nothing-to-update", "warning", "request", ""),
        ("ic-not-in-service", "warning", "component", "InferenceComponentStatus"),
    }


def test_a_batch_that_may_not_fit_the_managed_scaling_is_warned() -> None:
    request = update(4, MaximumBatchSize={"Type": "COPY_COUNT", "Value": 2})
    found = check_component_update(request, described("ic", 4), hosting(4, 5))
    assert [(f.rule, f.input, f.path, f.value) for f in found] == [
        (
            "ic-room-for-batch",
            "endpoint",
            "ProductionVariants[0].ManagedInstanceScaling.MaxInstanceCount",
            5,
        )
    ]
    assert "runs 4 and a batch may need up to 2 more" in found[0].message
    assert check_component_update(request, described("ic", 4), hosting(4, 6)) == ()


def test_a_timeout_shorter_than_the_plan_is_warned() -> None:
    request = update(2, MaximumExecutionTimeoutInSeconds=1200)
    found = check_component_update(request, described("ic", 2))
    assert [(f.rule, f.value) for f in found] == [("timeout-covers-plan", 1200)]
    assert "less than the plan's 1,800 s" in found[0].message


# -- the plan's choices --------------------------------------------------------------------------


def test_a_percent_batch_rounds_down_to_whole_copies_and_says_so() -> None:
    request = update(None, MaximumBatchSize={"Type": "CAPACITY_PERCENT", "Value": 30})
    plan = plan_component_update(request, described("ic", 10))
    assert plan.batch_copies == 3
    assert [s.new_copies for s in plan.steps if s.action == "provision"] == [3, 6, 9, 10]
    assert any("rounded down" in note for note in plan.notes)


def test_a_new_copy_count_in_the_same_update_adds_or_removes_in_the_last_batches() -> None:
    grow = plan_component_update(update(4), described("ic", 2))
    assert [(s.old_copies, s.new_copies) for s in grow.steps if s.action == "terminate"] == [
        (1, 1),
        (0, 2),
    ]
    assert grow.steps[-1].new_copies == 4
    assert grow.peak_copies == 4
    shrink = plan_component_update(update(1), described("ic", 3))
    assert shrink.steps[-1].old_copies == 0
    assert shrink.steps[-1].new_copies == 1
    assert any("copy count changes from 3 to 1" in n for n in shrink.notes)


def test_the_rollback_batches_grow_with_the_copies_terminated() -> None:
    request = update(None, RollbackMaximumBatchSize={"Type": "COPY_COUNT", "Value": 2})
    plan = plan_component_update(request, described("ic", 5))
    backs = {(s.rollback.copies, s.rollback.batches) for s in plan.steps if s.rollback}
    assert backs == {(0, 1), (1, 1), (2, 1), (3, 2), (4, 2)}
    full = plan_component_update(
        update(None, RollbackMaximumBatchSize={"Type": "CAPACITY_PERCENT", "Value": 100}),
        described("ic", 5),
    )
    assert full.rollback_batch_copies is None  # 100%: "all traffic back to the blue fleet"


def test_updates_without_a_policy_or_of_the_copy_count_alone() -> None:
    plain = {"InferenceComponentName": "ic", "Specification": {"ModelName": "new"}}
    all_at_once = plan_component_update(plain, described("ic", 3))
    assert all_at_once.strategy == "ALL_AT_ONCE"
    assert [(s.action, s.old_copies, s.new_copies) for s in all_at_once.steps] == [
        ("provision", 3, 3),
        ("shift", 3, 3),
        ("terminate", 0, 3),
    ]
    scale = plan_component_update(
        {"InferenceComponentName": "ic", "RuntimeConfig": {"CopyCount": 5}}, described("ic", 3)
    )
    assert scale.strategy == "SCALE"
    assert [(s.action, s.old_copies) for s in scale.steps] == [("provision", 5)]
    nothing = plan_component_update({"InferenceComponentName": "ic"}, described("ic", 3))
    assert (nothing.strategy, nothing.steps) == ("NOTHING", ())
    assert "no steps" in render_component_plan(nothing)


def test_a_dict_that_is_not_a_request_is_refused_with_its_path() -> None:
    with pytest.raises(ShapeValidationError) as caught:
        plan_component_update({"InferenceComponentName": "ic", "Oops": 1}, described("ic", 2))
    assert "Oops" in str(caught.value)


def test_the_room_warning_names_the_components_variant() -> None:
    """Two variants alike but for their names: the warning's path is the component's."""
    endpoint = hosting(4, 5, variant="a")
    endpoint["ProductionVariants"].append(hosting(4, 5, variant="b")["ProductionVariants"][0])
    request = update(4, MaximumBatchSize={"Type": "COPY_COUNT", "Value": 2})
    found = check_component_update(request, described("ic", 4, variant="b"), endpoint)
    assert [f.path for f in found] == [
        "ProductionVariants[1].ManagedInstanceScaling.MaxInstanceCount"
    ]
    elsewhere = plan_component_update(request, described("ic", 4, variant="c"), endpoint)
    assert elsewhere.instances_before is None
    assert any("shows no variant c" in note for note in elsewhere.notes)
