"""The one cattrs converter between content classes and JSON data.

Hooks are generated once per class from the rules declared on its fields. Structuring
never validates: it builds the whole tree (values whose JSON type does not fit a field
go to ``extra`` under their key), then the caller validates the tree once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs
import cattrs

from modelcard_share.content._card import CardContent
from modelcard_share.content._checks import Problems, is_object, json_type, short
from modelcard_share.content._composite import (
    Node,
    Nodes,
    NumberRows,
    Numbers,
    TextMap,
    Texts,
    rule_table,
    validate_node,
)
from modelcard_share.content._json import NotJsonError, copy_json, loads
from modelcard_share.content._node import EMPTY, ContentObject
from modelcard_share.content._rules import (
    Choice,
    Const,
    Number,
    Rule,
    Text,
)
from modelcard_share.errors import ContentProblem, ContentValidationError

__all__ = ["converter", "dumps", "parse", "unstructure"]

converter = cattrs.Converter()
"""The converter; ``converter.structure(data, Cls)`` builds without validating."""

_MISFIT: Any = object()
_FIXED: Any = object()  # a constant field (init=False) whose JSON value fits
_Structure = Callable[[Any], Any]
_Unstructure = Callable[[Any], Any]


def _value(member: Any) -> Any:
    return member.value


# ------------------------------------------------------------------ structuring


def _text(raw: Any) -> Any:
    return raw if type(raw) is str else _MISFIT


def _number(raw: Any) -> Any:  # is_number, inlined: this runs for every number parsed
    kind = type(raw)
    if kind is int or (kind is float and math.isfinite(raw)):
        return raw
    return _MISFIT


def _structure_fn(rule: Rule) -> _Structure:  # noqa: PLR0911
    """Return raw JSON -> typed value for a rule, or ``_MISFIT`` if the type does not fit."""
    fits = rule.fits
    if isinstance(rule, Text):
        return _text
    if isinstance(rule, Number):
        return _number
    if isinstance(rule, Choice):
        members = rule.enum._value2member_map_
        return lambda v: members.get(v, _MISFIT) if type(v) is str else _MISFIT
    if isinstance(rule, Const):
        return lambda v: _FIXED if fits(v) else _MISFIT
    if isinstance(rule, Node):
        hook = _node_structure(rule.cls)
        return lambda v: hook(v) if is_object(v) else _MISFIT
    if isinstance(rule, Nodes):
        make = _node_structure(rule.classes[0]) if len(rule.classes) == 1 else _dispatch(rule)

        def structure_all(v: Any) -> Any:
            if type(v) not in (list, tuple):
                return _MISFIT
            out = []
            for x in v:
                if type(x) is not dict and not is_object(x):
                    return _MISFIT
                out.append(make(x))
            return tuple(out)

        return structure_all
    if isinstance(rule, TextMap):
        return lambda v: MappingProxyType(dict(v)) if fits(v) else _MISFIT
    if isinstance(rule, NumberRows):
        return lambda v: tuple([tuple(r) for r in v]) if fits(v) else _MISFIT
    if isinstance(rule, (Texts, Numbers)):
        return lambda v: tuple(v) if fits(v) else _MISFIT
    return lambda v: v if fits(v) else _MISFIT


def _dispatch(rule: Nodes) -> _Structure:
    """Structure an item of a list of several classes, chosen by the item's ``type``."""
    by_type: dict[str, _Structure] = {}
    fallback: _Structure | None = None
    for cls in rule.classes:
        hook = _node_structure(cls)
        kind = dict(rule_table(cls)).get("type")
        if isinstance(kind, Const):
            by_type[kind.value.value] = hook
        elif isinstance(kind, Choice):
            by_type.update(dict.fromkeys(kind.values, hook))
            fallback = hook
    if fallback is None:  # pragma: no cover - a declaration error
        msg = f"no fallback class among {rule.classes}"
        raise TypeError(msg)
    default = fallback

    def structure(data: Mapping[str, Any]) -> Any:
        kind = data.get("type")
        return (by_type.get(kind, default) if type(kind) is str else default)(data)

    return structure


_STRUCTURE: dict[type, _Structure] = {}


def _node_structure(cls: type[ContentObject]) -> _Structure:
    """Return the structure function of a class: an instance built without ``__init__``.

    The tree is validated once afterwards, as a whole, so construction skips the
    constructor's converters and per-object validation; values already have their final
    types. Strings (most fields) are checked inline; other values go through their rule's
    structure function. The instance ``__dict__`` is filled in one step.
    """
    hook = _STRUCTURE.get(cls)
    if hook is not None:
        return hook
    entries: dict[str, _Structure | None] = {}
    defaults = {
        f.name: (None if f.init else f.default)
        for f in attrs.fields(cls)
        if f.name not in ("extra", "_key_order")
    }
    new = object.__new__
    set_dict = object.__setattr__
    misfit, fixed, proxy = _MISFIT, _FIXED, MappingProxyType

    def structure(data: Mapping[str, Any]) -> Any:
        values = defaults.copy()
        extra: dict[str, Any] | None = None
        for key, raw in data.items():
            if key in entries:
                make = entries[key]
                if make is None:
                    if type(raw) is str:
                        values[key] = raw
                        continue
                else:
                    value = make(raw)
                    if value is not misfit:
                        if value is not fixed:
                            values[key] = value
                        continue
            if extra is None:
                extra = {}
            extra[key] = raw
        values["extra"] = EMPTY if extra is None else proxy(extra)
        values["_key_order"] = tuple(data)
        self = new(cls)
        set_dict(self, "__dict__", values)
        return self

    _STRUCTURE[cls] = structure  # before filling entries: rules may refer back
    for name, rule in rule_table(cls):
        entries[name] = None if isinstance(rule, Text) else _structure_fn(rule)
    return structure


