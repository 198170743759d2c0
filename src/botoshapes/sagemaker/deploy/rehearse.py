"""``deploy rehearse``: the same apply, on a local SageMaker, with a fault if asked.

The local server (:mod:`botoshapes.sagemaker.local`, the ``local`` extra) starts empty;
the old spec is applied to it, then the new one, as ``deploy apply`` would, on a clock
``time_scale`` times faster than real time. The rollback alarms the new spec names exist,
in ``OK``. A fault makes one thing go wrong:

- ``alarm-in-bake:N``: the spec's rollback alarms go into ``ALARM`` in the Nth bake of the
  new fleet (1 if not given): a rollback, exit 3. An inference component's update shows no
  bake: the alarms go into ``ALARM`` as the Nth update of a component is sent, and its first
  bake rolls it back;
- ``silent-rollback``: the same in the first bake, and the server leaves ``FailureReason``
  empty, as AWS users report it may: still a rollback, exit 3;
- ``provisioning-fails``: the new models' instances (and the new copies of components whose
  containers name their own image) cannot be provisioned (their image URIs carry the
  server's failure mark; their names stay the spec's): a rollback, or a failed creation;
- ``timeout``: the apply's wait runs out before the deployment ends (as it does when
  provisioning takes far longer than the plan assumes): exit 4, nothing cleaned up; the
  deployment goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from botoshapes import FrozenMap

from .apply import ApplyEvent, Outcome, apply_spec
from .files import InputError
from .live import Clients, alarm_names
from .planning import plan_endpoint
from .spec import EndpointSpec

FaultKind = Literal["alarm-in-bake", "silent-rollback", "provisioning-fails", "timeout"]
_KINDS: dict[str, FaultKind] = {
    "alarm-in-bake": "alarm-in-bake",
    "silent-rollback": "silent-rollback",
    "provisioning-fails": "provisioning-fails",
    "timeout": "timeout",
}
_POLL = 0.01
"""Real seconds between two polls of the local server. Events and waits count the
server's simulated seconds: a 600 s bake shows as 600 s."""


@dataclass(frozen=True, slots=True)
class Fault:
    """What goes wrong in a rehearsal (see the module)."""

    kind: FaultKind
    bake: int = 1
    """The bake in which the alarm trips (``alarm-in-bake``)."""

    @classmethod
    def parse(cls, text: str) -> Fault:
        kind, _, number = text.partition(":")
        known = _KINDS.get(kind)
        if known is None or (number and known != "alarm-in-bake"):
            others = ", ".join(list(_KINDS)[1:])
            raise InputError(f"--fault {text}: one of alarm-in-bake[:N], {others}")
        if not number:
            return cls(known)
        if not number.isdigit() or int(number) < 1:
            raise InputError(f"--fault {text}: N is the bake's number, 1 or more")
        return cls("alarm-in-bake", int(number))


def rehearse(
    spec: EndpointSpec,
    old: EndpointSpec,
    *,
    fault: Fault | None = None,
    time_scale: float = 1000.0,
    provisioning_seconds: int = 300,
    allow_replace: bool = False,
    retry_failed: bool = False,
    wait_seconds: float | None = None,
    on_event: Callable[[ApplyEvent], object] | None = None,
    on_poll: Callable[[Any], object] | None = None,
) -> Outcome:
    """Apply ``old`` then ``spec`` on a new local SageMaker, with ``fault``."""
    try:
        import boto3  # noqa: PLC0415

        from botoshapes.sagemaker.local import local_sagemaker  # noqa: PLC0415
    except ModuleNotFoundError as missing:
        raise InputError(f"rehearse needs the local server: {missing}") from None
    if spec.name != old.name:
        raise InputError(f"--from: {old.name} is another endpoint than {spec.name}")
    alarms = _alarms(spec)
    kind = fault.kind if fault is not None else None
    if kind in ("alarm-in-bake", "silent-rollback") and not alarms:
        raise InputError(
            f"--fault {kind}: the spec names no rollback alarm (DeploymentConfig."
            "AutoRollbackConfiguration.Alarms): nothing would roll back"
        )
    with local_sagemaker(
        time_scale=time_scale,
        provisioning_seconds=provisioning_seconds,
        explain_rollbacks=kind != "silent-rollback",
    ) as url:
        session = boto3.session.Session(
            aws_access_key_id="rehearsal", aws_secret_access_key="rehearsal"
        )
        clients = Clients.create(session=session, region_name="us-east-1", endpoint_url=url)
        settings: dict[str, Any] = {
            "provisioning_seconds": provisioning_seconds,
            "delay": _POLL * time_scale,
            "sleep": lambda seconds: time.sleep(seconds / time_scale),
            "clock": lambda: time.monotonic() * time_scale,  # the server's time: simulated
        }
        first = apply_spec(old, clients, **settings)
        if first.status not in ("done", "nothing"):
            return first
        for name in alarms:
            put_alarm(clients.cloudwatch, name)
        # once read-only, so that boto3's lazy loading (a second of real time, 1,000 times
        # that on the server's clock) is not counted in the rehearsal's timeline
        plan_endpoint(spec, clients, provisioning_seconds=provisioning_seconds)
        bakes = [0]
        hook = on_event
        if kind in ("alarm-in-bake", "silent-rollback"):
            hook = _tripping(
                clients.cloudwatch, alarms, fault.bake if fault else 1, on_event, bakes
            )
        if kind == "provisioning-fails":
            spec = _failing(spec)
        outcome = apply_spec(
            spec,
            clients,
            allow_replace=allow_replace,
            retry_failed=retry_failed,
            on_event=hook,
            on_poll=on_poll,
            wait_seconds=0.0 if kind == "timeout" else wait_seconds,
            **settings,
        )
    _fault_happened(fault, outcome, bakes[0])
    return outcome


