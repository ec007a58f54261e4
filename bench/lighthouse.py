"""Lighthouse's four scores (performance, accessibility, best practices, SEO) for each page type, on a phone.

    python bench/lighthouse.py

Starts the production topology (scripts/production_site.py) and runs Lighthouse's mobile audit (its
default: a mid-range phone on a slow 4G connection, simulated) against one page of each page type
(scripts/demo_pages.py) through nginx, with Debian's Chromium. Prints the scores out of 100, and each
audit that cost a page points. Target (issue 16): 100 in all four for every page type.

Lighthouse comes from the npm registry, installed on first use into ~/.cache/stp-site/lighthouse (or
$XDG_CACHE_HOME): the bench needs Node.js and npm, the site never does.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.chromium import CHROMIUM_PATH  # noqa: E402
from scripts.demo_pages import page_types  # noqa: E402
from scripts.production_site import production_site  # noqa: E402

LIGHTHOUSE = "12.8.2"  # the newest for Node.js 18 and 20 (Lighthouse 13 needs Node.js 22)
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "stp-site" / f"lighthouse-{LIGHTHOUSE}"
CLI = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
# The throwaway certificate is not trusted by Chromium: accepted for this run only.
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --ignore-certificate-errors"
CATEGORIES = {"performance": "performance", "accessibility": "accessibility", "best-practices": "best practices"}
CATEGORIES["seo"] = "SEO"


def install():
    if CLI.exists():
        return
    if not shutil.which("npm"):
        raise SystemExit("bench/lighthouse.py needs Node.js and npm: apt-get install -y nodejs npm")
    CACHE.mkdir(parents=True, exist_ok=True)
    command = ["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--silent"]
    subprocess.run([*command, f"lighthouse@{LIGHTHOUSE}"], check=True)


def audit(url):
    """Lighthouse's JSON report for url (mobile)."""
    command = ["node", str(CLI), url, "--quiet", "--output=json", "--output-path=stdout"]
    command.append(f"--chrome-flags={CHROME_FLAGS}")
    env = {**os.environ, "CHROME_PATH": CHROMIUM_PATH}
    return json.loads(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout)


def lost_points(report):
    """'category: audit (score)' for each weighted audit that scored under 1."""
    lost = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref.get("weight") and result["score"] is not None and result["score"] < 1:
                shown = f", {result['displayValue']}" if result.get("displayValue") else ""
                lost.append(f"{category['id']}: {ref['id']} ({result['score']:.2f}{shown})")
    return lost


def main():
    install()
    with production_site(mail_worker=False) as site:
        client = site.client()
        pages = page_types(lambda path: client.get(path).text)
        print(f"Lighthouse {LIGHTHOUSE}, mobile, through nginx: {site.url}/")
        print(f"{'page type':<18} " + " ".join(f"{label:>14}" for label in CATEGORIES.values()) + "  path")
        short = []
        for name, path in pages.items():
            if name == "not found (404)":  # Lighthouse refuses to audit an error page
                continue
            report = audit(site.url + path)
            scores = [round(100 * (report["categories"][key]["score"] or 0)) for key in CATEGORIES]
            print(f"{name:<18} " + " ".join(f"{score:>14}" for score in scores) + f"  {path}")
            for line in lost_points(report):
                print(f"    {line}")
            if min(scores) < 100:
                short.append(name)
    print("Target: 100 in all four for every page type.")
    print(f"Under 100: {', '.join(short)}" if short else "Every page type scores 100 in all four.")


if __name__ == "__main__":
    main()
