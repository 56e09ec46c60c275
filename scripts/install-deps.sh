#!/usr/bin/env bash
# Installs the Debian packages Reach needs to build, run and test. Idempotent: quiet and quick
# when everything is already there; otherwise one apt-get update and one apt-get install.
set -euo pipefail

packages=(
  # toolchain; ccache keeps a warm rebuild after a one-file change short (CMakeLists.txt uses it when present)
  build-essential cmake pkg-config ccache
  # libraries (the chosen stack, see docs/ARCHITECTURE.md)
  libmicrohttpd-dev libfmt-dev
  libsoci-dev libsqlite3-dev libpq-dev
  libcurl4-openssl-dev nlohmann-json3-dev libsodium-dev libjwt-dev
  libpoppler-cpp-dev libzip-dev libpugixml-dev libcsv-dev libkainjow-mustache-dev
  libphonenumber-dev libicu-dev libspdlog-dev libcli11-dev libhowardhinnant-date-dev libgmime-3.0-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # test peers and tools
  postgresql postgresql-client sqlite3 python3-aiosmtpd dovecot-imapd wrk curl
  poppler-utils qpdf clang libclang-rt-14-dev hyperfine time
  # style: make test fails on a file .clang-format would change (scripts/check-format.sh)
  clang-format
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
# Debian starts these services on install; Reach's tests start their own instances on free ports.
for svc in postgresql dovecot; do
  $SUDO service "$svc" stop >/dev/null 2>&1 || true
done
echo "install-deps: done"
