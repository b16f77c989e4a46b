"""Evaluation reports into one ``evaluation_details`` entry.

Here: report kinds, the card's own metric JSON, and fitting what the parsers found to
the card's limits.

The parsers of AWS's formats are in ``_clarify`` and ``_model_monitor``. The model card
metric JSON is ``{"metric_groups": [...]}`` in the card's own shape, as the SageMaker
Python SDK's ``EvaluationJob.add_metric_group_from_json`` reads it; its values are
checked with the card's own metric classes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from modelcard_share.content import (
    BarChartMetric,
    LinearGraphMetric,
    MatrixMetric,
    MetricType,
    SimpleMetric,
)
from modelcard_share.errors import ConfigurationError, ContentProblem, ContentValidationError
from modelcard_share.fill._build import Build, Limit, Node
from modelcard_share.fill._clarify import (
    BIAS_SECTIONS,
    EXPLAINABILITY_SECTIONS,
    clarify_bias,
    clarify_explainability,
)
from modelcard_share.fill._enums import NoteKind, Overflow, ReportKind
from modelcard_share.fill._errors import SourceFormatError
from modelcard_share.fill._fill import Fill, Named, Source
from modelcard_share.fill._model_monitor import QUALITY_SECTIONS, model_quality
from modelcard_share.fill._parsed import Group, Metric, Parsed
from modelcard_share.fill._reading import Reader, child, item, load_json

__all__ = ["report_fill"]

_IN_MEMORY = "(in memory)"


# ------------------------------------------------------------ model card metric JSON

_METRIC_CLASSES: dict[str, Callable[..., object]] = {
    MetricType.NUMBER.value: SimpleMetric,
    MetricType.STRING.value: SimpleMetric,
    MetricType.BOOLEAN.value: SimpleMetric,
    MetricType.LINEAR_GRAPH.value: LinearGraphMetric,
    MetricType.BAR_CHART.value: BarChartMetric,
    MetricType.MATRIX.value: MatrixMetric,
}
_METRIC_KEYS = ("name", "type", "value", "notes", "x_axis_name", "y_axis_name")
_GROUP_KEYS = ("name", "metric_data")


def _value_problems(kind: str, value: Any) -> list[ContentProblem]:
    """Return what is wrong with a metric value of type ``kind``, per the card's classes."""
    cls = _METRIC_CLASSES[kind]
    extra = {"type": kind} if cls is SimpleMetric else {}
    try:
        cls(name="-", value=value, **extra)
    except ContentValidationError as exc:
        # A matrix over 20 x 20 is the overflow policy's to handle, not a format problem.
        return [p for p in exc.problems if not (kind == "matrix" and p.rule == "maxItems")]
    return []


def _unknown_keys(
    reader: Reader, data: Mapping[str, Any], known: tuple[str, ...], path: str
) -> None:
    for key in data:
        if key not in known:
            reader.fail(child(path, key), "additionalProperties", f"{key!r} is not allowed here")


def _card_metric(reader: Reader, metric: Mapping[str, Any], path: str) -> dict[str, Any] | None:
    _unknown_keys(reader, metric, _METRIC_KEYS, path)
    name = reader.text(metric, "name", path, required=True)
    kind = reader.text(metric, "type", path, required=True)
    reader.text(metric, "notes", path)
    if kind is not None and kind not in _METRIC_CLASSES:
        message = f"expected one of {sorted(_METRIC_CLASSES)}, got {kind!r}"
        reader.fail(child(path, "type"), "enum", message)
        return None
    if "value" not in metric:
        reader.fail(child(path, "value"), "required", "'value' is required")
        return None
    if name is None or kind is None:
        return None
    for problem in _value_problems(kind, metric["value"]):
        inner = problem.path  # relative to the metric: "value", "value[0][1]", ...
        where = child(path, "value") + inner[len("value") :] if inner.startswith("value") else path
        reader.fail(where, problem.rule, problem.message)
    return {key: metric[key] for key in _METRIC_KEYS if key in metric}


