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

from botoshapes._runtime.rules import Rule
from botoshapes.sagemaker._components import differences

from .check import Finding
from .components import ComponentPlan, check_component_update, plan_component_update
from .live_rules import CANNOT_PLAN, COMPONENT_MOVES, ROLLED_BACK_BEFORE

if TYPE_CHECKING:
    from botoshapes.sagemaker import (
        DescribeInferenceComponentOutput,
        UpdateInferenceComponentInput,
    )

    from .live import LiveState
    from .spec import ComponentSpec, EndpointSpec

ComponentKind = Literal["nothing", "create", "update", "copies", "recreate", "follow"]
"""``recreate``: a ``Failed`` component (it serves nothing), deleted and created again;
``follow``: one ``Creating`` or ``Updating`` (an interrupted apply's), followed to its end,
then sent what the file still needs."""


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
    scaled: bool = False
    """Whether Application Auto Scaling scales its copy count (the file's is left alone)."""
    marked: bool = False
    """Whether it carries a rolled-back mark (cleared once it runs what the file gives)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "component": self.name,
            "kind": self.kind,
            "why": self.why,
            "differences": list(self.differences),
            "plan": None if self.plan is None else self.plan.to_dict(),
        }


def component_changes(
    spec: EndpointSpec, live: LiveState, *, provisioning_seconds: int, retry_failed: bool = False
) -> tuple[tuple[ComponentChange, ...], list[Finding]]:
    """Each component's change, in the file's order, and the findings of their updates
    (wire paths under ``components.<name>``). An update that rolled back before (the
    component's mark names it) is an error unless ``retry_failed``."""
    changes: list[ComponentChange] = []
    findings: list[Finding] = []
    for component in spec.components:
        found = live.components.get(component.name)
        if found is None:
            why = "no such inference component: CreateInferenceComponent"
            count = _wanted(component)
            changes.append(ComponentChange(component.name, "create", why, component, copies=count))
            continue
        change, found_here = _compared(spec, live, component, found, provisioning_seconds)
        mark = live.component_marks.get(component.name)
        if mark is not None:
            change = replace(change, marked=True)
            again = change.kind == "update" and mark.partition(" ")[0] == component.digest
            if again and not retry_failed:
                reason = mark.partition(" ")[2] or "no reason given"
                message = f"this update of {component.name} rolled back before: {reason}"
                where = f"components.{component.name}"
                found_here.append(_finding(ROLLED_BACK_BEFORE, where, mark, message))
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
        message = (
            f"{moved[1]!r} is where it runs, the file gives {moved[2]!r}: {COMPONENT_MOVES.text}"
        )
        finding = _finding(COMPONENT_MOVES, f"components.{name}.{moved[0]}", moved[1], message)
        return ComponentChange(name, "nothing", "it cannot move", component), [finding]
    busy = _not_in_service(component, found)
    if busy is not None:
        return replace(busy, scaled=name in live.scaled_components), []
    kind, differ, update, copies = needed(component, found, scaled=name in live.scaled_components)
    has = found.runtime_config.desired_copy_count if found.runtime_config else None
    left = ""
    if name in live.scaled_components:
        left = f"; its copy count is left to Application Auto Scaling ({has})"
    if kind == "nothing":
        return ComponentChange(name, "nothing", f"runs what the file gives{left}", component), []
    request: Any = update
    if request is None:
        request = {"InferenceComponentName": name, "RuntimeConfig": {"CopyCount": copies}}
    try:
        plan = plan_component_update(
            request, found, live.endpoint, provisioning_seconds=provisioning_seconds
        )
    except ValueError as error:
        return ComponentChange(name, kind, str(error), component, differ, update), [
            _finding(CANNOT_PLAN, f"components.{name}", None, f"{name}: {error}")
        ]
    if kind == "copies":
        why = f"{has} copies, the file says {copies}: UpdateInferenceComponentRuntimeConfig"
        return ComponentChange(name, "copies", why, component, plan=plan, copies=copies), []
    checked = check_component_update(
        request, found, live.endpoint, provisioning_seconds=provisioning_seconds
    )
    why = f"{', '.join(differ)} differ: UpdateInferenceComponent ({plan.strategy}){left}"
    findings = [replace(f, path=f"components.{name}.{f.path}".rstrip(".")) for f in checked]
    return ComponentChange(name, "update", why, component, differ, update, plan), findings


def _not_in_service(
    component: ComponentSpec, found: DescribeInferenceComponentOutput
) -> ComponentChange | None:
    """The change of a ``Failed`` component (made again), or of one ``Creating`` or
    ``Updating`` (followed first); ``None`` for any other status."""
    status = str(found.inference_component_status)
    if status == "Failed":
        why = (
            f"Failed ({found.failure_reason or 'no reason given'}): a failed component serves"
            " nothing; DeleteInferenceComponent, then CreateInferenceComponent"
        )
        return ComponentChange(
            component.name, "recreate", why, component, copies=_wanted(component)
        )
    if status in ("Creating", "Updating"):
        why = f"{status}: followed to its end, then sent what the file still needs"
        return ComponentChange(component.name, "follow", why, component)
    return None


def _wanted(component: ComponentSpec) -> int | None:
    runtime = component.create.runtime_config
    return runtime.copy_count if runtime is not None else None


def needed(
    component: ComponentSpec, found: DescribeInferenceComponentOutput, *, scaled: bool
) -> tuple[
    Literal["nothing", "update", "copies"],
    tuple[str, ...],
    UpdateInferenceComponentInput | None,
    int | None,
]:
    """What moves ``found`` to the file: ``(kind, differences, update, copies)``; a copy
    count Application Auto Scaling scales (``scaled``) is left alone."""
    wanted = _wanted(component)
    has = found.runtime_config.desired_copy_count if found.runtime_config else None
    copies = wanted is not None and wanted != has and not scaled
    differ = differences(component.create, found)
    if differ:
        return "update", differ, component.update(copies=copies), None
    if copies:
        return "copies", (), None, wanted
    return "nothing", (), None, None


def _finding(rule: Rule, path: str, value: Any, message: str) -> Finding:
    return Finding(rule.level, rule.id, "component", path, value, message, rule.source, rule.quote)


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
