"""Take full-page screenshots of public pages at the widths people use, to look at.

    .venv/bin/python scripts/screenshots.py --base http://127.0.0.1:8000 --out /tmp/shots \
        /el/ /ar/ /el/social-map/services/ ...

Writes one PNG per path, width and language into --out, outside the repository by default (never commit them).
Paths starting with /el/ are also taken in the other --langs by swapping the prefix.
"""

import argparse
import re
import shutil
import time
from pathlib import Path

from playwright.sync_api import Error, sync_playwright

WIDTHS = (390, 768, 1280, 1920)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def goto(page, url, attempts=20):
    """Open url, waiting for a development server that is reloading."""
    for attempt in range(attempts):
        try:
            return page.goto(url, wait_until="networkidle")
        except Error as error:
            if "ERR_CONNECTION_REFUSED" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(Path.cwd().parent / "shots"))
    parser.add_argument("--langs", default="el,ar")
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    parser.add_argument("--full", action="store_true", help="whole page, not the first screen")
    parser.add_argument("--text", choices=["normal", "large", "larger"], default="normal", help="text size setting")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    widths = [int(w) for w in args.widths.split(",")]
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for path in args.paths:
            for lang in args.langs.split(","):
                localised = re.sub(r"^/el/", f"/{lang}/", path)
                if localised == path and lang != args.langs.split(",")[0]:
                    continue  # a path without a language prefix is taken once
                for width in widths:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    if args.text != "normal":
                        page.context.add_cookies([{"name": "koinonia_text", "value": args.text, "url": args.base}])
                    goto(page, args.base + localised)
                    name = re.sub(r"[^a-z0-9]+", "_", localised.lower()).strip("_") or "root"
                    suffix = "" if args.text == "normal" else f"-{args.text}"
                    target = out / f"{name}-{width}{suffix}.png"
                    page.screenshot(path=str(target), full_page=args.full)
                    print(target)
                    page.close()
        browser.close()


if __name__ == "__main__":
    main()
