"""A headless Chromium for the page tests: Debian's ``/usr/bin/chromium`` (or ``KG_CHROMIUM``)
driven by Playwright for Python; no browser is ever downloaded (never ``playwright install``).

Like the SPARQL servers of :mod:`tests.servers`, a test that needs the browser is skipped when
Chromium or Playwright is missing, and fails instead when ``KG_REQUIRE_SERVERS=1`` (as in CI,
where ``.ci/run`` installs Debian's ``chromium`` and ``fonts-noto-cjk``).

``open_page(path)`` opens a local HTML file with the network cut off: the browser context is
offline and every http(s) request is aborted and recorded, so a page that reaches out fails
its test. It waits for ``window.kgView.ready`` and returns an :class:`Opened` with the console
errors, uncaught exceptions, dialogs (alert, confirm, prompt) and requests seen.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
READY_TIMEOUT_MS = 60_000


def _missing(message: str) -> None:
    if os.environ.get("KG_REQUIRE_SERVERS") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} not found (.ci/run installs Debian's chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=args)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    """A page opened offline, and what it did: ``errors`` (console errors and uncaught
    exceptions), ``dialogs`` (their messages) and ``requests`` (URLs of anything it fetched
    besides its own file)."""

    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser):
    """``open_page(path) -> Opened``; every context is closed after the test."""
    contexts = []

    def open_(path: Path, width: int = 1400, height: int = 900) -> Opened:
        ctx = browser.new_context(viewport={"width": width, "height": height}, offline=True)
        contexts.append(ctx)
        page = ctx.new_page()
        opened = Opened(page)

        def abort(route):
            opened.requests.append(route.request.url)
            route.abort()

        ctx.route(re.compile(r"^(https?|wss?|ftp)://"), abort)
        page.on("request", lambda r: None if r.url == Path(path).resolve().as_uri()
                or r.url.startswith("data:") else opened.requests.append(r.url))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: opened.errors.append(str(exc)))

        def dialog(d):
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_function("window.kgView && window.kgView.ready", timeout=READY_TIMEOUT_MS)
        return opened

    yield open_
    for ctx in contexts:
        ctx.close()
