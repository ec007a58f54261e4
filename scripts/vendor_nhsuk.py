"""Build NHS.UK frontend's stylesheet and scripts for this site from nhsuk-frontend's own sources, into
static/vendor/nhsuk-frontend/, so that pages load only the NHS.UK styles and scripts the site uses.

    .venv/bin/python scripts/vendor_nhsuk.py

Node.js and npm are needed only to run this (Debian's `nodejs` and `npm`); the site never needs them:
what this writes is committed. In a temp dir it installs the pinned nhsuk-frontend, sass and esbuild
from the npm registry, then:

1. Stylesheet: compiles a Sass entry that loads nhsuk-frontend's core (settings, tools, helpers and its
   base styles) and only the COMPONENTS below, compressed, with no source map, then removes the
   @font-face rules (they load Frutiger from assets.nhs.uk, a third-party request our pages must not
   make; text falls back to Arial, as NHS.UK's own stack does). Then it drops each selector that names
   an nhsuk- class nothing of ours can put in a page: the class names in templates/, the project's
   Python and static/js/, and the component scripts below (classes a template builds from a variable
   become patterns; see used_classes). Add a component to COMPONENTS when a template starts using it, and run
   this again after changing any class in a template.
2. Scripts: bundles each of SCRIPTS (an nhsuk-frontend component's ES module and what it imports) into
   one small ES module, `<component>.min.js`, exporting the component as `Component` and nhsuk-frontend's
   `createAll`. static/js/site.js imports each one only on pages that show the component.
3. The whole compiled stylesheet (without @font-face) goes to tests/browser/reference/, only for
   tests/browser/test_trimmed_stylesheet.py, which proves the trimmed one styles every page the same.

To upgrade: change NHSUK_FRONTEND, run this, then run that test and the other browser tests.
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NHSUK_FRONTEND = "10.4.2"
TOOLS = {"sass": "1.108.2", "esbuild": "0.28.2"}

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "static" / "vendor" / "nhsuk-frontend"
REFERENCE = ROOT / "tests" / "browser" / "reference" / "nhsuk-frontend-full.min.css"
# Where our HTML comes from: every nhsuk- class a page can hold is written in one of these.
PACKAGES = ("stp_site", "get_involved", "news", "programmes")
SOURCES = [
    *(ROOT / "templates").rglob("*.html"),
    *(ROOT / "static" / "js").rglob("*.js"),
    *(path for package in PACKAGES for path in (ROOT / package).rglob("*.py")),
]
DIST = Path("node_modules") / "nhsuk-frontend" / "dist" / "nhsuk"  # in the temp dir

# The components our templates render, in the order of nhsuk-frontend's components/_index.scss (the
# cascade depends on it). Not used: character-count, code, do-dont-list, file-upload, hero,
# password-input, tabs, task-list.
COMPONENTS = [
    "button", "error-message", "error-summary", "fieldset", "hint", "label",
    "checkboxes", "input", "radios", "select", "textarea",
    "date-input",
    "details", "images", "inset-text", "notification-banner", "panel", "summary-list", "tables", "tag",
    "warning-callout",
    "action-link", "back-link", "contents-list", "footer", "pagination", "skip-link",
    "breadcrumb", "card", "header",
]  # fmt: skip
# Components whose script changes what a resident gets: the header (its menu folds into "More" when it
# does not fit) and the error summary (it takes focus, and its links focus the field). The others on
# our pages do nothing with our markup: buttons (we never ask them to prevent double clicks, and use
# <button>, not role="button"), radios and checkboxes (no conditional reveals, no "none of these"), the
# alert banner (role="region", so never focused).
SCRIPTS = {"header": "Header", "error-summary": "ErrorSummary"}
# A template variable that names a whole component in a class (`nhsuk-{{ kind }}__item`), and the
# components it can be. Other variables in a class name keep every class that starts as it does.
COMPONENT_VARIABLES = {"kind": ("radios", "checkboxes")}


def npm_install(workdir):
    (workdir / "package.json").write_text(json.dumps({"private": True}))
    packages = [f"nhsuk-frontend@{NHSUK_FRONTEND}", *(f"{name}@{version}" for name, version in TOOLS.items())]
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", *packages], cwd=workdir, check=True)


def compile_css(workdir):
    # With its font faces: they also set the font family (Frutiger, then Arial); removed after compiling.
    entry = ['@use "nhsuk-frontend/dist/nhsuk/core";']
    entry += [f'@use "nhsuk-frontend/dist/nhsuk/components/{name}";' for name in COMPONENTS]
    (workdir / "entry.scss").write_text("\n".join(entry) + "\n")
    command = ["npx", "sass", "--load-path=node_modules", "--style=compressed", "--no-source-map", "entry.scss"]
    return subprocess.run(command, cwd=workdir, check=True, capture_output=True, text=True).stdout.strip()


def bundle_script(workdir, name, component):
    source = f"nhsuk-frontend/dist/nhsuk/components/{name}/{name}.mjs"
    entry = workdir / f"{name}.entry.mjs"
    entry.write_text(
        f'export {{ {component} as Component }} from "{source}";\nexport {{ createAll }} from "nhsuk-frontend";\n'
    )
    banner = f"/* nhsuk-frontend {NHSUK_FRONTEND}: {component} (MIT licence), built by scripts/vendor_nhsuk.py */"
    command = ["npx", "esbuild", entry.name, "--bundle", "--format=esm", "--minify", "--target=es2020"]
    command += ["--legal-comments=none", f"--banner:js={banner}"]
    return subprocess.run(command, cwd=workdir, check=True, capture_output=True, text=True).stdout


def without_font_face(css):
    """Compiled CSS without its @font-face rules, source map reference, byte order mark and @charset
    (the file we write starts with @charset, then says what it is)."""
    css = css.lstrip("\ufeff").removeprefix('@charset "UTF-8";')
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    return re.sub(r"(/\*# sourceMappingURL=[^*]*\*/|//# sourceMappingURL=\S+)\s*$", "", css).strip()


# --- which classes pages can hold ---------------------------------------------------------------------

# An nhsuk- class as written in a template: letters, digits, - and _, {{ variables }} and {% cycle %}.
CLASS_IN_SOURCE = re.compile(r"nhsuk-(?:[\w-]|\{\{.*?\}\}|\{%\s*cycle\b.*?%\})*")


def _class_pattern(written, where):
    """A regular expression for the classes a template's `nhsuk-{{ kind }}__item` can be."""
    pattern = ""
    for part in re.split(r"(\{\{.*?\}\}|\{%.*?%\})", written):
        if part.startswith("{{"):
            variable = part[2:-2].strip()
            if pattern == re.escape("nhsuk-"):  # names the component itself
                if variable not in COMPONENT_VARIABLES:
                    raise SystemExit(f"{where}: add {variable!r} in {written!r} to COMPONENT_VARIABLES")
                pattern += "(?:" + "|".join(COMPONENT_VARIABLES[variable]) + ")"
            else:
                pattern += r"[\w-]*"
        elif part.startswith("{%"):  # {% cycle "2" "4" %}
            pattern += "(?:" + "|".join(re.escape(value) for value in re.findall(r"\"([^\"]*)\"", part)) + ")"
        else:
            pattern += re.escape(part)
    if written.endswith(("-", "_")):  # a prefix, completed in code: "nhsuk-tag--" + colour
        pattern += r"[\w-]*"
    return pattern


