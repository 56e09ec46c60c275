#!/usr/bin/env bash
# Installs the Debian packages Reach needs to build, run and test. Idempotent: quiet and quick
# when everything is already there; otherwise one apt-get update and one apt-get install.
set -euo pipefail

packages=(
  # toolchain; ccache keeps a warm rebuild after a one-file change short (CMakeLists.txt uses it when present)
  build-essential cmake pkg-config ccache
  # the HTTP server (src/http/server.cpp) and formatting for spdlog
  libmicrohttpd-dev libfmt-dev libspdlog-dev
  # the database layer: SOCI with its SQLite and PostgreSQL backends (src/store)
  libsoci-dev libsqlite3-dev libpq-dev
  # outside calls (libcurl: model providers, research, SMTP), JSON, secrets and tokens (src/util, src/providers)
  libcurl4-openssl-dev nlohmann-json3-dev libsodium-dev libjwt-dev
  # documents and lead lists (src/ingest): PDF, DOCX (zip + XML), CSV, phone numbers, Unicode (ICU)
  libpoppler-cpp-dev libzip-dev libpugixml-dev libcsv-dev libphonenumber-dev libicu-dev
  # prompt templates (src/prompts) and the command line (src/main.cpp)
  libkainjow-mustache-dev libcli11-dev
  # campaign sending windows in IANA time zones (src/campaigns): date-tz over the system tz database
  libhowardhinnant-date-dev tzdata
  # tests: GoogleTest; PostgreSQL for the second pass; sqlite3 and psql for the import benchmark's
  # references; aiosmtpd as the SMTP server of the mail tests; qpdf makes encrypted PDF fixtures
  libgtest-dev postgresql postgresql-client sqlite3 python3-aiosmtpd qpdf
  # dovecot as the IMAP server of the mailbox tests (tests/support/imap_server.cpp)
  dovecot-imapd
  # the web app's browser tests (tests/browser): Debian's Chromium, its WebDriver and Selenium
  chromium chromium-driver python3-selenium
  # benchmarks: wrk (HTTP), curl (scripts), pdftotext (poppler-utils, the extraction reference), time (RSS)
  wrk curl poppler-utils time
  # fuzzing (make fuzz): clang with libFuzzer; style: make test fails on a file .clang-format would change;
  # clang's -Wthread-safety (make test) and clang-tidy (make tidy) check what g++ cannot
  clang libclang-rt-14-dev clang-format clang-tidy
  # Not yet: gmime (MIME parsing of replies and bounces) and Google Benchmark are in the chosen stack;
  # they come with the code that uses them.
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts PostgreSQL and dovecot on install; Reach's tests start their own instances on free ports.
for svc in postgresql dovecot; do
  $SUDO service "$svc" stop >/dev/null 2>&1 || true
done
echo "install-deps: done"
