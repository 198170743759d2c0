"""``python -m codegen``: regenerate ``generated/`` from ``shapes/``; ``--check`` only compares.

``python -m codegen changelog OLD NEW``: what changed between two service models.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import attrs

from .diagnostics import Level, has_errors
from .emit.contexts import Counts
from .generate import Result, generate_tree
from .sources import GENERATED_ROOT, link_problems, write_links
from .write import diff_tree, owned_paths, write_tree


def _summary(result: Result, seconds: float, action: str) -> str:
    columns = ["operations", "structures", "enums", "waiters", "paginators"]
    lines = [f"{'service':<12}" + "".join(f"{c:>12}" for c in columns)]
    for service in result.services:
        c = attrs.asdict(Counts.of(service))
        lines.append(f"{service.module:<12}" + "".join(f"{c[k]:>12}" for k in columns))
    total_lines = sum(data.count(b"\n") for data in result.tree.values())
    warnings = sum(1 for d in result.diagnostics if d.level is Level.WARNING)
    lines.append(
        f"{len(result.tree)} files, {total_lines} lines {action} in {seconds:.1f} s "
        f"({warnings} warnings)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["changelog"]:
        from .changelog.cli import main as changelog  # noqa: PLC0415

        return changelog(arguments[1:])
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("--shapes", type=Path, default=Path("shapes"), help="pinned service models")
    parser.add_argument("--out", type=Path, default=Path("generated"), help="output tree")
    parser.add_argument("--check", action="store_true", help="fail if --out differs; write nothing")
    parser.add_argument("services", nargs="*", default=["sagemaker"])
    args = parser.parse_args(arguments)

    started = time.perf_counter()
    result = generate_tree(args.shapes, args.services)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    if has_errors(result.diagnostics):
        print("codegen: errors above; nothing written", file=sys.stderr)
        return 1
    # src/ links each generated entry beside the hand-written ones (codegen.sources)
    links_here = args.out.resolve() == GENERATED_ROOT
    if args.check:
        problems = diff_tree(result.tree, args.out)
        problems += link_problems() if links_here else []
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(
                f"codegen --check: {len(problems)} file(s) differ from what the generator emits; "
                "run `nox -s codegen` and commit the result",
                file=sys.stderr,
            )
            return 1
        print(_summary(result, time.perf_counter() - started, "checked"))
        return 0
    written = write_tree(result.tree, args.out, owned_paths(s.module for s in result.services))
    written += write_links() if links_here else 0
    print(_summary(result, time.perf_counter() - started, f"emitted ({written} changed)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
