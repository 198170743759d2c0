"""``python -m codegen.changelog OLD NEW``: the same as ``python -m codegen changelog``,
without importing the generator (the ``shapes`` session has botocore only)."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
