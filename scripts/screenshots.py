"""Log in and take screenshots of pages in headless Chromium (a tool for looking, not a test).

Usage: python scripts/screenshots.py BASE_URL OUT_DIR [PATH ...] [--size 1920x1080]
       [--user staff --password staff-demo-2026]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By


def browser(width: int, height: int) -> webdriver.Chrome:
    """A headless Chromium of the given window size."""
    options = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


def log_in(driver: webdriver.Chrome, base: str, user: str, password: str) -> None:
    """Fill the login form."""
    driver.get(base + "/login")
    driver.find_element(By.ID, "username").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()


def main() -> None:
    """Take one screenshot per path."""
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("out", type=Path)
    parser.add_argument("paths", nargs="*", default=["/"])
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--user", default="staff")
    parser.add_argument("--password", default="staff-demo-2026")
    parser.add_argument("--wait", type=float, default=4.0)
    parser.add_argument("--full", action="store_true", help="the whole page, not the window")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    driver = browser(width, height)
    try:
        if args.user:
            log_in(driver, args.base, args.user, args.password)
        for path in args.paths:
            driver.get(args.base + path)
            time.sleep(args.wait)
            if args.full:
                total = driver.execute_script("return document.body.scrollHeight")
                driver.set_window_size(width, max(height, total))
                time.sleep(1)
            name = path.strip("/").replace("/", "_").replace("?", "_").replace("&", "_") or "index"
            target = args.out / f"{name[:80]}-{args.size}.png"
            driver.save_screenshot(str(target))
            driver.set_window_size(width, height)
            for entry in driver.get_log("browser"):
                print("console:", entry)  # noqa: T201 - a tool for a person
            print(target)  # noqa: T201
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