def used_classes(paths):
    """(names, pattern): the nhsuk- classes these files can put in a page, and a regular expression
    for those built from a variable."""
    names, patterns = set(), set()
    for path in paths:
        for written in CLASS_IN_SOURCE.findall(path.read_text(encoding="utf-8")):
            if "{" in written or written.endswith(("-", "_")):
                patterns.add(_class_pattern(written, path.relative_to(ROOT) if path.is_relative_to(ROOT) else path))
            else:
                names.add(written)
    return names, re.compile("|".join(sorted(patterns)) or "(?!)")


# --- dropping the rules no page can match -------------------------------------------------------------


def _rules(css):
    """[(prelude, body)] of a stylesheet's top level; body is None for a statement such as @charset."""
    rules, start, depth, parens, quote, i = [], 0, 0, 0, None, 0
    while i < len(css):
        char = css[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "\\":
            i += 1
        elif char == "(":
            parens += 1
        elif char == ")":
            parens -= 1
        elif parens:
            pass
        elif char == "{":
            if depth == 0:
                body_start = i + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                rules.append((css[start : body_start - 1], css[body_start:i]))
                start = i + 1
        elif char == ";" and depth == 0:
            rules.append((css[start:i], None))
            start = i + 1
        i += 1
    if depth or css[start:].strip():
        raise ValueError(f"unbalanced CSS near {css[start : start + 80]!r}")
    return rules


def _selectors(prelude):
    """A selector list split at its top-level commas."""
    selectors, start, depth = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            selectors.append(prelude[start:i])
            start = i + 1
    return [*selectors, prelude[start:]]


def _required_classes(selector):
    """The classes an element must have for the selector to match: those outside attribute selectors
    and outside functional pseudo-classes (a class in :not() or :has() does not have to be there)."""
    selector = re.sub(r"\[[^\]]*\]", "", selector)
    while (simpler := re.sub(r"\([^()]*\)", "", selector)) != selector:
        selector = simpler
    return re.findall(r"\.((?:[\w-]|\\.)+)", selector)


def purge(css, is_used):
    """css without the selectors naming a class `is_used` refuses, and without rules left empty."""
    kept = []
    for prelude, body in _rules(css):
        if body is None:
            kept.append(prelude + ";")
        elif prelude.startswith(("@media", "@supports", "@container", "@layer")):
            if inner := purge(body, is_used):
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):  # @keyframes, @page and the like: kept whole
            kept.append(f"{prelude}{{{body}}}")
        elif selectors := [s for s in _selectors(prelude) if all(map(is_used, _required_classes(s)))]:
            kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


