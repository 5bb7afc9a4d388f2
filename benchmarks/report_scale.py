"""The HTML report at corpus scale: a 2,000-article store's report opened in headless Chromium.

    python benchmarks/report_scale.py                       # builds the stores on first use (minutes), then measures
    python benchmarks/report_scale.py --workdir /tmp/rs     # keep the stores there and reuse them next time

The corpus is benchmarks/newsgen.py's (the small store holds the first articles of the large one), built
with ``kg build --store``. For each store it measures ``kg report --store`` (wall and CPU of the process),
the page's size, then, in interleaved rounds (small page, large page, small, large, ...) in one browser:

- time to usable: from the start of navigation to the task after the frame in which the page has drawn its
  index and the articles of its first page (wall, as the page's clock sees it); time to ready, when the page
  has also drawn the actors and positions below them (and as Playwright sees it, which adds its own round
  trips); the renderer's busy time until then (Chromium's TaskDuration, its tasks on all its threads);
- the time each filter takes to apply, until painted: search, actor, position, outlet, hedged, date range.

The floor is 2 s to usable for the large page. Figures are printed, not asserted: this is not a test.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_scale import run_timed  # noqa: E402
from newsgen import write_corpus  # noqa: E402

FLOOR = 2.0  # seconds to usable, for the large page
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

# Each filter as a reader sets it: (label, control, value). A change event applies it, as the form does.
FILTERS = [("search 'ceasefire'", "#f-search", "ceasefire"), ("actor 'Zelensky'", "#f-actor", "Zelensky"),
           ("position (the first)", "#f-position", 1), ("outlet (the first)", "#f-outlet", 1),
           ("hedged", "#f-hedged", "yes"), ("dates, one month", "#f-from", "2024-03-01")]

_MARKS = """() => ({usable: performance.getEntriesByName('kg-usable')[0].startTime,
                   ready: performance.getEntriesByName('kg-ready')[0].startTime})"""

_APPLY = """async ([selector, value]) => {
  const control = document.querySelector(selector);
  const start = performance.now();
  if (typeof value === 'number') { control.selectedIndex = value; } else { control.value = value; }
  if (selector === '#f-from') { document.querySelector('#f-to').value = '2024-03-31'; }
  control.dispatchEvent(new Event('change', {bubbles: true}));
  await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  const seconds = (performance.now() - start) / 1000;
  return [seconds, document.querySelector('#matches').textContent];
}"""

_RESET = """() => { const form = document.querySelector('#filters');
  form.reset(); form.dispatchEvent(new Event('change')); }"""


def ensure_store(store: Path, corpus: Path, articles: int) -> None:
    """Build the store from ``articles`` generated articles unless it is there already."""
    if store.exists():
        return
    write_corpus(articles, corpus)
    print(f"building {store} from {articles} generated articles (kg build --store) ...", flush=True)
    subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store)], check=True,
                   stdout=subprocess.DEVNULL)


def render(store: Path, output: Path) -> dict:
    """``kg report --store``: wall and CPU seconds, peak RSS."""
    return run_timed([sys.executable, "-m", "kg", "report", "--store", str(store), "-o", str(output)])


def open_once(browser, path: Path) -> dict:
    """Open the page in a fresh tab: time to usable and ready (page clock and Playwright's), busy time, filters."""
    import time

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit")
    page.wait_for_selector("body[data-ready]", timeout=120_000)
    seen = time.perf_counter() - start
    marks = page.evaluate(_MARKS)
    cpu = _metric(cdp, "TaskDuration")
    filters = {}
    for label, selector, value in FILTERS:
        before = _metric(cdp, "TaskDuration")
        seconds, matches = page.evaluate(_APPLY, [selector, value])
        filters[label] = (seconds, _metric(cdp, "TaskDuration") - before, matches)
        page.evaluate(_RESET)
    heap = _metric(cdp, "JSHeapUsedSize")
    page.close()
    if errors:
        raise SystemExit(f"{path}: the page reported errors: {errors}")
    return {"usable": marks["usable"] / 1000, "ready": marks["ready"] / 1000, "seen": seen, "cpu": cpu,
            "filters": filters, "heap": heap}


def _metric(cdp, name: str) -> float:
    return next(m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] == name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles in the large store (default 2000)")
    parser.add_argument("--small", type=int, default=100, help="articles in the small store (default 100)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds of opening both pages")
    parser.add_argument("--workdir", default=None, help="keep the corpus and stores here and reuse them")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-report-scale-"))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    pages: dict[int, Path] = {}
    print("=== kg report --store (a process: start, queries, page) ===")
    for size in (args.small, args.articles):
        store = work / f"store-{size}"
        ensure_store(store, work / f"corpus-{size}", size)
        pages[size] = work / f"report-{size}.html"
        done = render(store, pages[size])
        megabytes = pages[size].stat().st_size / 1e6
        print(f"  {size:>5} articles: {done['wall']:6.1f} s wall, {done['cpu']:6.1f} s CPU, peak {done['rss']:.0f} MiB;"
              f" page {megabytes:.1f} MB ({1000 * megabytes / size:.1f} kB an article)", flush=True)

    runs: dict[int, list[dict]] = {size: [] for size in pages}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(args.rounds):
            for size, path in pages.items():  # interleaved: small, large, small, large, ...
                runs[size].append(open_once(browser, path))
        browser.close()

    print(f"load average {os.getloadavg()[0]:.1f} after the browser rounds")
    print(f"\n=== opened in headless Chromium: median of {args.rounds} interleaved rounds ===")
    print(f"  {'articles':>8} {'usable':>8} {'ready':>8} {'busy':>8} {'Playwright':>11} {'JS heap':>9}")
    for size, found in runs.items():
        med = {key: statistics.median(r[key] for r in found) for key in ("usable", "ready", "cpu", "seen", "heap")}
        print(f"  {size:>8} {med['usable']:>7.2f}s {med['ready']:>7.2f}s {med['cpu']:>7.2f}s {med['seen']:>10.2f}s"
              f" {med['heap'] / 1e6:>7.0f}MB")
    large = statistics.median(r["usable"] for r in runs[args.articles])
    small = statistics.median(r["usable"] for r in runs[args.small])
    verdict = "meets" if large < FLOOR else "MISSES"
    print(f"  {args.articles} articles usable in {large:.2f} s: {verdict} the floor of {FLOOR:.0f} s "
          f"({large / FLOOR:.2f} of it); {large / small:.1f}x the {args.small}-article page for "
          f"{args.articles / args.small:.0f}x the articles")
    print(f"\n=== a filter, until painted ({args.articles} articles; median wall, renderer busy time) ===")
    for label, *_ in FILTERS:
        wall = statistics.median(r["filters"][label][0] for r in runs[args.articles])
        cpu = statistics.median(r["filters"][label][1] for r in runs[args.articles])
        print(f"  {label:<22} {wall * 1000:>6.0f} ms wall {cpu * 1000:>6.0f} ms busy  "
              f"{runs[args.articles][0]['filters'][label][2]}")


if __name__ == "__main__":
    main()
