"""Plumbing shared by the sandbox's RAM operations: parameters, locking, idempotency, paging."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from moto.ram.responses import ResourceAccessManagerResponse

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._backends import ram_state
from modelcard_share.sandbox._errors import RamError
from modelcard_share.sandbox._paging import paginate
from modelcard_share.sandbox._transitions import tick
from modelcard_share.sandbox._world import World, active_world

__all__ = ["RamResponseBase"]

_OWNERS = ("SELF", "OTHER-ACCOUNTS")


class RamResponseBase(ResourceAccessManagerResponse):
    """moto's RAM response class with the sandbox's request plumbing."""

    def _params(self) -> dict[str, Any]:
        try:
            body = json.loads(self.body) if self.body else {}
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        query = parse_qs(self.parsed_url.query) if hasattr(self, "parsed_url") else {}
        for key, values in query.items():
            body.setdefault(key, values[0])
        return body

    def _run(
        self, operation: str, action: Callable[[World, str, dict[str, Any]], dict[str, Any]]
    ) -> str:
        world = active_world()
        caller = self.current_account
        params = self._params()
        with world.lock:
            tick(world)
            token = params.get("clientToken")
            if token is None:
                return json.dumps(action(world, caller, params))
            state = ram_state(world, caller, self.region)
            fingerprint = json.dumps(
                {k: v for k, v in params.items() if k != "clientToken"}, sort_keys=True
            )
            seen = state.tokens.get(token)
            if seen is not None:
                if seen[0] != operation or seen[1] != fingerprint:
                    raise RamError(
                        "IdempotentParameterMismatchException",
                        f"The client token {token} was already used with different parameters.",
                    )
                return seen[2]
            result = action(world, caller, params)
            result["clientToken"] = token
            body = json.dumps(result)
            state.tokens[token] = (operation, fingerprint, body)
            return body

    def _page(
        self, items: list[Any], params: dict[str, Any], key: str, scope: str
    ) -> dict[str, Any]:
        max_results = params.get("maxResults")
        if max_results is not None and not 1 <= int(max_results) <= const.RAM_MAX_RESULTS:
            raise RamError(
                "InvalidMaxResultsException",
                f"maxResults must be between 1 and {const.RAM_MAX_RESULTS}, got {max_results}.",
            )
        filters = {k: v for k, v in params.items() if k not in ("nextToken", "maxResults")}
        page, token = paginate(
            items,
            max_results=None if max_results is None else int(max_results),
            next_token=params.get("nextToken"),
            scope=f"{self.current_account}:{scope}:{json.dumps(filters, sort_keys=True)}",
            default_size=const.RAM_DEFAULT_PAGE_SIZE,
            on_bad_token=lambda m: RamError("InvalidNextTokenException", m),
        )
        result: dict[str, Any] = {key: page}
        if token:
            result["nextToken"] = token
        return result

    @staticmethod
    def _owner(params: dict[str, Any]) -> str:
        owner = params.get("resourceOwner")
        if owner not in _OWNERS:
            raise RamError(
                "InvalidParameterException",
                f"{owner} is not a valid resource owner. Specify either SELF or OTHER-ACCOUNTS "
                "and try again.",
            )
        return str(owner)

    def _known_types(self) -> set[str]:
        types = {t.resource_type.lower() for t in self.ram_backend.resource_types}
        return types | {const.MODEL_CARD_RESOURCE_TYPE.lower()}
