"""A real browser (Debian's chromium, headless) against the built site served on localhost.

The page must render, searching a nominee's Chinese name must find that nominee, and every request
the browser makes must go to the local server: no fonts, scripts or images from any other host.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.conftest import ARTIFACTS, Build

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
NAME = "李佳慧"  # the first recommended individual of the sample


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server(builds: Callable[[str], Build]) -> Iterator[str]:
    yield from _serve(builds("during").out)


@pytest.fixture(scope="module")
def frozen_server(frozen_builds: Callable[[str], Build]) -> Iterator[str]:
    """The site once the 公示 is frozen: its archive page has the hashes and the verification steps."""
    yield from _serve(frozen_builds("during").out)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("需要 Debian 的 chromium 和 chromium-driver（make setup 会安装）")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    # An explicit driver path: Selenium Manager is never asked to download anything.
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    browser.get("about:blank")
    requested_urls(browser)  # drain the start-up entries (chromium's own new-tab page, chrome:// URLs)
    try:
        yield browser
    finally:
        browser.quit()


def _has_result(driver: Any, name: str) -> bool:
    from selenium.webdriver.common.by import By

    return any(name in r.text for r in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))


def requested_urls(driver: Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_publicity_page_search_and_no_outside_requests(driver: Any, server: str) -> None:
    requested_urls(driver)  # only what this test's pages ask for
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{server}/publicity/")
    wait = WebDriverWait(driver, 20)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "article table")))
    assert "公示" in driver.title
    article = driver.find_element(By.CSS_SELECTOR, "article").text
    assert NAME in article and "公示时间：10月18日至10月22日" in article

    driver.find_element(By.CSS_SELECTOR, "label.md-search__icon, input.md-search__input").click()
    box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input")))
    # 秦宇航 is cut into 秦/宇航 by jieba's stock dictionary: found only thanks to the build's words.
    for name, anchor in ((NAME, "#person-1"), ("秦宇航", "#person-4")):
        box.clear()
        box.send_keys(name)
        wait.until(functools.partial(_has_result, name=name))
        # The best hit is the nominee's own section (its heading is the name), not only a table row.
        first = driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item")[0]
        own = [
            a.get_attribute("href")
            for a in first.find_elements(By.CSS_SELECTOR, "a.md-search-result__link")
            if any(
                h.get_attribute("textContent").strip() == name for h in a.find_elements(By.CSS_SELECTOR, "h2")
            )
        ]
        assert own and own[0].endswith(anchor), (name, own)
        if name == NAME:
            ARTIFACTS.mkdir(exist_ok=True)
            driver.save_screenshot(str(ARTIFACTS / "publicity-search.png"))

    assert (ARTIFACTS / "publicity-search.png").stat().st_size > 0

    urls = requested_urls(driver)
    assert any(u.endswith("/search/search_index.json") for u in urls)
    outside = [u for u in urls if not u.startswith((server + "/", "data:", "blob:"))]
    assert outside == []


def test_pages_render_on_a_phone(driver: Any, server: str, frozen_server: str) -> None:
    from selenium.webdriver.common.by import By

    driver.set_window_size(390, 844)
    try:
        for base, page in (
            *((server, p) for p in ("", "publicity/", "stats/", "archive/")),
            (frozen_server, "archive/"),
            (frozen_server, "archive-guide/"),
        ):
            driver.get(f"{base}/{page}")
            assert driver.find_element(By.CSS_SELECTOR, "article h1").is_displayed()
            # Nothing wider than the screen except inside the tables' and code blocks' own scroll boxes.
            width = driver.execute_script("return document.documentElement.scrollWidth")
            assert width <= 390, f"{page}: page is {width}px wide"
        driver.get(f"{frozen_server}/archive/")
        driver.save_screenshot(str(ARTIFACTS / "archive-phone.png"))
        driver.get(f"{server}/publicity/")
        driver.save_screenshot(str(ARTIFACTS / "publicity-phone.png"))
        assert all(
            not u.startswith("http") or u.startswith((server, frozen_server)) for u in requested_urls(driver)
        )
    finally:
        driver.set_window_size(1280, 1000)


def test_the_sample_banner_is_visible_on_every_page(
    driver: Any, server: str, builds: Callable[[str], Build]
) -> None:
    """campaign.yml `sample: true`: no page of the site can be taken for a real 公示, 404 included."""
    from selenium.webdriver.common.by import By

    pages = sorted(
        p.relative_to(builds("during").out).as_posix().removesuffix("index.html")
        for p in builds("during").out.rglob("*.html")
    )
    assert len(pages) >= 8 and "404.html" in pages
    for page in pages:
        driver.get(f"{server}/{page}")
        banners = driver.find_elements(By.CSS_SELECTOR, ".awards-sample")
        assert banners and banners[0].is_displayed(), page
        assert banners[0].text.startswith("示例数据"), page


def test_no_chromium_means_skip_not_download() -> None:
    # Guard for the suite's promise: the browser tests use the system chromium only.
    assert shutil.which("chromium") is None or CHROMIUM.exists()