def model_card_metrics(found: Parsed, data: Mapping[str, Any]) -> None:
    """Parse ``metric_groups`` in the card's own shape."""
    reader = found.reader
    groups = reader.array(data, "metric_groups", "", required=True) or ()
    for path, group in reader.each_object(groups, "metric_groups"):
        _unknown_keys(reader, group, _GROUP_KEYS, path)
        name = reader.text(group, "name", path, required=True)
        raw = reader.array(group, "metric_data", path, required=True) or ()
        metrics = found.metrics(raw, child(path, "metric_data"), _card_metric)
        if name is not None:
            found.groups.append(Group(name, path, metrics))


# ----------------------------------------------------------------------------- kinds

_PARSERS: dict[ReportKind, tuple[tuple[str, ...], Callable[[Parsed, Mapping[str, Any]], None]]] = {
    ReportKind.CLARIFY_BIAS: (BIAS_SECTIONS, clarify_bias),
    ReportKind.CLARIFY_EXPLAINABILITY: (EXPLAINABILITY_SECTIONS, clarify_explainability),
    ReportKind.MODEL_QUALITY: (QUALITY_SECTIONS, model_quality),
    ReportKind.MODEL_CARD_METRICS: (("metric_groups",), model_card_metrics),
}


def _kind(data: Mapping[str, Any], kind: ReportKind | str | None, source: str) -> ReportKind:
    """Return the report's kind: the one given (checked), else the one its keys show."""
    found = [k for k, (keys, _) in _PARSERS.items() if any(key in data for key in keys)]
    if kind is not None:
        try:
            chosen = ReportKind(kind)
        except ValueError:
            valid = ", ".join(k.value for k in ReportKind)
            msg = f"kind must be one of {valid}; got {kind!r}"
            raise ConfigurationError(msg) from None
        if chosen in found:
            return chosen
        keys = " or ".join(repr(k) for k in _PARSERS[chosen][0])
        message = f"a {chosen.value} report has {keys} at the top; this one has neither"
        raise SourceFormatError(source, [ContentProblem("", "required", message)])
    if len(found) == 1:
        return found[0]
    if found:
        kinds = ", ".join(k.value for k in found)
        msg = f"the report has sections of several kinds ({kinds}); pass kind= to choose one"
        raise ConfigurationError(msg)
    known = ", ".join(key for keys, _ in _PARSERS.values() for key in keys)
    message = f"not a report this SDK reads: it has none of {known} at the top"
    raise SourceFormatError(source, [ContentProblem("", "kind", message)])


# ------------------------------------------------------------------------- fitting


def _fit_axis(build: Build, value: Any, path: str, source_path: str) -> Any:
    if isinstance(value, str):
        return build.text(value, Limit.SHORT, path=path, source_path=source_path)
    return [
        build.text(v, Limit.SHORT, path=item(path, i), source_path=source_path)
        for i, v in enumerate(value)
    ]


def _fit_metric(build: Build, metric: Metric, path: str) -> dict[str, Any] | None:
    """Return a metric fitted to the card's limits, or None when it is left out."""
    out: dict[str, Any] = {}
    src, kind = metric.source_path, metric.data["type"]
    for key, value in metric.data.items():
        where = child(path, key)
        if key == "name":
            out[key] = build.text(value, Limit.NAME, path=where, source_path=src, min_len=1)
        elif key == "notes":
            out[key] = build.text(value, Limit.TEXT, path=where, source_path=src)
        elif key in ("x_axis_name", "y_axis_name"):
            out[key] = _fit_axis(build, value, where, src)
        elif key == "value" and kind == MetricType.STRING.value:
            out[key] = build.text(value, Limit.SHORT, path=where, source_path=src)
        elif key == "value" and kind == MetricType.MATRIX.value:
            if not build.matrix_fits(value, path=where, source_path=src):
                return None
            out[key] = value
        else:
            out[key] = value
    return out


