"""``deploy plan`` and ``deploy apply`` against the local server, over HTTP: every path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from botoshapes.sagemaker import Tag
from botoshapes.sagemaker.deploy import MANAGED_TAG, read_spec
from botoshapes.sagemaker.deploy.apply import ApplyEvent, Outcome, apply_spec
from botoshapes.sagemaker.deploy.live import Clients
from botoshapes.sagemaker.deploy.planning import EndpointPlan, plan_endpoint
from botoshapes.sagemaker.deploy.rehearse import put_alarm
from botoshapes.sagemaker.deploy.spec import ROLLED_BACK_TAG, mark_of
from tests.moto_server import NO_RETRIES, REGION, LocalSageMaker, serve

ROLE = "arn:aws:iam::123456789012:role/sagemaker"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn"
FAST = 10_000.0
"""A 600 s bake in 60 ms."""
WRITES = frozenset(
    {
        "CreateModel",
        "CreateEndpointConfig",
        "CreateEndpoint",
        "UpdateEndpoint",
        "UpdateEndpointWeightsAndCapacities",
        "DeleteEndpoint",
        "DeleteEndpointConfig",
        "DeleteModel",
        "AddTags",
        "DeleteTags",
    }
)


@pytest.fixture(scope="module")
def module_server() -> Iterator[LocalSageMaker]:
    yield from serve(time_scale=FAST, provisioning_seconds=300, quotas={"ml.m5.large": 10})


@pytest.fixture
def server(module_server: LocalSageMaker) -> LocalSageMaker:
    module_server.reset()
    return module_server


def _raw(url: str, service: str) -> Any:
    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )
    return session.client(service, endpoint_url=url, config=NO_RETRIES)  # type: ignore[call-overload]


def clients(server: LocalSageMaker) -> Clients:
    return Clients(
        server.client(),
        _raw(server.url, "application-autoscaling"),
        _raw(server.url, "cloudwatch"),
        _raw(server.url, "service-quotas"),
    )


def spec_file(
    tmp_path: Path,
    *,
    tag: str = "1",
    instances: int = 2,
    instance_type: str = "ml.m5.large",
    policy: dict[str, Any] | None = None,
    variant: dict[str, Any] | None = None,
    name: str = "churn.json",
) -> str:
    data: dict[str, Any] = {
        "name": "churn",
        "tags": [{"Key": "team", "Value": "ml"}],
        "models": {
            "main": {"PrimaryContainer": {"Image": f"{IMAGE}:{tag}"}, "ExecutionRoleArn": ROLE}
        },
        "config": {
            "ProductionVariants": [
                variant
                or {
                    "VariantName": "AllTraffic",
                    "ModelName": "main",
                    "InstanceType": instance_type,
                    "InitialInstanceCount": instances,
                }
            ]
        },
    }
    if policy is not None:
        data["deployment"] = {"DeploymentConfig": policy}
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def canary(bake: int = 600, alarms: tuple[str, ...] = ()) -> dict[str, Any]:
    policy: dict[str, Any] = {
        "BlueGreenUpdatePolicy": {
            "TrafficRoutingConfiguration": {
                "Type": "CANARY",
                "CanarySize": {"Type": "INSTANCE_COUNT", "Value": 1},
                "WaitIntervalInSeconds": bake,
            },
            "TerminationWaitInSeconds": 0,
        }
    }
    if alarms:
        policy["AutoRollbackConfiguration"] = {"Alarms": [{"AlarmName": a} for a in alarms]}
    return policy


def apply(server: LocalSageMaker, path: str, **options: Any) -> Outcome:
    events: list[ApplyEvent] = options.pop("events", [])
    return apply_spec(
        read_spec(path), clients(server), on_event=events.append, delay=0.01, **options
    )


def plan(server: LocalSageMaker, path: str, **options: Any) -> EndpointPlan:
    return plan_endpoint(read_spec(path), clients(server), **options)


def writes(server: LocalSageMaker) -> list[str]:
    return [name for name in server.sent if name in WRITES]


def serving(server: LocalSageMaker) -> str:
    return str(server.client().describe_endpoint(endpoint_name="churn").endpoint_config_name)


def tags(server: LocalSageMaker, arn: str) -> dict[str, str]:
    found = server.client().boto3.list_tags(ResourceArn=arn)["Tags"]
    return {t["Key"]: t["Value"] for t in found}


def test_a_new_endpoint_is_created_with_managed_models_and_config(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    path = spec_file(tmp_path)
    before = plan(server, path)
    assert before.change.kind == "create"
    assert before.deployment is not None
    assert before.deployment.strategy == "CREATE"
    assert before.errors == ()
    assert writes(server) == []  # planning reads only
    outcome = apply(server, path)
    assert (outcome.status, outcome.exit_code) == ("done", 0)
    spec = read_spec(path)
    assert serving(server) == spec.config.endpoint_config_name
    assert writes(server) == ["CreateModel", "CreateEndpointConfig", "CreateEndpoint"]
    sm = server.client()
    config = sm.describe_endpoint_config(endpoint_config_name=spec.config.endpoint_config_name)
    assert tags(server, str(config.endpoint_config_arn))[MANAGED_TAG] == "churn"
    model = sm.describe_model(model_name=spec.models["main"].model_name)
    assert tags(server, str(model.model_arn))[MANAGED_TAG] == "churn"
    endpoint = sm.describe_endpoint(endpoint_name="churn")
    assert tags(server, str(endpoint.endpoint_arn))["team"] == "ml"


def test_applying_the_same_file_again_sends_nothing(server: LocalSageMaker, tmp_path: Path) -> None:
    path = spec_file(tmp_path, policy=canary())
    assert apply(server, path).status == "done"
    server.sent.clear()
    again = apply(server, path)
    assert (again.status, again.exit_code) == ("nothing", 0)
    assert again.plan.change.kind == "nothing"
    assert writes(server) == []


def test_a_count_change_alone_updates_weights_and_capacities(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert apply(server, spec_file(tmp_path)).status == "done"
    first = serving(server)
    path = spec_file(tmp_path, instances=3)
    planned = plan(server, path)
    assert planned.change.kind == "weights"
    assert [str(d) for d in planned.change.differences] == [
        "ProductionVariants[AllTraffic].instances: 2 -> 3"
    ]
    server.sent.clear()
    outcome = apply(server, path)
    assert outcome.status == "done"
    assert writes(server) == ["UpdateEndpointWeightsAndCapacities"]
    assert serving(server) == first  # the config stays; only the count moved
    (variant,) = server.client().describe_endpoint(endpoint_name="churn").production_variants or ()
    assert variant.current_instance_count == 3
    server.sent.clear()
    assert apply(server, path).status == "nothing"
    assert writes(server) == []


def test_a_new_image_is_a_canary_update_that_keeps_the_previous_config(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    v1, v2, v3 = (
        spec_file(tmp_path, tag=tag, policy=canary(), name=f"v{tag}.json") for tag in "123"
    )
    assert apply(server, v1).status == "done"
    planned = plan(server, v2)
    assert planned.change.kind == "update"
    assert "models[main].PrimaryContainer.Image: " in "\n".join(
        str(d) for d in planned.change.differences
    )
    assert planned.deployment is not None
    assert planned.deployment.strategy == "CANARY"
    assert apply(server, v2).status == "done"
    events: list[ApplyEvent] = []
    outcome = apply(server, v3, events=events)
    assert outcome.status == "done"
    names = [read_spec(p) for p in (v1, v2, v3)]
    assert serving(server) == names[2].config.endpoint_config_name
    # the previous config (and its model) are kept for a manual rollback; the one before goes
    assert outcome.kept == (
        names[2].config.endpoint_config_name,
        names[1].config.endpoint_config_name,
    )
    assert set(outcome.deleted) == {
        names[0].config.endpoint_config_name,
        names[0].models["main"].model_name,
    }
    statuses = {e.deployment.status for e in events if e.deployment is not None}
    assert {"Creating", "ActivatingTraffic", "Baking"} <= statuses


@pytest.fixture(scope="module")
def steady_server() -> Iterator[LocalSageMaker]:
    """A clock on which every status lasts 300 ms or more: no poll misses one."""
    yield from serve(time_scale=1000, provisioning_seconds=300)


@pytest.mark.parametrize("policy", [1, 2, 3], ids=["canary", "linear", "rolling"])
def test_each_policy_is_followed_through_the_steps_it_plans(
    steady_server: LocalSageMaker, tmp_path: Path, policy: int
) -> None:
    server = steady_server
    server.reset()
    assert apply(server, spec_file(tmp_path, instances=4, name="v1.json")).status == "done"
    path = spec_file(tmp_path, tag="2", instances=4, policy=POLICIES[policy], name="v2.json")
    planned = plan(server, path).deployment
    assert planned is not None
    events: list[ApplyEvent] = []
    outcome = apply(server, path, events=events)
    assert outcome.status == "done"
    seen = [e.deployment.status for e in events if e.deployment and e.deployment.pending]
    # each traffic shift the plan counts is seen, each followed by its bake
    assert seen.count("ActivatingTraffic") == planned.traffic_shifts
    shifts = [i for i, status in enumerate(seen) if status == "ActivatingTraffic"]
    assert all(seen[i + 1] == "Baking" for i in shifts)
    assert planned.strategy == ("CANARY", "LINEAR", "ROLLING")[policy - 1]


def _alarm(server: LocalSageMaker, name: str = "p99") -> Any:
    watch = _raw(server.url, "cloudwatch")
    put_alarm(watch, name)
    return watch


def test_an_alarm_in_the_bake_rolls_back_marks_the_spec_and_keeps_everything(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    watch = _alarm(server)
    v1 = spec_file(tmp_path, policy=canary(alarms=("p99",)), name="v1.json")
    v2 = spec_file(tmp_path, tag="2", policy=canary(bake=3600, alarms=("p99",)), name="v2.json")
    assert apply(server, v1).status == "done"

    def trip(event: ApplyEvent) -> None:
        if event.deployment is not None and event.deployment.status == "Baking":
            watch.set_alarm_state(AlarmName="p99", StateValue="ALARM", StateReason="slow")

    outcome = apply(server, v2, events=_Calling(trip))
    assert (outcome.status, outcome.exit_code) == ("rolled_back", 3)
    assert outcome.failure_reason == "Alarm p99 went into ALARM while baking"
    assert outcome.deleted == ()
    old, new = read_spec(v1), read_spec(v2)
    assert serving(server) == old.config.endpoint_config_name  # the old config still serves
    config = server.client().describe_endpoint_config(
        endpoint_config_name=new.config.endpoint_config_name
    )
    assert tags(server, str(config.endpoint_config_arn))[ROLLED_BACK_TAG] == (
        "Alarm p99 went into ALARM while baking"
    )
    # the same spec is refused until asked to try again
    watch.set_alarm_state(AlarmName="p99", StateValue="OK", StateReason="fine")
    again = apply(server, v2)
    assert (again.status, again.exit_code) == ("refused", 1)
    assert [f.rule for f in again.plan.errors] == ["rolled-back-before"]
    assert apply(server, v2, retry_failed=True).status == "done"


class _Calling(list[ApplyEvent]):
    """An event list that also calls ``hook`` on each event."""

    def __init__(self, hook: Any) -> None:
        super().__init__()
        self.hook = hook

    def append(self, event: ApplyEvent) -> None:
        super().append(event)
        self.hook(event)


def test_a_silent_rollback_is_a_rollback(tmp_path: Path) -> None:
    for server in serve(time_scale=FAST, provisioning_seconds=300, explain_rollbacks=False):
        _alarm(server).set_alarm_state(AlarmName="p99", StateValue="ALARM", StateReason="x")
        assert apply(server, spec_file(tmp_path, name="v1.json")).status == "done"
        v2 = spec_file(tmp_path, tag="2", policy=canary(alarms=("p99",)), name="v2.json")
        planned = plan(server, v2)
        assert [f.rule for f in planned.findings if f.rule == "alarm-in-alarm"] == [
            "alarm-in-alarm"
        ]
        outcome = apply(server, v2)
        assert (outcome.status, outcome.exit_code, outcome.failure_reason) == (
            "rolled_back",
            3,
            None,
        )
        assert "no reason given by AWS" in outcome.message


def test_a_model_that_cannot_be_provisioned(server: LocalSageMaker, tmp_path: Path) -> None:
    broken = spec_file(tmp_path, tag="fail-provisioning", name="broken.json")
    created = apply(server, broken)
    assert (created.status, created.exit_code) == ("failed", 4)
    # a failed endpoint takes nothing but DeleteEndpoint: a replacement, only when asked
    good = spec_file(tmp_path, name="good.json")
    refused = apply(server, good)
    assert refused.plan.change.kind == "replace"
    assert [f.rule for f in refused.plan.errors] == ["replace-needs-consent"]
    assert apply(server, good, allow_replace=True).status == "done"
    # an update whose new fleet cannot be provisioned rolls back
    update = spec_file(tmp_path, tag="fail-provisioning", policy=canary(), name="update.json")
    outcome = apply(server, update)
    assert (outcome.status, outcome.exit_code) == ("rolled_back", 3)
    assert serving(server) == read_spec(good).config.endpoint_config_name


def test_a_timeout_cleans_nothing_and_the_next_apply_follows_on(tmp_path: Path) -> None:
    # a 3,600 s bake lasts 3.6 s: the second apply finds the deployment still in progress
    for server in serve(time_scale=1000, provisioning_seconds=300):
        assert apply(server, spec_file(tmp_path, name="v1.json")).status == "done"
        v2 = spec_file(tmp_path, tag="2", policy=canary(bake=3600), name="v2.json")
        outcome = apply(server, v2, wait_seconds=0.0)
        assert (outcome.status, outcome.exit_code) == ("timed_out", 4)
        assert outcome.deleted == ()
        assert "botoshapes deploy status churn" in outcome.message
        server.sent.clear()
        resumed = apply(server, v2)  # an interrupted apply, run again
        assert resumed.plan.change.kind == "follow"
        assert resumed.status == "done"
        assert [w for w in writes(server) if not w.startswith("Delete")] == []
        assert serving(server) == read_spec(v2).config.endpoint_config_name


def test_an_apply_stopped_before_its_update_resumes_with_what_it_made(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert apply(server, spec_file(tmp_path, name="v1.json")).status == "done"
    v2 = read_spec(spec_file(tmp_path, tag="2", policy=canary(), name="v2.json"))
    sm = server.client()
    for model in v2.models.values():  # what an apply stopped after its creations left
        sm.create_model(model)
    sm.create_endpoint_config(v2.config)
    server.sent.clear()
    planned = plan(server, spec_file(tmp_path, tag="2", policy=canary(), name="v2.json"))
    assert (planned.live.spec_config_exists, planned.change.kind) == (True, "update")
    outcome = apply(server, spec_file(tmp_path, tag="2", policy=canary(), name="v2.json"))
    assert outcome.status == "done"
    assert outcome.created == ()
    assert [w for w in writes(server) if not w.startswith("Delete")] == ["UpdateEndpoint"]


def test_a_saved_plan_is_refused_once_the_endpoint_changed(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert apply(server, spec_file(tmp_path, name="v1.json")).status == "done"
    v2 = spec_file(tmp_path, tag="2", name="v2.json")
    saved = plan(server, v2)
    assert apply(server, spec_file(tmp_path, instances=4, name="v1b.json")).status == "done"
    server.sent.clear()
    outcome = apply(server, v2, expected_fingerprint=saved.fingerprint)
    assert (outcome.status, outcome.exit_code) == ("refused", 1)
    assert [f.rule for f in outcome.plan.errors] == ["stale-plan"]
    assert writes(server) == []
    fresh = plan(server, v2)
    assert apply(server, v2, expected_fingerprint=fresh.fingerprint).status == "done"


def test_the_quota_must_hold_both_fleets(server: LocalSageMaker, tmp_path: Path) -> None:
    assert apply(server, spec_file(tmp_path, instances=6, name="v1.json")).status == "done"
    v2 = spec_file(tmp_path, tag="2", instances=6, policy=canary(), name="v2.json")
    planned = plan(server, v2)
    assert planned.deployment is not None
    assert planned.deployment.peak_instances == {"ml.m5.large": 12}
    (error,) = planned.errors
    assert error.rule == "quota-exceeded"
    assert "12 x ml.m5.large at the peak, with 0 on other endpoints" in error.message
    server.sent.clear()
    assert apply(server, v2).status == "refused"
    assert writes(server) == []


def test_an_instance_type_change_of_an_autoscaled_variant_is_refused(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert apply(server, spec_file(tmp_path, name="v1.json")).status == "done"
    _raw(server.url, "application-autoscaling").register_scalable_target(
        ServiceNamespace="sagemaker",
        ResourceId="endpoint/churn/variant/AllTraffic",
        ScalableDimension="sagemaker:variant:DesiredInstanceCount",
        MinCapacity=1,
        MaxCapacity=4,
    )
    path = spec_file(tmp_path, instance_type="ml.c5.xlarge", name="v2.json")
    outcome = apply(server, path)
    assert outcome.status == "refused"
    assert "autoscaled-variant-change" in {f.rule for f in outcome.plan.errors}
    # a count change alone leaves the autoscaled count to Application Auto Scaling
    assert plan(server, spec_file(tmp_path, instances=3, name="v3.json")).change.kind == "nothing"


def test_instance_based_to_serverless_is_a_replacement(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert apply(server, spec_file(tmp_path, name="v1.json")).status == "done"
    serverless: dict[str, Any] = {
        "VariantName": "AllTraffic",
        "ModelName": "main",
        "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5},
    }
    path = spec_file(tmp_path, variant=serverless, name="v2.json")
    planned = plan(server, path)
    assert planned.change.kind == "replace"
    assert "You cannot convert your instance-based" in planned.change.evidence
    assert apply(server, path).status == "refused"
    assert apply(server, path, allow_replace=True).status == "done"
    assert serving(server) == read_spec(path).config.endpoint_config_name


def test_a_missing_alarm_is_a_warning(server: LocalSageMaker, tmp_path: Path) -> None:
    assert apply(server, spec_file(tmp_path, name="v1.json")).status == "done"
    path = spec_file(tmp_path, tag="2", policy=canary(alarms=("nope",)), name="v2.json")
    found = {(f.level, f.rule) for f in plan(server, path).findings}
    assert ("warning", "alarm-missing") in found


POLICIES: list[dict[str, Any] | None] = [
    None,
    canary(),
    {
        "BlueGreenUpdatePolicy": {
            "TrafficRoutingConfiguration": {
                "Type": "LINEAR",
                "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 50},
                "WaitIntervalInSeconds": 300,
            }
        }
    },
    {
        "RollingUpdatePolicy": {
            "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1},
            "WaitIntervalInSeconds": 60,
        }
    },
]
specs = st.fixed_dictionaries(
    {
        "tag": st.sampled_from(["1", "2"]),
        "instances": st.integers(1, 4),
        "instance_type": st.sampled_from(["ml.m5.large", "ml.c5.xlarge"]),
        "policy": st.sampled_from(POLICIES),
    }
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=specs, second=specs)
def test_applying_a_file_twice_changes_nothing_the_second_time(
    module_server: LocalSageMaker, tmp_path: Path, first: dict[str, Any], second: dict[str, Any]
) -> None:
    module_server.reset()
    assert apply(module_server, spec_file(tmp_path, name="a.json", **first)).status == "done"
    path = spec_file(tmp_path, name="b.json", **second)
    assert apply(module_server, path).status in ("done", "nothing")
    module_server.sent.clear()
    again = apply(module_server, path)
    assert (again.status, again.plan.change.kind) == ("nothing", "nothing")
    assert writes(module_server) == []


# What an outside review found (each test failed before its fix).


def test_cleanup_keeps_a_model_a_config_made_by_hand_still_names(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    v1, v2, v3 = (spec_file(tmp_path, tag=t, name=f"v{t}.json") for t in "123")
    assert apply(server, v1).status == "done"
    first_model = read_spec(v1).models["main"].model_name
    server.client().boto3.create_endpoint_config(
        EndpointConfigName="fallback",  # no endpoint runs it, and its name is not churn's
        ProductionVariants=[
            {"VariantName": "AllTraffic", "ModelName": first_model,
             "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}
        ],
    )  # fmt: skip
    assert apply(server, v2).status == "done"
    outcome = apply(server, v3)
    assert read_spec(v1).config.endpoint_config_name in outcome.deleted
    assert first_model not in outcome.deleted
    assert server.client().describe_model(model_name=first_model).model_name == first_model


def test_a_retried_spec_that_served_can_be_rolled_back_to(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    watch = _alarm(server)
    v1 = spec_file(tmp_path, policy=canary(alarms=("p99",)), name="v1.json")
    v2 = spec_file(tmp_path, tag="2", policy=canary(alarms=("p99",)), name="v2.json")
    v3 = spec_file(tmp_path, tag="3", policy=canary(alarms=("p99",)), name="v3.json")
    assert apply(server, v1).status == "done"
    watch.set_alarm_state(AlarmName="p99", StateValue="ALARM", StateReason="slow")
    assert apply(server, v2).status == "rolled_back"
    watch.set_alarm_state(AlarmName="p99", StateValue="OK", StateReason="fine")
    assert apply(server, v2, retry_failed=True).status == "done"
    config = read_spec(v2).config.endpoint_config_name
    arn = server.client().describe_endpoint_config(endpoint_config_name=config)
    assert ROLLED_BACK_TAG not in tags(server, str(arn.endpoint_config_arn))
    assert apply(server, v3).status == "done"
    assert apply(server, v2).status == "done"  # back to the version that served


def test_a_change_of_weights_alone_keeps_the_config_for_a_rollback(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert apply(server, spec_file(tmp_path, name="v1.json")).status == "done"
    assert apply(server, spec_file(tmp_path, tag="2", name="v2.json")).status == "done"
    outcome = apply(server, spec_file(tmp_path, tag="2", instances=3, name="v2b.json"))
    assert (outcome.plan.change.kind, outcome.deleted) == ("weights", ())
    old = read_spec(spec_file(tmp_path, name="v1.json")).config.endpoint_config_name
    assert server.client().describe_endpoint_config(endpoint_config_name=old) is not None


def test_removing_provisioned_concurrency_is_an_update(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    serverless: dict[str, Any] = {
        "VariantName": "AllTraffic",
        "ModelName": "main",
        "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 10},
    }
    provisioned = {
        **serverless,
        "ServerlessConfig": {**serverless["ServerlessConfig"], "ProvisionedConcurrency": 5},
    }
    assert apply(server, spec_file(tmp_path, variant=provisioned, name="v1.json")).status == "done"
    planned = plan(server, spec_file(tmp_path, variant=serverless, name="v2.json"))
    assert planned.change.kind == "update"
    assert [str(d) for d in planned.change.differences] == [
        "ProductionVariants[AllTraffic].ServerlessConfig.ProvisionedConcurrency: 5 -> (none)"
    ]


def test_retained_variant_properties_are_not_undone_by_the_next_apply(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert apply(server, spec_file(tmp_path, instances=2, name="v1.json")).status == "done"
    server.client().boto3.update_endpoint_weights_and_capacities(
        EndpointName="churn",
        DesiredWeightsAndCapacities=[{"VariantName": "AllTraffic", "DesiredInstanceCount": 3}],
    )
    server.client().wait_for_endpoint_deployment("churn", delay=0.01, on_change=lambda _: None)
    data = json.loads(Path(spec_file(tmp_path, tag="2", name="v2.json")).read_text())
    data["deployment"] = {"RetainAllVariantProperties": True}
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert apply(server, str(path)).status == "done"
    server.sent.clear()
    again = apply(server, str(path))
    assert (again.status, writes(server)) == ("nothing", [])


def test_tags_the_file_adds_are_added_and_then_nothing(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert apply(server, spec_file(tmp_path, name="v1.json")).status == "done"
    data = json.loads(Path(spec_file(tmp_path, name="v1.json")).read_text())
    data["tags"].append({"Key": "cost-centre", "Value": "42"})
    path = tmp_path / "tagged.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    server.sent.clear()
    outcome = apply(server, str(path))
    assert (outcome.status, writes(server)) == ("done", ["AddTags"])
    endpoint = server.client().describe_endpoint(endpoint_name="churn")
    assert tags(server, str(endpoint.endpoint_arn))["cost-centre"] == "42"
    server.sent.clear()
    assert (apply(server, str(path)).status, writes(server)) == ("nothing", [])


def test_the_serving_config_deleted_by_hand_is_made_again_without_an_update(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    path = spec_file(tmp_path)
    assert apply(server, path).status == "done"
    config = read_spec(path).config.endpoint_config_name
    server.client().boto3.delete_endpoint_config(EndpointConfigName=config)
    server.sent.clear()
    outcome = apply(server, path)
    assert (outcome.status, outcome.created, writes(server)) == (
        "done",
        (config,),
        ["CreateEndpointConfig"],
    )


def test_an_update_refused_by_aws_is_a_failure_that_names_what_was_made(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    assert apply(server, spec_file(tmp_path, name="v1.json")).status == "done"
    other = read_spec(spec_file(tmp_path, tag="9", policy=canary(bake=3600), name="o.json"))
    sm = server.client()
    for model in other.models.values():
        sm.create_model(model)
    sm.create_endpoint_config(other.config)
    v2 = read_spec(spec_file(tmp_path, tag="2", name="v2.json"))

    def race(event: ApplyEvent) -> None:  # another pipeline updates between plan and send
        if event.kind == "create" and event.message.endswith(v2.config.endpoint_config_name):
            sm.update_endpoint(other.update)

    outcome = apply_spec(v2, clients(server), delay=0.01, on_event=race)
    assert (outcome.status, outcome.exit_code) == ("failed", 4)
    assert "Cannot update in-progress endpoint" in outcome.message
    assert outcome.created == (v2.models["main"].model_name, v2.config.endpoint_config_name)
    assert f"made before it: {', '.join(outcome.created)}" in outcome.message


def test_the_rolled_back_mark_is_a_tag_value_aws_takes() -> None:
    reason = 'Alarm "p99"\nwent into ALARM\twhile baking (see: https://x/y?z=1)'
    value = mark_of(reason)
    assert Tag.from_boto({"Key": ROLLED_BACK_TAG, "Value": value}).value == value
    assert mark_of(None) == "rolled back: no reason given"
    assert len(mark_of("x" * 1000)) == 256


def test_shadow_variants_are_kept_and_count_against_the_quota(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    path = spec_file(tmp_path, instances=4, name="v1.json")
    data = json.loads(Path(path).read_text())
    shadow = {**data["config"]["ProductionVariants"][0], "VariantName": "shadow"}
    data["config"]["ShadowProductionVariants"] = [shadow]
    Path(path).write_text(json.dumps(data), encoding="utf-8")
    assert apply(server, path).status == "done"
    assert plan(server, path).change.kind == "nothing"  # the server keeps what it was given
    data["models"]["main"]["PrimaryContainer"]["Image"] += "-2"
    data["deployment"] = {"DeploymentConfig": canary()}
    v2 = tmp_path / "v2.json"
    v2.write_text(json.dumps(data), encoding="utf-8")
    planned = plan(server, str(v2))
    # both production fleets (4 + 4) and both shadow fleets (4 + 4): over the quota of 10
    (error,) = planned.errors
    assert error.rule == "quota-exceeded"
    assert error.message.startswith("16 x ml.m5.large at the peak")


def test_a_rollback_that_fails_is_a_failure_that_cleans_nothing(
    steady_server: LocalSageMaker, tmp_path: Path
) -> None:
    server = steady_server  # RollingBack lasts a provisioning (300 ms): seen, then followed
    server.reset()
    # the old model comes up 8 times (the endpoint), the new one 4 times (2 batches of 2):
    # the third batch fails, and the rollback cannot bring the old instances back
    rolling = {
        "RollingUpdatePolicy": {
            "MaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 25},
            "WaitIntervalInSeconds": 60,
        }
    }
    v1 = spec_file(tmp_path, tag="fail-provisioning-after-8", instances=8, name="v1.json")
    assert apply(server, v1).status == "done"
    v2 = spec_file(
        tmp_path, tag="fail-provisioning-after-4", instances=8, policy=rolling, name="v2.json"
    )
    events: list[ApplyEvent] = []
    outcome = apply(server, v2, events=events)
    assert (outcome.status, outcome.exit_code) == ("failed", 4)
    assert outcome.endpoint is not None
    assert outcome.endpoint.endpoint_status == "UpdateRollbackFailed"
    assert outcome.message.startswith("churn: rollback failed: ")
    assert outcome.deleted == ()
    # (the local server, as AWS documents, shows RollingBack for weights and capacities only)
    assert "endpoint churn: UpdateRollbackFailed" in [e.message for e in events]


def test_a_capacity_rollback_is_followed_to_its_end(
    steady_server: LocalSageMaker, tmp_path: Path
) -> None:
    server = steady_server  # RollingBack lasts a provisioning (300 ms): seen, then followed
    server.reset()
    v1 = spec_file(tmp_path, tag="fail-provisioning-after-2", instances=2, name="v1.json")
    assert apply(server, v1).status == "done"
    more = spec_file(tmp_path, tag="fail-provisioning-after-2", instances=4, name="v2.json")
    events: list[ApplyEvent] = []
    outcome = apply(server, more, events=events)
    assert (outcome.plan.change.kind, outcome.status, outcome.exit_code) == (
        "weights",
        "rolled_back",
        3,
    )
    assert outcome.endpoint is not None
    assert outcome.endpoint.endpoint_status == "InService"
    assert "endpoint churn: InService (the rollback ended)" in [e.message for e in events]


# What a second outside review found after the fixes (each test failed before its fix).


def test_a_file_applied_during_an_update_elsewhere_is_refused_not_nothing(
    steady_server: LocalSageMaker, tmp_path: Path
) -> None:
    server = steady_server
    server.reset()
    v1 = spec_file(tmp_path, name="v1.json")
    assert apply(server, v1).status == "done"
    v2 = spec_file(tmp_path, tag="2", policy=canary(bake=3600), name="v2.json")
    assert apply(server, v2, wait_seconds=0.0).status == "timed_out"  # still Updating
    outcome = apply(server, v1)
    assert (outcome.plan.change.kind, outcome.status) == ("update", "refused")
    assert [f.rule for f in outcome.plan.errors] == ["endpoint-busy"]


def test_a_deleted_serving_config_does_not_hide_a_count_drift(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    path = spec_file(tmp_path)
    assert apply(server, path).status == "done"
    sm = server.client()
    sm.boto3.update_endpoint_weights_and_capacities(
        EndpointName="churn",
        DesiredWeightsAndCapacities=[{"VariantName": "AllTraffic", "DesiredInstanceCount": 4}],
    )
    sm.wait_for_endpoint_deployment("churn", delay=0.01, on_change=lambda _: None)
    sm.boto3.delete_endpoint_config(EndpointConfigName=read_spec(path).config.endpoint_config_name)
    server.sent.clear()
    outcome = apply(server, path)
    assert (outcome.plan.change.kind, outcome.status) == ("weights", "done")
    assert writes(server) == ["CreateEndpointConfig", "UpdateEndpointWeightsAndCapacities"]
    server.sent.clear()
    assert (apply(server, path).status, writes(server)) == ("nothing", [])


def test_a_retry_that_serves_clears_its_mark_even_unfollowed(
    steady_server: LocalSageMaker, tmp_path: Path
) -> None:
    server = steady_server
    server.reset()
    watch = _alarm(server)
    assert apply(server, spec_file(tmp_path, policy=canary(alarms=("p99",)))).status == "done"
    v2 = spec_file(tmp_path, tag="2", policy=canary(bake=600, alarms=("p99",)), name="v2.json")
    watch.set_alarm_state(AlarmName="p99", StateValue="ALARM", StateReason="slow")
    assert apply(server, v2).status == "rolled_back"
    watch.set_alarm_state(AlarmName="p99", StateValue="OK", StateReason="fine")
    assert apply(server, v2, retry_failed=True, wait_seconds=0.0).status == "timed_out"
    following = apply(server, v2)  # no --retry-failed needed to follow it
    assert (following.plan.change.kind, following.status) == ("follow", "done")
    config = read_spec(v2).config.endpoint_config_name
    arn = server.client().describe_endpoint_config(endpoint_config_name=config)
    assert ROLLED_BACK_TAG not in tags(server, str(arn.endpoint_config_arn))


def test_a_weights_change_counts_the_shadow_fleet_against_the_quota(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    path = spec_file(tmp_path, instances=2, name="v1.json")
    data = json.loads(Path(path).read_text())
    shadow = {**data["config"]["ProductionVariants"][0], "VariantName": "shadow"}
    data["config"]["ShadowProductionVariants"] = [{**shadow, "InitialInstanceCount": 3}]
    Path(path).write_text(json.dumps(data), encoding="utf-8")
    assert apply(server, path).status == "done"
    data["config"]["ProductionVariants"][0]["InitialInstanceCount"] = 8
    bigger = tmp_path / "v2.json"
    bigger.write_text(json.dumps(data), encoding="utf-8")
    planned = plan(server, str(bigger))
    assert planned.change.kind == "weights"
    assert dict(planned.peak) == {"ml.m5.large": 11}
    (error,) = planned.errors
    assert (error.rule, error.message[:30]) == ("quota-exceeded", "11 x ml.m5.large at the peak, ")


def test_other_endpoints_shadow_fleets_count_against_the_quota(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    other = spec_file(tmp_path, instances=2, name="other.json")
    data = json.loads(Path(other).read_text())
    data["name"] = "other"
    shadow = {**data["config"]["ProductionVariants"][0], "VariantName": "shadow"}
    data["config"]["ShadowProductionVariants"] = [{**shadow, "InitialInstanceCount": 4}]
    Path(other).write_text(json.dumps(data), encoding="utf-8")
    assert apply(server, other).status == "done"
    planned = plan(server, spec_file(tmp_path, instances=5, name="churn.json"))
    (error,) = planned.errors
    assert "5 x ml.m5.large at the peak, with 6 on other endpoints" in error.message


def test_serverless_concurrency_changes_are_applied_once(
    server: LocalSageMaker, tmp_path: Path
) -> None:
    serverless: dict[str, Any] = {
        "VariantName": "AllTraffic",
        "ModelName": "main",
        "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5},
    }
    assert apply(server, spec_file(tmp_path, variant=serverless, name="v1.json")).status == "done"
    serverless["ServerlessConfig"] = {"MemorySizeInMB": 2048, "MaxConcurrency": 8}
    path = spec_file(tmp_path, variant=serverless, name="v2.json")
    outcome = apply(server, path)
    assert (outcome.plan.change.kind, outcome.status) == ("weights", "done")
    server.sent.clear()
    assert (apply(server, path).status, writes(server)) == ("nothing", [])