def _fault_happened(fault: Fault | None, outcome: Outcome, bakes: int) -> None:
    """An :class:`InputError` if the fault asked for had nothing to act on."""
    if fault is None:
        return
    if outcome.status in ("nothing", "refused"):
        raise InputError(
            f"--fault {fault.kind}: {outcome.message}: no deployment ran for the fault to act on"
        )
    if fault.kind in ("alarm-in-bake", "silent-rollback") and bakes < fault.bake:
        raise InputError(
            f"--fault {fault.kind}: {bakes} bake(s) of a new fleet or update(s) of an inference"
            f" component, never a number {fault.bake} to trip the alarm in ({outcome.message})"
        )
    if fault.kind != "timeout" and outcome.status == "done":
        raise InputError(
            f"--fault {fault.kind}: the deployment succeeded all the same ({outcome.message}):"
            " it provisioned no new model, or nothing watched the alarm"
        )


def _alarms(spec: EndpointSpec) -> list[str]:
    """The rollback alarms the spec names: its endpoint's and its components'."""
    return list(dict.fromkeys(name for name, _ in alarm_names(spec)))


def put_alarm(cloudwatch: Any, name: str) -> None:
    """A CloudWatch alarm ``name`` (on the endpoint's 5XX errors), in its first state."""
    cloudwatch.put_metric_alarm(
        AlarmName=name,
        Namespace="AWS/SageMaker",
        MetricName="Invocation5XXErrors",
        Statistic="Sum",
        Period=60,
        EvaluationPeriods=1,
        Threshold=1.0,
        ComparisonOperator="GreaterThanOrEqualToThreshold",
    )


def _tripping(
    cloudwatch: Any,
    alarms: list[str],
    bake: int,
    then: Callable[[ApplyEvent], object] | None,
    seen: list[int],
) -> Callable[[ApplyEvent], object]:
    """Passes each event on; at the new fleet's ``bake``-th bake (counted in ``seen``),
    trips the alarms."""

    def hook(event: ApplyEvent) -> None:
        found = event.deployment
        waiting = found is not None and "TerminationWaitInSeconds" in (found.message or "")
        # an inference component shows no bake: the alarm trips as its update is sent, and
        # its first bake rolls it back
        sent = event.kind == "send" and event.message.startswith("UpdateInferenceComponent ")
        if sent or (
            found is not None and found.pending and found.status == "Baking" and not waiting
        ):
            seen[0] += 1
            if seen[0] == bake:
                for name in alarms:
                    cloudwatch.set_alarm_state(
                        AlarmName=name, StateValue="ALARM", StateReason="rehearsal fault"
                    )
        if then is not None:
            then(event)

    return hook


def _failing(spec: EndpointSpec) -> EndpointSpec:
    """``spec`` with its models' and components' images marked to fail provisioning, names
    kept."""
    from botoshapes.sagemaker import CreateInferenceComponentInput, CreateModelInput  # noqa: PLC0415
    from botoshapes.sagemaker.local import FAIL_MARK  # noqa: PLC0415

    mark = FAIL_MARK.pattern.split("(")[0]

    def marked(container: Any) -> None:
        if container and container.get("Image"):
            container["Image"] = f"{container['Image']}-{mark}"

    models = {}
    for key, model in spec.models.items():
        wire = model.to_boto()
        for container in [wire.get("PrimaryContainer"), *wire.get("Containers", [])]:
            marked(container)
        models[key] = CreateModelInput.from_boto(wire)
    components = []
    for component in spec.components:
        wire = component.create.to_boto()
        for specification in [wire.get("Specification"), *wire.get("Specifications", [])]:
            marked((specification or {}).get("Container"))
        create = CreateInferenceComponentInput.from_boto(wire)
        components.append(replace(component, create=create))
    return replace(spec, models=FrozenMap(models), components=tuple(components))