def _put_groups(build: Build, job: Node, groups: list[Group]) -> None:
    """Write the metric groups; the source owns each one's ``metric_data``, by name."""
    fitted: dict[str, str] = {}
    out = []
    for i, group in enumerate(groups):
        path = f"{job.path}.metric_groups[{i}]"
        name = build.text(
            group.name, Limit.SHORT, path=f"{path}.name", source_path=group.source_path, min_len=1
        )
        if name in fitted:
            message = f"is cut to {name!r}, the name of the group from {fitted[name]}"
            build.problems.append(ContentProblem(f"{path}.name", "unique", message))
            continue
        fitted[name] = group.source_path
        metric_data: list[dict[str, Any]] = []
        for metric in group.metrics:
            fit = _fit_metric(build, metric, f"{path}.metric_data[{len(metric_data)}]")
            if fit is not None:
                metric_data.append(fit)
        out.append({"name": name, "metric_data": metric_data})
        build.own(*job.segments, "metric_groups", Named(name), "metric_data")
    if out:
        job.data["metric_groups"] = out


def _check_names(found: Parsed) -> None:
    first: dict[str, str] = {}
    for group in found.groups:
        if group.name in first:
            message = (
                f"is a second metric group named {group.name!r} (the first: {first[group.name]})"
            )
            found.reader.fail(group.source_path, "unique", message)
        first.setdefault(group.name, group.source_path)


def _arguments(
    job: Node, name: str, evaluation_job_arn: str | None, datasets: Iterable[str] | None
) -> None:
    """Check and write the caller's values: the entry's name, job ARN and datasets."""
    if not 1 <= len(name) <= Limit.SHORT:
        msg = f"name must have 1 to {Limit.SHORT} characters; got {name!r}"
        raise ConfigurationError(msg)
    job.data["name"] = name
    if evaluation_job_arn is not None:
        if len(evaluation_job_arn) > Limit.EVALUATION_JOB_ARN:
            msg = f"evaluation_job_arn has more than {Limit.EVALUATION_JOB_ARN} characters"
            raise ConfigurationError(msg)
        job.put("evaluation_job_arn", evaluation_job_arn)
    if datasets is not None:
        locations = [datasets] if isinstance(datasets, str) else list(datasets)
        too_long = [d for d in locations if len(d) > Limit.TEXT]
        if len(locations) > Limit.EVALUATION_DATASETS or too_long:
            msg = (
                f"datasets must be at most {Limit.EVALUATION_DATASETS} locations of at most "
                f"{Limit.TEXT} characters; got {len(locations)}, {len(too_long)} too long"
            )
            raise ConfigurationError(msg)
        if locations:
            job.put("datasets", locations)


def report_fill(
    report: Any,
    *,
    kind: ReportKind | str | None,
    name: str | None,
    location: str | None,
    evaluation_job_arn: str | None,
    datasets: Iterable[str] | None,
    overflow: Overflow,
) -> Fill:
    """Build the ``evaluation_details`` fill of a report (``Fill.from_report``)."""
    where = location
    if where is None and isinstance(report, os.PathLike):
        where = os.fspath(report)
    label = f"report {where or _IN_MEMORY}"
    data = load_json(report, label)
    chosen = _kind(data, kind, label)
    source = Source(chosen.value, where or _IN_MEMORY)
    found = Parsed(Reader(str(source)))
    _PARSERS[chosen][1](found, data)
    _check_names(found)
    found.reader.check()

    build = Build(source, overflow)
    for source_path, why in found.omitted:
        build.note(NoteKind.OMITTED, "", source_path, why)
    job_name = chosen.value if name is None else name
    job = Node(build, ("evaluation_details", Named(job_name)), "evaluation_details[0]")
    _arguments(job, job_name, evaluation_job_arn, datasets)
    metadata = job.node("metadata")
    metadata.put("report_kind", chosen.value)
    if location is not None:  # only a location the caller gave goes into the card
        metadata.text("report_location", location, Limit.TEXT, source_path="location")
    for key, (source_path, value) in found.metadata.items():
        metadata.text(key, value, Limit.TEXT, source_path=source_path)
    _put_groups(build, job, found.groups)
    return build.finish({"evaluation_details": [job.data]})
