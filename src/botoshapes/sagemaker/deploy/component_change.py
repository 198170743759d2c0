"""What a spec's inference components need: created, updated (rolled), their copies changed.

Each component is compared with what AWS describes: its specification as the file gives it
(:func:`~botoshapes.sagemaker._components.differences`: only what the file says, the image
as ``DeployedImage.SpecifiedImage``) and its copy count. A copy count Application Auto
Scaling scales is left to it. A new specification is an ``UpdateInferenceComponent`` with
the file's ``DeploymentConfig``; a copy count alone an ``UpdateInferenceComponentRuntimeConfig``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from botoshapes.sagemaker._components import differences

from .check import Finding
from .components import ComponentPlan, check_component_update, plan_component_update
from .live_rules import COMPONENT_MOVES

if TYPE_CHECKING:
    from botoshapes.sagemaker import (
        DescribeInferenceComponentOutput,
        UpdateInferenceComponentInput,
    )

    from .live import LiveState
    from .spec import ComponentSpec, EndpointSpec

ComponentKind = Literal["nothing", "create", "update", "copies"]


@dataclass(frozen=True, slots=True)
class ComponentChange:
    """What one inference component of the spec needs, and why."""

    name: str
    kind: ComponentKind
    why: str
    spec: ComponentSpec
    differences: tuple[str, ...] = ()
    """Wire paths where what runs is not what the file gives (an update)."""
    update: UpdateInferenceComponentInput | None = None
    """The request an ``update`` sends."""
    plan: ComponentPlan | None = None
    """The update's (or the copy count's) plan, in copies."""
    copies: int | None = None
    """The copy count a ``copies`` change sets."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "component": self.name,
            "kind": self.kind,
            "why": self.why,
            "differences": list(self.differences),
            "plan": None if self.plan is None else self.plan.to_dict(),
        }


def component_changes(
    spec: EndpointSpec, live: LiveState, *, provisioning_seconds: int
) -> tuple[tuple[ComponentChange, ...], list[Finding]]:
    """Each component's change, in the file's order, and the findings of their updates
    (wire paths under ``components.<name>``)."""
    changes: list[ComponentChange] = []
    findings: list[Finding] = []
    for component in spec.components:
        found = live.components.get(component.name)
        if found is None:
            copies = component.create.runtime_config
            count = copies.copy_count if copies is not None else None
            why = "no such inference component: CreateInferenceComponent"
            changes.append(ComponentChange(component.name, "create", why, component, copies=count))
            continue
        change, found_here = _compared(spec, live, component, found, provisioning_seconds)
        changes.append(change)
        findings += found_here
    return tuple(changes), findings


def _compared(
    spec: EndpointSpec,
    live: LiveState,
    component: ComponentSpec,
    found: DescribeInferenceComponentOutput,
    provisioning_seconds: int,
) -> tuple[ComponentChange, list[Finding]]:
    name = component.name
    moved = _moved(spec, component, found)
    if moved:
        finding = Finding(
            "error",
            COMPONENT_MOVES.id,
            "component",
            f"components.{name}.{moved[0]}",
            moved[1],
            f"{moved[1]!r} is where it runs, the file gives {moved[2]!r}: {COMPONENT_MOVES.text}",
            COMPONENT_MOVES.source,
            COMPONENT_MOVES.quote,
        )
        return ComponentChange(name, "nothing", "it cannot move", component), [finding]
    runtime = component.create.runtime_config
    wanted = runtime.copy_count if runtime is not None else None
    has = found.runtime_config.desired_copy_count if found.runtime_config else None
    scaled = name in live.scaled_components
    copies = wanted is not None and wanted != has and not scaled
    left = f"; its copy count is left to Application Auto Scaling ({has})" if scaled else ""
    differ = differences(component.create, found)
    if differ:
        update = component.update(copies=copies)
        plan = plan_component_update(
            update, found, live.endpoint, provisioning_seconds=provisioning_seconds
        )
        checked = check_component_update(
            update, found, live.endpoint, provisioning_seconds=provisioning_seconds
        )
        why = f"{', '.join(differ)} differ: UpdateInferenceComponent ({plan.strategy}){left}"
        findings = [replace(f, path=f"components.{name}.{f.path}".rstrip(".")) for f in checked]
        change = ComponentChange(name, "update", why, component, differ, update, plan)
        return change, findings
    if copies:
        plan = plan_component_update(
            {"InferenceComponentName": name, "RuntimeConfig": {"CopyCount": wanted}},
            found,
            live.endpoint,
            provisioning_seconds=provisioning_seconds,
        )
        why = f"{has} copies, the file says {wanted}: UpdateInferenceComponentRuntimeConfig"
        return ComponentChange(name, "copies", why, component, plan=plan, copies=wanted), []
    return ComponentChange(name, "nothing", f"runs what the file gives{left}", component), []


def _moved(
    spec: EndpointSpec, component: ComponentSpec, found: DescribeInferenceComponentOutput
) -> tuple[str, str, str] | None:
    """``(member, where it runs, what the file gives)`` if the component would move."""
    if found.endpoint_name is not None and str(found.endpoint_name) != spec.name:
        return ("EndpointName", str(found.endpoint_name), spec.name)
    variant, runs = component.create.variant_name, found.variant_name
    if variant is not None and runs is not None and str(runs) != str(variant):
        return ("VariantName", str(runs), str(variant))
    return None
