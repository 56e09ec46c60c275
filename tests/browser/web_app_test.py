#!/usr/bin/python3
"""The web app in a real browser: Debian's headless Chromium driven by chromium-driver through
python3-selenium, against build/reach serve (SQLite, or the PostgreSQL of REACH_TEST_DATABASE_URL).

Signs up, follows the verification link from the outbox, signs in, creates a company, shows leads
(one named like an XSS payload, which must stay text), and checks that another tenant's URL shows
nothing. Screenshots go to build/screenshots/. Prints gtest-style summary lines for run-tests.sh.
Usage: tests/browser/web_app_test.py [path/to/reach]"""
import email
import email.policy
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REACH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "reach")
SHOTS = os.path.join(ROOT, "build", "screenshots")
XSS_NAME = "<img src=x onerror=alert(1)>"
RUN = str(int(time.time() * 1000))[-9:]  # addresses unique per run (the PostgreSQL pass shares a database)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Reach:
    """`reach serve` on a free loopback port with its own data directory (and outbox)."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="reach-browser-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, REACH_DATA_DIR=self.dir, REACH_LISTEN=f"127.0.0.1:{self.port}",
                   REACH_PUBLIC_URL=self.url, REACH_LOG_LEVEL="warn", REACH_CAMPAIGN_MAIL="outbox")
        if os.environ.get("REACH_TEST_DATABASE_URL"):
            env["REACH_DATABASE_URL"] = os.environ["REACH_TEST_DATABASE_URL"]
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.process = subprocess.Popen([REACH, "serve"], env=env, stdout=self.log, stderr=self.log)
        wait_for(lambda: self.get("/healthz")[0] == 200, "reach to answer /healthz")

    def request(self, method, path, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers or {})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.read().decode(), r.headers
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(), e.headers
        except OSError:
            return 0, "", {}

    def get(self, path):
        return self.request("GET", path)

    def mail_link(self, to, kind):
        """The link of kind ("verify", "reset-password", "invite") in the newest mail to `to`."""
        def find():
            for path in sorted(glob.glob(os.path.join(self.dir, "outbox", "*.eml")), reverse=True):
                with open(path, "rb") as f:
                    msg = email.message_from_binary_file(f, policy=email.policy.default)
                if msg["To"] and to in msg["To"]:
                    body = msg.get_body(preferencelist=("plain",)).get_content()
                    m = re.search(re.escape(self.url) + "/" + kind + r"\?token=[A-Za-z0-9_\-]+", body)
                    if m:
                        return m.group(0)
            return None
        return wait_for(find, f"a {kind} mail to {to} in the outbox")

    def verified_account(self, address, password):
        """An account made through the API, verified through its mail's link; answers a Bearer token."""
        status, body, _ = self.request("POST", "/api/auth/signup", {"email": address, "password": password})
        assert status == 200, body
        token = self.mail_link(address, "verify").split("token=")[1]
        status, body, _ = self.request("POST", "/api/auth/verify", {"token": token})
        assert status == 200, body
        return login_token(self, address, password)

    def company(self, token, **fields):
        """A company made through the API with a Bearer token; answers its id."""
        status, body, _ = self.request("POST", "/api/companies", fields, {"Authorization": "Bearer " + token})
        assert status in (200, 201), body
        return json.loads(body)["id"]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_for(check, what, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def wait(driver, seconds=10):
    """A wait that reads the page again when the app re-rendered the element it was reading."""
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,))


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(flag)
    options.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="reach-chromium-"))
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Page:
    def __init__(self, driver, reach):
        self.d, self.reach = driver, reach

    def open(self, path):
        self.d.get(path if path.startswith("http") else self.reach.url + path)

    def heading(self, text):
        wait(self.d).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), text))

    def fill(self, name, value):
        field = self.d.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)

    def submit(self):
        self.d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()

    def notice(self, text):
        wait(self.d).until(EC.text_to_be_present_in_element((By.ID, "main"), text))

    def shot(self, name):
        os.makedirs(SHOTS, exist_ok=True)
        self.d.save_screenshot(os.path.join(SHOTS, name + ".png"))

    def sign_in(self, address, password):
        self.open("/login")
        self.heading("Sign in")
        self.fill("email", address)
        self.fill("password", password)
        self.submit()
        self.heading("Your companies")


