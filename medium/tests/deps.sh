#!/bin/sh
# Installs what the medium and its tests need when it is missing:
# libpcap-dev to build, valgrind for the leak and memory check. tshark is
# optional (the capture test says why it skips). Never fails by itself:
# a missing tool shows up as a failed or skipped test instead.

missing=
dpkg -s libpcap-dev >/dev/null 2>&1 || missing="$missing libpcap-dev"
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
[ -z "$missing" ] && exit 0

echo "medium: installing$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "medium: not root, cannot install$missing"
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 ||
	{ apt-get update >/dev/null 2>&1 &&
	  apt-get install -y --no-install-recommends $missing >/dev/null 2>&1; } ||
	echo "medium: could not install$missing"
exit 0
