"""The built SPA's sizes (issue #11): every chunk in frontend/dist/assets, raw and gzipped, the
total, and what the login page downloads before it can draw its form: the files index.html names
(entry script, modulepreloads, stylesheets) and every chunk those import statically, followed
to the end. Chunks loaded by `import()` (the other pages) are not counted: they come when opened.

    .venv/bin/python bench/bundle.py [--dist frontend/dist]

Gzip is level 6 (zlib's default; nginx, which serves the app in production, defaults to 1, a few
per cent larger). `anchang serve` (`make run`) does not compress: there the raw column is what travels.
"""

import argparse
import gzip
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A chunk's static imports and re-exports: `import{a as b}from"./x.js"`, `import"./x.js"`,
# `export*from"./x.js"`. `import("./x.js")` (a lazy page) has a parenthesis and does not match.
STATIC_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*["'](\./[^"']+\.js)["']""")


@dataclass(frozen=True)
class Size:
    """One file's size on disk and gzipped."""

    raw: int
    gzip: int


def size_of(path: Path) -> Size:
    """The file's raw and gzip (level 6) sizes in bytes."""
    data = path.read_bytes()
    return Size(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))


class _HeadAssets(HTMLParser):
    """The /assets files index.html loads: module scripts, modulepreloads and stylesheets."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        url = attributes.get("src") if tag == "script" else attributes.get("href") if tag == "link" else None
        if tag == "link" and attributes.get("rel") not in ("modulepreload", "stylesheet"):
            return
        if url and url.startswith("/assets/"):
            self.files.append(url.removeprefix("/assets/"))


def login_files(dist: Path) -> list[str]:
    """The asset files the login page loads: index.html's own and their static imports, transitively."""
    parser = _HeadAssets()
    parser.feed((dist / "index.html").read_text(encoding="utf-8"))
    seen: list[str] = []
    pending = list(parser.files)
    while pending:
        name = pending.pop(0)
        if name in seen:
            continue
        seen.append(name)
        if name.endswith(".js"):
            source = (dist / "assets" / name).read_text(encoding="utf-8")
            pending.extend(Path(found).name for found in STATIC_IMPORT.findall(source))
    return seen


def line(label: str, sizes: list[Size], indent: str = "") -> str:
    """A report line: the label, then the summed raw and gzip sizes in kilobytes (1000 bytes)."""
    raw, zipped = sum(s.raw for s in sizes), sum(s.gzip for s in sizes)
    return f"{indent}{label:<{48 - len(indent)}} {raw / 1000:9.1f} {zipped / 1000:9.1f}"


def report(dist: Path) -> None:
    """Prints every chunk, the totals and what the login page loads."""
    assets = sorted((dist / "assets").iterdir(), key=lambda p: p.stat().st_size)
    sizes = {p.name: size_of(p) for p in assets if p.suffix in (".js", ".css")}
    html = size_of(dist / "index.html")
    print(f"{'chunk':<48} {'raw kB':>9} {'gzip kB':>9}")
    for name, size in sizes.items():
        print(line(name, [size]))
    for kind in ("js", "css"):
        chosen = [s for n, s in sizes.items() if n.endswith(f".{kind}")]
        print(line(f"total {kind} ({len(chosen)} files)", chosen))
    login = login_files(dist)
    print("\nthe login page loads (index.html, its scripts, preloads and stylesheets, their static imports):")
    for name in login:
        print(line(name, [sizes[name]], "  "))
    print(line("index.html", [html], "  "))
    js = [sizes[n] for n in login if n.endswith(".js")]
    print(line(f"login page JavaScript ({len(js)} files)", js, "  "))
    print(line("login page, all of it", [sizes[n] for n in login] + [html], "  "))


def main() -> None:
    """Parses the arguments and prints the report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "frontend" / "dist", help="the built SPA")
    dist = parser.parse_args().dist
    if not (dist / "index.html").exists():
        raise SystemExit(f"{dist} has no index.html: build the SPA first (npm --prefix frontend run build)")
    report(dist)


if __name__ == "__main__":
    main()
