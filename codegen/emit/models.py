"""IR -> pydantic v2 models, written by datamodel-code-generator used as a library.

The flags are pinned here, in one place; the JSON Schema comes from
:mod:`codegen.emit.schema` and the names from :mod:`codegen.naming`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from datamodel_code_generator import InputFileType, ModuleSplitMode, PythonVersion, generate
from datamodel_code_generator.enums import DataModelType
from datamodel_code_generator.format import Formatter

from .. import ir
from .schema import container_scalars, field_aliases, service_schema, shape_traits

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "dmcg"
SETTINGS = Path(__file__).resolve().parents[2] / "pyproject.toml"
"""Where the formatter's settings are read (line length), whatever the working directory."""
RUNTIME = "botoshapes._runtime"


def _class_names(service: ir.Service) -> Callable[[str], str]:
    """The emitter's class names: ours as they are (it would capitalise ``lowercase`` and
    rename ``None_``), and its own (the aliases it makes for inline map values) in its
    style, camel case (``FillingAdditionalProperty``)."""
    ours = {s.class_name for s in service.classes} | container_scalars(service)

    def name(proposed: str) -> str:
        if proposed in ours:
            return proposed
        return "".join(part[:1].upper() + part[1:] for part in re.split(r"_+", proposed))

    return name


def emit_models(service: ir.Service, header: str) -> dict[str, str]:
    """Return ``{relative path: source}`` for the model modules of one service."""
    output = generate(
        service_schema(service),
        input_file_type=InputFileType.JsonSchema,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_311,
        base_class=f"{RUNTIME}.ShapeModel",
        additional_imports=[f"{RUNTIME}.ShapeEnum", f"{RUNTIME}.ShapeTraits"],
        custom_template_dir=TEMPLATES,
        aliases=field_aliases(service),
        extra_template_data=defaultdict(dict, shape_traits(service)),
        module_split_mode=ModuleSplitMode.Single,
        skip_root_model=True,
        use_annotated=True,
        field_constraints=True,
        use_standard_collections=True,
        use_union_operator=True,
        use_schema_description=True,
        use_field_description=True,
        use_double_quotes=True,
        use_exact_imports=True,
        disable_future_imports=True,
        use_type_alias=True,
        collapse_root_models=True,
        keep_model_order=True,
        disable_timestamp=True,
        custom_file_header=header,
        formatters=[Formatter.BUILTIN],
        settings_path=SETTINGS,
        # the names codegen.naming chose, as they are (the emitter would capitalise them)
        custom_class_name_generator=_class_names(service),
    )
    if not isinstance(output, dict):
        raise TypeError("datamodel-code-generator returned a single module; expected a package")
    return {"/".join(parts): source for parts, source in output.items()}
