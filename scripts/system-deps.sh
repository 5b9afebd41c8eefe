#!/usr/bin/env bash
# Debian packages the tests need beyond Node.js. As root, installs what is missing;
# otherwise names it and exits non-zero.
set -euo pipefail

needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v openssl >/dev/null 2>&1 || needed+=(openssl)
command -v pdftotext >/dev/null 2>&1 || needed+=(poppler-utils)
command -v clamscan >/dev/null 2>&1 || needed+=(clamav)

if [ ${#needed[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "mona: missing Debian packages: ${needed[*]}. Install them with: sudo apt-get install ${needed[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${needed[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
