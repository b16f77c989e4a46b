"""The package's public face: every exported name resolves, and importing stays light."""

from __future__ import annotations

import subprocess
import sys

import modelcard_share


def test_every_public_name_resolves_and_is_documented() -> None:
    for name in modelcard_share.__all__:
        value = getattr(modelcard_share, name)
        if name != "__version__":
            assert getattr(value, "__doc__", None), f"{name} has no docstring"


def test_errors_share_one_root() -> None:
    from modelcard_share import errors

    for name in errors.__all__:
        cls = getattr(errors, name)
        if isinstance(cls, type) and issubclass(cls, Exception):
            assert issubclass(cls, modelcard_share.ModelCardShareError), name


def test_import_does_not_load_boto3_or_moto() -> None:
    code = (
        "import sys, modelcard_share; "
        "print(sorted(m for m in ('boto3', 'botocore', 'moto', 'cattrs') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_package_ships_py_typed() -> None:
    from importlib import resources

    assert resources.files("modelcard_share").joinpath("py.typed").is_file()
