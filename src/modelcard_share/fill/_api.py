"""Builders from SageMaker API responses: models, training and tuning jobs, model packages.

Each builder reads a response shaped as botocore returns it (member names and types of
the ``sagemaker`` service model's output shapes) and owns only the card fields it has a
value for, so a field a person wrote is never replaced by "nothing". Every problem with
the response is reported at once, with its path in the response.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

from attrs import frozen

from modelcard_share.content import (
    ModelApprovalStatus,
    ModelPackageStatus,
    ObjectiveFunctionDirection,
)
from modelcard_share.errors import ConfigurationError
from modelcard_share.fill._build import Build, Limit, Node
from modelcard_share.fill._enums import NoteKind, Overflow
from modelcard_share.fill._fill import Fill, Source
from modelcard_share.fill._reading import Reader, child

__all__ = ["TuningJob", "TuningObjective", "model_fill", "model_package_fill", "training_fill"]

_Found = list[tuple[str, str]]
"""``(path in the response, value)`` pairs, in response order."""


def _read(response: object, operation: str) -> tuple[Reader, Mapping[str, Any]]:
    reader = Reader(f"{operation} response")
    if not reader.is_object(response, ""):
        reader.check()
    return reader, response  # type: ignore[return-value]


def _required(value: str | None) -> str:
    """Return a required member that the reader has checked (and raised for) already."""
    if value is None:  # pragma: no cover - Reader.check raised
        msg = "a required member is missing"
        raise AssertionError(msg)
    return value


def _model_data(reader: Reader, container: Mapping[str, Any], path: str) -> tuple[str, str] | None:
    """Return ``(path, location)`` of a container's model data.

    That is ``ModelDataUrl``, or else ``ModelDataSource.S3DataSource.S3Uri``.
    """
    url = reader.text(container, "ModelDataUrl", path)
    if url is not None:
        return child(path, "ModelDataUrl"), url
    source_path = child(path, "ModelDataSource")
    source = reader.obj(container, "ModelDataSource", path)
    s3 = None if source is None else reader.obj(source, "S3DataSource", source_path)
    if s3 is None:
        return None
    s3_path = child(source_path, "S3DataSource")
    uri = reader.text(s3, "S3Uri", s3_path, required=True)
    return None if uri is None else (child(s3_path, "S3Uri"), uri)


# ------------------------------------------------------------------------- DescribeModel


def _containers(reader: Reader, response: Mapping[str, Any]) -> tuple[_Found, _Found]:
    """Return the model data locations and the images of a model's containers, in order."""
    containers: list[tuple[str, Mapping[str, Any]]] = []
    primary = reader.obj(response, "PrimaryContainer", "")
    if primary is not None:
        containers.append(("PrimaryContainer", primary))
    containers += reader.each_object(reader.array(response, "Containers", "") or (), "Containers")
    artifacts: _Found = []
    images: _Found = []
    for path, container in containers:
        found = _model_data(reader, container, path)
        if found is not None:
            artifacts.append(found)
        more_path = child(path, "AdditionalModelDataSources")
        more = reader.array(container, "AdditionalModelDataSources", path) or ()
        for where, source in reader.each_object(more, more_path):
            s3_path = child(where, "S3DataSource")
            s3 = reader.obj(source, "S3DataSource", where, required=True)
            uri = None if s3 is None else reader.text(s3, "S3Uri", s3_path, required=True)
            if uri is not None:
                artifacts.append((child(s3_path, "S3Uri"), uri))
        image = reader.text(container, "Image", path)
        if image is not None:
            images.append((child(path, "Image"), image))
    return artifacts, images


def model_fill(response: Mapping[str, Any], overflow: Overflow) -> Fill:
    """Build the ``model_overview`` fill of a DescribeModel response (``Fill.from_model``)."""
    reader, response = _read(response, "DescribeModel")
    arn = reader.text(response, "ModelArn", "", required=True)
    name = reader.text(response, "ModelName", "", required=True)
    artifacts, images = _containers(reader, response)
    reader.check()

    build = Build(Source("DescribeModel", _required(arn)), overflow)
    overview = Node(build, ("model_overview",), "model_overview")
    overview.text("model_id", _required(arn), Limit.TEXT, source_path="ModelArn")
    if artifacts:
        overview.locations("model_artifact", artifacts, source_path="PrimaryContainer/Containers")
    overview.text("model_name", _required(name), Limit.TEXT, source_path="ModelName")
    if images:
        environment = overview.node("inference_environment")
        environment.locations("container_image", images, source_path="PrimaryContainer/Containers")
    return build.finish({"model_overview": overview.data})


