"""Every fact the automation relies on about EventBridge, SageMaker's events and Lambda.

Each fact is tagged: **[doc]** is documented at the URL given; **[assumption]** is not
documented (or not found offline) and says what would break if it were wrong; **[ours]**
is a choice of this project, not a fact about AWS.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "CARD_NAME_FIELD",
    "CARD_STATUS_FIELD",
    "DEFAULT_SCHEDULE",
    "DETAIL_TYPES",
    "EVENT_SOURCE",
    "FUNCTION_HANDLER",
    "FUNCTION_RUNTIME",
    "LAMBDA_TASK_ROOT_ENV",
    "MODEL_CARD_EVENT",
    "MODEL_PACKAGE_EVENT",
    "PACKAGE_ARN_FIELD",
    "PACKAGE_GROUP_FIELD",
    "PACKAGE_STATUS_FIELD",
    "RECONCILE_ACTION",
    "RECONCILE_PARAMETERS",
    "SCHEDULED_DETAIL_TYPE",
    "SCHEDULED_SOURCE",
    "TOPOLOGY_ENV",
]

# ------------------------------------------------------------------ SageMaker's events

#: [doc] The ``source`` of every SageMaker event
#: (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-sagemaker.html,
#: https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html).
EVENT_SOURCE: Final = "aws.sagemaker"
#: [doc] The ``detail-type`` of a model card's state change (same pages; the example's
#: ``resources`` holds the card ARN, its ``detail`` ModelCardVersion, LastModifiedTime,
#: LastModifiedBy, CreationTime, CreatedBy, ModelCardName, ModelId, ModelCardStatus,
#: AccountId and SecurityConfig).
MODEL_CARD_EVENT: Final = "SageMaker Model Card State Change"
#: [doc] The ``detail-type`` of a model package's state change (same pages; the example's
#: ``resources`` holds the versioned package ARN, its ``detail`` ModelPackageGroupName,
#: ModelPackageVersion, ModelPackageArn, ModelPackageStatus, ModelApprovalStatus...).
MODEL_PACKAGE_EVENT: Final = "SageMaker Model Package State Change"
#: The detail types the handler acts on.
DETAIL_TYPES: Final = (MODEL_CARD_EVENT, MODEL_PACKAGE_EVENT)

#: [doc] Detail field naming the card (the example above). Used only when ``resources``
#: holds no card ARN; the card's ARN is then built from it, ``account`` and ``region``.
CARD_NAME_FIELD: Final = "ModelCardName"
#: [doc] Detail field with the card's status at the time of the event. Logged, never
#: trusted: events arrive late, twice and out of order, so the handler reads the card.
CARD_STATUS_FIELD: Final = "ModelCardStatus"
#: [doc] Detail field with the versioned model package ARN (the example above).
PACKAGE_ARN_FIELD: Final = "ModelPackageArn"
#: [doc] Detail field with the package's group name (the example above).
PACKAGE_GROUP_FIELD: Final = "ModelPackageGroupName"
#: [doc] Detail field with the package's approval status (the example above); logged only.
PACKAGE_STATUS_FIELD: Final = "ModelApprovalStatus"

# [doc] "SageMaker may send multiple events to EventBridge for each state change" (the
# SageMaker guide above), and a function invoked asynchronously may "receive the same event
# from Lambda multiple times", while events that wait too long "might also be deleted from
# the queue without being sent to the function"
# (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
# Hence: the handler converges from the card's current state (duplicates and reordering
# change nothing), and a scheduled reconcile catches what was lost.

# [assumption] A change of a card shared with a stage account (dev submits it for review)
# raises the event in the card's owner account, whose default event bus the rules watch.
# AWS documents that "when an AWS service in your account sends an event to EventBridge,
# it goes to your account's default event bus"
# (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events.html), and every
# SageMaker example names the resource's own account, but says nothing of changes made
# through RAM by another account. If such events go to the changing account instead, the
# scheduled reconcile converges the card within one schedule period.

# ------------------------------------------------------------------ schedules

#: [doc] ``source`` and ``detail-type`` of the event a schedule rule sends
#: (https://docs.aws.amazon.com/eventbridge/latest/userguide/event-reference.html).
SCHEDULED_SOURCE: Final = "aws.events"
SCHEDULED_DETAIL_TYPE: Final = "Scheduled Event"
#: [ours] The input the template's schedule rule sends instead: ``{"action": "reconcile"}``,
#: optionally with the :data:`RECONCILE_PARAMETERS` of :meth:`Lifecycle.reconcile`.
RECONCILE_ACTION: Final = "reconcile"
RECONCILE_PARAMETERS: Final = ("name_prefix", "tags", "max_workers", "dry_run")
#: [ours] How often the template runs the safety-net reconcile.
DEFAULT_SCHEDULE: Final = "rate(1 hour)"

# ------------------------------------------------------------------ the Lambda function

#: [ours] Environment variable with the path of the topology TOML file deployed with the
#: function; a relative path is read from :data:`LAMBDA_TASK_ROOT_ENV`.
TOPOLOGY_ENV: Final = "MODELCARD_SHARE_TOPOLOGY"
#: [doc] Lambda sets this to the directory of the function's code
#: (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
LAMBDA_TASK_ROOT_ENV: Final = "LAMBDA_TASK_ROOT"
#: [doc] A Python handler names a module and a function, ``<file>.<function>``
#: (https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html).
#: [assumption] A dotted package path works as the module part: the runtime imports the
#: module by name (``importlib.import_module`` in the runtime interface client). If it did
#: not, a one-line ``handler.py`` (``from modelcard_share.automation import
#: lambda_handler``) in the bundle with ``Handler: handler.lambda_handler`` would.
FUNCTION_HANDLER: Final = "modelcard_share.automation.lambda_handler"
#: [doc] A supported Python runtime identifier
#: (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
FUNCTION_RUNTIME: Final = "python3.12"
