"""Models, and the maps they hold, are frozen and hashable, equal by value."""

import functools
from collections import Counter
from collections.abc import Hashable
from typing import assert_type

from botoshapes import FrozenMap
from botoshapes.sagemaker import ContainerDefinition, ProductionVariant, Tag

blue = ProductionVariant(variant_name="blue", model_name="model-a")
green = ProductionVariant(variant_name="green", model_name="model-b")

variants: set[ProductionVariant] = {blue, green, blue}
frozen: frozenset[ProductionVariant] = frozenset(variants)
weights: dict[ProductionVariant, float] = {blue: 0.9, green: 0.1}
owners = {(Tag(key="team", value="ml"), Tag(key="env", value="prod")): "ml-platform"}
counts = Counter([blue, green, blue])
digest: int = hash(blue)
key: Hashable = green
same: bool = blue == ProductionVariant(variant_name="blue", model_name="model-a")
unique = {ProductionVariant.builder().variant_name(n).build() for n in ("a", "b", "a")}


@functools.cache
def describe(variant: ProductionVariant) -> str:
    return f"{variant.variant_name} serves {variant.model_name}"


described: str = describe(blue)

containers = [
    ContainerDefinition(image="image-uri", environment={"LOG_LEVEL": "debug"}),
    ContainerDefinition(image="image-uri", environment={"LOG_LEVEL": "info"}),
]
distinct: set[ContainerDefinition] = set(containers)
environments = {c.environment for c in containers if c.environment is not None}
assert_type(environments, set[FrozenMap[str, str]])
for environment in environments:
    settings: dict[str, str] = environment.to_dict()
    level: str | None = environment.get("LOG_LEVEL")
