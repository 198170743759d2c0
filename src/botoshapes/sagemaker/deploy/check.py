"""``check_deployment``: every rule of a deployment, as findings rather than exceptions."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, cast

from botoshapes._runtime.errors import short_repr
from botoshapes._runtime.rules import Level, Path, Rule, Violation

from .autoscaling import ScalableTargets, ScalableVariant, scaled_variants
from .fleets import PlanError, VariantChange, percent_of, retained_properties, variant_changes
from .inputs import Operation, config_of, endpoint_of, new_config_of, request_of
from .plan import DEFAULT_PROVISIONING_SECONDS, applied_config, inf1, plan_deployment
from .rules import (
    AUTOSCALED_COUNT_RESET,
    AUTOSCALED_VARIANT_CHANGE,
    BATCH_IS_WHOLE_FLEET,
    FALLS_BACK_TO_ALL_AT_ONCE,
    GUARDRAILS_NOT_SERVERLESS,
    REQUEST_RULES,
    ROLLING_NOT_SERVERLESS,
    ROLLING_ONE_VARIANT,
    SAME_VARIANT_NAMES,
    TIMEOUT_COVERS_PLAN,
    size_violation,
)

if TYPE_CHECKING:
    from botoshapes.sagemaker import (
        CreateEndpointConfigInput,
        CreateEndpointInput,
        DescribeEndpointConfigOutput,
        DescribeEndpointOutput,
        UpdateEndpointInput,
    )

_LONGEST_SHOWN = 200
Source = Literal["request", "endpoint", "current_config", "new_config", "component"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule: its level, id, which input and wire path, the value, and why."""

    level: Level
    rule: str
    input: Source
    path: str
    value: Any
    message: str
    source: str
    """Where AWS states the rule."""
    quote: str = ""
    """AWS's words there that the rule and its level rest on."""

    def __str__(self) -> str:
        where = f"{self.input}: {self.path}" if self.path else self.input
        return f"{self.level}: {where}: {self.message} [rule {self.rule}]"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; a value that is not a short scalar is given as its short ``repr``."""
        value = self.value
        plain = (
            isinstance(value, bool | int | type(None))
            or (isinstance(value, float) and math.isfinite(value))
            or (isinstance(value, str) and len(value) <= _LONGEST_SHOWN)
        )
        return {
            "level": self.level,
            "rule": self.rule,
            "input": self.input,
            "path": self.path,
            "value": self.value if plain else short_repr(self.value),
            "message": self.message,
            "source": self.source,
            "quote": self.quote,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The finding as JSON text: :meth:`to_dict`, written with ``indent``."""
        return json.dumps(self.to_dict(), indent=indent)


