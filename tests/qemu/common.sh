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

# debian_archive_uri [SUITE]: the URI this machine's apt sources give for
# SUITE (default bookworm) with component main, in one-line or deb822 form;
# nothing when none does. The harness points new suites and chroots at the
# same mirror rather than at a host name of its own.
debian_archive_uri() {
	local suite=${1:-bookworm} f files=()

	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && files+=("$f")
	done
	[ ${#files[@]} -gt 0 ] || return 0
	awk -v want="$suite" '
	function has(list, word,   n, i, w) {
		n = split(list, w, /[[:space:]]+/)
		for (i = 1; i <= n; i++)
			if (w[i] == word)
				return 1
		return 0
	}
	# one deb822 stanza, complete: print its first URI if it fits
	function stanza(   u) {
		if (!found && has(types, "deb") && has(suites, want) && has(comps, "main") &&
		    tolower(enabled) != "no" && uris != "") {
			split(uris, u, /[[:space:]]+/)
			print u[1]
			found = 1
			exit
		}
		types = uris = suites = comps = enabled = ""
	}
	FNR == 1 { stanza() }
	FILENAME ~ /\.sources$/ {
		if ($0 ~ /^[[:space:]]*$/) { stanza(); next }
		if ($0 ~ /^[[:space:]]*#/) next
		key = tolower($1); sub(/:$/, "", key)
		val = $0; sub(/^[^:]*:[[:space:]]*/, "", val)
		if (key == "types") types = val
		else if (key == "uris") uris = val
		else if (key == "suites") suites = val
		else if (key == "components") comps = val
		else if (key == "enabled") enabled = val
		next
	}
	# one-line form: deb [options] URI SUITE COMPONENT...
	$1 == "deb" {
		i = 2
		if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
		if ($(i + 1) != want) next
		for (j = i + 2; j <= NF; j++)
			if ($j == "main") { print $i; found = 1; exit }
	}
	END { stanza() }' "${files[@]}" | sed 's:/*$::'
}

# bookworm-backports carries the 6.12 kernel; add the suite when missing,
# from the mirror that serves bookworm itself.
ensure_backports() {
	local uri

	if grep -rqsE '(^|[[:space:]])bookworm-backports([[:space:]]|$)' \
		/etc/apt/sources.list /etc/apt/sources.list.d/; then
		return 0
	fi
	[ "$(id -u)" = 0 ] || die "bookworm-backports is not configured and we are not root"
	uri=$(debian_archive_uri bookworm)
	[ -n "$uri" ] || die "no apt source for bookworm main: cannot tell where bookworm-backports is"
	note "adding bookworm-backports ($uri) to apt sources"
	cat >/etc/apt/sources.list.d/vwifi-backports.sources <<EOF
Types: deb
URIs: $uri
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

# kbuild KDIR DIR TARGET...: make -C KDIR M=DIR TARGET... A KDIR inside one
# of the harness's chroots (build/chroot/<suite>/usr/src/..., kernels.sh)
# holds headers and kbuild tools built for that suite's newer userland: the
# build then runs in the chroot, with DIR's parent (the copy of driver/,
# core/, include/) bind-mounted at the same path and /proc (objtool reads
# it), in a mount namespace of its own so nothing stays mounted after it.
kbuild() {
	local kdir=$1 dir=$2 root

	shift 2
	case $kdir in
	"$VW_BUILD"/chroot/*/usr/src/*) ;;
	*)
		make -C "$kdir" M="$dir" "$@"
		return
		;;
	esac
	root=${kdir%%/usr/src/*}
	[ "$(id -u)" = 0 ] || die "building against $kdir needs root (chroot)"
	mkdir -p "$root${dir%/*}"
	# shellcheck disable=SC2016  # expanded by the inner shell
	unshare --mount --propagation private /bin/sh -c '
		root=$1 kdir=$2 dir=$3
		shift 3
		mount -t proc proc "$root/proc" &&
			mount --bind "${dir%/*}" "$root${dir%/*}" &&
			exec chroot "$root" make -C "$kdir" M="$dir" "$@"' \
		kbuild "$root" "${kdir#"$root"}" "$dir" "$@"
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
	kbuild "$kdir" "$dest/driver" modules >"$log" 2>&1 || return 1
	[ -f "$dest/driver/vwifi.ko" ] || {
		echo "no vwifi.ko after the build" >>"$log"
		return 1
	}
	printf '%s\n' "$dest/driver/vwifi.ko"
}

# Kernel log lines that fail a scenario: one list for the host and the
# scenarios (tests/scenarios/kernel-log.sh).
# shellcheck source=tests/scenarios/kernel-log.sh
. "$VW_TOP/tests/scenarios/kernel-log.sh"

# lifetime_check DMESG: with dynamic debug on (vwifi.dyndbg=+p, run-guest.sh)
# the driver logs "vwifi: lifetime: KIND ID created|destroyed" for every
# radio, peer and key. A scenario's kernel log ends after vwifi was
# unloaded, so every one created must have been destroyed. Prints what does
# not add up, with the lines left unpaired (paired by KIND and ID, in order),
# and returns 1; returns 0 when it adds up or vwifi was not loaded.
lifetime_check() {
	local log=$1

	[ -f "$log" ] || return 0
	grep -qE 'vwifi: (loaded with|lifetime: )' "$log" || return 0
	# runner.sh writes its start line right after clearing the log: without
	# it the ring buffer wrapped and the counts mean nothing.
	if ! grep -q 'vwifi-runner: start ' "$log"; then
		echo "lifetime: the kernel log lost its start (log_buf_len too small?)"
		return 1
	fi
	# A scenario that only loads zero radios has no radio line to show.
	if grep -q 'vwifi: loaded with [1-9]' "$log" &&
		! grep -q 'vwifi: lifetime: radio ' "$log"; then
		echo "lifetime lines missing: is dynamic debug on?"
		return 1
	fi
	awk '
	match($0, /vwifi: lifetime: (radio|peer|key) [^ ]+ (created|destroyed)$/) {
		split(substr($0, RSTART + 17), w, " ")
		k = w[1]
		id = k " " w[2]
		if (w[3] == "created") {
			made[k]++
			live[id, ++depth[id]] = NR "\t" $0
		} else {
			gone[k]++
			if (depth[id] > 0)
				delete live[id, depth[id]--]
			else
				unpaired[++u] = NR "\t" $0
		}
	}
	END {
		split("radio peer key", kinds, " ")
		for (i = 1; i <= 3; i++) {
			k = kinds[i]
			if (made[k] + 0 == gone[k] + 0)
				continue
			printf "lifetime: %d %s%s created, %d destroyed\n", made[k], k,
				made[k] == 1 ? "" : "s", gone[k]
			counted = 1
		}
		for (n in live)
			unpaired[++u] = live[n]
		if (u > 0 && !counted)
			print "lifetime: created and destroyed lines do not pair up"
		fflush()
		# back in the order of the log, by the line number in front
		for (i = 1; i <= u; i++)
			print unpaired[i] | "sort -n | cut -f2-"
		close("sort -n | cut -f2-")
		exit (u > 0)
	}' "$log"
}

# judge KVER RESULTS NAME: print the verdict line of one scenario from the
# guest's results/NAME.{rc,out,dmesg}; return 0 pass, 1 fail, 2 skip.
judge() {
	local kver=$1 res=$2 name=$3 short rc ms bad life secs why

	short=$(kver_short "$kver")
	if [ ! -f "$res/$name.rc" ]; then
		printf 'FAIL %s %s (no result: the guest crashed or hung)\n' "$short" "$name"
		[ -f "$res/$name.out" ] && tail -n 30 "$res/$name.out" | sed 's/^/    | /'
		return 1
	fi
	read -r rc ms <"$res/$name.rc"
	secs=$((ms / 1000)).$(((ms % 1000) / 100))
	bad=$(grep -E "$vw_bad_dmesg" "$res/$name.dmesg" 2>/dev/null | grep -v 'vwifi-runner:' || true)
	life=$(lifetime_check "$res/$name.dmesg" || true)
	if [ "$rc" = 0 ] && [ -z "$bad" ] && [ -z "$life" ]; then
		printf 'PASS %s %s (%s s)\n' "$short" "$name" "$secs"
		return 0
	fi
	if [ "$rc" = 77 ] && [ -z "$bad" ] && [ -z "$life" ]; then
		printf 'SKIP %s %s (%s)\n' "$short" "$name" "$(tail -n 1 "$res/$name.out")"
		return 2
	fi
	if [ "$rc" = 0 ] || [ "$rc" = 77 ]; then
		why='kernel log:'
		[ -n "$bad" ] || why=$(head -n 1 <<<"$life")
		printf 'FAIL %s %s (%s s): %s\n' "$short" "$name" "$secs" "$why"
	else
		printf 'FAIL %s %s (%s s, exit %s):\n' "$short" "$name" "$secs" "$rc"
		grep -E '^(FAIL|timed out|TIMEOUT)' "$res/$name.out" | head -n 5 | sed 's/^/    > /'
		tail -n 40 "$res/$name.out" | sed 's/^/    | /'
	fi
	if [ -n "$bad" ]; then
		printf '    kernel log of %s:\n' "$name"
		grep -B2 -A20 -E "$vw_bad_dmesg" "$res/$name.dmesg" | head -n 60 | sed 's/^/    ! /'
	fi
	if [ -n "$life" ]; then
		printf '    vwifi objects in %s:\n' "$res/$name.dmesg"
		head -n 40 <<<"$life" | sed 's/^/    ~ /'
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
