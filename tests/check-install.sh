#!/bin/bash
# make check-install: vwifi installed the three ways a user installs it, as
# root on a Debian 12 host, and removed again.
#
#   1. make install DESTDIR=scratch, vwifi.ko built against Debian's 6.1
#      headers: exactly the expected files; again with PREFIX=/opt/vwifi;
#      make uninstall then leaves nothing but empty directories.
#   2. The Debian packages: debian/check-version.sh, dpkg-buildpackage -us
#      -uc -b in a copy of the tree, lintian --fail-on error.
#   3. apt-get install ./vwifi-dkms_*.deb ./vwifi-utils_*.deb on this host:
#      DKMS built and installed vwifi.ko for the 6.1 kernel, the programs
#      are in /usr/sbin and say the version of VERSION, the unit verifies.
#   4. Debian's 6.1 kernel booted in QEMU with that DKMS-built vwifi.ko: the
#      classic walkthrough (tests/scenarios/01-walkthrough.sh), then
#      tests/install/installed-tool.sh with VW_TOOL=/usr/sbin/vwifi-tool,
#      the packaged tool seen through the guest's read-only 9p root.
#   5. apt-get purge of both: no package, no DKMS entry, no module, no
#      source left, and /lib/modules as it was before step 3.
#
# Prints PASS/FAIL per check with its seconds, then "N passed, N failed"
# (the count .ci/run adds up) and "install: N passed, N failed"; exits 1 if
# anything failed. Every step has a timeout (VW_INSTALL_TIMEOUT scales them,
# default 1). Refuses to run while vwifi-dkms or vwifi-utils is installed:
# it would purge someone's packages. The scratch trees, the packages and
# the logs are in a temporary directory, kept when something failed.
set -euo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/qemu/common.sh"

[ "$(id -u)" = 0 ] || die "check-install needs root (apt-get, dkms, /lib/modules)"
export DEBIAN_FRONTEND=noninteractive
for p in vwifi-dkms vwifi-utils; do
	! pkg_installed "$p" || die "$p is installed on this host; purge it first"
done

series=6.1
scale=${VW_INSTALL_TIMEOUT:-1}
version=$(cat "$VW_TOP/VERSION")
work=$(mktemp -d "${TMPDIR:-/tmp}/vwifi-check-install.XXXXXX")
passed=0 failed=0
t_start=$(date +%s)
t_step=$t_start

# The packages are purged whatever happened: the host is left as it was.
# shellcheck disable=SC2317  # run by the trap
cleanup() {
	local p

	for p in vwifi-dkms vwifi-utils; do
		if pkg_installed "$p"; then
			note "purging $p"
			apt-get purge -y -q "$p" >>"$work/purge.log" 2>&1 || true
		fi
	done
	if [ "$failed" = 0 ]; then
		rm -rf "$work"
	else
		note "check-install: logs and trees kept in $work"
	fi
}
trap cleanup EXIT

# verdict PASS|FAIL WHAT: one verdict line, with the seconds since the
# last one; pass/fail WHAT count it.
verdict() {
	local now

	now=$(date +%s)
	printf '%s install %s (%s s)\n' "$1" "$2" "$((now - t_step))"
	t_step=$now
}

pass() {
	verdict PASS "$1"
	passed=$((passed + 1))
}

fail() {
	verdict FAIL "$1"
	failed=$((failed + 1))
}

# show_log FILE: the end of a failed step's log, indented.
show_log() {
	tail -n 30 "$1" | sed 's/^/    | /'
}

# bounded SECS LOG CMD...: CMD under a timeout of SECS (times the scale),
# stdout and stderr to LOG.
bounded() {
	local secs=$(($1 * scale)) log=$2

	shift 2
	timeout -k 10 "$secs" "$@" >"$log" 2>&1
}

