# shellcheck shell=bash
# Helpers of the vwifi-tool scenarios (2x-*.sh), sourced after lib.sh:
#
#   . "$(dirname "$0")/lib.sh"
#   . "$(dirname "$0")/tool-lib.sh"
#
# Not a scenario itself: the runner only picks [0-9]*.sh.
#
# The binary is $VW_TOOL when set, else tool/vwifi-tool at the top of the
# tree the scenarios came with ($VW_TOP: the repository on the host, the
# share in the guest, where run-guest.sh copies it), else in the
# repository the guest sees at $VW_SRC, else vwifi-tool on PATH. Without it
# the scenario is skipped, saying how to build it.

vw_tool_find() {
	local c

	for c in "${VW_TOOL:-}" "$VW_TOP/tool/vwifi-tool" \
		"${VW_SRC:+$VW_SRC/tool/vwifi-tool}" "$(command -v vwifi-tool || true)"; do
		if [ -n "$c" ] && [ -x "$c" ]; then
			printf '%s\n' "$c"
			return 0
		fi
	done
	return 1
}

VW_TOOL=$(vw_tool_find) ||
	skip "SKIP: no vwifi-tool (build it: make tool)"
# The guest runs it from the share: check it can start (libnl present).
"$VW_TOOL" --version >/dev/null 2>&1 ||
	skip "SKIP: $VW_TOOL does not run here (libnl-genl-3-200 missing?)"
log "vwifi-tool: $VW_TOOL"

# vt ARGS...: run vwifi-tool, traced, output shown; fails the scenario if
# the tool fails.
vt() {
	pp "$VW_TOOL" "$@"
}

# vt_in NS ARGS...: the same inside network namespace NS.
vt_in() {
	local ns=$1

	shift
	n "$ns" "$VW_TOOL" "$@"
}

# vt_out ARGS...: vwifi-tool's standard output, for assertions (untraced).
vt_out() {
	"$VW_TOOL" "$@"
}

# vt_expect RC REGEX ARGS...: run vwifi-tool (traced, output shown); it must
# exit with RC and its stdout+stderr must match the extended REGEX.
vt_expect() {
	local want=$1 re=$2 out rc=0

	shift 2
	printf '+ %s %s   (expect exit %s)\n' "$VW_TOOL" "$*" "$want"
	out=$("$VW_TOOL" "$@" 2>&1) || rc=$?
	printf '%s\n' "$out"
	[ "$rc" = "$want" ] || fail "vwifi-tool $* exited $rc, expected $want"
	grep -qE -- "$re" <<<"$out" || fail "vwifi-tool $* does not show /$re/"
}

# json_ok FILE: FILE is valid JSON (checked when python3 or jq is here).
json_ok() {
	if command -v python3 >/dev/null; then
		python3 -m json.tool "$1" >/dev/null || fail "$(basename "$1") is not valid JSON"
	elif command -v jq >/dev/null; then
		jq . "$1" >/dev/null || fail "$(basename "$1") is not valid JSON"
	else
		log "no python3 or jq: JSON not validated"
	fi
}

# ping_loss NS ADDR COUNT [INTERVAL]: the percentage of lost echo requests.
ping_loss() {
	local ns=$1 addr=$2 count=$3 interval=${4:-0.05} out

	out=$(ip netns exec "$ns" ping -n -q -c "$count" -i "$interval" -W 1 "$addr" 2>&1) || true
	printf '%s\n' "$out" >&2
	sed -nE 's/.* ([0-9]+(\.[0-9]+)?)% packet loss.*/\1/p' <<<"$out" | cut -d. -f1
}

# station_signal NS IFACE: the signal (dBm) of the first station in IFACE's
# station dump.
station_signal() {
	ip netns exec "$1" iw dev "$2" station dump |
		awk '$1 == "signal:" { print $2; exit }'
}