# -------------------------------------------------------------- tuning and training jobs


@frozen(kw_only=True)
class TuningObjective:
    """What a hyper-parameter tuning job optimises.

    Attributes:
        direction: ``Maximize`` or ``Minimize``.
        metric_name: The objective metric, such as ``validation:auc``.
    """

    direction: ObjectiveFunctionDirection
    metric_name: str


_DIRECTIONS = {d.value: d for d in ObjectiveFunctionDirection}


def _objective(reader: Reader, parent: Mapping[str, Any], key: str, path: str) -> Any:
    """Return the ``TuningObjective`` under ``key`` (``Type`` and ``MetricName``), or None."""
    data = reader.obj(parent, key, path)
    where = child(path, key)
    kind = None if data is None else reader.text(data, "Type", where, required=True)
    metric = None if data is None else reader.text(data, "MetricName", where, required=True)
    if kind is None or metric is None:
        return None
    if kind not in _DIRECTIONS:
        message = f"expected one of {sorted(_DIRECTIONS)}, got {kind!r}"
        reader.fail(child(where, "Type"), "enum", message)
        return None
    return TuningObjective(direction=_DIRECTIONS[kind], metric_name=metric)


def _definitions_objective(reader: Reader, response: Mapping[str, Any]) -> Any:
    """Return the objective all training job definitions share, or None."""
    definitions = []
    single = reader.obj(response, "TrainingJobDefinition", "")
    if single is not None:
        definitions.append(("TrainingJobDefinition", single))
    many = reader.array(response, "TrainingJobDefinitions", "") or ()
    definitions += reader.each_object(many, "TrainingJobDefinitions")
    found = {_objective(reader, d, "TuningObjective", p) for p, d in definitions}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


@frozen(kw_only=True)
class TuningJob:
    """The facts of a hyper-parameter tuning job that fill a card.

    Attributes:
        name: The tuning job's name.
        arn: The tuning job's ARN.
        best_training_job_name: The best training job so far; describe it with
            DescribeTrainingJob and pass both to ``Fill.from_training_job``.
        best_training_job_arn: Its ARN.
        objective: The objective every training job of the tuning job optimises;
            ``None`` when its training job definitions optimise different ones.
        best_objective: The objective the best training job was judged by.
    """

    name: str
    arn: str
    best_training_job_name: str | None = None
    best_training_job_arn: str | None = None
    objective: TuningObjective | None = None
    best_objective: TuningObjective | None = None

    @classmethod
    def from_api(cls, response: Mapping[str, Any]) -> TuningJob:
        """Read a DescribeHyperParameterTuningJob response.

        The objective is the tuning job config's ``HyperParameterTuningJobObjective``;
        without one, the ``TuningObjective`` of its training job definitions when they
        all agree.

        Args:
            response: The DescribeHyperParameterTuningJob response, as boto3 returns it.

        Returns:
            The tuning job's name, ARN, best training job and objective.

        Raises:
            SourceFormatError: The response is not in the documented shape.
        """
        reader, response = _read(response, "DescribeHyperParameterTuningJob")
        name = reader.text(response, "HyperParameterTuningJobName", "", required=True)
        arn = reader.text(response, "HyperParameterTuningJobArn", "", required=True)
        config_key = "HyperParameterTuningJobConfig"
        config = reader.obj(response, config_key, "", required=True) or {}
        objective = _objective(reader, config, "HyperParameterTuningJobObjective", config_key)
        objective = objective or _definitions_objective(reader, response)
        best = reader.obj(response, "BestTrainingJob", "")
        best_name = best_arn = best_objective = None
        if best is not None:
            best_name = reader.text(best, "TrainingJobName", "BestTrainingJob", required=True)
            best_arn = reader.text(best, "TrainingJobArn", "BestTrainingJob", required=True)
            key = "FinalHyperParameterTuningJobObjectiveMetric"
            best_objective = _objective(reader, best, key, "BestTrainingJob")
        reader.check()
        return cls(
            name=_required(name),
            arn=_required(arn),
            best_training_job_name=best_name,
            best_training_job_arn=best_arn,
            objective=objective,
            best_objective=best_objective,
        )


