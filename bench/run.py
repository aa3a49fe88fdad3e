"""Whole-process benchmark of `opcc-site check` and `opcc-site build`:
`python bench/run.py [--responses 1000 5000] [--runs 3]`.

For each size N it generates a synthetic register of N bilingual responses plus the
example's other content (bench/synthetic.py), then times, as separate processes and with
/usr/bin/time -v for the peak memory, the median of --runs runs of:
  - the floor: parsing every response file's frontmatter with PyYAML's C loader;
  - `opcc-site check` (every rule and the redaction pass);
  - `opcc-site build` into a fresh folder;
  - `opcc-site build` again with nothing changed;
  - `opcc-site build` again after one response changed.
It prints one table with the issue's targets beside the figures. Nothing here is a test:
timings depend on the machine, so the test suite asserts none of them.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import make_register

FLOOR = """
import sys, yaml
from pathlib import Path
loader = yaml.CSafeLoader
for path in sorted(Path(sys.argv[1], "responses").glob("*.md")):
    text = path.read_text(encoding="utf-8")
    yaml.load(text.split("\\n---\\n", 1)[0][4:], Loader=loader)
"""


@dataclass
class Timed:
    seconds: float
    peak_mb: float


def timed(command: list[str], runs: int, before=None) -> Timed:  # type: ignore[no-untyped-def]
    """Median wall time and the largest peak resident memory over ``runs`` runs."""
    seconds, peaks = [], []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-v", *command], capture_output=True, text=True, check=False
        )
        seconds.append(time.perf_counter() - started)
        if done.returncode != 0:
            log = done.stdout[-2000:] + done.stderr[-2000:]
            raise SystemExit(f"{' '.join(command)} failed:\n{log}")
        peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        peaks.append(int(peak.group(1)) / 1024 if peak else float("nan"))
    return Timed(statistics.median(seconds), max(peaks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    cli = [python, "-m", "generator"]
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="opcc-bench-") as scratch:
        for count in args.responses:
            root = make_register(Path(scratch) / f"register-{count}", count)
            out = Path(scratch) / f"site-{count}"
            floor = timed([python, "-c", FLOOR, str(root)], args.runs)
            check = timed([*cli, "check", "--root", str(root)], args.runs)
            fresh = timed(
                [*cli, "build", "--root", str(root), "--out", str(out)],
                args.runs,
                before=lambda out=out: shutil.rmtree(out, ignore_errors=True),
            )
            again = timed([*cli, "build", "--root", str(root), "--out", str(out)], args.runs)
            target = root / "responses" / "PCC24-00001.en.md"

            edits = iter("ABCDEFGHIJ")

            def touch(target: Path = target, edits=edits) -> None:  # type: ignore[no-untyped-def]
                # A new English title: a per-language field, so the twins still agree
                # (no digits in it, or the figures would differ from the Welsh).
                text = target.read_text(encoding="utf-8")
                text = re.sub(r"(?m)^title: .*$", f"title: Revised title {next(edits)}", text)
                target.write_text(text, encoding="utf-8")

            changed = timed(
                [*cli, "build", "--root", str(root), "--out", str(out)], args.runs, before=touch
            )
            n = f"{count:,}"
            rows += [
                (f"YAML floor, {n} responses", f"{floor.seconds:.2f} s", ""),
                (
                    f"check, {n} responses",
                    f"{check.seconds:.2f} s ({check.seconds / floor.seconds:.1f}x floor), "
                    f"{check.peak_mb:.0f} MB",
                    "≤ 4 s and ≤ 5x floor at 5,000",
                ),
                (
                    f"build, {n} responses",
                    f"{fresh.seconds:.2f} s, {fresh.peak_mb:.0f} MB",
                    "≤ 10 s at 1,000; ≤ 1 GB at 5,000",
                ),
                (f"rebuild, nothing changed, {n}", f"{again.seconds:.2f} s", "≤ 1 s"),
                (
                    f"rebuild, one response changed, {n}",
                    f"{changed.seconds:.2f} s",
                    "≤ 3 s at 1,000",
                ),
            ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  figure{'':<34}target")
    for name, figure, target in rows:
        print(f"{name:<{width}}  {figure:<40}{target}")


if __name__ == "__main__":
    main()
