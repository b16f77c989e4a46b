"""Every example in the documentation runs as written, against the sandbox (docs that lie fail).

How the pages run is in ``tests/_docs_examples.py`` and, for contributors, in
``docs/contributing.md``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _docs_examples import (
    EXAMPLES,
    ROOT,
    Block,
    DocsExampleError,
    PageRun,
    pages,
    parse_blocks,
    shell_commands,
)


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_run(page: Path, tmp_path: Path) -> None:
    """Every python block and every modelcard-share command of the page runs, in order."""
    run = PageRun(page, tmp_path)
    try:
        run.run()
    finally:
        run.close()
    for line, reason in run.skipped:
        print(f"{run.name}:{line}: skipped, needs real AWS: {reason}")


def test_the_tutorial_ends_with_version_two(tmp_path: Path) -> None:
    """The tutorial's namespace holds what its text says: dev's update made version 2."""
    run = PageRun(ROOT / "docs" / "tutorial.md", tmp_path)
    try:
        run.run()
    finally:
        run.close()
    assert getattr(run.namespace["card"], "version", None) == 2
    assert run.ran >= 8


def test_blocks_are_parsed_with_markers_indentation_and_titles() -> None:
    """Fences in lists, the needs-aws marker and fence attributes are understood."""
    page = (
        "Intro\n\n"
        "1. Step:\n\n"
        "    ```python\n"
        "    x = 1\n"
        "    ```\n\n"
        "<!-- needs-aws: calls the real STS -->\n"
        "```python\n"
        "boto3.client('sts').get_caller_identity()\n"
        "```\n\n"
        '```toml title="accounts.toml"\n'
        'home = "a"\n'
        "```\n"
    )
    blocks = parse_blocks(page)
    assert [(b.language, b.code, b.skip_reason) for b in blocks] == [
        ("python", "x = 1\n", None),
        ("python", "boto3.client('sts').get_caller_identity()\n", "calls the real STS"),
        ("toml", 'home = "a"\n', None),
    ]
    assert blocks[2].attributes == {"title": "accounts.toml"}


def test_a_needs_aws_marker_must_say_why() -> None:
    """An empty reason is refused: a reader must learn why the block cannot run here."""
    with pytest.raises(DocsExampleError, match="must say why"):
        parse_blocks("<!-- needs-aws: -->\n```python\nx = 1\n```\n")


def test_shell_blocks_yield_only_modelcard_share_commands() -> None:
    """Prompts, comments, continuations and && chains are handled; other tools are shown only."""
    bash = Block(
        "bash",
        "python3 -m pip install -e '.[sandbox]' && modelcard-share demo\n"
        "modelcard-share --topology accounts.toml \\\n  share churn dev   # a comment\n"
        "aws --profile dev sagemaker list-model-cards\n",
        1,
    )
    console = Block("console", "$ modelcard-share shares churn\nNAME  ACCESS\n", 1)
    assert list(shell_commands(bash)) == [
        ["modelcard-share", "demo"],
        ["modelcard-share", "--topology", "accounts.toml", "share", "churn", "dev"],
    ]
    assert list(shell_commands(console)) == [["modelcard-share", "shares", "churn"]]


def test_every_included_example_file_exists() -> None:
    """Each ``--8<--`` include of a page names a file of docs/examples."""
    for page in pages():
        for name in re.findall(r'--8<-- "([^"]+)"', page.read_text("utf-8")):
            assert (EXAMPLES / name.split(":")[0]).is_file(), f"{page}: {name}"
