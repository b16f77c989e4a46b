"""The model card content schema the sandbox validates against, with per-sandbox extensions.

The schema ships as package data (``model-card-content.schema.json``, draft-07). A test can
declare fields "known to a newer service" with :meth:`ContentSchema.extend`, so content that
carries them is accepted end to end while anything else unknown is still refused.
"""

from __future__ import annotations

import copy
import functools
import json
import threading
from collections.abc import Mapping
from importlib import resources
from typing import Any

from modelcard_share.sandbox import _constants as const
from modelcard_share.sandbox._exceptions import SandboxArgumentError

__all__ = ["ContentSchema", "base_schema"]


@functools.cache
def _schema_text() -> str:
    return resources.files(__package__).joinpath(const.CONTENT_SCHEMA_RESOURCE).read_text("utf-8")


def base_schema() -> dict[str, Any]:
    """A fresh copy of the shipped model card content schema."""
    document: dict[str, Any] = json.loads(_schema_text())
    return document


class ContentSchema:
    """Validate model card content as SageMaker does, plus the fields a test declared.

    Extensions map the JSON path of an object in the content (``""`` for the document,
    ``"model_overview"``, ``"evaluation_details[]"`` for the items of an array, dots between
    levels) to the new fields of that object and their JSON schemas, e.g.
    ``{"model_overview": {"new_field": {"type": "string"}}}``. A path through a shared
    definition (``$ref``) extends every place that uses it.
    """

    def __init__(self, extensions: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self._lock = threading.Lock()
        self._extensions: dict[str, dict[str, Any]] = {}
        self._validator: Any = None
        if extensions:
            self.extend(extensions)

    @property
    def extensions(self) -> dict[str, dict[str, Any]]:
        """The fields declared so far, by object path."""
        with self._lock:
            return copy.deepcopy(self._extensions)

    def extend(self, extensions: Mapping[str, Mapping[str, Any]]) -> None:
        """Declare extra fields known to a newer service (see the class docstring).

        Raises:
            SandboxArgumentError: A path that names no object of the schema, or a field
                schema that is not a JSON object.
        """
        if not isinstance(extensions, Mapping):
            raise SandboxArgumentError(
                f"schema_extensions must be a mapping of path -> fields, got {extensions!r}"
            )
        merged = {path: dict(fields) for path, fields in self.extensions.items()}
        entries: list[tuple[object, object]] = list(extensions.items())
        for path, fields in entries:
            if not isinstance(path, str) or not isinstance(fields, Mapping):
                raise SandboxArgumentError(
                    f"schema_extensions[{path!r}] must map field names to JSON schemas, "
                    f"got {fields!r}"
                )
            named: list[tuple[object, object]] = list(fields.items())
            for name, schema in named:
                if not isinstance(name, str) or not isinstance(schema, Mapping):
                    raise SandboxArgumentError(
                        f"schema_extensions[{path!r}][{name!r}] must be a JSON schema object, "
                        f"got {schema!r}"
                    )
            merged.setdefault(path, {}).update({k: dict(v) for k, v in fields.items()})
        document = _apply(base_schema(), merged)
        with self._lock:
            self._extensions = merged
            self._validator = None
            self._document = document

    def problems(self, content: str) -> list[str]:
        """Every way ``content`` breaks the schema, as ``$.json.path: message``, sorted."""
        try:
            document = json.loads(content)
        except ValueError as exc:
            return [f"$: content is not valid JSON ({exc})"]
        validator = self._get_validator()
        found = [f"{error.json_path}: {error.message}" for error in validator.iter_errors(document)]
        return sorted(found)

    def _get_validator(self) -> Any:
        with self._lock:
            if self._validator is None:
                import jsonschema  # noqa: PLC0415 - only when a card is written

                document = getattr(self, "_document", None) or base_schema()
                self._validator = jsonschema.Draft7Validator(document)
            return self._validator


def _apply(document: dict[str, Any], extensions: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Add the declared fields to ``document`` (in place) and return it."""
    for path, fields in extensions.items():
        node = _resolve(document, document)
        for part in [p for p in path.split(".") if p]:
            many = part.endswith("[]")
            name = part[:-2] if many else part
            properties = node.get("properties")
            if not isinstance(properties, dict) or name not in properties:
                raise SandboxArgumentError(
                    f"schema_extensions: {path!r} names no object of the model card schema "
                    f"(no field {name!r})"
                )
            node = _resolve(document, properties[name])
            if many:
                if "items" not in node:
                    raise SandboxArgumentError(f"schema_extensions: {name!r} is not an array")
                node = _resolve(document, node["items"])
        if not isinstance(node.get("properties"), dict):
            raise SandboxArgumentError(f"schema_extensions: {path!r} is not an object")
        node["properties"].update(copy.deepcopy(dict(fields)))
    return document


def _resolve(document: dict[str, Any], node: Any) -> dict[str, Any]:
    """Follow ``#/definitions/...`` references."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in str(node["$ref"]).lstrip("#/").split("/"):
            target = target[part]
        node = target
    if not isinstance(node, dict):
        raise SandboxArgumentError("schema_extensions: the path does not lead to an object")
    return node
