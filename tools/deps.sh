#!/bin/sh
# deps.sh PKG...: make sure the Debian build packages are installed.
# As root, installs the missing ones with apt-get; otherwise names them and
# fails, so a fresh machine never gets a half-built tree.
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "ptlc needs these Debian packages:$missing" >&2
    echo "install them with: sudo apt-get install$missing" >&2
    exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# another apt or dpkg at work (an unattended upgrade, a second make) is
# waited for rather than failed on
wait="-o DPkg::Lock::Timeout=600"
apt-get $wait update -qq && apt-get $wait install -y -qq --no-install-recommends $missing >/dev/null || {
    echo "apt-get could not install:$missing" >&2
    exit 1
}
