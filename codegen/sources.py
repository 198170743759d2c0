"""The hand-written code that ships, read where it lives: ``src/``, at its import paths.

``src/botoshapes`` is the package as the repository's tools see it: the hand-written files,
and relative links to the generated entries beside them (``src/botoshapes/__init__.py ->
../../generated/botoshapes/__init__.py``, ``src/botoshapes/sagemaker/_models -> ...``), so
that one directory tree holds the whole package. (A package split over two roots, joined
with ``pkgutil.extend_path``, is what Python and mypy can follow but pyright cannot: it
stops at the first ``__init__.py``.) The links are made by building the project
(``codegen/build_hook.py``) and by ``python -m codegen`` (:func:`write_links`), never
committed. Otherwise the generator writes nothing here and copies nothing from here; it
reads these files to put them in wheels (:mod:`codegen.distributions`) and to check that the
generated and hand-written parts never claim the same module.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
SOURCE_ROOT = REPOSITORY / "src"
"""The hand-written root: ``src/botoshapes/_runtime``, ``src/botoshapes/sagemaker/deploy``."""
GENERATED_ROOT = REPOSITORY / "generated"
SHIPPED_SUFFIXES = (".py", ".pyi")
"""What a hand-written file that ships ends with (never an editor's backup or a cache)."""


def _linked(path: Path, root: Path) -> bool:
    """Whether ``path`` is a link, or inside a linked folder, below ``root``."""
    return any(p.is_symlink() for p in [path, *path.parents] if p.is_relative_to(root))


def hand_written(root: Path = SOURCE_ROOT) -> dict[str, bytes]:
    """Every hand-written file under ``root`` (links to generated files left out), by its
    path inside the package tree."""
    found: dict[str, bytes] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = Path(folder, name)
            if path.suffix in SHIPPED_SUFFIXES and not _linked(path, root):
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return dict(sorted(found.items()))


def links(root: Path = SOURCE_ROOT) -> dict[str, str]:
    """The links under ``root``: their paths inside the package tree and their targets."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        for name in sorted([*dirs, *files]):
            path = Path(folder, name)
            if path.is_symlink():
                found[path.relative_to(root).as_posix()] = os.readlink(path)
        dirs[:] = [d for d in dirs if not Path(folder, d).is_symlink() and d != "__pycache__"]
    return dict(sorted(found.items()))


def expected_links(generated: Path = GENERATED_ROOT, root: Path = SOURCE_ROOT) -> dict[str, str]:
    """The links ``root`` must have: in every folder of the package that holds hand-written
    files, one per generated entry beside them, relative (``../../generated/...``)."""
    expected: dict[str, str] = {}
    shared = [Path("botoshapes")]
    shared += [
        Path("botoshapes", p.name)
        for p in sorted((root / "botoshapes").iterdir())
        if p.is_dir() and not p.is_symlink() and (generated / "botoshapes" / p.name).is_dir()
    ]
    for folder in shared:
        for entry in sorted((generated / folder).iterdir()):
            if entry.name == "__pycache__" or folder / entry.name in shared:
                continue
            link = folder / entry.name
            expected[link.as_posix()] = os.path.relpath(entry, (root / link).parent)
    return expected


def package_files(prefixes: Iterable[str], root: Path = SOURCE_ROOT) -> dict[str, bytes]:
    """The hand-written files under any of ``prefixes`` (``botoshapes/sagemaker/``)."""
    wanted = tuple(prefixes)
    return {p: data for p, data in hand_written(root).items() if p.startswith(wanted)}


def _module(path: str) -> str:
    """``botoshapes/sagemaker/deploy/__init__.py`` -> ``botoshapes.sagemaker.deploy``."""
    stem = path.removesuffix(".pyi").removesuffix(".py").removesuffix("/__init__")
    return stem.replace("/", ".")


def overlaps(tree: Mapping[str, bytes], root: Path = SOURCE_ROOT) -> list[str]:
    """Modules (or other files) both generated and hand-written: on import, one would hide
    the other."""
    written = {_module(p) for p in hand_written(root)}
    return sorted(p for p in tree if _module(p) in written)


def link_problems(generated: Path = GENERATED_ROOT, root: Path = SOURCE_ROOT) -> list[str]:
    """How the links under ``root`` differ from :func:`expected_links`, in words."""
    have, want = links(root), expected_links(generated, root)
    problems = [f"missing link: {root / p} -> {want[p]}" for p in sorted(want.keys() - have)]
    problems += [
        f"link: {root / p} -> {have[p]}, should point to {want[p]}"
        for p in sorted(want.keys() & have.keys())
        if have[p] != want[p]
    ]
    problems += [f"stray link: {root / p} -> {have[p]}" for p in sorted(have.keys() - want)]
    return problems


def write_links(generated: Path = GENERATED_ROOT, root: Path = SOURCE_ROOT) -> int:
    """Make the links under ``root`` what :func:`expected_links` says (only links are ever
    made or removed here); the number changed."""
    have, want = links(root), expected_links(generated, root)
    changed = 0
    for path, target in sorted(have.items()):
        if want.get(path) != target:
            (root / path).unlink()
            changed += 1
    for path, target in sorted(want.items()):
        if have.get(path) != target:
            (root / path).symlink_to(
                target, target_is_directory=(root / path).parent.joinpath(target).is_dir()
            )
            changed += 1
    return changed


def constant(module: str, name: str, root: Path = SOURCE_ROOT) -> str:
    """The string a hand-written ``module`` assigns to ``name`` at its top level, read from its
    source without importing it (``constant("botoshapes.sagemaker.local.server",
    "MOTO_VERSION")``): one place holds the value, and the generator needs none of the
    module's imports."""
    source = (root / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.Assign)
            and [getattr(t, "id", None) for t in node.targets] == [name]
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise LookupError(f"{module} assigns no string to {name} at its top level")


def link_hand_written(tree: Path, root: Path = SOURCE_ROOT) -> None:
    """Give a generated tree written elsewhere (a scratch folder of one service) the
    hand-written modules it imports: links to ``src/botoshapes/_runtime`` and to each
    hand-written entry of its service packages (SageMaker's ``deploy/``...). Its
    ``botoshapes/__init__.py`` makes it a package of its own, which hides the repository's."""
    package = root / "botoshapes"
    wanted = [package / "_runtime"]
    for service in sorted(p for p in (tree / "botoshapes").iterdir() if p.is_dir()):
        own = package / service.name
        if own.is_dir() and not own.is_symlink():
            wanted += [
                e for e in sorted(own.iterdir()) if not e.is_symlink() and e.name != "__pycache__"
            ]
    for source in wanted:
        link = tree / source.relative_to(root)
        if not link.exists():
            link.symlink_to(source, target_is_directory=source.is_dir())
