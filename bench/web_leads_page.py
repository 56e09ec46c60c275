#!/usr/bin/env python3
"""Navigation to a rendered leads page in Chromium: a company with a million leads beside one with a
thousand (the reference, in the same run), on page 1, page 5,000 and a search.

Each sample is a full page load in headless Chromium (Debian's, through chromium-driver): about:blank,
then the app's URL; the time is the app's `leads-rendered` performance mark, which the leads page sets
once its table is in the DOM, measured from the navigation's start (HTML, script, /api/users/me, the
company and the page of leads, rendering). Medians and the ratio of the big company to the small one.

  bench/web_leads_page.sh            (prepares the data and runs this)
  web_leads_page.py URL EMAIL PASSWORD BIG_COMPANY_ID SMALL_COMPANY_ID [SAMPLES]
"""
import statistics
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(flag)
    options.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="reach-bench-chromium-"))
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def rendered_ms(driver, url):
    driver.get("about:blank")
    driver.get(url)
    mark = WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "const m = performance.getEntriesByName('leads-rendered'); return m.length ? m[0].startTime : null;"))
    return float(mark)


def main():
    url, email, password, big, small = sys.argv[1:6]
    samples = int(sys.argv[6]) if len(sys.argv) > 6 else 15
    driver = browser()
    try:
        driver.get(url + "/login")
        WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.NAME, "email"))).send_keys(email)
        driver.find_element(By.NAME, "password").send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        WebDriverWait(driver, 10).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Your companies"))
        # (view, the small company's query, the big one's): the deep page is the small company's last
        # (50 of 50 at 20 leads a page) and the big one's 5,000th (of 50,000).
        views = [("page 1", "", ""), ("a deep page (50 / 5,000)", "?page=50", "?page=5000"),
                 ('search "lovelace"', "?search=lovelace", "?search=lovelace")]
        print("| view | 1,000 leads median ms | 1,000,000 leads median ms | ratio | million: min-max ms |")
        print("|---|---|---|---|---|")
        for name, small_query, big_query in views:
            times = {}
            for company, query in ((small, small_query), (big, big_query)):
                page = f"{url}/app#/companies/{company}{query}"
                rendered_ms(driver, page)  # warm: the server's statement cache, the browser's script cache
                times[company] = [rendered_ms(driver, page) for _ in range(samples)]
            s, b = statistics.median(times[small]), statistics.median(times[big])
            print(f"| {name} | {s:.0f} | {b:.0f} | {b / s:.2f}x | {min(times[big]):.0f}-{max(times[big]):.0f} |")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
