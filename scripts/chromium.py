"""How this project starts Debian's Chromium: tests and benchmarks share it."""

CHROMIUM_PATH = "/usr/bin/chromium"
# The networking flags stop Chromium calling home, which the closed network here would refuse.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_FLAGS)
