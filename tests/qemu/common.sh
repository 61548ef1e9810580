# shellcheck shell=bash
# Helpers shared by the host-side scripts of the QEMU harness.
# Sourced, never run: kernels.sh, initramfs.sh, run-guest.sh, check.sh, demo.sh.

VW_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VW_BUILD=${VW_BUILD:-$VW_TOP/build}
VW_KERNELS=${VW_KERNELS:-$VW_BUILD/kernels}

die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

note() {
	printf '%s\n' "$*" >&2
}

vw_apt_updated=${vw_apt_updated:-}

# apt-get update once per run. Third-party sources that fail must not stop
# us: only Debian's archive matters here.
apt_update_once() {
	[ -n "$vw_apt_updated" ] && return 0
	note "apt-get update"
	apt-get update -qq >&2 || true
	vw_apt_updated=1
}

# bookworm-backports carries the 6.12 kernel; add the suite when missing.
ensure_backports() {
	if grep -rqsE '(^|[[:space:]])bookworm-backports([[:space:]]|$)' \
		/etc/apt/sources.list /etc/apt/sources.list.d/; then
		return 0
	fi
	[ "$(id -u)" = 0 ] || die "bookworm-backports is not configured and we are not root"
	note "adding bookworm-backports to apt sources"
	cat >/etc/apt/sources.list.d/vwifi-backports.sources <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
	vw_apt_updated=
}

pkg_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# need_pkgs PKG...: apt-get install whatever of PKG is missing.
need_pkgs() {
	local p missing=()

	for p in "$@"; do
		pkg_installed "$p" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" = 0 ] || die "missing packages (install as root): ${missing[*]}"
	apt_update_once
	note "apt-get install ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"${missing[@]}" >&2
}

# shellcheck disable=SC2034  # used by the scripts that source this file
# Everything the harness itself runs on the host or, through the read-only
# 9p root, inside the guest.
vw_host_pkgs=(qemu-system-x86 busybox-static kmod cpio xz-utils zstd
	hostapd wpasupplicant iw iproute2 iperf3 iputils-ping procps psmisc
	util-linux coreutils wireless-regdb make gcc)

# Short kernel name used in result lines: 6.1.0-56-amd64 -> 6.1.0-56.
kver_short() {
	local k=$1

	printf '%s\n' "${k%-amd64}"
}