class _Job(NamedTuple):
    """What a DescribeTrainingJob response gives the card."""

    arn: str
    tuning_job_arn: str | None
    datasets: _Found
    image: str | None
    metrics: list[tuple[str, str, float]]  # (path, name, value)
    hyper_parameters: list[tuple[str, str]]
    omitted: list[tuple[str, str]]  # (path, why)


def _datasets(
    reader: Reader, response: Mapping[str, Any], omitted: list[tuple[str, str]]
) -> _Found:
    """Return the S3 URIs and dataset ARNs of the input channels, in order."""
    found: _Found = []
    channels = reader.array(response, "InputDataConfig", "") or ()
    for path, channel in reader.each_object(channels, "InputDataConfig"):
        source = reader.obj(channel, "DataSource", path, required=True) or {}
        where = child(path, "DataSource")
        for key, member in (("S3DataSource", "S3Uri"), ("DatasetSource", "DatasetArn")):
            data = reader.obj(source, key, where)
            value = (
                None
                if data is None
                else reader.text(data, member, child(where, key), required=True)
            )
            if value is not None:
                found.append((child(child(where, key), member), value))
        if reader.obj(source, "FileSystemDataSource", where) is not None:
            why = "an EFS or FSx file system is not a dataset location; not in training_datasets"
            omitted.append((child(where, "FileSystemDataSource"), why))
    return found


def _final_metrics(
    reader: Reader, response: Mapping[str, Any], omitted: list[tuple[str, str]]
) -> list[tuple[str, str, float]]:
    out = []
    metrics = reader.array(response, "FinalMetricDataList", "") or ()
    for path, metric in reader.each_object(metrics, "FinalMetricDataList"):
        name = reader.text(metric, "MetricName", path, required=True)
        raw = metric.get("Value")
        if isinstance(raw, float) and not math.isfinite(raw):
            omitted.append((child(path, "Value"), f"{raw} is not a JSON number; metric left out"))
            continue
        value = reader.number(metric, "Value", path, required=True)
        if name is not None and value is not None:
            out.append((path, name, value))
    return out


def _hyper_parameters(reader: Reader, response: Mapping[str, Any]) -> list[tuple[str, str]]:
    values = reader.obj(response, "HyperParameters", "") or {}
    out = []
    for key in values:
        value = reader.text(values, key, "HyperParameters", required=True)
        if value is not None:
            out.append((key, value))
    return out


def _job(response: Mapping[str, Any]) -> _Job:
    reader, response = _read(response, "DescribeTrainingJob")
    arn = reader.text(response, "TrainingJobArn", "", required=True)
    tuning_job_arn = reader.text(response, "TuningJobArn", "")
    omitted: list[tuple[str, str]] = []
    datasets = _datasets(reader, response, omitted)
    algorithm = reader.obj(response, "AlgorithmSpecification", "") or {}
    image = reader.text(algorithm, "TrainingImage", "AlgorithmSpecification")
    metrics = _final_metrics(reader, response, omitted)
    hyper_parameters = _hyper_parameters(reader, response)
    reader.check()
    return _Job(_required(arn), tuning_job_arn, datasets, image, metrics, hyper_parameters, omitted)


def _tuning_objective(build: Build, job: _Job, tuning: TuningJob, details: Node) -> None:
    if job.tuning_job_arn != tuning.arn:
        msg = (
            f"training job {job.arn} was not launched by tuning job {tuning.arn} "
            f"(its TuningJobArn is {job.tuning_job_arn!r}); pass the tuning job that launched it"
        )
        raise ConfigurationError(msg)
    objective = tuning.objective
    if objective is None and job.arn == tuning.best_training_job_arn:
        objective = tuning.best_objective
    if objective is None:
        why = "the definitions optimise different objectives; objective_function left unset"
        build.note(NoteKind.OMITTED, "", "TrainingJobDefinitions", why)
        return
    function = details.node("objective_function").node("function")
    function.put("function", objective.direction.value)
    source_path = "HyperParameterTuningJobObjective.MetricName"
    function.text("facet", objective.metric_name, Limit.SHORT, source_path=source_path)


