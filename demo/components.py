"""The demo's inference components: AWS's own rolling update of a hosted LLM, checked,
planned in copies, and rehearsed with its alarm going off."""

from __future__ import annotations

import os
from pathlib import Path

from .desired_state import run_botoshapes

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def _shown(path: Path) -> str:
    """``path`` as the command line would name it from here."""
    return os.path.relpath(path)


def components() -> None:
    """``botoshapes check``/``plan`` of AWS's sample update, then ``deploy rehearse`` of an
    endpoint whose component is rolled to a new model, a copy at a time."""
    print("\n== Inference components: a rolling update in copies")
    sample = EXAMPLES / "inference-components"
    print(
        "   AWS's sample update of an LLM inference component (Llama-3.1-8B to"
        " DeepSeek-R1-Distill), as its notebook sends it:"
    )
    run_botoshapes("check", _shown(sample / "update.yaml"))
    state = ["--component", _shown(sample / "component.json")]
    state += ["--endpoint", _shown(sample / "endpoint.json")]
    run_botoshapes("plan", _shown(sample / "update.yaml"), *state)
    deploy = EXAMPLES / "deploy"
    print(
        "\n   An endpoint's file with its component, rolled to a new model and rehearsed on a"
        " local SageMaker, the rollback alarm going off as the update starts:"
    )
    status = run_botoshapes(
        "deploy",
        "rehearse",
        _shown(deploy / "llm-v2.yaml"),
        "--from",
        _shown(deploy / "llm-v1.yaml"),
        "--fault",
        "alarm-in-bake",
    )
    print(
        f"   exit {status}: rolled back, told by what the component runs (it has no"
        " rolling-back status): its old copies serve"
    )
