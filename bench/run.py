"""Whole-process benchmark of `opcc-site check`, `build` and `serve`, beside the peers:
`python bench/run.py [--responses 1000 5000] [--runs 3] [--peers-up-to 1000]`.

For each size N it generates a synthetic register of N bilingual responses plus the
example's other content (bench/synthetic.py), then times, as separate processes and with
the peak memory of the whole process tree, the median of --runs runs of:
  - the floor: parsing every response file's frontmatter with PyYAML's C loader;
  - `opcc-site check` with an empty cache (cold), and again with the cache of the last
    check (warm: the usual case, a check after editing some files);
  - `opcc-site build` into a new folder with an empty cache (cold), and with the cache
    of earlier builds (warm);
  - `opcc-site build` again with nothing changed, and after one response changed;
  - the peers on the same pages (bench/peers.py), for N up to --peers-up-to:
    MkDocs + mkdocs-material + mkdocs-static-i18n, and Zensical;
  - `opcc-site serve`: seconds from saving a response to the preview serving it (once
    per run, at the first size only).
Before each timed run, what earlier runs wrote is flushed to disk (sync), so that no run
pays for the writes of the one before. It prints one table with the issue's targets
beside the figures. Nothing here is a test:
timings depend on the machine, so the test suite asserts none of them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import peers
from bench.synthetic import REPO, make_register

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
    peak_mb: float  # the most memory the process and its children held at once


def tree_memory_kb(root: int) -> int:
    """The memory of process ``root`` and all its descendants, from /proc: each one's
    proportional set size, which shares the pages that forked processes have in common
    among them, so that the sum is the memory the tree really holds."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss_kb(pid)
        stack += children.get(pid, [])
    return total


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(
    command: list[str],
    runs: int,
    before: Callable[[], object] | None = None,
    env: dict[str, str] | None = None,
) -> Timed:
    """Median wall time over ``runs`` runs, and the largest memory of the whole process
    tree (MkDocs runs in child processes), sampled ten times a second."""
    seconds, peaks = [], []
    for _ in range(runs):
        if before is not None:
            before()
        # The files the last run wrote are flushed to disk first, as hyperfine's users
        # do with --prepare sync, so that no run pays for the one before it.
        os.sync()
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        peak = 0
        done = threading.Event()

        def sample(
            process: subprocess.Popen[bytes] = process, done: threading.Event = done
        ) -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_memory_kb(process.pid))
                done.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        log, _ = process.communicate()
        seconds.append(time.perf_counter() - started)
        done.set()
        sampler.join()
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{log.decode(errors='replace')[-4000:]}")
        peaks.append(peak / 1024)
    return Timed(statistics.median(seconds), max(peaks))


def retitle(path: Path, title: str) -> None:
    # A new English title: a per-language field, so the twins still agree (no digits in
    # it, or the figures would differ from the Welsh).
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text), encoding="utf-8")