def training_fill(
    response: Mapping[str, Any],
    tuning_job: TuningJob | Mapping[str, Any] | None,
    overflow: Overflow,
) -> Fill:
    """Build the ``training_details`` fill (``Fill.from_training_job``)."""
    job = _job(response)
    tuning = TuningJob.from_api(tuning_job) if isinstance(tuning_job, Mapping) else tuning_job
    build = Build(Source("DescribeTrainingJob", job.arn), overflow)
    for where, why in job.omitted:
        build.note(NoteKind.OMITTED, "", where, why)
    details = Node(build, ("training_details",), "training_details")
    if tuning is not None:
        _tuning_objective(build, job, tuning, details)
    out = details.node("training_job_details")
    out.text("training_arn", job.arn, Limit.TEXT, source_path="TrainingJobArn")
    if job.datasets:
        out.locations("training_datasets", job.datasets, source_path="InputDataConfig")
    if job.image is not None:
        environment = out.node("training_environment")
        environment.locations(
            "container_image",
            [("AlgorithmSpecification.TrainingImage", job.image)],
            source_path="AlgorithmSpecification",
        )

    def metric(path: str, found: tuple[str, str, float]) -> dict[str, Any]:
        where, name, value = found
        source_path = child(where, "MetricName")
        name = build.text(name, Limit.NAME, path=f"{path}.name", source_path=source_path, min_len=1)
        return {"name": name, "value": value}

    def parameter(path: str, found: tuple[str, str]) -> dict[str, Any]:
        key, value = found
        where = child("HyperParameters", key)
        name = build.text(key, Limit.NAME, path=f"{path}.name", source_path=where, min_len=1)
        limit = Limit.HYPER_PARAMETER_VALUE
        return {
            "name": name,
            "value": build.text(value, limit, path=f"{path}.value", source_path=where),
        }

    if job.metrics:
        limit = Limit.TRAINING_METRICS
        out.items("training_metrics", job.metrics, limit, metric, source_path="FinalMetricDataList")
    if job.hyper_parameters:
        limit = Limit.HYPER_PARAMETERS
        hps = job.hyper_parameters
        out.items("hyper_parameters", hps, limit, parameter, source_path="HyperParameters")
    return build.finish({"training_details": details.data})


# ----------------------------------------------------------------- DescribeModelPackage

_STATUSES = {s.value for s in ModelPackageStatus}
_APPROVALS = {s.value for s in ModelApprovalStatus}
# (card field, response member, length limit (None: no limit), minimum length)
_PACKAGE_TEXTS = (
    ("model_package_description", "ModelPackageDescription", Limit.TEXT, 0),
    ("model_package_arn", "ModelPackageArn", Limit.PACKAGE_ARN, 1),
    ("created_by", "CreatedBy", None, 0),
    ("model_package_status", "ModelPackageStatus", None, 0),
    ("model_approval_status", "ModelApprovalStatus", None, 0),
    ("approval_description", "ApprovalDescription", Limit.TEXT, 0),
    ("model_package_group_name", "ModelPackageGroupName", Limit.SHORT, 1),
    ("model_package_name", "ModelPackageName", Limit.SHORT, 1),
    ("model_package_version", "ModelPackageVersion", None, 0),
    ("domain", "Domain", None, 0),
    ("task", "Task", None, 0),
)
_REQUIRED = frozenset({"ModelPackageArn", "ModelPackageName", "ModelPackageStatus"})


def _source_algorithms(reader: Reader, response: Mapping[str, Any]) -> list[tuple[str, str, Any]]:
    spec = reader.obj(response, "SourceAlgorithmSpecification", "")
    if spec is None:
        return []
    path = "SourceAlgorithmSpecification"
    items = reader.array(spec, "SourceAlgorithms", path, required=True) or ()
    out = []
    for where, algorithm in reader.each_object(items, child(path, "SourceAlgorithms")):
        name = reader.text(algorithm, "AlgorithmName", where, required=True)
        if name is not None:
            out.append((where, name, _model_data(reader, algorithm, where)))
    return out


