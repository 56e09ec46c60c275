#!/usr/bin/python3
"""Campaign benchmark: a LEADS-lead email campaign through a Release `reach serve` (SQLite), writing with
the OpenAI adapter and researching with the Perplexity adapter against tests/support/fake_ai.py
answering after LATENCY_MS, sending to tests/support/smtp_server.py (aiosmtpd, AUTH) on loopback.

Every lead has its own company domain, so each item costs one research and one writing call: the
concurrency bound is CONCURRENCY / (2 x latency) items per second. Reported per run: items per second
and its share of the bound, CPU time per email, peak RSS. Side by side in the same run, the reference:
the same campaign at concurrency 1, which is how the original product's per-lead loop works (on
LEADS_SERIAL leads, to keep it short). Then the tracking pixel under wrk (64 connections) and a check
that every open wrk got an answer for was recorded.

  bench/campaign_bench.py                (after `make build`)
  RUNS=3 LEADS=1000 CONCURRENCY=64 bench/campaign_bench.py
"""
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("BIN", os.path.join(ROOT, "build", "reach"))
RUNS = int(os.environ.get("RUNS", "3"))
LEADS = int(os.environ.get("LEADS", "1000"))
LEADS_SERIAL = int(os.environ.get("LEADS_SERIAL", "40"))
CONCURRENCY = int(os.environ.get("CONCURRENCY", "32"))
LATENCY_MS = int(os.environ.get("LATENCY_MS", "200"))
PIXEL_SECONDS = int(os.environ.get("PIXEL_SECONDS", "10"))
PY = "/usr/bin/python3"  # Debian's, with aiosmtpd


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def call(method, url, body=None, token=None, content_type="application/json"):
    data = None
    headers = {}
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read().decode()
            return r.status, json.loads(text) if text.startswith(("{", "[")) else text
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def wait_for(pred, timeout, step=0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = pred()
        if value:
            return value
        time.sleep(step)
    raise RuntimeError("timed out")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Stack:
    """fake_ai.py, aiosmtpd and reach serve, each on a free loopback port, in a temp dir."""

    def __init__(self, concurrency):
        self.dir = tempfile.mkdtemp(prefix="reach-campaign-bench-")
        self.procs = []
        ai_port, self.smtp_port, port = free_port(), free_port(), free_port()
        self.ai = f"http://127.0.0.1:{ai_port}"
        self.base = f"http://127.0.0.1:{port}"
        self.start([PY, f"{ROOT}/tests/support/fake_ai.py", "--port", str(ai_port), "--key", "bench-key"], "fake")
        self.start([PY, f"{ROOT}/tests/support/smtp_server.py", str(self.smtp_port), f"{self.dir}/Maildir",
                    "sales@bench.example", "bench-mailbox-password"], "smtp")
        wait_for(lambda: self.ok(self.ai + "/_fake/requests"), 20)
        call("POST", self.ai + "/_fake/config", {"latency_ms": LATENCY_MS})
        env = dict(os.environ, REACH_DATA_DIR=f"{self.dir}/data", REACH_LISTEN=f"127.0.0.1:{port}",
                   REACH_LLM="openai", REACH_OPENAI_BASE_URL=self.ai, REACH_OPENAI_API_KEY="bench-key",
                   REACH_RESEARCH="perplexity", REACH_PERPLEXITY_BASE_URL=self.ai,
                   REACH_PERPLEXITY_API_KEY="bench-key", REACH_AI_CONCURRENCY="256",
                   REACH_CAMPAIGN_CONCURRENCY=str(concurrency), REACH_LOG_LEVEL="warn")
        self.reach = self.start([BIN, "serve"], "reach", env)
        wait_for(lambda: self.ok(self.base + "/healthz"), 20)

    def start(self, argv, name, env=None):
        p = subprocess.Popen(argv, stdout=open(f"{self.dir}/{name}.log", "w"), stderr=subprocess.STDOUT, env=env)
        self.procs.append(p)
        return p

    @staticmethod
    def ok(url):
        try:
            return call("GET", url)[0] == 200
        except OSError:
            return False

    def stop(self):
        for p in reversed(self.procs):
            p.terminate()
            p.wait(timeout=30)
        subprocess.run(["rm", "-rf", self.dir])

    def sign_in(self):
        email, password = "bench@example.com", "bench-password-1"
        call("POST", self.base + "/api/auth/signup", {"email": email, "password": password})

        def verify_token():
            out = subprocess.run(["grep", "-rho", r"verify?token=[A-Za-z0-9_-]*", f"{self.dir}/data/outbox"],
                                 capture_output=True, text=True).stdout
            return out.split("=")[1].strip() if "=" in out else None

        call("POST", self.base + "/api/auth/verify", {"token": wait_for(verify_token, 20)})
        _, login = call("POST", self.base + "/api/auth/login",
                        f"username={email}&password={password}".encode(), content_type="application/x-www-form-urlencoded")
        self.token = login["access_token"]

    def setup(self, leads, name):
        """A new company (so no research is cached yet) with a product, `leads` leads at distinct domains,
        the mailbox and a campaign."""
        _, company = call("POST", self.base + "/api/companies", {"name": name}, self.token)
        self.company = self.base + "/api/companies/" + company["id"]
        boundary = uuid.uuid4().hex
        form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"product_name\"\r\n\r\nRouteIQ\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"routeiq.txt\"\r\n"
                f"Content-Type: text/plain\r\n\r\nRouteIQ plans delivery routes in minutes instead of hours.\r\n"
                f"--{boundary}--\r\n").encode()
        _, product = call("POST", self.company + "/products", form, self.token, f"multipart/form-data; boundary={boundary}")
        csv = "First Name,Last Name,Email,Company,Job Title\n" + "".join(
            f"Lead,Number{i},lead{i}@firm{i}.example,Firm {i},Operations Manager\n" for i in range(leads))
        form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\n"
                f"Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n").encode()
        _, task = call("POST", self.company + "/leads/upload", form, self.token, f"multipart/form-data; boundary={boundary}")
        wait_for(lambda: call("GET", f"{self.base}/api/tasks/{task['task_id']}", token=self.token)[1]["status"]
                 == "completed", 120, 0.2)
        status, body = call("POST", self.company + "/account-credentials",
                            {"type": "smtp", "email": "sales@bench.example", "password": "bench-mailbox-password",
                             "smtp_host": "127.0.0.1", "smtp_port": self.smtp_port, "security": "none"}, self.token)
        assert status == 200, body
        call("PUT", self.company + "/email-throttle", {"max_emails_per_hour": 100000, "max_emails_per_day": 100000},
             self.token)
        _, campaign = call("POST", self.company + "/campaigns",
                           {"name": "Bench", "type": "email", "product_id": product["id"]}, self.token)
        self.campaign = campaign["id"]

    def run_campaign(self):
        """Runs the campaign once; returns (seconds, final run state, CPU seconds used by reach)."""
        pid = self.reach.pid
        cpu0 = cpu_seconds(pid)
        t0 = time.monotonic()
        _, started = call("POST", f"{self.base}/api/campaigns/{self.campaign}/run", {}, self.token)
        run = f"{self.base}/api/campaign-runs/{started['campaign_run_id']}"

        def ended():
            state = call("GET", run, token=self.token)[1]
            return state if state["status"] != "running" else None

        state = wait_for(ended, 3600, 0.05)
        return time.monotonic() - t0, state, cpu_seconds(pid) - cpu0


