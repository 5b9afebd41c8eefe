#!/usr/bin/env bash
# Debian packages mona needs beyond Node.js.
#   runtime: ClamAV, which scans uploads (mona still starts without it, but refuses every upload).
#   test:    the runtime's, plus Chromium, OpenSSL and pdftotext for the tests.
# As root, installs what is missing; otherwise names it (and, for the tests, fails).
set -euo pipefail

what=${1:-test}
needed=()
command -v clamscan >/dev/null 2>&1 || needed+=(clamav)
if [ "$what" = test ]; then
  command -v chromium >/dev/null 2>&1 || needed+=(chromium)
  command -v openssl >/dev/null 2>&1 || needed+=(openssl)
  command -v pdftotext >/dev/null 2>&1 || needed+=(poppler-utils)
fi

if [ ${#needed[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "mona: missing Debian packages: ${needed[*]}. Install them with: sudo apt-get install ${needed[*]}" >&2
  [ "$what" = runtime ] && exit 0
  exit 1
fi
echo "installing Debian packages: ${needed[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