# copy_tree DEST: the tree as git sees it (tracked and new files, nothing
# ignored: no build/, no objects), so builds here race no one in the tree;
# outside a git work tree, tar reads the .gitignore files itself.
copy_tree() {
	mkdir -p "$1"
	if git -C "$VW_TOP" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$VW_TOP" ls-files -z -co --exclude-standard |
			tar -C "$VW_TOP" --null -T - -cf - | tar -C "$1" -xf -
	else
		tar -C "$VW_TOP" --exclude-vcs --exclude-vcs-ignores -cf - . | tar -C "$1" -xf -
	fi
}

# same_lists WANT GOT: print the difference of two sorted lists, if any.
same_lists() {
	diff -u "$1" "$2" | sed -n 's/^\([-+][^-+]\)/    \1/p'
	cmp -s "$1" "$2"
}

finish() {
	note "check-install took $(($(date +%s) - t_start)) s"
	printf '%s passed, %s failed\n' "$passed" "$failed"
	printf 'install: %s passed, %s failed\n' "$passed" "$failed"
	[ "$failed" = 0 ]
	exit
}

need_pkgs build-essential dpkg-dev debhelper dh-dkms dkms bash-completion \
	lintian libnl-3-dev libnl-genl-3-dev libpcap-dev pkg-config git \
	"${vw_host_pkgs[@]}"
[ -f "$VW_KERNELS/$series.env" ] || "$VW_TOP/tests/qemu/kernels.sh" "$series" >/dev/null
# KVER, KDIR, MODEXT of the series (kernels.sh)
# shellcheck source=/dev/null
. "$VW_KERNELS/$series.env"
# shellcheck disable=SC2153  # KVER comes from the .env
note "check-install: vwifi $version, kernel $KVER, in $work"
t_step=$(date +%s)