def campaign_runs(concurrency, leads):
    stack = Stack(concurrency)
    try:
        stack.sign_in()
        results = []
        for i in range(RUNS if concurrency > 1 else 1):
            stack.setup(leads, f"Bench Co {i}")
            seconds, state, cpu = stack.run_campaign()
            sent = state["counts"]["sent"]
            assert state["status"] == "completed" and sent == leads, state
            results.append({"per_s": sent / seconds, "cpu_ms_per_email": 1000 * cpu / sent, "seconds": seconds})
        results_rss = peak_rss_mb(stack.reach.pid)
        return results, results_rss, stack
    except BaseException:
        stack.stop()
        raise


def pixel(stack):
    """wrk on one email's pixel; then the email's recorded opens against the responses wrk counted."""
    _, emails = call("GET", stack.company + "/emails?page_size=1", token=stack.token)
    log = emails["items"][0]
    url = f"{stack.base}/api/track-email/{log['id']}"
    out = subprocess.run(["wrk", "-t2", "-c64", f"-d{PIXEL_SECONDS}s", "--latency", url],
                         capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    answered = int(re.search(r"(\d+) requests in", out).group(1))
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    time.sleep(2.5)  # a flush is at most a second away

    def recorded():
        _, page = call("GET", stack.company + "/emails?page_size=100", token=stack.token)
        return next(e["open_count"] for e in page["items"] if e["id"] == log["id"])

    before = log["open_count"]
    return rate, p99, answered, recorded() - before


def main():
    bound = CONCURRENCY / (2 * LATENCY_MS / 1000)
    print(f"reach {subprocess.run([BIN, 'version'], capture_output=True, text=True).stdout.split()[1]}, "
          f"{os.cpu_count()} cores, {LEADS} leads, concurrency {CONCURRENCY}, provider latency {LATENCY_MS} ms "
          f"(research + writing per item), {RUNS} runs, {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}")
    runs, rss, stack = campaign_runs(CONCURRENCY, LEADS)
    try:
        rate = statistics.median(r["per_s"] for r in runs)
        print(f"campaign  concurrency {CONCURRENCY}: median {rate:.1f} emails/s of a {bound:.1f}/s bound "
              f"({100 * rate / bound:.0f}%); runs {', '.join('%.1f' % r['per_s'] for r in runs)}; "
              f"CPU {statistics.median(r['cpu_ms_per_email'] for r in runs):.2f} ms/email; peak RSS {rss:.0f} MB")
        p_rate, p99, answered, recorded = pixel(stack)
        print(f"pixel     wrk -c64 {PIXEL_SECONDS}s: {p_rate:.0f} req/s, p99 {p99}; {answered} answered, "
              f"{recorded} opens recorded ({'all' if recorded >= answered else 'MISSING ' + str(answered - recorded)})")
    finally:
        stack.stop()
    serial, _, serial_stack = campaign_runs(1, LEADS_SERIAL)
    serial_stack.stop()
    s_rate = serial[0]["per_s"]
    print(f"reference concurrency 1 (the per-lead loop), {LEADS_SERIAL} leads: {s_rate:.2f} emails/s of a "
          f"{1 / (2 * LATENCY_MS / 1000):.2f}/s bound; concurrency {CONCURRENCY} is {rate / s_rate:.1f}x faster")


if __name__ == "__main__":
    sys.exit(main())