def trim(css, sources):
    names, pattern = used_classes(sources)
    return purge(css, lambda name: not name.startswith("nhsuk-") or name in names or pattern.fullmatch(name))


def main():
    if not shutil.which("npm"):
        raise SystemExit("Re-vendoring NHS.UK frontend needs Node.js and npm: apt-get install -y nodejs npm")
    with tempfile.TemporaryDirectory(prefix="vendor-nhsuk-") as temp:
        workdir = Path(temp)
        npm_install(workdir)
        scripts = {name: bundle_script(workdir, name, component) for name, component in SCRIPTS.items()}
        built = {workdir / f"{name}.min.js": text for name, text in scripts.items()}
        for path, text in built.items():
            path.write_text(text)
        css = without_font_face(compile_css(workdir))
        full = without_font_face((workdir / DIST / "nhsuk-frontend.min.css").read_text())
        trimmed = trim(css, [*SOURCES, *built])
    for text in (trimmed, full):
        if "@font-face" in text or "https://" in text or "sourceMappingURL" in text:
            raise SystemExit("The NHS.UK CSS still refers to another file or website: check it before vendoring.")

    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("*.min.js"):
        old.unlink()
    about = f"nhsuk-frontend {NHSUK_FRONTEND}: core and the components this site uses (scripts/vendor_nhsuk.py)"
    (TARGET / "nhsuk-frontend.min.css").write_text(f'@charset "UTF-8";\n/* {about} */\n{trimmed}\n')
    for name, text in scripts.items():
        (TARGET / f"{name}.min.js").write_text(text)
    (TARGET / "VERSION").write_text(NHSUK_FRONTEND + "\n")
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    about = f"nhsuk-frontend {NHSUK_FRONTEND}: the whole stylesheet, @font-face removed (scripts/vendor_nhsuk.py)"
    REFERENCE.write_text(f'@charset "UTF-8";\n/* {about} */\n{full}\n')
    print(f"nhsuk-frontend {NHSUK_FRONTEND}: stylesheet {len(trimmed):,} bytes (whole: {len(full):,});", end=" ")
    print(", ".join(f"{name}.min.js {len(text):,} bytes" for name, text in scripts.items()))


if __name__ == "__main__":
    sys.exit(main())
