#!/bin/sh
# bootstrap.sh - install the Debian packages the build, tests and benchmarks need,
# only those missing, printing what it does. Needs root (or sudo) when anything
# is missing; does nothing when all are present.
set -e
PKGS="build-essential pkg-config clang libclang-rt-14-dev python3 \
libopencc-dev opencc libuchardet-dev libjansson-dev libsqlite3-dev sqlite3 \
iso-codes libhyperscan-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "bootstrap: all packages present"
	exit 0
fi
echo "bootstrap: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
echo "bootstrap: done"
