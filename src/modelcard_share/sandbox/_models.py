"""botocore service models read straight from botocore's data files (no session, no env).

``botocore.session.get_session()`` would read ``AWS_PROFILE`` and the config files; the sandbox
must work whatever they say, so it loads the models it needs with a plain data loader.
"""

from __future__ import annotations

import functools

import botocore.loaders
import botocore.model

__all__ = ["service_model"]


@functools.cache
def service_model(name: str) -> botocore.model.ServiceModel:
    """The botocore service model of ``name`` (``ram``, ``sagemaker``), parsed once."""
    loader = botocore.loaders.create_loader()
    return botocore.model.ServiceModel(
        loader.load_service_model(name, "service-2"), service_name=name
    )
