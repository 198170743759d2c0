"""Paginators: the items of every page, fetched lazily, one service call per page."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

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
    input_token: str
    result_attr: str
    """The output model's attribute that holds a page's items."""


class Paginated(Generic[ItemT, PageT]):
    """Iterate for the items of all pages; :meth:`pages` gives the typed pages instead.

    Nothing is sent until iteration starts; each page is one call, made when
    the previous page's items are used up. The request was checked when this
    object was made.
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
        self._client = client
        self._spec = spec
        self._params = dict(params)
        config: dict[str, Any] = {}
        # A token in the request is where to start, as boto3's paginators expect it.
        if spec.input_token in self._params:
            config["StartingToken"] = self._params.pop(spec.input_token)
        if page_size is not None:
            config["PageSize"] = page_size
        if max_items is not None:
            config["MaxItems"] = max_items
        self._config = config

    def __iter__(self) -> Iterator[ItemT]:
        attr = self._spec.result_attr
        for page in self.pages():
            yield from getattr(page, attr) or ()

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
