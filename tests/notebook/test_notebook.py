"""The example notebook runs in a real Jupyter kernel and reads well in a real browser.

One kernel run and one browser session for the whole module (the suite's time budget):
``docs/notebooks/seven-steps.ipynb`` is executed with nbclient + ipykernel, its outputs
are checked, it is rendered to HTML with nbconvert (JupyterLab's light and dark themes)
and opened in headless Chromium, where the test measures what a person sees.

Screenshots of the card, the diff and the topology picture go to a temporary folder,
or to ``docs/images`` when ``MODELCARD_SHARE_SCREENSHOTS`` names that folder
(``nox -s screenshots``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ._browser import CHROMIUM_FLAGS, chromium_path, measure

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
nbconvert = pytest.importorskip("nbconvert")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "docs" / "notebooks" / "seven-steps.ipynb"
ACCOUNTS = ("222222222222", "333333333333", "444444444444")


def _html_outputs(cell: Any) -> list[str]:
    return [
        o["data"]["text/html"] for o in cell.get("outputs", ()) if "text/html" in o.get("data", {})
    ]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The notebook, executed top to bottom in a fresh python3 kernel."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    workdir = tmp_path_factory.mktemp("notebook")
    client = nbclient.NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()
    return notebook


def _code_cells(notebook: Any) -> list[Any]:
    return [c for c in notebook.cells if c.cell_type == "code"]


def _cell(notebook: Any, fragment: str) -> Any:
    """The first code cell whose source contains ``fragment``."""
    return next(c for c in _code_cells(notebook) if fragment in c.source)


def test_the_committed_notebook_has_no_outputs() -> None:
    """The notebook in docs/ is source only: outputs come from running it (tests, docs build)."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.outputs and c.execution_count is None for c in _code_cells(notebook))


def test_notebook_outputs_show_card_shares_principals_and_topology(executed: Any) -> None:
    """Each step's cell displays rich HTML: the card, listings, diff, topology, progress."""
    for cell in _code_cells(executed):
        assert all(o.output_type != "error" for o in cell.outputs), cell.source
        for output in cell.outputs:
            assert "Traceback" not in output.get("text", "")

    [created] = _html_outputs(_cell(executed, "card = ModelCard.create"))
    assert "Model card customer-churn" in created
    assert ">Draft</span>" in created
    assert "not shared" in created

    [share] = _html_outputs(_cell(executed, "share = card.share_with"))
    assert "Resource share modelcard-customer-churn-read-write" in share

    [listing] = _html_outputs(_cell(executed, "dev = sb.session"))
    assert "Shared with me (1)" in listing
    assert "arn:aws:sagemaker:us-east-1:111111111111:model-card/customer-churn" in listing

    [versions] = _html_outputs(_cell(executed, "dev_card.versions()"))
    assert "Versions (2)" in versions

    [shares] = _html_outputs(_cell(executed, "card.shares()"))
    assert "modelcard-customer-churn-read-write" in shares
    assert "modelcard-customer-churn-read-only" in shares

    [consumer] = _html_outputs(_cell(executed, "prod_card = ModelCard.load"))
    assert "Model card customer-churn" in consumer
    assert "Shared with" not in consumer  # a consumer cannot list the owner's principals

    [diff] = _html_outputs(_cell(executed, "card.diff(1)"))
    assert "intended_uses" in diff
    assert "Rank subscribers by churn risk" in diff

    [final] = _html_outputs(_cell(executed, "card.principals()"))
    assert ">Approved</span>" in final
    for account in ACCOUNTS:
        assert account in final
    assert "(read-only)" in final

    [converged] = _html_outputs(_cell(executed, "lifecycle = Lifecycle("))
    [drifted] = _html_outputs(_cell(executed, "drifted = "))
    for picture in (converged, drifted):
        assert "<svg" in picture
        for name in ("central account", "dev", "test", "prod"):
            assert name in picture
    assert "converged" in converged
    assert "CONFLICT: holds read-write" in drifted

    [progress] = _html_outputs(_cell(executed, "NotebookProgress("))
    assert "\u2713 export customer-churn: done" in progress  # the live line's final state


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium, driven by playwright (never skipped in CI)."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: `nox -s tests` installs Debian's chromium")
        pytest.skip("no chromium on PATH (apt-get install chromium, or nox -s tests as root)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(path), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def _screenshot_dir(tmp_path: Path) -> Path:
    chosen = os.environ.get("MODELCARD_SHARE_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_person_sees_the_card_and_the_topology(
    executed: Any, browser: Any, theme: str, tmp_path: Path
) -> None:
    """In JupyterLab's theme, the outputs are visible, unclipped, readable and script-free."""
    body, _ = nbconvert.HTMLExporter(template_name="lab", theme=theme).from_notebook_node(executed)
    page_file = tmp_path / f"seven-steps-{theme}.html"
    page_file.write_text(body, encoding="utf-8")
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1000, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        seen = measure(page)
        folder = _screenshot_dir(tmp_path)
        suffix = "" if theme == "light" else "-dark"
        cards = page.locator(".mcs-card")
        cards.nth(cards.count() - 1).screenshot(path=str(folder / f"notebook-card{suffix}.png"))
        page.locator(".mcs-diff").first.screenshot(path=str(folder / f"notebook-diff{suffix}.png"))
        page.locator(".mcs-lifecycle").nth(1).screenshot(
            path=str(folder / f"notebook-topology{suffix}.png")
        )
    finally:
        context.close()

    kinds = [o["kind"] for o in seen["outputs"]]
    for kind in ("card", "share", "shared-with-me", "versions", "shares", "diff", "lifecycle"):
        assert kind in kinds, kinds
    assert seen["scripts"] == 0
    assert seen["handlers"] == 0
    for output in seen["outputs"]:
        assert output["visible"], output["kind"]
        assert not output["scrolls"], f"{output['kind']} needs a horizontal scroll bar"
        assert not output["spills"], f"{output['kind']}: {output['spills']} cut at the edge"
    card = next(o for o in reversed(seen["outputs"]) if o["kind"] == "card")
    assert "Model card customer-churn" in card["text"]
    assert "444444444444 (read-only)" in card["text"]
    pictures = [s for o in seen["outputs"] if o["kind"] == "lifecycle" for s in o["svgs"]]
    assert len(pictures) == 3
    for picture in pictures:
        assert picture["width"] > 500
        assert picture["height"] > 150
        assert picture["texts"] >= 10
        assert picture["outside"] == [], "SVG text drawn outside the picture"
        assert picture["textContrast"] >= 4.5
    assert seen["worstContrast"] >= 4.5, seen["worstText"]
