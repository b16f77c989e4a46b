"""The base of every content class: decorator, unknown keys, validation, exact equality."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
from attrs import field
from typing_extensions import Self

from modelcard_share.content._checks import Problems, all_strings, short, type_problem
from modelcard_share.content._composite import rule_table, validate_node
from modelcard_share.content._json import hash_key, same
from modelcard_share.content._rules import Const
from modelcard_share.errors import ContentProblem, ContentValidationError

__all__ = ["EMPTY", "ContentObject", "check_arguments", "content_class", "freeze_map"]

if TYPE_CHECKING:
    # mypy's attrs plugin knows attrs' own decorators by name only: behind a wrapper (a
    # partial, or a function marked with dataclass_transform) it no longer sees converter
    # argument types, attrs.evolve or attrs.fields
    # (https://www.attrs.org/en/stable/extending.html#wrapping-the-decorator). Type checkers
    # therefore see attrs.frozen itself, which gives them every field, converter and the
    # frozen-ness; they do not learn kw_only, which is enforced at run time.
    from attrs import frozen as content_class
else:
    content_class = partial(attrs.frozen, kw_only=True, repr=False, eq=False, slots=False)
    # frozen: content is a value; kw_only: fields are many and optional; repr and eq:
    # ContentObject defines them once (short repr, exact JSON equality); slots=False:
    # the converter fills ``__dict__`` in one step and CardContent caches its JSON there.

EMPTY: Mapping[str, Any] = MappingProxyType({})


def freeze_map(value: Mapping[str, Any] | None) -> Any:
    """Return a read-only copy of a mapping given to a constructor (anything else as is)."""
    given: object = value  # whatever the annotation says; validation reports a non-mapping
    if given is None or given is EMPTY:
        return EMPTY
    if type(given) is MappingProxyType or not isinstance(given, Mapping):
        return given
    return MappingProxyType(dict(given))


_ARGUMENTS: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def check_arguments(cls: type[Any], args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse positional, unknown and missing arguments of an attrs class's constructor.

    Raises:
        ContentValidationError: Rule ``argument``, naming each bad or missing argument.
    """
    spec = _ARGUMENTS.get(cls)
    if spec is None:
        fields = [a for a in attrs.fields(cls) if a.init]
        needed = tuple(a.alias for a in fields if a.default is attrs.NOTHING)
        spec = _ARGUMENTS[cls] = (tuple(a.alias for a in fields), needed)
    names, needed = spec
    unknown = [k for k in kwargs if k not in names]
    missing = [k for k in needed if k not in kwargs]
    if not args and not unknown and not missing:
        return
    known = ", ".join(n for n in names if not n.startswith("_"))
    problems: Problems = []
    if args:
        msg = f"{cls.__name__} takes keywords only ({known}); got {len(args)} positional: "
        problems.append(ContentProblem("", "argument", msg + short(args)))
    problems.extend(
        ContentProblem(name, "argument", f"{cls.__name__} has no argument {name!r}; use {known}")
        for name in unknown
    )
    problems.extend(
        ContentProblem(name, "argument", f"{cls.__name__} needs the argument {name!r}")
        for name in missing
    )
    raise ContentValidationError(problems)


@content_class
class ContentObject:
    """Behaviour shared by every part of model card content.

    Constructors take keywords only and validate everything: a value of the wrong type
    or breaking a rule, a positional argument or an unknown keyword raises
    ``ContentValidationError`` naming each problem. Two objects are equal when they are
    the same JSON: the same class, and values of the same JSON types (``1``, ``1.0`` and
    ``True`` differ), in any key order.

    Attributes:
        extra: Keys this SDK does not model, with their JSON values, written back
            unchanged and in their original position. Treat the values as read-only.
    """

    extra: Mapping[str, Any] = field(default=EMPTY, converter=freeze_map)
    _key_order: tuple[str, ...] | None = field(default=None, alias="_key_order")

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        check_arguments(cls, args, kwargs)
        return super().__new__(cls)

    def __attrs_post_init__(self) -> None:
        problems: Problems = []
        order = self._key_order
        if order is not None and (type(order) is not tuple or not all_strings(order)):
            problems.append(type_problem("_key_order", "a tuple of strings", order))
        validate_node(self, "", problems)
        if problems:
            raise ContentValidationError(problems)

    def validate(self) -> tuple[ContentProblem, ...]:
        """Check this object and everything in it against the schema.

        Returns:
            Every problem found, with JSON paths relative to this object; empty if valid.
        """
        problems: Problems = []
        validate_node(self, "", problems)
        return tuple(problems)

    def _more_checks(self, prefix: str, out: Problems) -> None:
        """Append problems that involve more than one field (overridden where needed)."""

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        mine, theirs = self.__dict__, other.__dict__
        return same(mine["extra"], theirs["extra"]) and all(
            same(mine[name], theirs[name]) for name, _ in rule_table(type(self))
        )

    def __hash__(self) -> int:
        values = self.__dict__
        keys = [hash_key(values[name]) for name, _ in rule_table(type(self))]
        return hash((type(self), hash_key(values["extra"]), *keys))

    def __repr__(self) -> str:
        parts = []
        for name, rule in rule_table(type(self)):
            value = getattr(self, name)
            if value is None or isinstance(rule, Const):
                continue
            if isinstance(value, MappingProxyType):
                value = dict(value)
            text = (
                f"{type(value).__name__}.{value.name}" if isinstance(value, Enum) else repr(value)
            )
            parts.append(f"{name}={text}")
        if self.extra:
            parts.append(f"extra={dict(self.extra)!r}")
        return f"{type(self).__name__}({', '.join(parts)})"