# ---------------------------------------------------------------- unstructuring


def _unstructure_fn(rule: Rule) -> _Unstructure | None:  # noqa: PLR0911
    """Return typed value -> JSON for a rule (``None`` when the value is JSON already)."""
    if isinstance(rule, (Choice, Const)):
        return _value
    if isinstance(rule, Node):
        return _node_unstructure(rule.cls)
    if isinstance(rule, Nodes):
        if len(rule.classes) == 1:
            hook = _node_unstructure(rule.classes[0])
            return lambda v: [hook(x) for x in v]
        hooks = {cls: _node_unstructure(cls) for cls in rule.classes}
        return lambda v: [hooks[type(x)](x) for x in v]
    if isinstance(rule, TextMap):
        return dict
    if isinstance(rule, NumberRows):
        return lambda v: [list(r) for r in v]
    if isinstance(rule, (Texts, Numbers)):
        return list
    return None


_UNSTRUCTURE: dict[type, _Unstructure] = {}


def _node_unstructure(cls: type[ContentObject]) -> _Unstructure:
    hook = _UNSTRUCTURE.get(cls)
    if hook is not None:
        return hook
    entries: dict[str, _Unstructure | None] = {}
    default_order: tuple[str, ...] = ()

    def unstructure(obj: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        values = obj.__dict__
        extra = values["extra"]
        for key in values["_key_order"] or default_order:
            if key in entries:
                value = values[key]
                if value is not None:
                    make = entries[key]
                    out[key] = value if make is None else make(value)
                    continue
            if key in extra:
                out[key] = extra[key]
        for key, make in entries.items():  # fields set after parsing (evolve)
            if key not in out:
                value = values[key]
                if value is not None:
                    out[key] = value if make is None else make(value)
        if extra:
            problems: Problems = []
            for key, raw in extra.items():
                if out.get(key, raw) is raw:  # not taken by a field; in place if already there
                    out[key] = copy_json(raw, key, problems)
            if problems:  # a value in extra was changed after validation
                raise NotJsonError(problems[0].message)
        return out

    _UNSTRUCTURE[cls] = unstructure
    for name, rule in rule_table(cls):
        entries[name] = _unstructure_fn(rule)
    default_order = tuple(entries)
    return unstructure


def _is_content_class(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, ContentObject)


def _structure_hook(cls: type[ContentObject]) -> Callable[[Any, Any], Any]:
    structure = _node_structure(cls)

    def hook(data: Any, _: Any) -> Any:
        return structure(data)

    return hook


converter.register_structure_hook_factory(_is_content_class, _structure_hook)
converter.register_unstructure_hook_factory(_is_content_class, _node_unstructure)

# The entry points go through the converter; inside a tree, generated hooks call each
# other directly.
_structure_card = converter.get_structure_hook(CardContent)
_unstructure_card = converter.get_unstructure_hook(CardContent)


# ------------------------------------------------------------------- entry points


def _fail(rule: str, message: str) -> ContentValidationError:
    return ContentValidationError([ContentProblem("", rule, message)])


def parse(data: str | bytes | Mapping[str, Any]) -> tuple[CardContent, tuple[ContentProblem, ...]]:
    """Build content from JSON text or data without losing anything, then validate it once.

    Returns:
        The content and every problem found.

    Raises:
        ContentValidationError: The input is not strict JSON, or not a JSON object.
    """
    given: object = data  # whatever the annotation says
    if isinstance(given, (str, bytes, bytearray)):
        raw = loads(given)
    elif isinstance(given, Mapping):
        not_json: Problems = []
        raw = copy_json(given, "", not_json)
        if not_json:
            raise ContentValidationError(not_json)
    else:
        kind = type(given).__name__
        msg = f"content must be JSON text (str or bytes) or a mapping, got {kind} {short(given)}"
        raise _fail("type", msg)
    if type(raw) is not dict:
        raise _fail("type", f"content must be a JSON object, got {json_type(raw)}")
    content: CardContent = _structure_card(raw, CardContent)
    problems: Problems = []
    validate_node(content, "", problems)
    return content, tuple(problems)


def unstructure(content: ContentObject) -> dict[str, Any]:
    """Return any content object as JSON-ready data, in its original key order."""
    data: dict[str, Any] = _node_unstructure(type(content))(content)
    return data


def dumps(content: CardContent) -> str:
    """Return content as the compact JSON text that is sent to AWS."""
    data = _unstructure_card(content)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
