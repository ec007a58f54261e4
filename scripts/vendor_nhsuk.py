"""Copy NHS.UK frontend's compiled CSS and JS from the pinned wagtail-nhsuk-frontend package into
static/vendor/nhsuk-frontend/, removing the @font-face rules: they load Frutiger from assets.nhs.uk,
a third-party request our pages must not make. Text falls back to Arial, as NHS.UK's own stack does.

Run after upgrading wagtail-nhsuk-frontend:  .venv/bin/python scripts/vendor_nhsuk.py
"""

import re
from pathlib import Path

import wagtailnhsukfrontend

SOURCE = Path(wagtailnhsukfrontend.__file__).parent / "static" / "wagtailnhsukfrontend"
TARGET = Path(__file__).resolve().parent.parent / "static" / "vendor" / "nhsuk-frontend"


def strip_source_map(text):
    """The package ships no source maps; a reference to one would break collectstatic's hashing."""
    return re.sub(r"(/\*# sourceMappingURL=[^*]*\*/|//# sourceMappingURL=\S+)\s*$", "", text)


def main():
    TARGET.mkdir(parents=True, exist_ok=True)
    css_source = next((SOURCE / "css").glob("nhsuk-frontend-*.min.css"))
    version = css_source.name.removeprefix("nhsuk-frontend-").removesuffix(".min.css")
    css = css_source.read_text()
    css, removed = re.subn(r"@font-face\{[^}]*\}", "", css)
    css = strip_source_map(css)
    if "https://" in css:
        raise SystemExit("The NHS.UK CSS still refers to another website: check it before vendoring.")
    (TARGET / "nhsuk-frontend.min.css").write_text(f"/* nhsuk-frontend {version}, @font-face removed */\n{css}")
    js = strip_source_map((SOURCE / "js" / f"nhsuk-frontend-{version}.min.js").read_text())
    (TARGET / "nhsuk-frontend.min.js").write_text(js)
    (TARGET / "VERSION").write_text(version + "\n")
    print(f"nhsuk-frontend {version}: removed {removed} @font-face rules")


if __name__ == "__main__":
    main()
