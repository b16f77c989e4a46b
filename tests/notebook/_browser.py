"""What a person sees of a rendered notebook page, measured in headless Chromium.

Chromium is Debian's ``chromium`` package (``/usr/bin/chromium``; the nox ``tests``
session installs it when it runs as root), driven by playwright's bundled driver: no
browser is downloaded. Pages open with JavaScript disabled, so no script can run and
what is measured is what the HTML and CSS alone draw.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

__all__ = ["CHROMIUM_FLAGS", "LAYOUT_PROBE", "chromium_path", "measure"]

#: How this project starts Chromium headless (playwright adds --headless and a new,
#: empty --user-data-dir). The background-networking flags keep it off the network.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> Path | None:
    """The Chromium binary: ``$MODELCARD_SHARE_CHROMIUM``, ``chromium`` on PATH, or none."""
    chosen = os.environ.get("MODELCARD_SHARE_CHROMIUM") or shutil.which("chromium")
    return Path(chosen) if chosen else None


#: Runs in the page (through the DevTools protocol, not as a page script): for every
#: notebook output made by this project (``.mcs``), how it is laid out and how it reads.
LAYOUT_PROBE = """
() => {
  const rgba = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(',').map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {  // alpha-composite a colour over an opaque one
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const background = (element) => {  // the opaque colour behind an element
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const luminance = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const outputs = [...document.querySelectorAll('.mcs')];
  const result = {outputs: [], scripts: 0, handlers: 0, worstContrast: 99, worstText: ''};
  for (const root of outputs) {
    const box = root.getBoundingClientRect();
    const area = root.closest('.jp-OutputArea-output') || root.parentElement;
    const areaBox = area.getBoundingClientRect();
    let spills = [];
    for (const e of root.querySelectorAll('*')) {
      if (e.closest('details:not([open]) > :not(summary)')) continue;  // folded away
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < areaBox.left - 1 || r.right > areaBox.right + 1) spills.push(e.tagName);
      if (e.tagName === 'SCRIPT') result.scripts++;
      for (const a of e.getAttributeNames()) if (a.startsWith('on')) result.handlers++;
      const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (!own || e.namespaceURI === 'http://www.w3.org/2000/svg') continue;
      const ratio = contrast(rgba(getComputedStyle(e).color), background(e));
      if (ratio < result.worstContrast) {
        result.worstContrast = ratio;
        result.worstText = e.textContent.trim().slice(0, 40);
      }
    }
    const svgs = [...root.querySelectorAll('svg')].map(svg => {
      const view = svg.viewBox.baseVal;
      const texts = [...svg.querySelectorAll('text')];
      const outside = texts.filter(t => {
        const b = t.getBBox();
        return b.x < view.x - 0.5 || b.y < view.y - 0.5 ||
               b.x + b.width > view.x + view.width + 0.5 ||
               b.y + b.height > view.y + view.height + 0.5;
      }).map(t => t.textContent);
      const rect = svg.getBoundingClientRect();
      const textColour = rgba(getComputedStyle(texts[0] || svg).fill);
      const behind = background(svg);
      return {width: rect.width, height: rect.height, texts: texts.length, outside,
              textContrast: contrast(textColour, behind)};
    });
    result.outputs.push({
      kind: [...root.classList].find(c => c !== 'mcs').slice(4),
      width: box.width, height: box.height,
      visible: getComputedStyle(root).visibility === 'visible' && box.width > 0 && box.height > 0,
      scrolls: area.scrollWidth > area.clientWidth + 1,
      spills, svgs, text: root.innerText.slice(0, 2000),
    });
  }
  result.pageScripts = document.scripts.length;
  return result;
}
"""


def measure(page: Any) -> dict[str, Any]:
    """Run :data:`LAYOUT_PROBE` on a playwright page."""
    measured: dict[str, Any] = page.evaluate(LAYOUT_PROBE)
    return measured