def test_sign_up_verify_sign_in_company_and_leads(reach, page):
    address, password = f"ada.{RUN}@rockets.example", "correct horse battery"
    page.open("/signup")
    page.heading("Create your account")
    page.shot("signup")
    page.fill("name", "Ada Lovelace")
    page.fill("email", address)
    page.fill("password", password)
    page.submit()
    page.notice("Please check your email")

    page.open(reach.mail_link(address, "verify"))  # the link exactly as the email gives it
    page.heading("Email verified")
    page.d.find_element(By.LINK_TEXT, "Sign in").click()
    page.heading("Sign in")
    page.fill("email", address)
    page.fill("password", "wrong password")
    page.submit()
    page.notice("Incorrect email or password")  # the API's message, shown as it is

    page.sign_in(address, password)
    assert "No company yet" in page.d.find_element(By.ID, "main").text
    page.fill("name", "Acme Rockets")
    page.fill("website", "https://rockets.example")
    page.submit()
    page.heading("Acme Rockets")
    assert "No leads yet" in page.d.find_element(By.ID, "main").text
    company_id = re.search(r"#/companies/([0-9a-f-]+)", page.d.current_url).group(1)

    # Leads through the API as the same user; one of them named like an attack.
    token = login_token(reach, address, password)
    for name, mail in ((XSS_NAME, f"xss.{RUN}@evil.example"), ("Grace Hopper", f"grace.{RUN}@navy.example")):
        status, body, _ = reach.request("POST", f"/api/companies/{company_id}/leads",
                                        {"name": name, "email": mail, "company": "Navy", "job_title": "Admiral"},
                                        {"Authorization": "Bearer " + token})
        assert status in (200, 201), body
    page.d.refresh()
    page.heading("Acme Rockets")
    wait(page.d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "tbody tr")) == 2)
    cells = [td.text for td in page.d.find_elements(By.CSS_SELECTOR, "tbody td:first-child")]
    assert XSS_NAME in cells, cells  # shown as the text it is
    assert not page.d.find_elements(By.CSS_SELECTOR, "main img"), "the lead's name became an element"
    page.shot("company-leads")
    page.fill("search", "grace")
    page.d.find_element(By.CSS_SELECTOR, "form[role=search] button").click()
    wait(page.d).until(lambda d: [td.text for td in d.find_elements(By.CSS_SELECTOR, "tbody td:first-child")] == ["Grace Hopper"])
    page.d.find_element(By.LINK_TEXT, "Companies").click()
    page.heading("Your companies")
    page.shot("companies")
    # No script error and no CSP violation (the network's 401 for the wrong password is expected).
    errors = [e for e in page.d.get_log("browser") if e["level"] == "SEVERE" and e.get("source") != "network"]
    assert not errors, errors
    return company_id


def login_token(reach, address, password):
    """A Bearer token from /api/auth/login (the API's form login)."""
    form = urllib.parse.urlencode({"username": address, "password": password}).encode()
    with urllib.request.urlopen(urllib.request.Request(reach.url + "/api/auth/login", data=form), timeout=10) as r:
        return json.loads(r.read())["access_token"]


def test_another_tenant_sees_nothing_of_ours(reach, page):
    owner, password = f"owner.{RUN}@tenant-a.example", "tenant a password"
    token = reach.verified_account(owner, password)
    company_id = reach.company(token, name="Secret Tenant A")
    stranger = f"stranger.{RUN}@tenant-b.example"
    reach.verified_account(stranger, password)
    page.sign_in(stranger, password)
    assert "Secret Tenant A" not in page.d.find_element(By.ID, "main").text
    page.open(f"/app#/companies/{company_id}")
    page.heading("Something went wrong")
    text = page.d.find_element(By.ID, "main").text
    assert "Nothing here" in text and "Secret Tenant A" not in text, text
    page.d.find_element(By.CSS_SELECTOR, "nav button").click()  # sign out
    page.heading("Sign in")
    page.open("/app")
    page.heading("Sign in")  # the session is gone


