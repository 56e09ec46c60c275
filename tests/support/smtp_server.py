"""A real SMTP server for Reach's tests: Debian's aiosmtpd, storing each message in a Maildir.

Usage: smtp_server.py PORT MAILDIR [USER PASSWORD [FAULTS_JSON]]

With USER and PASSWORD the server offers AUTH (PLAIN, LOGIN) without TLS and refuses mail from
clients that did not log in. FAULTS_JSON names a file, read again for every command, that makes the
server misbehave on purpose, per recipient address:
  {"rcpt": {"a@x.com": "550 5.1.1 No such user"},      # answer RCPT TO with this reply
   "data": {"b@x.com": ["451 4.3.0 Try again", 2]},     # answer the end of DATA so, the first 2 times
   "stall": ["c@x.com"],                                 # never answer the end of DATA
   "refuse_login": true,                                 # refuse every login (as after a password change)
   "delay_ms": 100}                                      # wait this long before answering the end of DATA
"""
import asyncio
import json
import mailbox
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def faults(path):
    if not path or not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


class Handler:
    def __init__(self, maildir, faults_path):
        self.box = mailbox.Maildir(maildir, create=True)
        self.faults_path = faults_path
        self.data_failures = {}
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = faults(self.faults_path).get("rcpt", {}).get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        f = faults(self.faults_path)
        if f.get("delay_ms"):
            await asyncio.sleep(f["delay_ms"] / 1000)
        for rcpt in envelope.rcpt_tos:
            if rcpt in f.get("stall", []):
                await asyncio.sleep(3600)
            rule = f.get("data", {}).get(rcpt)
            if rule:
                with self.lock:
                    seen = self.data_failures.get(rcpt, 0)
                    self.data_failures[rcpt] = seen + 1
                if seen < rule[1]:
                    return rule[0]
        with self.lock:
            self.box.add(envelope.original_content)
        return "250 2.0.0 Message accepted for delivery"


class Authenticator:
    def __init__(self, user, password, faults_path):
        self.user = user.encode()
        self.password = password.encode()
        self.faults_path = faults_path

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if faults(self.faults_path).get("refuse_login"):
            return AuthResult(success=False, handled=False)
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        return AuthResult(success=ok, handled=False)


def main():
    port, maildir = int(sys.argv[1]), sys.argv[2]
    user = sys.argv[3] if len(sys.argv) > 3 else None
    password = sys.argv[4] if len(sys.argv) > 4 else None
    faults_path = sys.argv[5] if len(sys.argv) > 5 else None
    kwargs = {"hostname": "127.0.0.1", "port": port}
    if user:
        kwargs.update(authenticator=Authenticator(user, password, faults_path), auth_required=True, auth_require_tls=False)
    controller = Controller(Handler(maildir, faults_path), **kwargs)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
