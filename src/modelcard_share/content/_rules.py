"""The rules of content fields (scalar rules here; arrays and objects in ``_composite``).

Each field of a content class carries its rule in ``metadata[RULE]`` (declared with the
helpers of ``_fields``, right next to each field). A rule knows three things:

* ``fits(raw)``: whether a JSON value has the right *type* for the typed field
  (used by the converter; a value that does not fit is kept verbatim in ``extra``);
* ``check(value, ...)``: every constraint of a typed value (type, length, items, ...);
* ``misfit(raw, ...)``: why a raw JSON value kept in ``extra`` does not fit.

Nominal contract (where the published schema's quirks differ, see model-card-content.md):

* ``maxContains``/``minContains`` and ``maxItems`` placed inside ``items`` are enforced as
  ``maxItems``/``minItems`` of the array (15 artifacts/images/datasets, 50 metrics,
  100 hyper-parameters, source_algorithms exactly 1, inference containers 1..15).
* Unanchored patterns ``.{1,63}``/``.{1,255}``/``.{0,255}`` are enforced as a length range
  (rule ``pattern``); newlines are allowed.
* ``objective_function`` follows its real (SDK v2 / CloudFormation) shape.
* ``problem_type`` is limited to 1024 characters (CloudFormation), like its siblings.
* A simple metric's value must match its declared ``type``.
* Non-finite floats (NaN, Infinity) are not JSON numbers and are rejected (rule ``type``).
* Matrix rows need not have equal lengths, and axis names need not match the value's shape
  (the schema does not ask for either).
* A hyper-parameter's ``value`` is optional and may be empty (the newest published schema);
  CloudFormation requires it with 1..255 characters.
* Unknown keys are kept (lossless) and are not reported, although the schema sets
  ``additionalProperties: false`` and the service rejects them; ``extra`` shows them.
* Rules beyond the schema: ``json`` (text is not JSON), ``maxContentLength`` (100 000
  characters of compact JSON), ``duplicateKey`` (a key both set as a field and in
  ``extra``) and ``extraKey`` (a field's name put in ``extra`` with a fitting value).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from modelcard_share.content._checks import (
    Problems,
    is_number,
    join,
    short,
    type_problem,
)
from modelcard_share.errors import ContentProblem

RULE = "modelcard_share.content.rule"
"""The ``attrs`` metadata key under which a field's rule is stored."""

# --------------------------------------------------------------------------- rules


class Rule:
    """The constraints of one field; subclasses implement one JSON shape."""

    __slots__ = ("required",)
    what = "a value"

    def __init__(self, *, required: bool = False) -> None:
        self.required = required

    def fits(self, raw: object) -> bool:
        """Return whether a JSON value has the type of the typed field."""
        raise NotImplementedError

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        """Append every problem of a typed value to ``out``."""
        raise NotImplementedError

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        """Append why a raw value (kept in ``extra``) does not fit the field."""
        out.append(type_problem(join(prefix, key), self.what, raw))


class Text(Rule):
    """A string with a length range; ``rule`` names the schema keyword for the range."""

    __slots__ = ("max_len", "min_len", "rule")
    what = "a string"

    def __init__(
        self,
        *,
        max_len: int | None = None,
        min_len: int = 0,
        rule: str = "maxLength",
        required: bool = False,
    ) -> None:
        super().__init__(required=required)
        self.max_len = max_len
        self.min_len = min_len
        self.rule = rule

    def fits(self, raw: object) -> bool:
        return type(raw) is str

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if type(value) is not str:
            out.append(type_problem(join(prefix, key), self.what, value))
            return
        n = len(value)
        if n < self.min_len or (self.max_len is not None and n > self.max_len):
            out.append(self.length_problem(join(prefix, key), value))

    def length_problem(self, path: str, value: str) -> ContentProblem:
        """Return the problem for a string whose length is out of range."""
        n = len(value)
        name = path.rsplit(".", 1)[-1]
        if self.rule == "pattern":
            bounds = f"{self.min_len} to {self.max_len} characters"
            msg = f"{name} must be {bounds}, got {n}: {short(value)}"
            return ContentProblem(path, "pattern", msg)
        if n < self.min_len:
            msg = f"{name} must be at least {self.min_len} characters, got {n}: {short(value)}"
            return ContentProblem(path, "minLength", msg)
        msg = f"{name} must be at most {self.max_len} characters, got {n}: {short(value)}"
        return ContentProblem(path, "maxLength", msg)


class Number(Rule):
    """A JSON number (int or float, never a boolean) with an optional minimum."""

    __slots__ = ("minimum",)
    what = "a number"

    def __init__(self, *, minimum: float | None = None, required: bool = False) -> None:
        super().__init__(required=required)
        self.minimum = minimum

    def fits(self, raw: object) -> bool:
        return is_number(raw)

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if not is_number(value):
            out.append(type_problem(join(prefix, key), "a finite number", value))
        elif self.minimum is not None and value < self.minimum:
            msg = f"{key} must be at least {self.minimum:g}, got {value!r}"
            out.append(ContentProblem(join(prefix, key), "minimum", msg))


class Choice(Rule):
    """A string from an enumeration; the typed field holds the enum member."""

    __slots__ = ("enum", "listed", "values")
    what = "a string"

    def __init__(
        self, enum: type[Enum], *, listed: type[Enum] | None = None, required: bool = False
    ) -> None:
        super().__init__(required=required)
        self.enum = enum
        self.values = frozenset(m.value for m in enum)
        self.listed = ", ".join(m.value for m in (listed or enum))

    def fits(self, raw: object) -> bool:
        return type(raw) is str and raw in self.values

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if not isinstance(value, self.enum):
            self.misfit(value, prefix, key, out)

    def misfit(self, raw: object, prefix: str, key: str, out: Problems) -> None:
        if isinstance(raw, str):
            msg = f"{key} must be one of {self.listed}, got {short(raw)}"
            out.append(ContentProblem(join(prefix, key), "enum", msg))
        else:
            super().misfit(raw, prefix, key, out)


class Const(Rule):
    """A fixed string (the ``type`` of a graph metric)."""

    __slots__ = ("value",)
    what = "a string"

    def __init__(self, value: Enum) -> None:
        super().__init__(required=True)
        self.value = value

    def fits(self, raw: object) -> bool:
        return bool(raw == self.value.value)

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if value != self.value:
            msg = f"{key} must be {self.value.value!r}, got {short(value)}"
            out.append(ContentProblem(join(prefix, key), "enum", msg))


class Scalar(Rule):
    """A simple metric value: a number, a string of at most ``max_len``, or a boolean."""

    __slots__ = ("max_len",)
    what = "a number, string or boolean"

    def __init__(self, *, max_len: int, required: bool = False) -> None:
        super().__init__(required=required)
        self.max_len = max_len

    def fits(self, raw: object) -> bool:
        return type(raw) in (str, bool) or is_number(raw)

    def check(self, value: Any, prefix: str, key: str, out: Problems) -> None:
        if type(value) is str:
            if len(value) > self.max_len:
                msg = (
                    f"{key} must be at most {self.max_len} characters, "
                    f"got {len(value)}: {short(value)}"
                )
                out.append(ContentProblem(join(prefix, key), "maxLength", msg))
        elif type(value) is not bool and not is_number(value):
            out.append(type_problem(join(prefix, key), self.what, value))
