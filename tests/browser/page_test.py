#!/usr/bin/env python3
"""The ndx-serve page in headless Chromium (Debian's chromium + chromium-driver, driven by
python3-selenium), on an index of sample-corpus/ plus a hostile article.

Usage: page_test.py BUILD_DIR   (run from the source directory)
Exit 77 (skipped) when Chromium, chromedriver or Selenium is missing.  Leaves screenshots
of the page at laptop and phone widths in BUILD_DIR/browser-*.png.
"""
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_helper import Server  # noqa: E402

SKIP = 77
try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("SKIP: python3-selenium is not installed")
    sys.exit(SKIP)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
if not CHROMIUM or not DRIVER:
    print("SKIP: chromium or chromedriver is not installed")
    sys.exit(SKIP)

build = os.path.abspath(sys.argv[1])
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


server = Server(build, ["sample-corpus", "tests/browser/data"], os.getcwd())
opts = webdriver.ChromeOptions()
opts.binary_location = CHROMIUM
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--window-size=1280,900", "--user-data-dir=" + os.path.join(server.tmp, "chrome"),
          "--no-first-run", "--disable-extensions", "--lang=en-US"]:
    opts.add_argument(a)
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
# hermetic: Chromium's profile, caches and certificate store go to the test's directory
d = webdriver.Chrome(service=Service(DRIVER, env=dict(os.environ, HOME=server.tmp, XDG_CONFIG_HOME=server.tmp,
                                                      XDG_CACHE_HOME=server.tmp)), options=opts)
wait = WebDriverWait(d, 10)


def css(sel):
    return d.find_elements(By.CSS_SELECTOR, sel)


def summary():
    return d.find_element(By.ID, "summary").text


def wait_for(fn, what):
    try:
        wait.until(lambda _: settled() and fn())
        return True
    except TimeoutException:
        check(False, what + " (timed out)")
        return False


def settled():
    """Whether the page shows the state its URL holds (app.js sets body[data-shown])."""
    return d.execute_script("return document.body.dataset.shown === location.search")


def facet_count(facet, value):
    counts = d.execute_script(
        "return Array.from(document.querySelectorAll('#facet-' + arguments[0] + ' li'))"
        ".filter(li => li.querySelector('label'))"
        ".map(li => [li.querySelector('label').textContent, li.querySelector('.count').textContent])",
        facet)
    for label, count in counts:
        if label == value:
            return int(count.replace(",", ""))
    return None


def facet_li(facet, value):
    for li in css("#facet-%s li" % facet):
        labels = li.find_elements(By.TAG_NAME, "label")
        if labels and labels[0].text == value:
            return li
    raise AssertionError("no %s value %r in the sidebar" % (facet, value))


