"""Opens a (large) report page in headless Chromium and checks that it works: the page's script runs and shows
the first period, the last period opens, an actor found by the search opens with its path, and the browser logs
no error. Prints the seconds each step took and the page's size, saves screenshots, ends with "N passed, N failed".

For the pages of big studies (the L bench dataset: `blocs analyze DATA --format none`), where the page carries
less than the tables (`ReportLimits`) and says so at its top: with --abridged it also checks that note.

usage: check_large_page.py INDEX.html SCREENSHOT_DIR [--abridged]
(Selenium from scripts/.venv, as scripts/test-report installs it; Debian's chromium and chromium-driver.)
"""

import os
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_report  # noqa: E402  (its browser set-up and its pass/fail counter)
from test_report import check  # noqa: E402


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    page, shots = os.path.abspath(sys.argv[1]), sys.argv[2]
    abridged = "--abridged" in sys.argv[3:]
    os.makedirs(shots, exist_ok=True)
    print(f"page: {os.path.getsize(page) / 1e6:.1f} MB", flush=True)
    driver = test_report.make_driver()
    driver.set_page_load_timeout(600)
    driver.set_script_timeout(600)
    try:
        t = time.time()
        driver.get("file://" + page)
        info = driver.execute_script("""var d = JSON.parse(document.getElementById('report-data').textContent);
            return {n: d.periods.length, first: d.periods[0].label, last: d.periods[d.periods.length - 1].label,
                    actors: d.actors.length, ties: d.ties.length, actor: d.actors.length ? d.actors[0].name : null};""")
        label = driver.find_element(By.ID, "period-label").text
        print(f"loaded and parsed in {time.time() - t:.1f} s: {info['n']} periods, {info['actors']} actors, {info['ties']} tie records", flush=True)
        check("the script ran and shows the first period", label == info["first"], f"{label!r} vs {info['first']!r}")
        note = driver.execute_script("var p = document.getElementById('abridged'); return p ? p.textContent : null;")
        if abridged:
            check("the page says it is abridged and where the full data is", bool(note) and "tables/" in note, repr(note))
        else:
            check("the page is whole (no abridged note)", note is None, repr(note))
        driver.save_screenshot(os.path.join(shots, "large-first.png"))
        t = time.time()
        driver.find_element(By.CSS_SELECTOR, f'#ticks button[data-period="{info["n"] - 1}"]').click()
        label = driver.find_element(By.ID, "period-label").text
        print(f"last period shown in {time.time() - t:.1f} s", flush=True)
        check("the last period opens", label == info["last"], f"{label!r} vs {info['last']!r}")
        driver.save_screenshot(os.path.join(shots, "large-last.png"))
        if info["actor"]:
            t = time.time()
            driver.execute_script("window.scrollTo(0, 0);")
            driver.find_element(By.ID, "actor-search").send_keys(info["actor"], Keys.ENTER)
            name = driver.find_element(By.ID, "actor-name").text
            cells = driver.execute_script("return document.querySelectorAll('#actor-path li').length")
            print(f"actor view in {time.time() - t:.1f} s", flush=True)
            check("the search opens an actor with a path through every period", name == info["actor"] and cells == info["n"],
                  f"{name!r}, {cells} cells")
            driver.save_screenshot(os.path.join(shots, "large-actor.png"))
        logs = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        check("no browser errors", logs == [], "\n  ".join(e["message"][:300] for e in logs))
    except Exception as e:  # a crashed tab or a timeout is a failure, reported as one line
        check("the page opens", False, f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
    finally:
        driver.quit()
    print(f"{test_report.passed} passed, {test_report.failed} failed")
    sys.exit(1 if test_report.failed else 0)


if __name__ == "__main__":
    main()
