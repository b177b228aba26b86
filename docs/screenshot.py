"""Regenerate docs/graph.png, the README's picture: the sample page (``kg build data/``) in
headless Chromium (Debian's ``/usr/bin/chromium`` via Playwright, network cut off), with
屯留区 selected so the evidence panel shows.

    python docs/screenshot.py [--out docs/graph.png]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "graph.png")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from kg.pipeline import build

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        build([ROOT / "data"], tmp)
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 860}, offline=True)
        page.goto((Path(tmp) / "graph.html").as_uri())
        page.wait_for_function("window.kgView && kgView.ready", timeout=60_000)
        page.evaluate("var id = kgView.find('屯留区')[0]; kgView.select(id); "
                      "network.moveTo({position: network.getPosition(id), scale: 0.8})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(args.out))
        browser.close()
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