def wire_path(parts: Path) -> str:
    """``("A", 0, "B")`` as ``A[0].B``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else part
    return out


def _finding(violation: Violation, where: Source, prefix: Path = ()) -> Finding:
    rule: Rule = violation.rule
    lead = "" if violation.value is None else f"{short_repr(violation.value)} "
    message = f"{lead}{violation.message}: {rule.text}" if violation.message else rule.text
    return Finding(
        rule.level,
        rule.id,
        where,
        wire_path((*prefix, *violation.path)),
        violation.value,
        message,
        rule.source,
        rule.quote,
    )


def _models(value: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    """Every model inside ``value`` with its wire path (lists by index, maps by key)."""
    fields = getattr(type(value), "model_fields", None)
    if isinstance(fields, Mapping):
        yield path, value
        for name, info in fields.items():
            member = getattr(value, name)
            if member is not None:
                yield from _models(member, (*path, info.alias or name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _models(item, (*path, index))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _models(item, (*path, str(key)))


def request_findings(request: Any, where: Source = "request", prefix: Path = ()) -> list[Finding]:
    """The rules that need only ``request`` (any model), errors and warnings."""
    return [
        _finding(violation, where, path)
        for path, model in _models(request, prefix)
        for rule in REQUEST_RULES.get(type(model).__name__, ())
        for violation in rule(model)
    ]


def check_deployment(
    request: UpdateEndpointInput | CreateEndpointInput | Mapping[str, Any],
    endpoint: DescribeEndpointOutput | Mapping[str, Any] | None = None,
    current_config: DescribeEndpointConfigOutput | Mapping[str, Any] | None = None,
    new_config: DescribeEndpointConfigOutput
    | CreateEndpointConfigInput
    | Mapping[str, Any]
    | None = None,
    *,
    provisioning_seconds: int | None = None,
    operation: Operation | None = None,
    scalable_targets: ScalableTargets | None = None,
) -> tuple[Finding, ...]:
    """Every rule ``request`` breaks; those that need the state only when it is given.

    Each input is a typed model or its boto3 dict (:mod:`.inputs`): a request dict is read
    strictly, except that broken deployment rules come back as findings; ``operation``
    says which request a dict is when its members do not (default: UpdateEndpoint). A
    value that is neither raises ``ShapeValidationError``.

    The request rules run whatever the request is (also one built with
    constraint checks off or read from a file without them). The rules on the
    fleet (sizes by instance count, variant names, rolling exclusions, serverless,
    Inf1, the timeout against the whole plan) need ``endpoint``, ``current_config``
    and ``new_config``, and an ``UpdateEndpointInput``; the autoscaling rules also
    ``scalable_targets``: Application Auto Scaling's ``DescribeScalableTargets``
    response for the endpoint (see :mod:`.autoscaling`; ``None``: not known, so
    not checked; an empty list: no variant is autoscaled). Errors first.
    """
    model = request_of(request, operation, rules_as_findings=True)
    found = request_findings(model)
    name = str(getattr(model, "endpoint_name", ""))
    scaled = None if scalable_targets is None else scaled_variants(scalable_targets, name)
    if (
        type(model).__name__ == "UpdateEndpointInput"
        and endpoint is not None
        and current_config is not None
        and new_config is not None
    ):
        update = cast("UpdateEndpointInput", model)
        state = endpoint_of(endpoint)
        found += _state_findings(
            update,
            state,
            config_of(current_config),
            new_config_of(new_config),
            provisioning_seconds=provisioning_seconds,
            scaled=scaled,
            reported=frozenset(f.rule for f in found),
        )
    unique = list(dict.fromkeys(found))
    unique.sort(key=lambda f: f.level != "error")
    return tuple(unique)


@dataclass(frozen=True, slots=True)
class _Applied:
    """The deployment config the update runs under, and where it was given."""

    config: Any
    where: Source
    prefix: Path

    def at(self, violation: Violation, *path: str | int) -> Finding:
        return _finding(violation, self.where, (*self.prefix, *path))


def _applied(request: UpdateEndpointInput, endpoint: DescribeEndpointOutput) -> _Applied:
    config = applied_config(request, endpoint)
    if request.retain_deployment_config:
        return _Applied(config, "endpoint", ("LastDeploymentConfig",))
    return _Applied(config, "request", ("DeploymentConfig",))


def _state_findings(
    request: UpdateEndpointInput,
    endpoint: DescribeEndpointOutput,
    current_config: DescribeEndpointConfigOutput,
    new_config: DescribeEndpointConfigOutput | CreateEndpointConfigInput,
    *,
    provisioning_seconds: int | None,
    scaled: Mapping[str, ScalableVariant] | None,
    reported: frozenset[str],
) -> list[Finding]:
    changes = variant_changes(request, endpoint, current_config, new_config)
    found: list[Finding] = list(_mismatches(request, endpoint, current_config, new_config))
    if scaled is not None:
        found += _autoscaling(request, changes, scaled, new_config)
    applied = _applied(request, endpoint)
    if applied.where == "endpoint" and applied.config is not None:
        # RetainDeploymentConfig: the endpoint's last config is the one that runs.
        found += request_findings(applied.config, "endpoint", applied.prefix)
    config = applied.config
    guarded = config is not None and (
        config.blue_green_update_policy is not None or config.rolling_update_policy is not None
    )
    if inf1(changes):
        # Guardrails do not apply: SageMaker deploys all at once, as without a policy.
        if guarded:
            runs = ", ".join(
                f"{c.name} ({t})"
                for c in changes
                for t in {c.old_type, c.new_type}
                if (t or "").startswith("ml.inf1.")
            )
            fallback = Violation(FALLS_BACK_TO_ALL_AT_ONCE, (), None, f"Inf1: {runs}")
            found.append(applied.at(fallback))
        return found
    old_names = sorted(c.name for c in changes if c.existed)
    new_names = [str(v.variant_name) for v in new_config.production_variants or ()]
    if guarded and set(new_names) != set(old_names):
        found.append(
            Finding(
                "error",
                SAME_VARIANT_NAMES.id,
                "new_config",
                "ProductionVariants",
                tuple(new_names),
                f"variants {sorted(new_names)}, the endpoint runs {old_names}: "
                + SAME_VARIANT_NAMES.text,
                SAME_VARIANT_NAMES.source,
                SAME_VARIANT_NAMES.quote,
            )
        )
    found += _fleet_rules(applied, changes)
    try:
        plan = plan_deployment(
            request,
            endpoint,
            current_config,
            new_config,
            provisioning_seconds=(
                DEFAULT_PROVISIONING_SECONDS
                if provisioning_seconds is None
                else provisioning_seconds
            ),
        )
    except PlanError as error:
        # A plan AWS's rules rule out: the rule that says why is a finding already.
        if error.rule is None or error.rule not in reported | {f.rule for f in found}:
            found.append(_no_plan(applied, error))
        return found
    policy_at = "RollingUpdatePolicy" if plan.strategy == "ROLLING" else "BlueGreenUpdatePolicy"
    if not plan.fits_timeout and plan.timeout_seconds is not None:
        found.append(
            applied.at(
                Violation(
                    TIMEOUT_COVERS_PLAN,
                    ("MaximumExecutionTimeoutInSeconds",),
                    plan.timeout_seconds,
                    f"is less than the plan's {plan.timed_seconds:,} s to its final bake's end"
                    f" ({plan.provisioning_seconds} s per provisioning step assumed)",
                ),
                policy_at,
            )
        )
    return found


STATE = "state"
"""The id of the finding that says the state given is not the request's (not AWS's rule)."""


def _mismatches(
    request: UpdateEndpointInput,
    endpoint: DescribeEndpointOutput,
    current_config: DescribeEndpointConfigOutput,
    new_config: DescribeEndpointConfigOutput | CreateEndpointConfigInput,
) -> Iterator[Finding]:
    """Inputs that describe another endpoint or config than the request's: the checks on
    them say nothing of this update."""
    pairs: tuple[tuple[Source, str, Any, Any, str], ...] = (
        ("endpoint", "EndpointName", endpoint.endpoint_name, request.endpoint_name, "updates"),
        (
            "current_config",
            "EndpointConfigName",
            current_config.endpoint_config_name,
            endpoint.endpoint_config_name,
            "the endpoint runs",
        ),
        (
            "new_config",
            "EndpointConfigName",
            new_config.endpoint_config_name,
            request.endpoint_config_name,
            "the request names",
        ),
    )
    for where, member, given, wanted, says in pairs:
        if given is not None and wanted is not None and str(given) != str(wanted):
            yield Finding(
                "warning",
                STATE,
                where,
                member,
                str(given),
                f"{str(given)!r} is not {str(wanted)!r}, the one {says}: the checks on the"
                " state say nothing of this update",
                "the inputs given",
            )


NO_PLAN = "plan"
"""The id of the finding that says no plan could be made (not one of AWS's rules)."""


def _no_plan(applied: _Applied, error: PlanError) -> Finding:
    """A plan that cannot be made, for a reason no rule states (a response's policy without a
    size, a fleet of more steps than any endpoint has): said, and the checks that need the
    plan (``timeout-covers-plan``) are left out."""
    return Finding(
        "warning",
        NO_PLAN,
        applied.where,
        wire_path(applied.prefix),
        None,
        f"no plan: {error}; the timeout is not checked against one",
        "botoshapes.sagemaker.deploy.plan_deployment",
    )


def _autoscaling(
    request: UpdateEndpointInput,
    changes: tuple[VariantChange, ...],
    scaled: Mapping[str, ScalableVariant],
    new_config: DescribeEndpointConfigOutput | CreateEndpointConfigInput,
) -> Iterator[Finding]:
    index = {str(v.variant_name): i for i, v in enumerate(new_config.production_variants or ())}
    retained = "DesiredInstanceCount" in retained_properties(request)
    for c in changes:
        target = scaled.get(c.name)
        if target is None or not c.existed:
            continue
        scaling = f"autoscaled {target.min_capacity}-{target.max_capacity}"
        if not c.kept:
            yield _finding(
                Violation(
                    AUTOSCALED_VARIANT_CHANGE,
                    ("ProductionVariants",),
                    c.name,
                    f"is left out of the new config; it is {scaling}",
                ),
                "new_config",
            )
            continue
        at: Path = ("ProductionVariants", index[c.name])
        if c.old_type != c.new_type:
            changed = (
                Violation(
                    AUTOSCALED_VARIANT_CHANGE,
                    (*at, "InstanceType"),
                    c.new_type,
                    f"changes variant {c.name} from {c.old_type}; it is {scaling}",
                )
                if c.new_type is not None
                else Violation(
                    AUTOSCALED_VARIANT_CHANGE,
                    (*at, "ServerlessConfig"),
                    None,
                    f"makes variant {c.name} serverless (from {c.old_type}); it is {scaling}",
                )
            )
            yield _finding(changed, "new_config")
        if not retained and c.new_type is not None and c.new_instances != c.old_instances:
            yield _finding(
                Violation(
                    AUTOSCALED_COUNT_RESET,
                    (*at, "InitialInstanceCount"),
                    c.new_instances,
                    f"is the count the update sets for variant {c.name}, which runs"
                    f" {c.old_instances} ({scaling})",
                ),
                "new_config",
            )


def _fleet_rules(applied: _Applied, changes: tuple[VariantChange, ...]) -> Iterator[Finding]:
    config = applied.config
    if config is None:
        return
    rolling = config.rolling_update_policy
    if rolling is not None:
        at: Path = ("RollingUpdatePolicy",)
        variants = [c.name for c in changes if c.kept or c.old_instances]
        if len(variants) > 1:
            several = Violation(
                ROLLING_ONE_VARIANT, (), len(variants), f"variants ({', '.join(variants)})"
            )
            yield applied.at(several, *at)
        for c in changes:
            if c.serverless:
                violation = Violation(ROLLING_NOT_SERVERLESS, (), c.name, "is serverless")
                yield applied.at(violation, *at)
            elif c.kept:
                size = rolling.maximum_batch_size
                yield from _size_rules(applied, "MaximumBatchSize", size, c, at)
        return
    policy = config.blue_green_update_policy
    routing = policy.traffic_routing_configuration if policy is not None else None
    kind = str(routing.type) if routing is not None else ""
    if routing is None or kind not in ("CANARY", "LINEAR"):
        return
    member = "CanarySize" if kind == "CANARY" else "LinearStepSize"
    size = routing.canary_size if kind == "CANARY" else routing.linear_step_size
    at = ("BlueGreenUpdatePolicy", "TrafficRoutingConfiguration")
    for c in changes:
        if c.serverless and c.kept:
            violation = Violation(GUARDRAILS_NOT_SERVERLESS, (), c.name, f"is serverless ({kind})")
            yield applied.at(violation, *at)
        elif c.kept and c.new_instances:
            yield from _size_rules(applied, member, size, c, at)


def _size_rules(
    applied: _Applied, member: str, size: Any, change: VariantChange, at: Path
) -> Iterator[Finding]:
    """A size against the variant's instance count (:attr:`VariantChange.size_basis`).

    AWS's "the variant's total instance count" does not say which count when the update
    changes it: an instance count that breaks the rule against the count after the update
    but not against the count the variant runs now is a warning that says so.
    """
    if size is None or not isinstance(size.value, int) or size.value <= 0:
        return  # a missing size is a rule of its own; a response's 0 is the plan's to refuse
    kind = None if size.type is None else str(size.type)
    if kind not in ("INSTANCE_COUNT", "CAPACITY_PERCENT"):
        return  # a response's unknown type: the plan says it cannot use it
    basis = change.size_basis
    found = size_violation(member, size, basis)
    if found is not None:
        if kind != "INSTANCE_COUNT":  # a percent's is a request rule, found already
            return
        now = change.old_instances if change.existed else 0
        within_now = bool(now and now != basis and size_violation(member, size, now) is None)
        violation = _for_variant(found, change.name)
        if within_now:
            violation = replace(
                violation,
                message=f"{violation.message}; of the {now} it runs now it is within, and AWS"
                " does not say which count",
            )
        finding = applied.at(violation, *at)
        if within_now:
            finding = replace(finding, level="warning")
        yield finding
        return
    count, how = percent_of(basis, size, member)
    if count >= basis:
        whole = f"({how}) is the whole fleet of variant {change.name}"
        yield applied.at(Violation(BATCH_IS_WHOLE_FLEET, (member,), size.value, whole), *at)


def _for_variant(violation: Violation, name: str) -> Violation:
    return Violation(
        violation.rule, violation.path, violation.value, f"{violation.message} (variant {name})"
    )