def serve_latency(cli: list[str], root: Path, cache: Path, runs: int) -> float:
    """Median seconds from saving a changed response to the preview serving it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    server = subprocess.Popen(
        [*cli, "serve", "--root", str(root), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    page = f"http://127.0.0.1:{port}/en/register/pcc24-00002/"

    def shows(text: str) -> bool:
        try:
            with urllib.request.urlopen(page, timeout=5) as answer:
                return text in answer.read().decode("utf-8")
        except OSError:
            return False

    try:
        deadline = time.monotonic() + 600
        while not shows("<html") and time.monotonic() < deadline:
            time.sleep(0.5)
        times = []
        for run in range(runs):
            marker = f"Serve check {'ABCDEFGHIJ'[run]}"
            started = time.perf_counter()
            retitle(root / "responses" / "PCC24-00002.en.md", marker)
            while not shows(marker):
                if time.perf_counter() - started > 120:
                    raise SystemExit("serve did not show the edit within 120 s")
                time.sleep(0.05)
            times.append(time.perf_counter() - started)
            time.sleep(2)  # let the preview settle before the next edit
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peers-up-to", type=int, default=1000)
    parser.add_argument("--no-serve", action="store_true")
    args = parser.parse_args()
    python = sys.executable
    cli = [python, "-m", "generator"]
    # As README's install command does: where Python may not keep the bytecode it
    # compiles (PYTHONDONTWRITEBYTECODE), every run would compile the generator again.
    subprocess.run([python, "-m", "compileall", "-q", str(REPO / "generator")], check=True)
    rows: list[tuple[str, str, str]] = []
    build_seconds: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="opcc-bench-") as scratch_name:
        scratch = Path(scratch_name)
        peer_python = peers.peer_python() if args.responses[0] <= args.peers_up_to else None
        for count in args.responses:
            n = f"{count:,}"
            root = make_register(scratch / f"register-{count}", count)
            out = scratch / f"site-{count}"
            warm = {"XDG_CACHE_HOME": str(scratch / f"cache-{count}")}
            cold_cache = scratch / "cold-cache"

            def empty_cache(cold_cache: Path = cold_cache) -> None:
                shutil.rmtree(cold_cache, ignore_errors=True)

            cold = {"XDG_CACHE_HOME": str(cold_cache)}
            build = [*cli, "build", "--root", str(root), "--out", str(out)]

            def fresh(out: Path = out) -> None:
                shutil.rmtree(out, ignore_errors=True)

            def fresh_and_cold(out: Path = out) -> None:
                fresh(out)
                empty_cache()

            floor = timed([python, "-c", FLOOR, str(root)], args.runs)
            check = [*cli, "check", "--root", str(root)]
            check_cold = timed(check, args.runs, before=empty_cache, env=cold)
            timed(check, 1, env=warm)  # fills the cache
            check_warm = timed(check, args.runs, env=warm)
            build_cold = timed(build, args.runs, before=fresh_and_cold, env=cold)
            timed(build, 1, before=fresh, env=warm)
            build_warm = timed(build, args.runs, before=fresh, env=warm)
            again = timed(build, args.runs, env=warm)
            edits = iter("ABCDEFGHIJ")
            target = root / "responses" / "PCC24-00001.en.md"
            changed = timed(
                build,
                args.runs,
                before=lambda target=target, edits=edits: retitle(
                    target, f"Revised title {next(edits)}"
                ),
                env=warm,
            )
            build_seconds[count] = build_cold.seconds
            rows += [
                (f"YAML floor, {n} responses", f"{floor.seconds:.2f} s", ""),
                (
                    f"check, {n}, empty cache",
                    f"{check_cold.seconds:.2f} s ({check_cold.seconds / floor.seconds:.1f}x "
                    f"floor), {check_cold.peak_mb:.0f} MB",
                    "≤ 4 s and ≤ 5x floor at 5,000",
                ),
                (
                    f"check, {n}, cache of the last check",
                    f"{check_warm.seconds:.2f} s ({check_warm.seconds / floor.seconds:.1f}x "
                    f"floor), {check_warm.peak_mb:.0f} MB",
                    "≤ 4 s and ≤ 5x floor at 5,000",
                ),
                (
                    f"build, {n}, new folder, empty cache",
                    f"{build_cold.seconds:.2f} s, {build_cold.peak_mb:.0f} MB",
                    "≤ 10 s at 1,000; ≤ 1 GB at 5,000",
                ),
                (
                    f"build, {n}, new folder, cache of earlier builds",
                    f"{build_warm.seconds:.2f} s, {build_warm.peak_mb:.0f} MB",
                    "≤ 10 s at 1,000",
                ),
                (f"rebuild, nothing changed, {n}", f"{again.seconds:.2f} s", "≤ 1 s"),
                (
                    f"rebuild, one response changed, {n}",
                    f"{changed.seconds:.2f} s",
                    "≤ 3 s at 1,000",
                ),
            ]
            if peer_python is not None and count <= args.peers_up_to:
                config = peers.mkdocs_i18n_project(root, scratch / f"peer-mkdocs-{count}")
                mkdocs = timed(
                    peers.mkdocs_command(peer_python, config),
                    args.runs,
                    env={"NO_MKDOCS_2_WARNING": "1"},
                )
                configs = peers.zensical_projects(root, scratch / f"peer-zensical-{count}")
                zensical = timed(peers.zensical_command(peer_python, configs), args.runs)
                rows += [
                    (
                        f"peer: MkDocs + Material + i18n, {n}",
                        f"{mkdocs.seconds:.2f} s ({mkdocs.seconds / build_cold.seconds:.1f}x "
                        f"ours cold, {mkdocs.seconds / build_warm.seconds:.1f}x warm)",
                        "ours ≥ 10x faster",
                    ),
                    (
                        f"peer: Zensical (en + cy side by side), {n}",
                        f"{zensical.seconds:.2f} s ({zensical.seconds / build_cold.seconds:.1f}x "
                        f"ours cold, {zensical.seconds / build_warm.seconds:.1f}x warm)",
                        "ours ≥ 2x faster",
                    ),
                ]
            if not args.no_serve and count == args.responses[0]:
                latency = serve_latency(cli, root, scratch / f"cache-serve-{count}", args.runs)
                rows.append((f"serve: edit to preview, {n}", f"{latency:.2f} s", "≤ 3 s"))
            shutil.rmtree(root.parent / f"peer-mkdocs-{count}", ignore_errors=True)
        if len(build_seconds) > 1:
            small, large = min(build_seconds), max(build_seconds)
            ratio = build_seconds[large] / build_seconds[small]
            rows.append(
                (
                    f"growth, build {large:,} / {small:,}",
                    f"{ratio:.2f}x for {large / small:.0f}x the responses",
                    "≤ 5.5x",
                )
            )
        if peer_python is not None:
            rows.append(("peer versions", peers.versions(peer_python), ""))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'figure':<48}target")
    for name, figure, target in rows:
        print(f"{name:<{width}}  {figure:<48}{target}")


if __name__ == "__main__":
    main()