def _inference_containers(
    reader: Reader, response: Mapping[str, Any]
) -> list[tuple[str, Any, Any, Any]]:
    spec = reader.obj(response, "InferenceSpecification", "")
    if spec is None:
        return []
    path = "InferenceSpecification"
    items = reader.array(spec, "Containers", path, required=True) or ()
    return [
        (
            where,
            reader.text(container, "Image", where),
            _model_data(reader, container, where),
            reader.text(container, "NearestModelName", where),
        )
        for where, container in reader.each_object(items, child(path, "Containers"))
    ]


def _package_fields(reader: Reader, response: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for _, member, _, _ in _PACKAGE_TEXTS:
        required = member in _REQUIRED
        value: Any
        if member == "CreatedBy":
            creator = reader.obj(response, member, "")
            value = None if creator is None else reader.text(creator, "UserProfileName", member)
        elif member == "ModelPackageVersion":
            value = reader.number(response, member, "")
        else:
            value = reader.text(response, member, "", required=required)
        values[member] = value
    return values


def model_package_fill(response: Mapping[str, Any], overflow: Overflow) -> Fill:
    """Build the ``model_package_details`` fill (``Fill.from_model_package``)."""
    reader, response = _read(response, "DescribeModelPackage")
    values = _package_fields(reader, response)
    algorithms = _source_algorithms(reader, response)
    containers = _inference_containers(reader, response)
    reader.check()

    build = Build(Source("DescribeModelPackage", values["ModelPackageArn"]), overflow)
    details = Node(build, ("model_package_details",), "model_package_details")
    for key, member, limit, min_len in _PACKAGE_TEXTS:
        value = values[member]
        if value is None:
            continue
        if member == "CreatedBy":
            source_path = "CreatedBy.UserProfileName"
            details.node(key).text("user_profile_name", value, Limit.SHORT, source_path=source_path)
        elif key in ("model_package_status", "model_approval_status"):
            allowed = _STATUSES if key == "model_package_status" else _APPROVALS
            if value in allowed:
                details.put(key, value)
            else:
                why = f"{value!r} is not a value the card schema allows ({sorted(allowed)})"
                build.note(NoteKind.OMITTED, child(details.path, key), member, why)
        elif limit is not None:
            details.text(key, value, limit, source_path=member, min_len=min_len)
        else:
            details.put(key, value)
    if algorithms:
        _put_algorithms(build, details, algorithms)
    _put_containers(build, details, containers)
    return build.finish({"model_package_details": details.data})


def _put_algorithms(build: Build, details: Node, algorithms: list[tuple[str, str, Any]]) -> None:
    def algorithm(path: str, found: tuple[str, str, Any]) -> dict[str, Any]:
        where, name, data = found
        source_path = child(where, "AlgorithmName")
        entry = {
            "algorithm_name": build.text(
                name, Limit.ALGORITHM_NAME, path=f"{path}.algorithm_name", source_path=source_path
            )
        }
        if data is not None:
            url = build.text(
                data[1], Limit.TEXT, path=f"{path}.model_data_url", source_path=data[0]
            )
            entry["model_data_url"] = url
        return entry

    source_path = "SourceAlgorithmSpecification.SourceAlgorithms"
    details.items("source_algorithms", algorithms, 1, algorithm, source_path=source_path)


def _put_containers(
    build: Build, details: Node, containers: list[tuple[str, Any, Any, Any]]
) -> None:
    usable = []
    for found in containers:
        if found[1] is None:
            why = "the card requires a container's image and this container has none; left out"
            build.note(NoteKind.OMITTED, "", found[0], why)
        else:
            usable.append(found)
    if not usable:
        return

    def container(path: str, found: tuple[str, Any, Any, Any]) -> dict[str, Any]:
        where, image, data, nearest = found
        source_path = child(where, "Image")
        entry = {
            "image": build.text(image, Limit.IMAGE, path=f"{path}.image", source_path=source_path)
        }
        if data is not None:
            url = build.text(
                data[1], Limit.TEXT, path=f"{path}.model_data_url", source_path=data[0]
            )
            entry["model_data_url"] = url
        if nearest is not None:
            entry["nearest_model_name"] = nearest
        return entry

    spec = details.node("inference_specification")
    source_path = "InferenceSpecification.Containers"
    spec.items("containers", usable, Limit.CONTAINERS, container, source_path=source_path)
