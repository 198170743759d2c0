"""Run in a fresh process: many threads use every structure for the first time, together.

For each structure with a list or map member, a response dict is built
from the raw shapes (every list and map member set, one item each);
``THREADS`` threads wait at a barrier, then each reads every such dict with
``from_response`` and writes it back with ``to_boto``, all in the same order.
Prints one JSON line: how many calls, and the ones whose output differs
from the dict read (or holds a tuple or a read-only map) or raised.
"""

from __future__ import annotations

import json
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import botoshapes.sagemaker as sm
from botoshapes._runtime import FrozenMap

THREADS = 16
SHAPES: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parent.parent / "shapes/sagemaker/service-2.json").read_text()
)["shapes"]
_SCALARS: dict[str, Any] = {
    "string": "x",
    "integer": 1,
    "long": 1,
    "float": 0.5,
    "double": 0.5,
    "boolean": False,
    "timestamp": datetime(2026, 1, 2, tzinfo=UTC),
    "blob": b"x",
}


def _value(name: str, depth: int) -> Any:
    shape = SHAPES[name]
    kind = shape["type"]
    if kind == "structure":
        return with_containers(name, depth + 1) if depth < 2 else {}
    if kind == "list":
        return [_value(shape["member"]["shape"], depth)]
    if kind == "map":
        key = SHAPES[shape["key"]["shape"]].get("enum", ["k"])[0]
        return {key: _value(shape["value"]["shape"], depth)}
    return shape["enum"][0] if "enum" in shape else _SCALARS[kind]


def with_containers(name: str, depth: int = 0) -> dict[str, Any]:
    """A response dict of structure ``name`` with each list and map member set, one item each."""
    members = SHAPES[name]["members"]
    return {
        wire: _value(ref["shape"], depth)
        for wire, ref in members.items()
        if SHAPES[ref["shape"]]["type"] in {"list", "map"}
    }


def _frozen_inside(value: Any) -> bool:
    if isinstance(value, tuple | FrozenMap):
        return True
    if isinstance(value, dict):
        return any(_frozen_inside(v) for v in value.values())
    if isinstance(value, list):
        return any(_frozen_inside(v) for v in value)
    return False


def main() -> None:
    cases = {
        name: with_containers(name)
        for name, shape in sorted(SHAPES.items())
        if shape["type"] == "structure" and not shape.get("union") and with_containers(name)
    }
    barrier = threading.Barrier(THREADS)
    bad: list[str] = []
    calls = [0]
    lock = threading.Lock()

    def work() -> None:
        barrier.wait()
        for name, sent in cases.items():  # in one order: all use each class first at once
            try:
                out = getattr(sm, name).from_response(sent).to_boto()
                wrong = out != sent or _frozen_inside(out)
            except Exception as error:  # reported, not raised: the parent test shows it
                wrong, out = True, repr(error)
            with lock:
                calls[0] += 1
                if wrong:
                    bad.append(f"{name}: {out!r}"[:300])

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    json.dump({"structures": len(cases), "calls": calls[0], "bad": bad}, sys.stdout)


if __name__ == "__main__":
    main()
