#!/usr/bin/env bash
# Debian packages mona needs beyond Node.js.
#   runtime: ClamAV, which scans uploads (mona still starts without it, but refuses every upload); as root
#            also acl (closing a project's folder to a removed member) and what a session host needs for
#            desktops (mona start runs one on this machine).
#   host:    what `mona host-agent` needs on a session host (keep in step with src/host-agent/host-packages.ts).
#   test:    all of the above, plus Chromium, OpenSSL and pdftotext for the tests, and PostgreSQL and
#            iproute2 for the cluster test (e2e/cluster/: its own PostgreSQL cluster, not the system's).
# As root, installs what is missing; otherwise names it (and, for the tests, fails).
set -euo pipefail

what=${1:-test}
needed=()
need() { # need <command or file> <package>
  if [[ $1 == /* ]]; then [ -e "$1" ] || needed+=("$2"); else command -v "$1" >/dev/null 2>&1 || needed+=("$2"); fi
}
host_packages() {
  need /usr/bin/bwrap bubblewrap
  need /usr/bin/Xvnc tigervnc-standalone-server
  need /usr/bin/openbox openbox
  need /usr/bin/lxpanel lxpanel
  need /usr/bin/pcmanfm pcmanfm
  need /usr/bin/xterm xterm
  need /usr/bin/mousepad mousepad
  need /usr/lib/python3.11/lib-dynload/_tkinter.cpython-311-x86_64-linux-gnu.so python3-tk
  need /usr/bin/setxkbmap x11-xkb-utils
  need /usr/bin/xwininfo x11-utils
  need /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
  need /usr/sbin/locale-gen locales
  need /usr/bin/setfacl acl
  need /usr/sbin/xrdp xrdp
}

case "$what" in
  runtime)
    need clamscan clamav
    [ "$(id -u)" -eq 0 ] && host_packages
    ;;
  host) host_packages ;;
  test)
    need clamscan clamav
    host_packages
    # The demo catalogue's software, which the desktop tests start.
    need /usr/bin/R r-base-core
    need /usr/bin/gnumeric gnumeric
    need /usr/lib/python3/dist-packages/pandas/__init__.py python3-pandas
    need chromium chromium
    need openssl openssl
    need pdftotext poppler-utils
    need xdotool xdotool
    # A real RDP client for the RDP path.
    need /usr/bin/xfreerdp freerdp2-x11
    need /usr/bin/Xvfb xvfb
    # Screenshots of the RDP client's screen.
    need /usr/bin/import imagemagick
    # The production layout's test: Debian's PostgreSQL server, and network namespaces for its session hosts.
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || needed+=(postgresql)
    need ip iproute2
    ;;
  *) echo "usage: system-deps.sh runtime|host|test" >&2; exit 2 ;;
esac

# The Swedish desktop's locale (src/host-agent/session-locale.ts), enabled in /etc/locale.gen and generated.
locales() {
  [ "$what" = runtime ] && [ "$(id -u)" -ne 0 ] && return 0
  locale -a 2>/dev/null | grep -qix 'sv_SE.utf8' && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "mona: the locale sv_SE.UTF-8 is not generated: add \"sv_SE.UTF-8 UTF-8\" to /etc/locale.gen and run locale-gen" >&2
    return 1
  fi
  if grep -qE '^#\s*sv_SE\.UTF-8 UTF-8' /etc/locale.gen; then
    sed -i -E 's/^#\s*(sv_SE\.UTF-8 UTF-8)/\1/' /etc/locale.gen
  elif ! grep -qx 'sv_SE.UTF-8 UTF-8' /etc/locale.gen; then
    echo 'sv_SE.UTF-8 UTF-8' >> /etc/locale.gen
  fi
  locale-gen
}

if [ ${#needed[@]} -eq 0 ]; then
  locales
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "mona: missing Debian packages: ${needed[*]}. Install them with: sudo apt-get install ${needed[*]}" >&2
  [ "$what" = runtime ] && exit 0
  exit 1
fi
echo "installing Debian packages: ${needed[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${needed[@]}"
locales
