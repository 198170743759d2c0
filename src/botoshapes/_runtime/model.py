"""The base of every generated model."""

from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict
from pydantic_core import SchemaSerializer, SchemaValidator, ValidationError

from .builder import ShapeBuilder
from .contract import ShapeTraits
from .core_schemas import Mode, derive
from .errors import ShapeValidationError, secret_members
from .frozen import FrozenMap
from .misfits import misfit_members, put_back, without
from .settings import constraints_checked
from .streams import wire_value

RESPONSE_METADATA = "ResponseMetadata"
# Class attributes caching each view, named once rather than on every call.
_VALIDATOR = {mode: f"__shape_{mode}_validator__" for mode in ("strict", "unchecked", "response")}
_SCHEMA = {mode: f"__shape_{mode}_schema__" for mode in ("strict", "unchecked", "response")}
_RESPONSE_VALIDATOR = _VALIDATOR["response"]
_SERIALIZER = "__shape_serializer__"
_SECRETS = "__shape_secret_members__"
_MAX_PASSES = 4
"""Reads of a response at most: every error of a read is put aside at once, so one more
read normally does."""


def _request_mode() -> Mode:
    return "strict" if constraints_checked() else "unchecked"


class _Masked:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<sensitive>"


_MASKED = _Masked()


class ShapeModel(BaseModel):
    """An immutable model of one structure shape.

    - ``Model(member=...)`` and :meth:`from_boto` are strict: they check
      everything the service model says and raise :class:`ShapeValidationError`.
    - :meth:`from_response` is forgiving, for what the service sends back.
    - :meth:`to_boto` writes the boto3 dict.

    Lists are stored as tuples and maps as read-only mappings; models are
    hashable and equal by value.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_by_name=True,
        validate_by_alias=False,
        serialize_by_alias=True,
        defer_build=True,
    )

    shape_traits: ClassVar[ShapeTraits] = ShapeTraits()
    """What the schema cannot say: union, recursion, streams, sensitive members
    (:mod:`botoshapes._runtime.contract`); generated classes set it where it differs."""

    def __init__(self, /, **data: Any) -> None:
        cls = type(self)
        mode = _request_mode()
        # A keyword given as None is a member not set.
        data = {name: value for name, value in data.items() if value is not None}
        try:
            cls._validator(mode).validate_python(data, self_instance=self)
        except ValidationError as error:
            failed = error
        else:
            return
        # Raised outside the ``except`` block: pydantic's error, which holds
        # the values (secrets too), must not ride along as ``__context__``.
        raise cls._error(failed, mode)

    @classmethod
    def __pydantic_on_complete__(cls) -> None:
        # pydantic's own entry points (model_validate, model_dump, nesting in
        # other models) then check and write like the constructor and to_boto.
        cls.__pydantic_validator__ = cls._validator("strict")
        cls.__pydantic_serializer__ = cls._serializer()

    @classmethod
    def model_validate(cls, obj: Any, **options: Any) -> Self:
        """pydantic's entry point (attribute names), strict; raises ShapeValidationError."""
        return cls._pydantic_entry(lambda: super(ShapeModel, cls).model_validate(obj, **options))

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **options: Any) -> Self:
        """pydantic's entry point for JSON (attribute names); raises ShapeValidationError."""
        return cls._pydantic_entry(
            lambda: super(ShapeModel, cls).model_validate_json(json_data, **options)
        )

    @classmethod
    def model_validate_strings(cls, obj: Any, **options: Any) -> Self:
        """pydantic's entry point for text values; raises :class:`ShapeValidationError`."""
        return cls._pydantic_entry(
            lambda: super(ShapeModel, cls).model_validate_strings(obj, **options)
        )

    @classmethod
    def _pydantic_entry(cls, validate: Callable[[], Self]) -> Self:
        try:
            return validate()
        except ValidationError as error:
            failed = error
        raise cls._error(failed, "strict")  # outside ``except``: see __init__

    @property
    def model_fields_set(self) -> frozenset[str]:  # type: ignore[override]  # read-only
        """The attribute names of the members that were set (read-only)."""
        return frozenset(self.__pydantic_fields_set__)

    @classmethod
    def from_boto(cls, data: Mapping[str, Any]) -> Self:
        """Build the model from a boto3-style request dict keyed by wire names, strictly."""
        return cls._validate(data, _request_mode())

    @classmethod
    def from_response(cls, data: Mapping[str, Any]) -> Self:
        """Build the model from what the service returned, forgivingly.

        ``ResponseMetadata`` is dropped; members and enum values the pinned
        shapes do not know are kept, frozen (and written back by
        :meth:`to_boto`); constraints are not checked.
        """
        if type(data) is dict:  # what botocore returns: copied at C speed, not walked
            if RESPONSE_METADATA in data:
                data = data.copy()
                del data[RESPONSE_METADATA]
        elif isinstance(data, Mapping) and RESPONSE_METADATA in data:
            data = {k: v for k, v in data.items() if k != RESPONSE_METADATA}
        # the fast read first: the validator looked up here, no call on the way
        validator = cls.__dict__.get(_RESPONSE_VALIDATOR) or cls._validator("response")
        try:
            return validator.validate_python(data, by_alias=True, by_name=False)  # type: ignore[no-any-return]
        except ValidationError as error:
            first = error
        return cls._read_misfits(validator, data, first)

    @classmethod
    def _read_misfits(cls, validator: SchemaValidator, data: Any, first: ValidationError) -> Self:
        """The response read again, without the values that do not fit their member, which
        are then put back beside it (:mod:`.misfits`)."""
        taken: list[Any] = []
        failed = first
        for _ in range(_MAX_PASSES):
            locations = [tuple(e["loc"]) for e in failed.errors(include_url=False)]
            misfits = misfit_members(cls._schema("response"), locations)
            data, more = without(data, misfits)
            if not more:
                break
            taken += more
            try:
                model: Self = validator.validate_python(data, by_alias=True, by_name=False)
            except ValidationError as error:
                failed = error
                continue
            if put_back(model, taken):
                return model
            break  # a value too deep or too large to keep: the first read's error
        raise cls._error(first, "response")  # outside ``except``: see __init__

    @classmethod
    def _validate(cls, data: Any, mode: Mode) -> Self:
        try:
            model: Self = cls._validator(mode).validate_python(data, by_alias=True, by_name=False)
        except ValidationError as error:
            failed = error
        else:
            return model
        raise cls._error(failed, mode)  # outside ``except``: see __init__

    def to_boto(self) -> dict[str, Any]:
        """The boto3 dict: wire names, plain values, only the members that are set.

        ``0``, ``0.0``, ``False``, ``""`` and empty lists are kept; tuples are
        written as lists, read-only mappings as dicts, enums as ``str``. A
        ``null`` a response carried is written back as ``None``: requests
        cannot set one.
        """
        cls = type(self)
        serializer = cls.__dict__.get(_SERIALIZER) or cls._serializer()
        out: dict[str, Any] = serializer.to_python(self, by_alias=True, exclude_unset=True)
        for wire, attribute in cls.shape_traits.streams:
            if wire in out:  # pydantic would wrap a file object (an iterator) in its own
                out[wire] = wire_value(getattr(self, attribute))
        return out

    def as_request(self) -> Self:
        """This model, checked as a request (constructor, ``from_boto``) checks it.

        A model a constructor, builder or ``from_boto`` built is returned as it
        is; one ``from_response`` built is checked strictly (it may hold what
        the service sends but no request may) and raises
        :class:`ShapeValidationError` if it does not fit.
        """
        if self.__pydantic_extra__ is None:
            return self
        return type(self)._validate(self, _request_mode())

    @property
    def shape_misfits(self) -> Mapping[str, Any]:
        """Members a response carried with a value of another type than the member's (read-only).

        ``from_response`` keeps such a value by its wire name, out of the typed
        attribute (which reads ``None``), and :meth:`to_boto` writes it back
        where it was. Empty for a model a request built.
        """
        extra = self.__pydantic_extra__
        if not extra:
            return FrozenMap({})
        wires = {field.alias or name for name, field in type(self).model_fields.items()}
        return FrozenMap({k: v for k, v in extra.items() if k in wires})

    @property
    def model_extra(self) -> Mapping[str, Any] | None:  # type: ignore[override]  # read-only
        """Members a response carried that the pinned shapes do not know (read-only)."""
        extra = self.__pydantic_extra__
        return FrozenMap(extra) if extra is not None else None

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; ``update`` (attribute names) is validated as the constructor would.

        With ``update``, the copy is built like ``to_builder()`` with those
        members set, then ``build()``: members a response carried that the
        pinned shapes do not know are not copied.
        """
        if not update:
            return super().model_copy(deep=deep)
        if not isinstance(update, Mapping):
            raise ShapeValidationError.misuse(type(self).__name__, "update is not a mapping")
        members = {k: v for k, v in self.__dict__.items() if v is not None}
        return type(self)(**(members | {str(k): v for k, v in update.items()}))

    @classmethod
    def builder(cls) -> ShapeBuilder[Self]:
        """A builder with one method per member; ``.build()`` validates."""
        return ShapeBuilder(cls)

    def to_builder(self) -> ShapeBuilder[Self]:
        """A builder that starts from this model's members."""
        return ShapeBuilder(type(self), {k: v for k, v in self.__dict__.items() if v is not None})

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # Only the members that are set; sensitive ones masked, and what a response kept
        # beside them (a misfit value of a member that holds a secret, an unknown member of
        # a structure that has one: its name could be the secret) not shown at all.
        cls = type(self)
        hidden = cls.shape_traits.sensitive
        secret = cls._secret_members()
        masked = False
        for name, value in super().__repr_args__():
            if value is None:
                continue
            if name in cls.model_fields:
                yield name, _MASKED if name in hidden else value
            elif secret:
                masked = True
            else:
                yield name, value
        if masked:
            yield "kept", _MASKED

    @classmethod
    def _secret_members(cls) -> frozenset[str]:
        found = cls.__dict__.get(_SECRETS)
        if found is None:
            found = secret_members(cls._schema("response"))
            type.__setattr__(cls, _SECRETS, found)
        return found

    # Each view is built from the class alone on first use and stored whole,
    # so threads that race on a first use at worst build it twice, and every
    # one of them gets a finished view. No lock of our own: pydantic holds its
    # rebuild lock while a model module imports, and a second lock taken in
    # both orders would deadlock.

    @classmethod
    def _validator(cls, mode: Mode) -> SchemaValidator:
        found = cls.__dict__.get(_VALIDATOR[mode])
        if found is None:
            found = SchemaValidator(cls._schema(mode), _use_prebuilt=False)
            type.__setattr__(cls, _VALIDATOR[mode], found)
        return found

    @classmethod
    def _serializer(cls) -> SchemaSerializer:
        found = cls.__dict__.get(_SERIALIZER)
        if found is None:
            found = SchemaSerializer(cls._schema("response"), _use_prebuilt=False)
            type.__setattr__(cls, _SERIALIZER, found)
        return found

    @classmethod
    def _schema(cls, mode: Mode) -> Any:
        found = cls.__dict__.get(_SCHEMA[mode])
        if found is None:
            if not cls.__pydantic_complete__:
                cls.model_rebuild()  # thread-safe: pydantic locks it
            found = derive(cls.__pydantic_core_schema__, mode)
            type.__setattr__(cls, _SCHEMA[mode], found)
        return found

    @classmethod
    def _error(cls, error: ValidationError, mode: Mode) -> ShapeValidationError:
        return ShapeValidationError.from_pydantic(cls.__name__, error, cls._schema(mode))
