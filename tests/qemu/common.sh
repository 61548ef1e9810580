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
	util-linux coreutils wireless-regdb make gcc ethtool tcpdump tshark
	libnl-genl-3-200)

# Short kernel name used in result lines: 6.1.0-56-amd64 -> 6.1.0-56.
kver_short() {
	local k=$1

	printf '%s\n' "${k%-amd64}"
}

# build_module KVER KDIR: build vwifi.ko out of tree against KDIR in
# build/<kver>/ (driver/, core/ and include/ copied with their layout).
# Prints the module's path; the build log is build/<kver>.build.log.
build_module() {
	local kver=$1 kdir=$2 dest=$VW_BUILD/$1 log=$VW_BUILD/$1.build.log d

	mkdir -p "$VW_BUILD"
	if [ ! -f "$VW_TOP/driver/Kbuild" ] && [ ! -f "$VW_TOP/driver/Makefile" ]; then
		echo "driver/ has no Kbuild or Makefile" >"$log"
		return 1
	fi
	rm -rf "$dest"
	mkdir -p "$dest"
	for d in driver core include; do
		[ -d "$VW_TOP/$d" ] && cp -r "$VW_TOP/$d" "$dest/$d"
	done
	make -C "$kdir" M="$dest/driver" modules >"$log" 2>&1 || return 1
	[ -f "$dest/driver/vwifi.ko" ] || {
		echo "no vwifi.ko after the build" >>"$log"
		return 1
	}
	printf '%s\n' "$dest/driver/vwifi.ko"
}

# Kernel log lines that fail a scenario: the five of the issue, and the
# other ways a kernel reports a bug or a leak without those words.
vw_bad_dmesg='\bBUG\b|WARNING|Oops|refcount|hung task|general protection fault|Kernel panic'
vw_bad_dmesg+='|unregister_netdevice: waiting|list_(add|del) corruption|UBSAN|KASAN'
vw_bad_dmesg+='|soft lockup|hard LOCKUP|rcu_.*detected stall'

# judge KVER RESULTS NAME: print the verdict line of one scenario from the
# guest's results/NAME.{rc,out,dmesg}; return 0 pass, 1 fail, 2 skip.
judge() {
	local kver=$1 res=$2 name=$3 short rc ms bad secs

	short=$(kver_short "$kver")
	if [ ! -f "$res/$name.rc" ]; then
		printf 'FAIL %s %s (no result: the guest crashed or hung)\n' "$short" "$name"
		[ -f "$res/$name.out" ] && tail -n 30 "$res/$name.out" | sed 's/^/    | /'
		return 1
	fi
	read -r rc ms <"$res/$name.rc"
	secs=$((ms / 1000)).$(((ms % 1000) / 100))
	bad=$(grep -E "$vw_bad_dmesg" "$res/$name.dmesg" 2>/dev/null | grep -v 'vwifi-runner:' || true)
	if [ "$rc" = 0 ] && [ -z "$bad" ]; then
		printf 'PASS %s %s (%s s)\n' "$short" "$name" "$secs"
		return 0
	fi
	if [ "$rc" = 77 ] && [ -z "$bad" ]; then
		printf 'SKIP %s %s (%s)\n' "$short" "$name" "$(tail -n 1 "$res/$name.out")"
		return 2
	fi
	if [ "$rc" = 0 ] || [ "$rc" = 77 ]; then
		printf 'FAIL %s %s (%s s): kernel log:\n' "$short" "$name" "$secs"
	else
		printf 'FAIL %s %s (%s s, exit %s):\n' "$short" "$name" "$secs" "$rc"
		grep -E '^(FAIL|timed out|TIMEOUT)' "$res/$name.out" | head -n 5 | sed 's/^/    > /'
		tail -n 40 "$res/$name.out" | sed 's/^/    | /'
	fi
	if [ -n "$bad" ]; then
		printf '    kernel log of %s:\n' "$name"
		grep -B2 -A20 -E "$vw_bad_dmesg" "$res/$name.dmesg" | head -n 60 | sed 's/^/    ! /'
	fi
	return 1
}

# vm_run SERIES KO SCENARIO...: cross-VM scenarios (tests/scenarios-vm/)
# through multi.sh on one kernel, for check.sh and check-vm.sh. Prints their
# verdict lines and adds multi.sh's summary to the caller's passed, failed
# and skipped (a run that ends without one counts as one failure). Its
# progress goes to build/vm-<series>.log.
vm_run() {
	local series=$1 ko=$2 out=$VW_BUILD/vm-$1.out line p f s

	shift 2
	"$VW_TOP/tests/qemu/multi.sh" -k "$series" -m "$ko" "$@" >"$out" 2>"$VW_BUILD/vm-$series.log"
	grep -vE '^vm: [0-9]+ passed' "$out"
	line=$(grep -E '^vm: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL vm $series (tests/qemu/multi.sh ended without its summary)"
		tail -n 20 "$VW_BUILD/vm-$series.log" | sed 's/^/    | /'
		failed=$((failed + 1))
		return
	fi
	read -r p f s <<<"$(sed -E \
		's/^vm: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/' <<<"$line")"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}
