#!/bin/bash
# make style: the kernel's checkpatch.pl --strict over the driver, the
# shared core and the uapi header, a verdict per file.
#
# checkpatch.pl comes from Debian's linux-source-6.1 package (installed
# with apt-get when missing, root): only checkpatch.pl and the two files it
# reads beside itself are taken out of /usr/src/linux-source-6.1.tar.xz,
# into build/checkpatch/, and kept until the package changes.
#
# Prints PASS/FAIL style <file> (with checkpatch's findings, one a line,
# under a FAIL) and ends with "style: N passed, N failed"; exits non-zero if
# any file has an ERROR, a WARNING or a CHECK.
set -euo pipefail

# shellcheck source=tests/qemu/common.sh
. "$(dirname "$0")/qemu/common.sh"

src_pkg=linux-source-6.1
tarball=/usr/src/$src_pkg.tar.xz
cp_dir=$VW_BUILD/checkpatch
cp_files=(checkpatch.pl spelling.txt const_structs.checkpatch)

# Checks ignored, each only in the files where it makes no sense:
#
# driver/compat.h is the one place that tells the kernels we build for
# apart, by version, which in-tree code (built for a single kernel) never
# does: LINUX_VERSION_CODE, and CONSTANT_COMPARISON, which every
# "LINUX_VERSION_CODE >= KERNEL_VERSION(...)" trips as both sides are upper
# case. Anywhere else a version test is still reported. NEW_TYPEDEFS there
# too: a compat typedef names the type an op takes, which differs between
# kernels (struct net_device or struct wireless_dev), and cannot be a
# struct of its own.
#
# core/ is also built in user space (tool, medium, unit tests, fuzzers),
# where the kernel's u8..s64 and BIT() do not exist: PREFER_KERNEL_TYPES
# and BIT_MACRO, which checkpatch itself skips under include/uapi/ (and
# tools/) for the same reason.
#
# Not needed here: SPDX_LICENSE_TAG (every file opens with its tag) and
# FILE_PATH_CHANGES (only reported for patches, never with --file).
ignores_for() {
	case $1 in
	driver/compat.h) echo LINUX_VERSION_CODE,CONSTANT_COMPARISON,NEW_TYPEDEFS ;;
	core/*) echo PREFER_KERNEL_TYPES,BIT_MACRO ;;
	esac
}

# The cached copy is good while it is newer than the package's tarball
# (or the package is gone again): a new linux-source-6.1 replaces it.
cache_fresh() {
	local f

	for f in "${cp_files[@]}"; do
		[ "$cp_dir/$f" -nt "$tarball" ] || return 1
	done
}

fetch_checkpatch() {
	local tmp

	cache_fresh && return 0
	[ -f "$tarball" ] || need_pkgs "$src_pkg"
	[ -f "$tarball" ] || die "$src_pkg is installed but $tarball is missing"
	note "extracting ${cp_files[*]} from $tarball"
	mkdir -p "$VW_BUILD"
	tmp=$(mktemp -d "$VW_BUILD/.checkpatch.XXXXXX")
	# xz has no index to seek by: this reads the whole tarball (a minute).
	tar -xJf "$tarball" -C "$tmp" --strip-components=2 \
		"${cp_files[@]/#/$src_pkg/scripts/}" || {
		rm -rf "$tmp"
		die "cannot extract ${cp_files[*]} from $tarball"
	}
	# Newer than the tarball from now on, whatever dates tar restored.
	touch "${cp_files[@]/#/$tmp/}"
	rm -rf "$cp_dir"
	mv "$tmp" "$cp_dir"
}

# checkpatch.pl needs the full perl (Term::ANSIColor, Encode), not perl-base.
need_pkgs perl
fetch_checkpatch

cd "$VW_TOP"
# Paths relative to the top, as checkpatch expects them (it recognises
# include/uapi/ by its path) and as the findings then name them.
shopt -s nullglob
files=(driver/*.c driver/*.h core/*.c core/*.h include/uapi/*.h)
[ ${#files[@]} -gt 0 ] || die "no driver, core or uapi sources under $VW_TOP"

passed=0 failed=0
for f in "${files[@]}"; do
	ign=$(ignores_for "$f")
	rc=0
	# HOME: a ~/.checkpatch.conf of whoever runs this must not change
	# the verdict.
	out=$(HOME=$cp_dir perl "$cp_dir/checkpatch.pl" --strict --no-tree \
		--terse --show-types --no-summary --color=never \
		${ign:+--ignore "$ign"} --file "$f" 2>&1) || rc=$?
	found=$(grep -E '(ERROR|WARNING|CHECK):' <<<"$out" || true)
	if [ "$rc" -eq 0 ] && [ -z "$found" ]; then
		echo "PASS style $f"
		passed=$((passed + 1))
		continue
	fi
	if [ -n "$found" ]; then
		mapfile -t lines <<<"$found"
		n=${#lines[@]}
		echo "FAIL style $f: $n finding$([ "$n" -eq 1 ] || echo s)"
	else
		mapfile -t lines <<<"$out"
		echo "FAIL style $f: checkpatch.pl exited $rc"
	fi
	printf '    | %s\n' "${lines[@]}"
	failed=$((failed + 1))
done

echo "style: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
