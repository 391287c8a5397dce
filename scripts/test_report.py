"""Real-browser test of the HTML report (run by scripts/test-report).

Loads the report of the hostile fixture model from file:// in headless Chromium (Debian's chromium and
chromium-driver), steps through the periods with the buttons, the slider, the keyboard, the URL hash and clicks
on the charts and the ranking table, and checks at every step what is shown against the model, written by
`blocs-report-fixture --model` with Foundation's JSONEncoder (an encoding independent of the page's own JSON).
It also checks that nothing from the data ran (no alert, no injected handler, no marker global), that the page
made no request, and that the browser logged no error (a Content-Security-Policy refusal would be one). Saves
screenshots to the given folder and ends with a line "N passed, N failed".

usage: test_report.py REPORT.html MODEL.json SCREENSHOT_DIR
"""

import base64
import json
import os
import sys
import time
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""), flush=True)


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--no-first-run", "--disable-extensions", "--disable-background-networking"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # Keep an alert open instead of dismissing it, so that the test sees it.
    options.set_capability("unhandledPromptBehavior", "ignore")
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(options=options, service=service)


def main():
    html_path, model_path, shots = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(shots, exist_ok=True)
    with open(model_path, encoding="utf-8") as f:
        model = json.load(f)
    periods = model["periods"]
    n = len(periods)
    url = "file://" + urllib.parse.quote(os.path.abspath(html_path))

    driver = make_driver()
    try:
        run(driver, url, html_path, model, periods, n, shots)
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def text(driver, css):
    return driver.execute_script("var e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css)


def no_alert(driver, where):
    try:
        alert = driver.switch_to.alert
        message = alert.text
        alert.dismiss()
        check(f"no alert ({where})", False, f"an alert ran: {message!r}")
    except NoAlertPresentException:
        check(f"no alert ({where})", True)


def shown(driver):
    """What the period panel shows, read from the DOM."""
    return driver.execute_script("""
        var q = function (s) { return document.querySelector(s); };
        var all = function (s) { return Array.prototype.slice.call(document.querySelectorAll(s)); };
        return {
          label: q('#period-label').textContent,
          dates: q('#period-dates').textContent,
          slider: q('#slider').value,
          hash: location.hash,
          prevDisabled: q('#prev').disabled,
          nextDisabled: q('#next').disabled,
          img: q('#diagram').getAttribute('src'),
          coalitions: all('#coalitions li.coalition').map(function (li) {
            return { label: li.querySelector('.coalition-label').textContent,
                     id: li.querySelector('.coalition-id').textContent,
                     size: li.querySelector('.coalition-size').textContent,
                     members: li.querySelector('.members').textContent,
                     swatch: li.querySelector('.swatch').style.backgroundColor }; }),
          changes: all('#changes li.change').map(function (li) {
            return { event: li.querySelector('.event').textContent, detail: li.querySelector('.detail').textContent,
                     meta: li.querySelector('.change-meta') ? li.querySelector('.change-meta').textContent : '' }; }),
          emptyChanges: all('#changes li.empty').map(function (li) { return li.textContent; }),
          top: all('#top-actors li .name').map(function (e) { return e.textContent; }),
          facts: all('#facts div').map(function (d) { return [d.firstChild.textContent, d.lastChild.textContent]; }),
          markers: all('.chart svg').map(function (svg) {
            return [parseFloat(svg.getAttribute('data-x0')), parseFloat(svg.getAttribute('data-step')),
                    parseFloat(svg.querySelector('.marker').getAttribute('x'))]; }),
          rows: all('.ranking tbody tr').map(function (tr) { return tr.classList.contains('selected'); }),
          ticks: all('#ticks li').map(function (li) { return li.classList.contains('current'); })
        };""")


def expect_period(driver, i, periods, how):
    p = periods[i]
    n = len(periods)
    s = shown(driver)
    where = f"{how} -> {p['label']}"
    check(f"label ({where})", s["label"] == p["label"], f"shows {s['label']!r}")
    check(f"dates ({where})", s["dates"] == f"{p['start']} – {p['end']}", repr(s["dates"]))
    check(f"slider ({where})", s["slider"] == str(i), s["slider"])
    check(f"buttons ({where})", s["prevDisabled"] == (i == 0) and s["nextDisabled"] == (i == n - 1))
    svg = base64.b64decode(p["diagram"]["svg"]) if p.get("diagram") else None
    check(f"diagram ({where})", svg is not None and s["img"] == "data:image/svg+xml;base64," + base64.b64encode(svg).decode())
    want = [{"label": c["label"], "id": c["id"], "size": f"{c['size']} member{'' if c['size'] == 1 else 's'}",
             "members": ", ".join(m["name"] for m in c["members"])} for c in p["coalitions"]]
    got = [{k: c[k] for k in ("label", "id", "size", "members")} for c in s["coalitions"]]
    check(f"coalitions ({where})", got == want, f"\n  got  {got}\n  want {want}")
    for c, g in zip(p["coalitions"], s["coalitions"]):
        color = c.get("color")
        valid = isinstance(color, str) and len(color) == 7 and color.startswith("#")
        if valid:
            rgb = tuple(int(color[k:k + 2], 16) for k in (1, 3, 5))
            check(f"swatch colour ({where}, {c['id']})", g["swatch"] == "rgb(%d, %d, %d)" % rgb, g["swatch"])
        else:
            check(f"invalid colour ignored ({where}, {c['id']})", g["swatch"] == "", g["swatch"])
    want_changes = [(c["event"], c["detail"]) for c in p["changes"]]
    check(f"changes ({where})", [(c["event"], c["detail"]) for c in s["changes"]] == want_changes, repr(s["changes"]))
    for c, g in zip(p["changes"], s["changes"]):
        for name in c["actors"] + c["coalitions"]:
            check(f"change names ({where})", name in g["meta"], f"{name!r} not in {g['meta']!r}")
    if not p["changes"]:
        check(f"no changes said ({where})", len(s["emptyChanges"]) == 1)
    check(f"top actors ({where})", s["top"] == [a["name"] for a in p["topActors"]], repr(s["top"]))
    facts = dict(s["facts"])
    check(f"coalition count ({where})", facts.get("Coalitions") == str(p["counts"]["count"]), repr(facts))
    share = p["counts"].get("largestShare")
    check(f"largest share ({where})", facts.get("Largest coalition") == f"{round(share * 100)}%", repr(facts))
    check(f"chart markers ({where})", len(s["markers"]) >= 4 and all(abs(x0 + i * step - x) < 0.01 for x0, step, x in s["markers"]),
          repr(s["markers"]))
    check(f"ranking row ({where})", s["rows"] == [k == i for k in range(n)], repr(s["rows"]))
    check(f"current tick ({where})", s["ticks"] == [k == i for k in range(n)], repr(s["ticks"]))
    return s


def screenshot(driver, path, width):
    driver.set_window_size(width, 1000)
    time.sleep(0.2)
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": min(size["height"], 6000), "scale": 1}})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def run(driver, url, html_path, model, periods, n, shots):
    driver.get(url)
    check("page loads", driver.execute_script("return document.readyState") == "complete")
    no_alert(driver, "after load")
    check("stylesheet applied (CSP allows the page's own style)",
          driver.execute_script("return getComputedStyle(document.body).marginTop") == "0px")
    check("script ran (CSP allows the page's own script)", text(driver, "#period-label") == periods[0]["label"])

    # Dataset texts are shown as text.
    title = model["dataset"]["title"]
    check("title shown literally", text(driver, "h1") == title, repr(text(driver, "h1")))
    check("tab title", driver.title == f"{periods[0]['label']} · {title}", repr(driver.title))
    settings = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#settings div'), "
                                     "function (d) { return [d.firstChild.textContent, d.lastChild.textContent]; });")
    check("settings shown", settings == [[s["name"], s["value"]] for s in model["settings"]], repr(settings))
    citations = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('.sources .citation'), "
                                      "function (e) { return e.textContent; });")
    check("sources shown", citations == [s["citation"] for s in model["sources"]], repr(citations))
    hrefs = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('a[href]'), "
                                  "function (a) { return a.getAttribute('href'); });")
    check("only web links", all(h.startswith(("http://", "https://")) for h in hrefs) and len(hrefs) == 1, repr(hrefs))

    # Nothing from the data became markup or ran.
    check("two scripts only", driver.execute_script(
        "return Array.prototype.map.call(document.scripts, function (s) { return s.type; });") == ["application/json", ""])
    handlers = driver.execute_script("""
        var found = [];
        Array.prototype.forEach.call(document.querySelectorAll('*'), function (e) {
          Array.prototype.forEach.call(e.attributes, function (a) {
            if (/^on/i.test(a.name)) found.push(e.tagName + ' ' + a.name); }); });
        return found;""")
    check("no event-handler attributes", handlers == [], repr(handlers))
    check("no injected element", driver.execute_script(
        "return document.querySelectorAll('img:not(#diagram):not(.story img), iframe, object, embed, svg script').length") == 0)
    check("marker global not set", driver.execute_script("return window.__pwned === undefined"))
    images = driver.execute_script("return Array.prototype.map.call(document.images, function (i) { return i.src.slice(0, 26); });")
    check("images are data URLs", images and all(s == "data:image/svg+xml;base64," for s in images), repr(images))
    check("diagram image decoded", driver.execute_script("var i = document.getElementById('diagram'); return i.complete && i.naturalWidth > 0;"))
    page = driver.page_source
    for bad in ("<script>alert", "<img src=x", "<!-- not"):
        check(f"serialized page has no {bad!r}", bad not in page)
    with open(html_path, encoding="utf-8") as f:
        raw = f.read()
    for bad in ("<script>alert", "</script><script>", "<img src=x", "<!-- not", "\u2028", "\u2029", "window.__pwned=1\">"):
        check(f"HTML file has no raw {bad!r}", bad not in raw)
    check("HTML file has exactly two script elements", raw.count("<script") == 2 and raw.count("</script>") == 2)

    screenshot(driver, os.path.join(shots, "1-first-period.png"), 1400)

    # Next button through every period, then past the end.
    expect_period(driver, 0, periods, "load")
    nxt = driver.find_element(By.ID, "next")
    prev = driver.find_element(By.ID, "prev")
    for i in range(1, n):
        nxt.click()
        s = expect_period(driver, i, periods, "next button")
        check(f"hash follows ({periods[i]['label']})", s["hash"] == "#" + urllib.parse.quote(periods[i]["label"]), s["hash"])
        no_alert(driver, f"period {periods[i]['label']}")
        if i == 2:
            screenshot(driver, os.path.join(shots, "2-period-" + periods[i]["label"] + ".png"), 1400)
    driver.execute_script("document.getElementById('next').click();")
    expect_period(driver, n - 1, periods, "next at the end")
    # Previous button back.
    prev.click()
    expect_period(driver, n - 2, periods, "previous button")

    # Keyboard: arrows on the page.
    driver.find_element(By.TAG_NAME, "h1").click()
    ActionChains(driver).send_keys(Keys.ARROW_LEFT).perform()
    expect_period(driver, n - 3, periods, "left arrow")
    ActionChains(driver).send_keys(Keys.ARROW_RIGHT).send_keys(Keys.ARROW_RIGHT).perform()
    expect_period(driver, n - 1, periods, "right arrow twice")
    ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
    expect_period(driver, n - 1, periods, "right arrow at the end")

    # Slider: dragged to the start, then stepped with its own arrow keys, then clicked near the end.
    slider = driver.find_element(By.ID, "slider")
    width = slider.size["width"]
    ActionChains(driver).click_and_hold(slider).move_to_element_with_offset(slider, -width // 2 + 1, 0).release().perform()
    expect_period(driver, 0, periods, "slider dragged to the start")
    slider.send_keys(Keys.ARROW_RIGHT)
    expect_period(driver, 1, periods, "slider arrow key")
    ActionChains(driver).move_to_element_with_offset(slider, int(width * (n - 1.6) / (n - 1)) - width // 2, 0).click().perform()
    expect_period(driver, n - 2, periods, "slider clicked")

    # The diagram enlarges and shrinks on a click, and stays on its period.
    diagram = driver.find_element(By.ID, "diagram")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", diagram)
    narrow = diagram.size["width"]
    diagram.click()
    check("diagram enlarges", driver.execute_script("return document.querySelector('.period').classList.contains('enlarged')")
          and diagram.size["width"] > narrow * 1.3, f"{narrow} -> {diagram.size['width']}")
    diagram.click()
    check("diagram shrinks back", diagram.size["width"] == narrow, f"{narrow} -> {diagram.size['width']}")
    expect_period(driver, n - 2, periods, "diagram clicks")

    # Clicks on a chart column, a ranking row and a tick label.
    driver.execute_script("document.querySelector('#chart-coalitions .hit[data-period=\"1\"]').scrollIntoView({block: 'center'});")
    driver.find_element(By.CSS_SELECTOR, '#chart-coalitions .hit[data-period="1"]').click()
    expect_period(driver, 1, periods, "chart column click")
    row = driver.find_element(By.CSS_SELECTOR, '.ranking tbody tr[data-period="3"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", row)
    row.click()
    expect_period(driver, 3, periods, "ranking row click")
    driver.execute_script("window.scrollTo(0, 0);")
    driver.find_element(By.CSS_SELECTOR, '#ticks button[data-period="0"]').click()
    expect_period(driver, 0, periods, "tick label click")

    # The URL hash: changed on an open page, and a fresh load of a link to a period.
    target = n - 3
    driver.execute_script("location.hash = arguments[0];", "#" + urllib.parse.quote(periods[target]["label"]))
    time.sleep(0.1)
    expect_period(driver, target, periods, "hash change")
    driver.get("about:blank")
    driver.get(url + "#" + urllib.parse.quote(periods[n - 2]["label"]))
    expect_period(driver, n - 2, periods, "link to a period")
    driver.get("about:blank")
    driver.get(url + "#no-such-period")
    expect_period(driver, 0, periods, "link to an unknown period")
    no_alert(driver, "after navigation")
    check("marker global still not set", driver.execute_script("return window.__pwned === undefined"))

    # No request besides the page itself, and no browser error (a CSP refusal is logged as one).
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
        ".filter(function (u) { return u.slice(0, 5) !== 'data:'; });")
    check("no requests", resources == [], repr(resources))
    logs = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    check("no browser errors or warnings", logs == [], "\n  ".join(e["message"] for e in logs))

    # Screenshots: the last period wide, and the first on a narrow screen.
    driver.get(url + "#" + urllib.parse.quote(periods[n - 1]["label"]))
    screenshot(driver, os.path.join(shots, "3-last-period.png"), 1400)
    driver.get(url + "#" + urllib.parse.quote(periods[0]["label"]))
    screenshot(driver, os.path.join(shots, "4-narrow.png"), 420)
    no_alert(driver, "at the end")


if __name__ == "__main__":
    sys.exit(main())