def test_a_product_and_a_lead_list_upload_with_progress(reach, page):
    address, password = f"uploader.{RUN}@rockets.example", "upload password 1"
    token = reach.verified_account(address, password)
    company_id = reach.company(token, name="Upload Rockets")
    files = tempfile.mkdtemp(prefix="reach-browser-files-")
    brochure = os.path.join(files, "pilot.txt")
    with open(brochure, "w") as f:
        f.write("Rocket Pilot\n\nRocket Pilot plans launch windows for small satellite operators. "
                "It cuts mission planning from weeks to hours.\n")
    leads_csv = os.path.join(files, "leads.csv")
    with open(leads_csv, "w") as f:
        f.write("Full Name,E-mail Address,Company Name,Title\n"
                "Katherine Johnson,katherine@nasa.example,NASA,Mathematician\n"
                "Margaret Hamilton,margaret@mit.example,MIT,Director\n"
                "Nobody Reachable,,Nowhere,None\n"
                "Mary Jackson,mary@nasa.example,NASA,Engineer\n")
    page.sign_in(address, password)
    page.open(f"/app#/companies/{company_id}/products")
    page.heading("Upload Rockets: products")
    assert "No products yet" in page.d.find_element(By.ID, "main").text
    page.fill("product_name", "Rocket Pilot")
    page.d.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(brochure)
    page.submit()
    page.notice('"Rocket Pilot" is ready.')
    card = page.d.find_element(By.CSS_SELECTOR, "[data-product] .description")
    assert "launch windows" in card.text, card.text  # the description read from the file
    assert "null" not in page.d.find_element(By.ID, "main").text
    page.shot("products")

    page.d.find_element(By.LINK_TEXT, "Upload leads").click()
    page.heading("Upload Rockets: upload leads")
    page.d.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(leads_csv)
    page.submit()
    wait(page.d, 20).until(EC.text_to_be_present_in_element((By.ID, "main"), "3 leads created"))
    text = page.d.find_element(By.ID, "main").text
    assert "1 skipped" in text and "Skipped rows (1)" in text, text
    assert "null" not in text and "undefined" not in text, text  # nothing absent is shown as a word
    skipped = [td.text for td in page.d.find_elements(By.CSS_SELECTOR, "table.skipped tbody td")]
    assert skipped[0] == "4" and "email" in skipped[1].lower(), skipped  # the row and why
    page.shot("lead-upload")
    page.d.find_element(By.LINK_TEXT, "See the leads").click()
    wait(page.d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "tbody tr[data-lead]")) == 3)
    shutil.rmtree(files, ignore_errors=True)