# ---- 1. make install / make uninstall into a scratch DESTDIR --------------
copy_tree "$work/src"
dest=$work/dest
# expected_files PREFIX: what make install must put under DESTDIR, sorted.
expected_files() {
	local p=${1#/} f

	{
		echo "lib/modules/$KVER/updates/vwifi.ko"
		echo "$p/sbin/vwifi-tool"
		echo "$p/sbin/vwifi-medium"
		echo "$p/share/man/man8/vwifi-tool.8"
		echo "$p/share/man/man8/vwifi-medium.8"
		echo "$p/share/bash-completion/completions/vwifi-tool"
		for f in "$VW_TOP"/examples/*; do
			echo "$p/share/doc/vwifi/examples/$(basename "$f")"
		done
	} | sort
}
# installed_files DIR: every file and link under DIR, sorted, relative.
installed_files() {
	(cd "$1" && find . ! -type d | sed 's|^\./||' | sort)
}

for prefix in /usr/local /opt/vwifi; do
	rm -rf "$dest"
	# /usr/local is the default: the first run passes no PREFIX at all
	args=(KVER="$KVER" KDIR="$KDIR" DESTDIR="$dest")
	[ "$prefix" = /usr/local ] || args+=(PREFIX="$prefix")
	what="DESTDIR=… PREFIX=$prefix"
	log=$work/make-install${prefix//\//-}.log
	if ! bounded 1200 "$log" nice -n 10 make -C "$work/src" install "${args[@]}"; then
		fail "make install $what (make failed)"
		show_log "$log"
		continue
	fi
	expected_files "$prefix" >"$work/want"
	installed_files "$dest" >"$work/got"
	if same_lists "$work/want" "$work/got"; then
		pass "make install $what puts the $(wc -l <"$work/want") expected files, no depmod index"
	else
		fail "make install $what: not the expected files (- missing, + extra)"
	fi
	# the module is the one for KVER, the programs executable, the rest not
	bad=''
	vermagic=$(modinfo -F vermagic "$dest/lib/modules/$KVER/updates/vwifi.ko" 2>/dev/null || true)
	[ "${vermagic%% *}" = "$KVER" ] || bad+=" vwifi.ko is for '${vermagic%% *}', not $KVER;"
	for f in "$dest$prefix"/sbin/*; do
		[ -x "$f" ] || bad+=" $f not executable;"
	done
	if find "$dest$prefix/share" -type f -perm /111 | grep -q .; then
		bad+=" executable files under share/;"
	fi
	if [ -z "$bad" ]; then
		pass "make install $what: vwifi.ko for $KVER, modes right"
	else
		fail "make install $what:$bad"
	fi
	log=$work/make-uninstall${prefix//\//-}.log
	if ! bounded 300 "$log" make -C "$work/src" uninstall "${args[@]}"; then
		fail "make uninstall $what (make failed)"
		show_log "$log"
		continue
	fi
	left=$(installed_files "$dest" | tr '\n' ' ')
	[ ! -d "$dest$prefix/share/doc/vwifi" ] || left+="${prefix#/}/share/doc/vwifi/"
	if [ -z "$left" ]; then
		pass "make uninstall $what leaves only empty shared directories"
	else
		fail "make uninstall $what left: $left"
	fi
done

# ---- 2. the Debian packages ------------------------------------------------
copy_tree "$work/pkg/src"
log=$work/dpkg-buildpackage.log
if bounded 1200 "$log" nice -n 10 env -C "$work/pkg/src" dpkg-buildpackage -us -uc -b &&
	[ -f "$work/pkg/vwifi-dkms_${version}_all.deb" ] &&
	[ -f "$work/pkg/vwifi-utils_${version}_amd64.deb" ]; then
	pass "dpkg-buildpackage -us -uc -b: vwifi-dkms_${version}_all.deb, vwifi-utils_${version}_amd64.deb"
else
	fail "dpkg-buildpackage -us -uc -b (or a .deb of version $version missing)"
	show_log "$log"
	finish
fi
changes=$work/pkg/vwifi_${version}_amd64.changes
log=$work/lintian.log
if bounded 600 "$log" nice -n 10 lintian --fail-on error "$changes"; then
	pass "lintian --fail-on error: no error ($(grep -c '^[WI]:' "$log" || true) warnings and notes)"
else
	fail "lintian --fail-on error"
	show_log "$log"
fi

# ---- 3. installed on this host ---------------------------------------------
lm_before=$work/lib-modules.before
find /lib/modules -mindepth 1 | sort >"$lm_before"
# DKMS signs what it builds, making its key pair at the first build.
mok_made=1
[ ! -e /var/lib/dkms/mok.key ] || mok_made=0
log=$work/apt-install.log
if ! bounded 1800 "$log" nice -n 10 apt-get install -y -q \
	--no-install-recommends "$work/pkg/vwifi-dkms_${version}_all.deb" \
	"$work/pkg/vwifi-utils_${version}_amd64.deb"; then
	fail "apt-get install ./vwifi-dkms_*.deb ./vwifi-utils_*.deb"
	show_log "$log"
	finish
fi
pass "apt-get install ./vwifi-dkms_${version}_all.deb ./vwifi-utils_${version}_amd64.deb"

ko=/lib/modules/$KVER/updates/dkms/vwifi.$MODEXT
status=$(dkms status -m vwifi -v "$version" -k "$KVER" 2>&1 || true)
vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null || true)
if grep -q ': installed' <<<"$status" && [ "${vermagic%% *}" = "$KVER" ]; then
	pass "dkms: $status; $ko for $KVER"
else
	fail "dkms did not install vwifi $version for $KVER (status '$status', $ko: '${vermagic:-none}')"
	grep -iE 'error|fail|skipped|Building' "$log" | head -n 20 | sed 's/^/    | /'
fi

bad=''
for prog in vwifi-tool vwifi-medium; do
	[ "$(command -v "$prog")" = "/usr/sbin/$prog" ] || bad+=" $prog is not /usr/sbin/$prog;"
	out=$("/usr/sbin/$prog" --version 2>&1 || true)
	[[ $out == "$prog $version"* ]] || bad+=" $prog --version says '$out';"
done
for f in /usr/share/man/man8/vwifi-tool.8.gz /usr/share/man/man8/vwifi-medium.8.gz \
	/usr/share/bash-completion/completions/vwifi-tool /etc/default/vwifi-medium \
	/usr/share/doc/vwifi-utils/examples/hostapd-wpa2.conf; do
	[ -f "$f" ] || bad+=" no $f;"
done
if command -v systemd-analyze >/dev/null; then
	out=$(systemd-analyze verify /lib/systemd/system/vwifi-medium.service 2>&1) ||
		bad+=" systemd-analyze verify: $out;"
fi
if [ -z "$bad" ]; then
	pass "vwifi-utils: tool and medium in /usr/sbin say $version; man pages, completion, defaults, unit"
else
	fail "vwifi-utils:$bad"
fi

# ---- 4. the DKMS-built module and the installed tool in a guest ------------
if [ -f "$ko" ]; then
	run=$work/run
	log=$work/guest.log
	rc=0
	# 600 s a scenario: on a loaded 2-CPU host under TCG the walkthrough
	# alone took 312 s.
	bounded 1800 "$log" nice -n 10 "$VW_TOP/tests/qemu/run-guest.sh" -k "$series" -m "$ko" \
		-t 600 -o "$run" -e VW_TOOL=/usr/sbin/vwifi-tool \
		01-walkthrough.sh "$VW_TOP/tests/install/installed-tool.sh" || rc=$?
	[ $rc = 0 ] || show_log "$log"
	for name in 01-walkthrough installed-tool; do
		if line=$(judge "$KVER" "$run/share/results" "$name"); then
			pass "guest: ${line#PASS }, DKMS's vwifi.ko, /usr/sbin/vwifi-tool"
		else
			fail "guest: $(head -n 1 <<<"$line")"
			tail -n +2 <<<"$line"
		fi
	done
else
	fail "guest not booted: no DKMS-built $ko"
fi

# ---- 5. purged ---------------------------------------------------------------
log=$work/apt-purge.log
if ! bounded 600 "$log" apt-get purge -y -q vwifi-dkms vwifi-utils; then
	fail "apt-get purge -y vwifi-dkms vwifi-utils"
	show_log "$log"
fi
# DKMS's depmod leaves index files in kernel directories that had none and
# updates/ directories it emptied: gone, the listing must be as before.
find /lib/modules -mindepth 1 | sort >"$work/lib-modules.after"
comm -13 "$lm_before" "$work/lib-modules.after" | sort -r | while read -r f; do
	case $f in
	/lib/modules/*/modules.*) rm -f "$f" ;;
	/lib/modules/*/updates | /lib/modules/*/updates/dkms) rmdir "$f" 2>/dev/null || true ;;
	esac
done
find /lib/modules -mindepth 1 | sort >"$work/lib-modules.after"
[ "$mok_made" = 0 ] || rm -f /var/lib/dkms/mok.key /var/lib/dkms/mok.pub
bad=''
for p in vwifi-dkms vwifi-utils; do
	! pkg_installed "$p" || bad+=" $p still installed;"
done
[ -z "$(dkms status -m vwifi 2>/dev/null)" ] || bad+=" dkms status: $(dkms status -m vwifi);"
for f in /lib/modules/*/updates/dkms/vwifi.ko* /usr/src/vwifi-"$version" /var/lib/dkms/vwifi \
	/usr/sbin/vwifi-tool /usr/sbin/vwifi-medium /etc/default/vwifi-medium; do
	[ ! -e "$f" ] || bad+=" $f left;"
done
if [ -z "$bad" ] && same_lists "$lm_before" "$work/lib-modules.after"; then
	pass "apt-get purge: packages, DKMS tree, module and source gone; /lib/modules as before"
else
	fail "apt-get purge:$bad${bad:+ }/lib/modules (- gone, + new) as above"
fi

finish
