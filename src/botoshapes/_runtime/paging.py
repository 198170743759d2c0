"""Paginators: the items of every page, fetched lazily, one service call per page."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .errors import InvalidValue, ShapeValidationError, short_repr
from .model import ShapeModel

if TYPE_CHECKING:
    from .client import ServiceClient

ItemT = TypeVar("ItemT")
PageT = TypeVar("PageT", bound=ShapeModel)


@dataclass(frozen=True, slots=True)
class PaginatorSpec:
    operation: str
    method: str
    input_name: str
    output_name: str
    result_attr: str
    """The output model's attribute that holds a page's items (``distribution_list.items``
    through a structure); empty where the result is not a list: iteration gives the pages."""
    limit_key: str | None
    """The input member that sets a page's size (``MaxResults``), if the operation has one."""


def _refused(model: str, setting: str, value: Any, message: str, kind: str) -> ShapeValidationError:
    return ShapeValidationError(model, (InvalidValue(setting, value, message, kind),))


def check_max_items(spec: PaginatorSpec, max_items: object) -> None:
    """``max_items`` must be an integer of at least 1, whatever ``constraint_checks`` says.

    botocore's paginator would take ``int()`` of anything (``"2"``, ``2.5``,
    ``True``), and a count below 1 truncates pages wrongly or still sends a call.
    """
    if max_items is None:
        return
    if not isinstance(max_items, int) or isinstance(max_items, bool):
        raise _refused(
            spec.input_name,
            "max_items",
            max_items,
            f"{short_repr(max_items)} is not an integer",
            "int_type",
        )
    if max_items < 1:
        raise _refused(
            spec.input_name,
            "max_items",
            max_items,
            f"{max_items} is less than 1",
            "greater_than_equal",
        )


def with_page_size(
    spec: PaginatorSpec, model: type[ShapeModel], params: Mapping[str, Any], page_size: object
) -> dict[str, Any]:
    """The checked request with ``page_size`` as its limit member (``MaxResults``).

    The input model checks it, as if the caller had set the member, so errors
    name the member and ``constraint_checks(False)`` relaxes its bounds.
    """
    request = dict(params)
    if page_size is None:
        return request
    key = spec.limit_key
    if key is None:
        raise _refused(
            spec.input_name,
            "page_size",
            page_size,
            f"{short_repr(page_size)} cannot be sent:"
            f" {spec.operation} has no page size (limit key)",
            "no_limit_key",
        )
    if key in request:
        raise _refused(
            spec.input_name,
            key,
            request[key],
            f"{short_repr(request[key])} is in the request"
            f" and page_size={short_repr(page_size)} sets it too; pass one",
            "set_twice",
        )
    try:
        return model.from_boto({**request, key: page_size}).to_boto()
    except ShapeValidationError as error:
        found = tuple(
            e._replace(message=f"{e.message} (from page_size)") if e.path == key else e
            for e in error.errors
        )
        raise ShapeValidationError(error.model, found) from None


class Paginated(Generic[ItemT, PageT]):
    """Iterate for the items of all pages; :meth:`pages` gives the typed pages instead.

    Nothing is sent until iteration starts; each page is one call, made when
    the previous page's items are used up. The request and the settings were
    checked when this object was made.
    """

    def __init__(
        self,
        client: ServiceClient,
        spec: PaginatorSpec,
        params: Mapping[str, Any],
        *,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> None:
        check_max_items(spec, max_items)
        self._client = client
        self._spec = spec
        # The page size travels as the limit member, and a token in the request is
        # sent as it is: boto3's StartingToken would parse it as its own resume token.
        self._params = with_page_size(spec, client._model(spec.input_name), params, page_size)
        self._config: dict[str, Any] = {} if max_items is None else {"MaxItems": max_items}

    def __iter__(self) -> Iterator[ItemT]:
        path = self._spec.result_attr.split(".") if self._spec.result_attr else []
        for page in self.pages():
            if not path:
                yield page  # type: ignore[misc]  # a pages-only paginator: ItemT is PageT
                continue
            items: Any = page
            for attr in path:
                items = getattr(items, attr, None)
            yield from items or ()

    def pages(self) -> Iterator[PageT]:
        """The typed output of each call, one call per page."""
        spec = self._spec
        paginator = self._client.boto3.get_paginator(spec.method)
        model = self._client._model(spec.output_name)
        raw_pages = paginator.paginate(**self._params, PaginationConfig=self._config)
        iterator = iter(raw_pages)
        while True:
            try:
                raw = self._client._next_page(iterator, spec.operation)
            except StopIteration:
                return
            page: PageT = model.from_response(raw)  # type: ignore[assignment]
            yield page