def test_an_email_campaign_created_run_and_read_in_the_browser(reach, page):
    address, password = f"sender.{RUN}@rockets.example", "campaign password 1"
    token = reach.verified_account(address, password)
    auth = {"Authorization": "Bearer " + token}
    company_id = reach.company(token, name="Campaign Rockets", website="https://rockets.example")
    for name, mail, title in (("Katherine Johnson", f"katherine.{RUN}@nasa.example", "Mathematician"),
                              ("Dorothy Vaughan", f"dorothy.{RUN}@nasa.example", "Supervisor")):
        status, body, _ = reach.request("POST", f"/api/companies/{company_id}/leads",
                                        {"name": name, "email": mail, "company": "NASA", "job_title": title}, auth)
        assert status in (200, 201), body
    page.sign_in(address, password)
    base = f"/app#/companies/{company_id}"

    # A product first (the campaign page says so until there is one), through the products page.
    page.open(base + "/campaigns")
    page.notice("add a product")
    files = tempfile.mkdtemp(prefix="reach-browser-files-")
    brochure = os.path.join(files, "planner.txt")
    with open(brochure, "w") as f:
        f.write("Orbit Planner\n\nOrbit Planner computes launch windows in minutes.\n")
    page.open(base + "/products")
    page.heading("Campaign Rockets: products")  # a hash change: the page renders after open() returns
    page.fill("product_name", "Orbit Planner")
    page.d.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(brochure)
    page.submit()
    page.notice('"Orbit Planner" is ready.')

    # The mailbox (the outbox takes the mail in this test server), then the campaign.
    page.d.find_element(By.LINK_TEXT, "Settings").click()
    page.heading("Campaign Rockets: settings")
    page.notice("No mailbox yet")
    page.fill("email", f"sales.{RUN}@rockets.example")
    page.fill("password", "mailbox password")
    page.fill("from_name", "Ada from Campaign Rockets")
    page.fill("smtp_host", "smtp.rockets.example")
    page.d.find_element(By.XPATH, "//form[.//input[@name='smtp_host']]//button[@type='submit']").click()
    page.notice("Credentials saved")
    # The meeting link every email offers, in the company's profile.
    page.fill("custom_calendar_link", "https://cal.rockets.example/ada")
    page.d.find_element(By.XPATH, "//form[.//input[@name='custom_calendar_link']]//button[@type='submit']").click()
    page.notice("Emails will offer https://cal.rockets.example/ada.")
    page.d.find_element(By.LINK_TEXT, "Campaigns").click()
    page.heading("Campaign Rockets: campaigns")
    page.fill("name", "Launch season")
    page.d.find_element(By.NAME, "template").send_keys("Short, friendly, offer a 20 minute demo.")
    page.submit()
    wait(page.d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-campaign]"))
    page.d.find_element(By.CSS_SELECTOR, "[data-campaign] button").click()
    wait(page.d, 30).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[data-status]"), "completed"))
    assert page.d.find_element(By.CSS_SELECTOR, "[data-count=sent]").text == "2"
    assert "null" not in page.d.find_element(By.ID, "main").text
    page.shot("campaign-run")
    page.d.find_element(By.LINK_TEXT, "The campaign's runs and emails").click()
    page.heading("Launch season")
    wait(page.d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-email]")) == 2)
    # The analytics: the funnel over the two emails, and today's bars with the same figures in a table.
    wait(page.d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-stage=sent] .figure"))
    assert page.d.find_element(By.CSS_SELECTOR, "[data-stage=sent] .figure").text == "2 (100%)"
    assert page.d.find_element(By.CSS_SELECTOR, "[data-stage=opened] .figure").text == "0 (0%)"
    assert len(page.d.find_elements(By.CSS_SELECTOR, "svg.activity rect.sent")) == 30, "a bar slot for each day of the month"
    page.d.find_element(By.CSS_SELECTOR, ".analytics summary").click()
    today = page.d.find_elements(By.CSS_SELECTOR, ".analytics tr[data-day] td")
    assert [c.text for c in today[1:]] == ["2", "0", "0", "0"], [c.text for c in today]
    page.shot("campaign-emails")
    page.d.find_element(By.LINK_TEXT, "Katherine Johnson").click()
    wait(page.d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "article.message"))
    message = page.d.find_element(By.CSS_SELECTOR, "article.message").text
    assert f"katherine.{RUN}@nasa.example" in message and "Katherine" in message, message
    assert "https://cal.rockets.example/ada" in message, message
    page.shot("email-thread")

    # A campaign that sends only in working hours: the schedule from the form, shown on its page.
    page.open(base + "/campaigns")
    page.heading("Campaign Rockets: campaigns")
    page.fill("name", "Office hours")
    page.d.find_element(By.NAME, "windowed").click()
    page.fill("timezone", "Europe/Berlin")
    page.d.find_element(By.CSS_SELECTOR, "input[name=days][value='5']").click()  # not on Fridays
    page.submit()
    wait(page.d).until(lambda d: d.find_elements(By.LINK_TEXT, "Office hours"))
    page.d.find_element(By.LINK_TEXT, "Office hours").click()
    page.heading("Office hours")
    schedule = page.d.find_element(By.CSS_SELECTOR, "[data-schedule]").text
    assert schedule == "Sends Mon, Tue, Wed, Thu from 09:00 to 17:00 (Europe/Berlin).", schedule

    # What the writing cost: the AI usage in settings (the offline writer counts its requests too).
    page.open(base + "/settings")
    wait(page.d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#usage tr[data-usage]"))
    usage = page.d.find_element(By.CSS_SELECTOR, "#usage tbody tr[data-usage]")
    assert "offline" in usage.text, usage.text
    assert usage.find_element(By.CSS_SELECTOR, "[data-cost]").text == "$0.0000", usage.text
    page.notice("In all: $0.0000.")

    # The lead's own page: its fields, and the email the writer would make of it for the product.
    page.open(base)
    page.heading("Campaign Rockets")
    page.d.find_element(By.LINK_TEXT, "Dorothy Vaughan").click()
    page.heading("Dorothy Vaughan")
    assert "Supervisor" in page.d.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert page.d.find_element(By.XPATH, "//h2[starts-with(text(), 'Emails to this lead')]").text == "Emails to this lead (1)"
    assert page.d.find_element(By.CSS_SELECTOR, "[data-email] td").text == "Launch season"
    page.d.find_element(By.XPATH, "//button[text()='Preview the email']").click()
    wait(page.d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-preview=email]"))
    preview = page.d.find_element(By.CSS_SELECTOR, "[data-preview=email]").text
    assert "Dorothy" in preview and "Orbit Planner" in preview, preview
    page.shot("lead")

    # Research of the fit is kept: after a reload the lead's page lists it under the product's name.
    assert "No research of the fit yet" in page.d.find_element(By.ID, "main").text
    page.d.find_element(By.XPATH, "//button[text()='Research the fit']").click()
    page.notice("Pain points")
    page.d.refresh()
    page.heading("Dorothy Vaughan")
    wait(page.d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-research] summary"))
    assert page.d.find_element(By.CSS_SELECTOR, "[data-research] summary").text.startswith("Orbit Planner")

    # Edited in place: a new title is saved; another lead's address is refused with the API's reason.
    page.d.find_element(By.CSS_SELECTOR, "details.edit summary").click()
    title = page.d.find_element(By.CSS_SELECTOR, "details.edit input[name=job_title]")
    title.clear()
    title.send_keys("Head of Numerical Computing")
    page.d.find_element(By.CSS_SELECTOR, "details.edit button[type=submit]").click()
    wait(page.d).until(lambda d: "Head of Numerical Computing" in d.find_element(By.CSS_SELECTOR, "dl.facts").text)
    page.d.find_element(By.CSS_SELECTOR, "details.edit summary").click()
    mail = page.d.find_element(By.CSS_SELECTOR, "details.edit input[name=email]")
    mail.clear()
    mail.send_keys(f"katherine.{RUN}@nasa.example")
    page.d.find_element(By.CSS_SELECTOR, "details.edit button[type=submit]").click()
    page.notice("Another lead has this email")
    shutil.rmtree(files, ignore_errors=True)


def test_a_team_is_invited_promoted_and_removed_and_addresses_blocked_in_settings(reach, page):
    address, password = f"lead.admin.{RUN}@rockets.example", "team admin password"
    token = reach.verified_account(address, password)
    ids = {name: reach.company(token, name=name) for name in ("Team Rockets", "Second Rockets")}
    page.sign_in(address, password)
    settings = f"/app#/companies/{ids['Team Rockets']}/settings"
    page.open(settings)
    page.heading("Team Rockets: settings")
    wait(page.d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#team [data-member]"))
    assert "(you)" in page.d.find_element(By.CSS_SELECTOR, f"#team [data-member='{address}']").text

    # An invitation from the team form, accepted on the page its mail links to.
    invitee = f"new.sdr.{RUN}@rockets.example"
    page.d.find_element(By.CSS_SELECTOR, "#team input[name=email]").send_keys(invitee)
    page.d.find_element(By.CSS_SELECTOR, "#team button[type=submit]").click()
    page.notice(invitee + ":")
    page.d.delete_all_cookies()
    page.open(reach.mail_link(invitee, "invite"))
    page.heading("Accept your invitation")
    page.fill("name", "Nia Newcomer")
    page.fill("password", "newcomer password")
    page.submit()
    wait(page.d).until(lambda d: d.find_elements(By.LINK_TEXT, "Sign in"))
    page.sign_in(invitee, "newcomer password")
    page.open(settings)
    page.heading("Team Rockets: settings")
    page.notice("Only admins see and change the mailbox.")
    wait(page.d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#team [data-member]")) == 2)
    assert not page.d.find_elements(By.CSS_SELECTOR, "#team select"), "an SDR sees roles, cannot change them"
    assert not page.d.find_elements(By.CSS_SELECTOR, "#team form")

    # Back as the admin: promote, then remove (confirming), the newcomer.
    page.d.delete_all_cookies()
    page.sign_in(address, password)
    page.open(settings)
    page.heading("Team Rockets: settings")
    wait(page.d).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#team [data-member='{invitee}'] select"))
    Select(page.d.find_element(By.CSS_SELECTOR, f"#team [data-member='{invitee}'] select")).select_by_value("admin")
    page.notice(f"{invitee} is now an admin.")
    page.shot("settings-team")
    wait(page.d).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#team [data-member='{invitee}'] button"))
    page.d.find_element(By.CSS_SELECTOR, f"#team [data-member='{invitee}'] button").click()
    page.d.switch_to.alert.accept()
    page.notice(f"{invitee} no longer has access.")
    assert len(page.d.find_elements(By.CSS_SELECTOR, "#team [data-member]")) == 1
    status, _, _ = reach.request("GET", f"/api/companies/{ids['Team Rockets']}", None,
                                 {"Authorization": "Bearer " + login_token(reach, invitee, "newcomer password")})
    assert status == 404, status

    # The do-not-email list: an address added by hand, then allowed again.
    blocked = f"never.{RUN}@competitor.example"
    page.d.find_element(By.CSS_SELECTOR, "#do-not-email input[name=email]").send_keys(blocked)
    page.d.find_element(By.CSS_SELECTOR, "#do-not-email button[type=submit]").click()
    page.notice(f"{blocked} will not be emailed.")
    row = page.d.find_element(By.CSS_SELECTOR, f"#do-not-email [data-blocked='{blocked}']")
    assert "added by hand" in row.text, row.text
    row.find_element(By.TAG_NAME, "button").click()
    page.d.switch_to.alert.accept()
    page.notice(f"{blocked} may be emailed again.")
    assert not page.d.find_elements(By.CSS_SELECTOR, "#do-not-email [data-blocked]")

    # The company switcher keeps the page: the other company's settings.
    wait(page.d).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".switch:not([hidden]) select"))
    Select(page.d.find_element(By.CSS_SELECTOR, ".switch select")).select_by_visible_text("Second Rockets")
    page.heading("Second Rockets: settings")


# Run in the page: what keeps someone from using it. Controls without an accessible name, text below
# WCAG AA contrast (4.5:1) against the background it is drawn on, and a page wider than the window.
AUDIT = """
const problems = [];
for (const el of document.querySelectorAll("input, select, textarea, button")) {
  if (el.type === "hidden" || el.offsetParent === null) continue;
  const named = (el.labels && el.labels.length) || el.getAttribute("aria-label") || (el.tagName === "BUTTON" && el.textContent.trim());
  if (!named) problems.push(`no label: ${el.tagName.toLowerCase()} ${el.name || ""}`);
}
const rgb = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); return m ? m[1].split(",").map(Number) : null; };
const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
const background = (el) => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
  if (c && (c.length < 4 || c[3] > 0)) return c; } return [255, 255, 255]; };
for (const el of document.querySelectorAll("body *")) {
  if (el instanceof SVGElement || el.offsetParent === null) continue;
  if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
  const [hi, lo] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))].sort((a, b) => b - a);
  const ratio = (hi + 0.05) / (lo + 0.05);
  if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)}: "${el.textContent.trim().slice(0, 40)}"`);
}
const view = document.documentElement.clientWidth;  // the window less its scroll bar
if (document.documentElement.scrollWidth > view) {
  const wide = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > view + 0.5)
    .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > view + 0.5));  // the innermost
  problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${view}px view: ` +
    wide.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent || "").trim().slice(0, 30)}"`).join(", "));
}
return problems;
"""


def test_every_page_is_labelled_legible_keyboard_usable_and_fits_a_phone(reach, page):
    address, password = f"audit.{RUN}@rockets.example", "audit password 1"
    token = reach.verified_account(address, password)
    auth = {"Authorization": "Bearer " + token}
    company_id = reach.company(token, name="Audit Rockets", website="https://audit.example")
    lead_ids = []
    for i in range(25):
        status, body, _ = reach.request("POST", f"/api/companies/{company_id}/leads", {
            "name": f"Wilhelmina Longname-Fairweather {i}", "email": f"wilhelmina.longname.fairweather.{i}.{RUN}@a-rather-long-domain.example",
            "company": "International Consolidated Logistics Holdings", "job_title": "Vice President of Operational Excellence"}, auth)
        assert status == 200, body
        lead_ids.append(json.loads(body)["data"]["id"])
    page.sign_in(address, password)
    base = f"/app#/companies/{company_id}"
    pages = {"companies": ("/app#/", "Your companies"), "leads": (base, "Audit Rockets"),
             "lead": (f"{base}/leads/{lead_ids[0]}", "Wilhelmina"), "upload": (f"{base}/upload", "Audit Rockets"),
             "products": (f"{base}/products", "Audit Rockets"), "campaigns": (f"{base}/campaigns", "Audit Rockets"),
             "settings": (f"{base}/settings", "Audit Rockets")}
    try:
        for width, height in ((1280, 900), (390, 844)):  # a laptop and a phone
            page.d.set_window_size(width, height)
            for name, (path, title) in pages.items():
                page.open(path)
                page.heading(title)
                time.sleep(0.3)  # parts that load after the heading (team, usage)
                problems = page.d.execute_script(AUDIT)
                assert not problems, f"{name} at {width}px: {problems}"
                if width < 500 and name in ("leads", "settings"):
                    page.shot(f"phone-{name}")
    finally:
        page.d.set_window_size(1280, 900)

    # The keyboard alone reaches the search box, a lead and the next page, each with a visible focus ring.
    page.open(base)
    page.heading("Audit Rockets")
    reached = []
    body = page.d.find_element(By.TAG_NAME, "body")
    body.click()
    for _ in range(60):
        page.d.switch_to.active_element.send_keys(Keys.TAB)
        reached.append(page.d.execute_script(
            "const e = document.activeElement; return [e.tagName, e.name || e.textContent.trim().slice(0, 40), getComputedStyle(e).outlineStyle];"))
    names = [r[1] for r in reached]
    assert "search" in names and "Next" in names and any(n.startswith("Wilhelmina") for n in names), names
    assert all(style != "none" for tag, _, style in reached if tag != "BODY"), reached  # BODY: past the last, round again


def test_the_session_cookie_needs_the_csrf_token_to_write(reach, page):
    address, password = f"csrf.{RUN}@rockets.example", "csrf password 1"
    reach.verified_account(address, password)
    status, body, headers = reach.request("POST", "/api/auth/session", {"email": address, "password": password})
    assert status == 200, body
    cookies = {}
    for value in headers.get_all("Set-Cookie"):
        name, rest = value.split("=", 1)
        cookies[name] = rest.split(";")[0]
        assert "SameSite=Strict" in value, value
    assert "HttpOnly" in [v for v in headers.get_all("Set-Cookie") if v.startswith("reach_session=")][0]
    jar = "; ".join(f"{k}={v}" for k, v in cookies.items())
    assert reach.request("GET", "/api/users/me", headers={"Cookie": jar})[0] == 200
    status, body, _ = reach.request("POST", "/api/companies", {"name": "Forged"}, {"Cookie": jar})
    assert status == 403 and "CSRF" in body, (status, body)
    status, body, _ = reach.request("POST", "/api/companies", {"name": "Forged"}, {"Cookie": jar, "X-CSRF-Token": "guess"})
    assert status == 403, (status, body)
    status, body, _ = reach.request("POST", "/api/companies", {"name": "Meant"}, {"Cookie": jar, "X-CSRF-Token": cookies["reach_csrf"]})
    assert status in (200, 201), (status, body)
    headers = reach.get("/login")[2]
    assert "script-src 'self'" in headers["Content-Security-Policy"], headers["Content-Security-Policy"]


def main():
    tests = [test_sign_up_verify_sign_in_company_and_leads, test_another_tenant_sees_nothing_of_ours,
             test_a_product_and_a_lead_list_upload_with_progress, test_an_email_campaign_created_run_and_read_in_the_browser,
             test_a_team_is_invited_promoted_and_removed_and_addresses_blocked_in_settings,
             test_every_page_is_labelled_legible_keyboard_usable_and_fits_a_phone,
             test_the_session_cookie_needs_the_csrf_token_to_write]
    only = os.environ.get("REACH_BROWSER_TEST_FILTER")  # a part of a test's name: only those run
    if only:
        tests = [t for t in tests if only in t.__name__]
    reach = Reach()
    driver = browser()
    passed, failed = 0, []
    try:
        for test in tests:
            print(f"[ RUN      ] WebApp.{test.__name__}", flush=True)
            driver.delete_all_cookies()
            try:
                test(reach, Page(driver, reach))
                passed += 1
                print(f"[       OK ] WebApp.{test.__name__}", flush=True)
            except Exception:
                print(f"Failure in WebApp.{test.__name__}:", flush=True)
                traceback.print_exc(file=sys.stdout)
                failed.append(test.__name__)
                print(f"[  FAILED  ] WebApp.{test.__name__}", flush=True)
                try:
                    Page(driver, reach).shot("failed-" + test.__name__)
                except Exception:
                    pass
    finally:
        driver.quit()
        reach.stop()
    print(f"[==========] {len(tests)} tests ran.")
    print(f"[  PASSED  ] {passed} tests.")
    if failed:
        print(f"[  FAILED  ] {len(failed)} tests, listed below:")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
