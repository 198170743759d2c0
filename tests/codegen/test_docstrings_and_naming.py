"""Units of the generator: HTML reduction and the naming rules."""

from __future__ import annotations

import pytest

from codegen.docstrings import docstring_safe, html_to_text
from codegen.generate import _check_emitted
from codegen.ir import Service, StructureShape
from codegen.naming import (
    attribute_name,
    builder_class_name,
    class_name,
    enum_member_name,
    module_name,
    unique_names,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ml.g5.2xlarge", "ML_G5_2XLARGE"),
        ("InService", "IN_SERVICE"),
        ("ActivatingTraffic", "ACTIVATING_TRAFFIC"),
        ("AWS::SageMaker::TrainingJob", "AWS_SAGE_MAKER_TRAINING_JOB"),
        ("AWS/Textract/AnalyzeDocument/Forms/V1", "AWS_TEXTRACT_ANALYZE_DOCUMENT_FORMS_V1"),
        ("1h", "V_1H"),
        ("", "EMPTY"),
    ],
)
def test_enum_member_name(value: str, expected: str) -> None:
    assert enum_member_name(value) == expected


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("MemorySizeInMB", "memory_size_in_mb"),
        ("EnableSSMAccess", "enable_ssm_access"),
        ("Lambda", "lambda_"),
        ("Json", "json_"),
        ("ModelConfig", "model_config_"),
        ("VariantName", "variant_name"),
    ],
)
def test_attribute_name(wire: str, expected: str) -> None:
    assert attribute_name(wire) == expected


def test_collisions_get_suffix_and_warning() -> None:
    names, problems = unique_names("Shape", [("a", "x"), ("b", "x")], "member")
    assert names == {"a": "x", "b": "x_2"}
    assert len(problems) == 1
    assert "'b' and 'a' both map to 'x'" in str(problems[0])


def test_html_to_text() -> None:
    html = (
        "<p>Use <code>UpdateEndpoint</code>, see <a href='https://x.test/doc'>the guide</a>.</p>"
        "<ul><li><p>One</p></li><li><p>Two</p><ul><li>Nested</li></ul></li></ul>"
        '<p>Quotes """ and a back\\slash.</p>'
    )
    assert html_to_text(html) == (
        "Use ``UpdateEndpoint``, see the guide <https://x.test/doc>.\n\n"
        "- One\n- Two\n  - Nested\n\n"
        'Quotes """ and a back\\slash.'
    )
    assert docstring_safe('Quotes """ and a back\\slash.') == (
        'Quotes \\"\\"\\" and a back\\\\slash.'
    )


def test_a_builder_named_like_a_shape_takes_another_name() -> None:
    # AppStream has shapes Image and ImageBuilder
    assert builder_class_name("Image", {"Image", "ImageBuilder"}) == "Image_Builder"
    assert builder_class_name("Image", {"Image", "ImageBuilder", "Image_Builder"}) == (
        "Image__Builder"
    )
    assert builder_class_name("ProductionVariant", {"ProductionVariant"}) == (
        "ProductionVariantBuilder"
    )


@pytest.mark.parametrize(
    ("shape", "cls", "module"),
    [
        ("ProductionVariant", "ProductionVariant", "production_variant"),
        ("BaseModel", "BaseModel", "base_model"),  # not imported by the model modules
        ("None", "None_", "none_"),  # API Gateway v2
        ("Field", "Field_", "field_"),  # pydantic's Field, in every model module
        ("scope", "Scope", "scope"),  # ec2: a member scope would hide a class scope
        ("encodingType", "EncodingType", "encoding_type"),  # IAM
        ("__AdTriggersElement", "AdTriggersElement", "ad_triggers_element"),  # MediaTailor
        ("S3Uri", "S3Uri", "s3_uri"),
        ("Import", "Import_", "import_"),  # DataZone: the module import.py cannot be imported
    ],
)
def test_class_and_module_names(shape: str, cls: str, module: str) -> None:
    assert (class_name(shape), module_name(class_name(shape))) == (cls, module)


def test_classes_the_emitter_puts_together_count_where_they_are_re_exported() -> None:
    models = {
        "_internal.py": "class Alpha(ShapeModel):\n    pass\nclass Beta(ShapeModel):\n    pass\n",
        "alpha.py": "from ._internal import (\n    Alpha,\n    Gamma,\n)\n",
        "beta.py": "from ._internal import Beta\n",
    }
    assert _re_exported(models, "alpha", "Alpha")
    assert _re_exported(models, "beta", "Beta")
    assert not _re_exported(models, "alpha", "Gamma")  # imported, but defined nowhere
    assert not _re_exported(models, "beta", "Alpha")  # defined, but not imported there


def _re_exported(models: dict[str, str], module: str, cls: str) -> bool:
    shape = StructureShape(name=cls, class_name=cls, module=module, members=())
    service = Service(
        module="t",
        service_name="t",
        title="T",
        class_prefix="T",
        api_version="",
        botocore_version="",
        documentation="",
        shapes={cls: shape},
        operations=(),
        waiters=(),
        paginators=(),
    )
    return not _check_emitted(service, models)
