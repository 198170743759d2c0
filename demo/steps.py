"""The demo's steps, each printing what it did with the typed API."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from botoshapes import ShapeValidationError
from botoshapes.sagemaker import (
    Alarm,
    AutoRollbackConfig,
    BlueGreenUpdatePolicy,
    CapacitySize,
    ContainerDefinition,
    DeploymentConfig,
    DeploymentEvent,
    DescribeEndpointOutput,
    ProductionVariant,
    ProductionVariantInstanceType,
    RollingUpdatePolicy,
    SageMakerClient,
    TrafficRoutingConfig,
    UpdateEndpointInput,
)
from botoshapes.sagemaker.deploy import check_deployment, plan_deployment, render_plan
from botoshapes.sagemaker.errors import DeploymentRolledBackError, SageMakerError


def _heading(text: str) -> None:
    print(f"\n== {text}")


def _show(event: DeploymentEvent) -> None:
    """The event, after the time the service gives (on the local server: its clock)."""
    when = f"{event.started:%H:%M:%S}" if event.started is not None else ""
    print(f"   {when:>8}  {event}")


class Demo:
    def __init__(
        self,
        sm: SageMakerClient,
        name: str,
        role_arn: str,
        image: str,
        *,
        local: bool,
        alarms: Any = None,
    ) -> None:
        """``alarms``: a CloudWatch client of the local server, to trip an alarm on purpose."""
        self.sm = sm
        self.name = name
        self.role_arn = role_arn
        self.image = image
        self.local = local
        self.alarms = alarms
        self.delay = 0.02 if local else 30.0
        """Seconds between polls: 20 s on the local server's clock."""
        self.created: list[tuple[str, str]] = []

    @property
    def _model(self) -> str:
        return f"{self.name}-model"

    @property
    def _config(self) -> str:
        return f"{self.name}-config"

    @property
    def _next_config(self) -> str:
        return f"{self.name}-config-v2"

    def run(self) -> None:
        try:
            self.strict_before_sending()
            self.deploy()
            self.summarize()
            self.list_endpoints()
            self.typed_error()
            self.canary_update()
            self.rolling_update()
        finally:
            self.clean_up()

    def strict_before_sending(self) -> None:
        _heading("A typo is caught before anything is sent")
        try:
            ProductionVariant(variant_name="blue", instance_type="ml.m5.huge")  # type: ignore[arg-type]
        except ShapeValidationError as error:
            print(f"   {error}".replace("\n", "\n   "))
        _heading("So is a deployment AWS would refuse (a rule its docs state in prose)")
        try:
            TrafficRoutingConfig(
                type="CANARY",
                wait_interval_in_seconds=300,
                canary_size=CapacitySize(type="CAPACITY_PERCENT", value=80),
            )
        except ShapeValidationError as error:
            print(f"   {error}".replace("\n", "\n   "))

    def deploy(self) -> None:
        _heading("Model, endpoint config, endpoint")
        self.sm.create_model(
            model_name=self._model,
            execution_role_arn=self.role_arn,
            primary_container=ContainerDefinition(image=self.image),
        )
        self.created.append(("model", self._model))
        self._create_config(self._config, ProductionVariantInstanceType.ML_M5_LARGE)
        created = self.sm.create_endpoint(
            endpoint_name=self.name, endpoint_config_name=self._config
        )
        self.created.append(("endpoint", self.name))
        print(f"   created {created.endpoint_arn}")
        print("   waiting for the deployment (each status change is printed):")
        self.sm.wait_for_endpoint_deployment(self.name, on_change=_show, delay=self.delay)

    def _create_config(self, name: str, instance_type: ProductionVariantInstanceType) -> None:
        variant = ProductionVariant(
            variant_name="blue",
            model_name=self._model,
            instance_type=instance_type,
            initial_instance_count=2,
            initial_variant_weight=1.0,
        )
        self.sm.create_endpoint_config(endpoint_config_name=name, production_variants=[variant])
        self.created.append(("endpoint config", name))
        print(f"   endpoint config {name}: 2 x {instance_type.value}")

    def summarize(self) -> None:
        _heading("What is deployed, read back as typed models")
        endpoint = self.sm.describe_endpoint(endpoint_name=self.name)
        config = self.sm.describe_endpoint_config(endpoint_config_name=self._config)
        planned = {v.variant_name: v for v in config.production_variants or ()}
        print(f"   endpoint {endpoint.endpoint_name}: {endpoint.endpoint_status}")
        print(f"   {'variant':<8} {'instance type':<14} {'count':>5} {'weight':>7}  status")
        for live in endpoint.production_variants or ():
            plan = planned.get(live.variant_name)
            instance_type = plan.instance_type if plan is not None else None
            stages = ", ".join(str(s.status) for s in live.variant_status or ()) or "-"
            print(
                f"   {live.variant_name:<8} {instance_type or '-':<14}"
                f" {live.current_instance_count or 0:>5} {live.current_weight or 0.0:>7.2f}"
                f"  {stages}"
            )

    def list_endpoints(self) -> None:
        _heading("Endpoints, one page at a time")
        for summary in self.sm.paginate_list_endpoints(page_size=10):
            print(f"   {summary.endpoint_name}  {summary.endpoint_status}  {summary.creation_time}")

    def typed_error(self) -> None:
        _heading("An error response is a typed exception")
        try:
            self.sm.describe_endpoint(endpoint_name=f"{self.name}-missing")
        except SageMakerError as error:
            print(f"   {type(error).__name__}: code={error.code} request_id={error.request_id}")
            print(f"   message: {error.message}")

    @property
    def _alarm(self) -> str:
        return f"{self.name}-p99-latency"

    def canary_update(self) -> None:
        _heading("A canary update to a new instance type: checked and planned before it is sent")
        if self.alarms is not None:
            self.alarms.put_metric_alarm(
                AlarmName=self._alarm,
                Namespace="AWS/SageMaker",
                MetricName="ModelLatency",
                Dimensions=[{"Name": "EndpointName", "Value": self.name}],
                Statistic="Average",
                Period=60,
                EvaluationPeriods=1,
                Threshold=500_000.0,
                ComparisonOperator="GreaterThanThreshold",
            )
            print(f"   CloudWatch alarm {self._alarm} (the rollback watches it)")
        self._create_config(self._next_config, ProductionVariantInstanceType.ML_C5_XLARGE)
        request = UpdateEndpointInput(
            endpoint_name=self.name,
            endpoint_config_name=self._next_config,
            deployment_config=DeploymentConfig(
                blue_green_update_policy=BlueGreenUpdatePolicy(
                    traffic_routing_configuration=TrafficRoutingConfig(
                        type="CANARY",
                        wait_interval_in_seconds=300,
                        canary_size=CapacitySize(type="CAPACITY_PERCENT", value=10),
                    ),
                    termination_wait_in_seconds=120,
                    maximum_execution_timeout_in_seconds=3600,
                ),
                auto_rollback_configuration=AutoRollbackConfig(
                    alarms=[Alarm(alarm_name=self._alarm)]
                ),
            ),
        )
        self._preview(request)
        self._send(request)

    def rolling_update(self) -> None:
        _heading("A rolling update, one instance at a time (one variant: rolling is allowed)")
        if self.alarms is not None:
            print("   ... and its alarm goes off while the first batch bakes: watch the rollback")
        running = self.sm.describe_endpoint(endpoint_name=self.name).endpoint_config_name
        request = UpdateEndpointInput(
            endpoint_name=self.name,
            # back to the first config once the canary update has run, else to the new one
            endpoint_config_name=self._config
            if running == self._next_config
            else self._next_config,
            deployment_config=DeploymentConfig(
                rolling_update_policy=RollingUpdatePolicy(
                    maximum_batch_size=CapacitySize(type="INSTANCE_COUNT", value=1),
                    wait_interval_in_seconds=600,
                    maximum_execution_timeout_in_seconds=3600,
                    rollback_maximum_batch_size=CapacitySize(type="CAPACITY_PERCENT", value=100),
                ),
                auto_rollback_configuration=AutoRollbackConfig(
                    alarms=[Alarm(alarm_name=self._alarm)]
                ),
            ),
        )
        self._preview(request, chart=False)
        self._send(request, trip_alarm=self.alarms is not None)

    def _preview(self, request: UpdateEndpointInput, *, chart: bool = True) -> None:
        """Read the endpoint's state (read-only calls), then check and plan the update."""
        endpoint = self.sm.describe_endpoint(endpoint_name=self.name)
        current = self.sm.describe_endpoint_config(
            endpoint_config_name=str(endpoint.endpoint_config_name)
        )
        new = self.sm.describe_endpoint_config(endpoint_config_name=request.endpoint_config_name)
        findings = check_deployment(request, endpoint, current, new)
        print("   check: " + ("\n   ".join(str(f) for f in findings) or "no findings"))
        plan = plan_deployment(request, endpoint, current, new)
        print("   " + render_plan(plan).replace("\n", "\n   "))
        if chart:
            try:
                from botoshapes.sagemaker.deploy.chart import (  # noqa: PLC0415
                    ChartUnavailableError,
                    write_chart,
                )

                path = write_chart(plan, Path(tempfile.gettempdir()) / f"{self.name}-plan.png")
                print(f"   chart: {path}")
            except ChartUnavailableError as error:
                print(f"   chart: {error}")

    def _send(self, request: UpdateEndpointInput, *, trip_alarm: bool = False) -> None:
        print("   update_endpoint sends:")
        print("   " + json.dumps(request.to_boto(), indent=2).replace("\n", "\n   "))
        before = self.sm.describe_endpoint(endpoint_name=self.name).endpoint_config_name
        self.sm.update_endpoint(request)
        print("   sent; each status change as it happens:")
        tripped: list[bool] = []

        def show(event: DeploymentEvent) -> None:
            _show(event)
            if trip_alarm and event.status == "Baking" and not tripped:
                self.alarms.set_alarm_state(
                    AlarmName=self._alarm, StateValue="ALARM", StateReason="p99 latency too high"
                )
                tripped.append(True)
                print(f"   -> alarm {self._alarm} set to ALARM while the batch bakes")

        try:
            done = self.sm.wait_for_endpoint_deployment(
                self.name,
                endpoint_config_name=request.endpoint_config_name,
                on_change=show,
                delay=self.delay,
            )
            print(f"   done: {done.endpoint_status} on {done.endpoint_config_name}")
        except DeploymentRolledBackError as error:
            print(f"   {type(error).__name__}: {error}")
            serving = self._settle()
            print(
                f"   after the rollback: {serving.endpoint_status} on "
                f"{serving.endpoint_config_name} (before the update: {before})"
            )
            for variant in serving.production_variants or ():
                print(
                    f"   variant {variant.variant_name}: {variant.current_instance_count}"
                    f" instances, weight {variant.current_weight}"
                )
            if self.alarms is not None:
                self.alarms.set_alarm_state(
                    AlarmName=self._alarm, StateValue="OK", StateReason="recovered"
                )

    def _settle(self) -> DescribeEndpointOutput:
        """The endpoint once its rollback is over (the waiter raised on ``RollingBack``, or
        on the endpoint back in service on its old config)."""
        for _ in range(10_000):
            endpoint = self.sm.describe_endpoint(endpoint_name=self.name)
            if endpoint.endpoint_status not in ("RollingBack", "Updating"):
                break
            time.sleep(self.delay)
        return endpoint

    def clean_up(self) -> None:
        _heading("Clean up")
        for kind, name in reversed(self.created):
            try:
                if kind == "endpoint":
                    self.sm.delete_endpoint(endpoint_name=name)
                    self.sm.wait_until_endpoint_deleted(endpoint_name=name, delay=self.delay)
                elif kind == "endpoint config":
                    self.sm.delete_endpoint_config(endpoint_config_name=name)
                else:
                    self.sm.delete_model(model_name=name)
                print(f"   deleted {kind} {name}")
            except SageMakerError as error:
                print(f"   could not delete {kind} {name}: {error}")
        self.created.clear()
