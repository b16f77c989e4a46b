"""Automation for modelcard-share: `nox` runs lint, typecheck, docs and tests."""

from __future__ import annotations

import os
import shutil

import nox

nox.options.sessions = ["lint", "typecheck", "docs", "tests"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

LOCATIONS = ["src", "tests", "benchmarks", "noxfile.py"]


def ensure_chromium(session: nox.Session) -> None:
    """Install Debian's Chromium for the browser tests when it is missing and we are root.

    The browser test (tests/notebook) opens the rendered example notebook in headless
    Chromium; in CI (``CI`` set) it fails rather than skips without one. Elsewhere, a
    non-root run only warns: install the ``chromium`` package yourself.
    """
    if shutil.which("chromium") or os.environ.get("MODELCARD_SHARE_CHROMIUM"):
        return
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        session.warn("no chromium: the browser test skips (CI fails); apt-get install chromium")
        return
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    session.run("apt-get", "update", "-qq", external=True, env=env)
    session.run("apt-get", "install", "-y", "-qq", "chromium", external=True, env=env)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite (unit, property, end-to-end, reliability, notebook, browser)."""
    session.install("-e", ".[test]")
    ensure_chromium(session)
    session.run("pytest", "-n", "2", "--durations=15", *session.posargs)


@nox.session
def screenshots(session: nox.Session) -> None:
    """Regenerate docs/images/notebook-*.png from the example notebook in Chromium."""
    session.install("-e", ".[test]")
    ensure_chromium(session)
    session.run(
        "pytest",
        "tests/notebook",
        "-k",
        "person",
        "-p",
        "no:xdist",
        env={"MODELCARD_SHARE_SCREENSHOTS": "docs/images", "CI": "1"},
    )


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", *LOCATIONS)
    session.run("ruff", "format", "--check", *LOCATIONS)


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check the package, tests and benchmarks with mypy --strict."""
    session.install("-e", ".[typecheck,bench]")
    session.run("mypy", "--strict")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation; any warning fails the build."""
    session.install("-e", ".[docs]")
    session.run(
        "mkdocs",
        "build",
        "--strict",
        "--site-dir",
        "build/site",
        env={"NO_MKDOCS_2_WARNING": "1"},
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Run the benchmarks under benchmarks/ and print their figures."""
    session.install("-e", ".[bench]")
    session.run("python", "-m", "benchmarks", *session.posargs)


@nox.session
def soak(session: nox.Session) -> None:
    """Run the reliability suite long: more seeds, higher fault rates (not in the default run)."""
    session.install("-e", ".[test]")
    session.run(
        "pytest",
        "tests/reliability",
        "-n",
        "2",
        "--durations=10",
        *session.posargs,
        env={"MODELCARD_SHARE_SOAK": "1"},
    )
