"""Benchmark of the redaction pass: `python bench/redaction.py [--responses N]`.

Generates a synthetic register (bench/synthetic.py) with a 200-name people list and
times, in one process, the median of three runs of:
  - parsing every file's frontmatter with PyYAML's C loader (the floor any check pays);
  - loading and validating the project (opcc-site check without the redaction pass);
  - the redaction pass over the sources (every text, name and attachment);
  - the redaction pass over a built site: --built-pages pages, each a real built page
    of the example with a synthetic response's text in it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import make_register
from generator.content.loader import load
from generator.project import Project
from generator.redaction.built_site import scan_built_site
from generator.redaction.sources import scan_sources


def median_time(action, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def parse_frontmatter(root: Path) -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in (root / "responses").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        yaml.load(text.split("\n---\n", 1)[0][4:], Loader=loader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--responses", type=int, default=5000)
    parser.add_argument("--built-pages", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = make_register(Path(folder) / "project", args.responses)
        project = Project(root)
        site, problems = load(project)
        assert not [p for p in problems if p.severity == "error"], problems[:5]

        yaml_s = median_time(lambda: parse_frontmatter(root))
        load_s = median_time(lambda: load(project))
        found: list = []
        source_s = median_time(lambda: found.append(scan_sources(root, site)))
        leaks = [d for d in found[-1][0] if d.severity == "error"]

        built = Path(folder) / "built"
        page = _real_page()
        for number in range(args.built_pages):
            lang = "en" if number % 2 == 0 else "cy"
            reference = f"PCC24-{number // 2 + 1:05d}"
            # The theme's header, menu and footer as built, around this response's own
            # text, numbered so that no two pages share a line of content.
            source = (root / "responses" / f"{reference}.{lang}.md").read_text(encoding="utf-8")
            body = "\n".join(f"<p>{number}. {line}</p>" for line in source.splitlines() if line)
            html = page.replace("PCC24-001", reference).replace("</article>", body + "</article>")
            path = built / lang / "register" / reference.lower() / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        built_s = median_time(lambda: scan_built_site(built, site, "site/"))
        size_mb = sum(p.stat().st_size for p in built.rglob("*.html")) / 1e6

    files = args.responses * 2
    print(
        f"Synthetic register: {args.responses} bilingual responses ({files} files), "
        f"200 private names, {len(leaks)} findings (expected 0)"
    )
    print(f"{'step':<46}{'median s':>10}")
    print(f"{'PyYAML C loader, frontmatter only':<46}{yaml_s:>10.2f}")
    print(f"{'load and validate (check without redaction)':<46}{load_s:>10.2f}")
    print(f"{'redaction pass over the sources':<46}{source_s:>10.2f}")
    print(
        f"{'check in all (load + redaction)':<46}{load_s + source_s:>10.2f}"
        f"   ({(load_s + source_s) / yaml_s:.1f} x the YAML floor)"
    )
    print(f"{f'built-site scan, {args.built_pages} pages ({size_mb:.0f} MB)':<46}{built_s:>10.2f}")


def _real_page() -> str:
    """One response page as MkDocs builds it, from the example site (built if needed)."""
    import subprocess

    out = Path(tempfile.mkdtemp()) / "site"
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--out", str(out)],
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
        capture_output=True,
    )
    return (out / "en/register/pcc24-001/index.html").read_text(encoding="utf-8")


if __name__ == "__main__":
    main()
