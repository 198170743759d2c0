"""``python -m codegen changelog OLD NEW``: the changelog between two service models.

OLD and NEW are ``service-2.json`` files, plain or gzipped, or with
``--botocore`` two botocore versions (their models fetched from the package
index into a cache, see :mod:`.sources`). ``--json`` prints JSON instead of
Markdown; ``--date`` puts a date in the headline.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from .diff import compare
from .render import as_json, markdown
from .sources import model_of, read_model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m codegen changelog", description=__doc__.splitlines()[0]
    )
    parser.add_argument("old", help="the older service-2.json (or .json.gz), or botocore version")
    parser.add_argument("new", help="the newer service-2.json (or .json.gz), or botocore version")
    parser.add_argument(
        "--botocore", action="store_true", help="OLD and NEW are botocore versions (1.23.0)"
    )
    parser.add_argument("--service", default="sagemaker", help="with --botocore (sagemaker)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--date", help="the release date for the headline (2021/11/08)")
    parser.add_argument(
        "--record",
        type=Path,
        metavar="FILE",
        help="also add the Markdown to FILE, newest first (docs/api-changes.md)",
    )
    parser.add_argument("--title", help="with --record: the entry's title (botocore versions)")
    args = parser.parse_args(argv)
    try:
        if args.botocore:
            old, new = (model_of(args.service, v) for v in (args.old, args.new))
        else:
            old, new = read_model(Path(args.old)), read_model(Path(args.new))
    except (OSError, ValueError, subprocess.CalledProcessError) as error:
        print(f"codegen changelog: {error}", file=sys.stderr)
        return 2
    log = compare(old, new)
    text = markdown(log, args.date)
    if args.json:
        print(json.dumps(as_json(log, args.date), indent=2))
    else:
        sys.stdout.write(text)
    if args.record is not None:
        record(args.record, text, args.title)
    return 0


RECORD_HEAD = (
    "# API changes\n\n"
    "What each refresh of `shapes/` (`nox -s shapes`) changed, newest first, as\n"
    "`python -m codegen changelog` reports it: written by the refresh, not by hand.\n"
)


def record(path: Path, text: str, title: str | None) -> None:
    """Put ``text`` first in the record at ``path`` (made if missing), under ``## title``
    (its own headings one level down), or as it is without a title."""
    if title:
        demoted = "\n".join(
            "#" + line if line.startswith("#") else line for line in text.split("\n")
        )
        text = f"## {title}\n\n{demoted}"
    old = path.read_text(encoding="utf-8") if path.exists() else RECORD_HEAD
    head, mark, rest = old.partition("\n## ")
    path.write_text(
        head.rstrip("\n") + "\n\n" + text + (mark + rest if mark else ""), encoding="utf-8"
    )