try:
    # 1. type a query and submit it with the keyboard
    d.get(server.url + "/")
    wait_for(lambda: "articles" in summary(), "the page lists articles on load")
    check("of 6 articles" in summary(), "browsing shows all 6 articles: " + summary())
    q = d.find_element(By.ID, "q")
    q.send_keys("TTP", Keys.ENTER)
    wait_for(lambda: "q=TTP" in d.current_url and "of 5 articles" in summary(),
             "typing TTP + Enter searches and puts q in the URL")
    marks = css("#hits .snippet mark")
    check(len(marks) > 0 and all(m.text.upper() == "TTP" for m in marks),
          "snippets highlight the matching words")
    groups_before = facet_count("group", "Taliban")
    d.save_screenshot(os.path.join(build, "browser-search.png"))

    # 2. click a facet value: hits and counts change, URL holds it
    facet_li("speaker", "Matthew Miller").find_element(By.TAG_NAME, "input").click()
    wait_for(lambda: "speaker=Matthew+Miller" in d.current_url and "of 4 articles" in summary(),
             "selecting speaker Matthew Miller narrows to 4 articles")
    check(facet_count("group", "Taliban") != groups_before or groups_before is None
          or facet_count("group", "Tehreek-e-Taliban Pakistan") == 4,
          "group counts follow the speaker filter")
    check(facet_count("speaker", "Asim Munir") is not None,
          "the speaker facet stays multi-select (other speakers still listed)")
    check(any("speaker: Matthew Miller" in c.text for c in css("#chips .chip")),
          "the active filter shows as a chip")

    # 3. exclusion
    facet_li("group", "Al-Qaeda").find_element(By.CLASS_NAME, "exclude").click()
    wait_for(lambda: "exclude-group=Al-Qaeda" in d.current_url, "exclude puts exclude-group in the URL")
    wait_for(lambda: "of 2 articles" in summary() or "of 3 articles" in summary(),
             "excluding Al-Qaeda narrows the hits: " + summary())
    check("excluded" in facet_li("group", "Al-Qaeda").get_attribute("class"),
          "the excluded value is marked in the sidebar")

    # 4. the back button restores the previous state
    d.back()
    wait_for(lambda: "exclude-group" not in d.current_url and "of 4 articles" in summary(),
             "back removes the exclusion")
    d.back()
    wait_for(lambda: "speaker=" not in d.current_url and "of 5 articles" in summary(),
             "back again removes the speaker filter")

    # 5. the date histogram: a drag over the bars sets a range
    d.get(server.url + "/?interval=month")
    wait_for(lambda: len(css("#histogram rect.bar")) >= 2, "the histogram has bars")
    bars = css("#histogram rect.bar")
    ActionChains(d).move_to_element(bars[0]).click_and_hold().move_to_element(bars[-1]).release().perform()
    wait_for(lambda: "from=" in d.current_url and "to=" in d.current_url, "dragging sets from and to")
    check("date:" in d.find_element(By.ID, "chips").text, "the date range shows as a chip")
    wait_for(lambda: "of 3 articles" in summary(), "the range keeps the 3 dated articles: " + summary())
    bars = css("#histogram rect.bar")
    bars[0].click()
    wait_for(lambda: "of 1 articles" in summary() or "1–1 of 1" in summary(),
             "a click on one bar selects that month: " + summary())

    # 6. suggestions in the search box, chosen with the keyboard
    d.get(server.url + "/")
    q = d.find_element(By.ID, "q")
    q.send_keys("mill")
    wait_for(lambda: any("Matthew Miller" in li.text for li in css("#suggest li")),
             "typing 'mill' suggests Matthew Miller")
    q.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    wait_for(lambda: "speaker=Matthew+Miller" in d.current_url, "Arrow Down + Enter picks the suggestion")

    # 7. the place tree
    d.get(server.url + "/")
    wait_for(lambda: facet_count("location", "Pakistan") is not None, "countries are listed")
    facet_li("location", "Pakistan").find_element(By.CLASS_NAME, "drill").click()
    wait_for(lambda: "place=Pakistan" in d.current_url and facet_count("location", "Balochistan") is not None,
             "drilling into Pakistan lists its provinces")
    check("Pakistan" in d.find_element(By.CSS_SELECTOR, "#facet-location .crumbs").text,
          "the place crumbs name Pakistan")
    facet_li("location", "Balochistan").find_element(By.TAG_NAME, "input").click()
    wait_for(lambda: "location=Balochistan" in d.current_url, "selecting a province filters by it")
    n_baloch = facet_count("location", "Balochistan")
    check(n_baloch is not None and ("of %d articles" % n_baloch) in summary(),
          "the hits are the province's count: %s / %s" % (n_baloch, summary()))
    d.save_screenshot(os.path.join(build, "browser-facets.png"))

    # 8. the article view with evidence highlighted
    d.get(server.url + "/?q=sanctuaries")
    wait_for(lambda: len(css("#hits h3 a")) > 0, "hits for sanctuaries")
    css("#hits h3 a")[0].click()
    wait_for(lambda: "article=" in d.current_url and len(css("#article mark.ev")) > 0,
             "opening an article shows its text with evidence marked")
    buttons = css("#article .evidence-values button.speaker")
    check(len(buttons) > 0, "the article lists its speakers")
    if buttons:
        name = buttons[0].text
        buttons[0].click()
        wait_for(lambda: len(css("#article mark.ev.active")) > 0, "choosing a value highlights its evidence")
        active = " ".join(m.text for m in css("#article mark.ev.active"))
        last = name.split()[-1]
        check(last in active or "said" in active, "the highlighted evidence is about %s" % name)
    d.save_screenshot(os.path.join(build, "browser-article.png"))
    d.back()
    wait_for(lambda: "article=" not in d.current_url and len(css("#hits h3 a")) > 0, "back returns to the hits")

    # 9. quotes view
    d.get(server.url + "/?q=extremism&view=quotes")
    wait_for(lambda: len(css("#hits blockquote")) > 0, "the quotes view lists statements")
    check(len(css("#hits .who")) > 0, "each statement names its speaker")

    # 10. hostile text shows as text, runs nothing
    d.get(server.url + "/?q=ministers")
    wait_for(lambda: len(css("#hits h3 a")) > 0, "the hostile article is found")
    title = css("#hits h3 a")[0].text
    check("<script>" in title and "<img" in title, "markup in a title shows as text: " + title)
    check(len(css("#hits img, #hits script, #hits iframe, #hits b")) == 0, "no element made from article text")
    check(d.execute_script("return window.__pwned === undefined"), "no script from the article ran")
    css("#hits h3 a")[0].click()
    wait_for(lambda: len(css("#article .body p")) > 0, "the hostile article opens")
    body = d.find_element(By.CSS_SELECTOR, "#article .body").text
    check("<script>window.__pwned = 3</script>" in body and "onerror=window.__pwned=4" in body,
          "markup in the article text shows as text")
    check(len(css("#article img, #article script, #article iframe")) == 0,
          "no element made from article text in the article view")
    check(d.execute_script("return window.__pwned === undefined"), "still no script ran")

    # 11. keyboard: '/' focuses the search box; phone width hides the sidebar behind a button
    d.get(server.url + "/?q=TTP")
    wait_for(lambda: "of 5" in summary(), "hits for TTP")
    d.find_element(By.TAG_NAME, "body").send_keys("/")
    check(d.switch_to.active_element.get_attribute("id") == "q", "'/' moves focus to the search box")
    d.set_window_size(390, 844)
    time.sleep(0.2)
    check(not d.find_element(By.ID, "sidebar").is_displayed(), "at phone width the sidebar is folded")
    d.find_element(By.ID, "toggle-filters").click()
    check(d.find_element(By.ID, "sidebar").is_displayed(), "the Filters button opens it")
    width = d.execute_script("return document.documentElement.scrollWidth")
    check(width <= 390, "nothing is wider than the phone (%d px)" % width)
    d.save_screenshot(os.path.join(build, "browser-phone.png"))
    d.set_window_size(1280, 900)

    # 12. the page keeps to its Content-Security-Policy (nothing blocked, no script errors)
    errors = [e["message"] for e in d.get_log("browser")
              if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    check(not errors, "no errors in the browser console: %s" % errors[:3])
finally:
    d.quit()
    server.close()

if failures:
    print("%d check(s) failed" % len(failures))
    sys.exit(1)
print("all browser checks passed; screenshots in %s/browser-*.png" % build)
