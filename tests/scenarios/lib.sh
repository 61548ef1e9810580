# shellcheck shell=bash
# Helpers for the scenario scripts. Sourced at the top of each NN-name.sh:
#
#   . "$(dirname "$0")/lib.sh"
#
# A scenario runs as root inside the test guest (tests/qemu/), one radio per
# network namespace. It exits 0 when every assertion held, 77 to skip (the
# reason is its last line), anything else on failure. Every command that
# matters is traced ("+ ..."), waits poll state with a deadline, and a trap
# stops the daemons, deletes the namespaces and unloads the driver on exit.
#
# Environment:
#   VW_DRIVER   vwifi (default): insmod $VW_KO; hwsim: mac80211_hwsim with
#               its phys and interfaces renamed to vw_phyN / vwN
#   VW_KO       path of vwifi.ko (default: vwifi.ko at the top of the tree)
#   VW_RESULTS  directory for logs and generated configs (default /tmp/...)
#   VW_DEMO=1   also print the views a user would look at (show ...)
#   VW_DEBUG=1  start hostapd and wpa_supplicant with -d

set -eEuo pipefail

VW_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VW_TOP=$(cd "$VW_LIB_DIR/../.." && pwd)
VW_EXAMPLES=${VW_EXAMPLES:-$VW_TOP/examples}
VW_DRIVER=${VW_DRIVER:-vwifi}
VW_KO=${VW_KO:-$VW_TOP/vwifi.ko}
VW_NAME=$(basename "$0" .sh)
VW_DIR=${VW_RESULTS:-/tmp/vwifi-$VW_NAME}
VW_DEMO=${VW_DEMO:-0}
VW_DEBUG=${VW_DEBUG:-0}

rm -rf "$VW_DIR"
mkdir -p "$VW_DIR"

vw_netns=()
vw_pidfiles=()
vw_bg_pids=()
vw_module=
vw_skip_reason=

# ---- output ---------------------------------------------------------------

log() {
	printf '# %s\n' "$*"
}

# Trace a command, then run it with its output shown.
pp() {
	printf '+ %s\n' "$*"
	"$@"
}

# n NS CMD...: run CMD in netns NS, traced.
n() {
	local ns=$1

	shift
	pp ip netns exec "$ns" "$@"
}

# q NS CMD...: the same, untraced and quiet (for polling).
q() {
	local ns=$1

	shift
	ip netns exec "$ns" "$@" >/dev/null 2>&1
}

# show TITLE CMD...: in demo mode print what a user would look at.
show() {
	local title=$1

	shift
	[ "$VW_DEMO" = 1 ] || return 0
	printf '\n===== %s =====\n' "$title"
	printf '$ %s\n' "$*"
	"$@" || true
}

fail() {
	printf 'FAIL: %s\n' "$*" >&2
	exit 1
}

# skip REASON: exit 77, the reason being the last line of the output.
skip() {
	vw_skip_reason=$*
	exit 77
}

# ---- cleanup --------------------------------------------------------------

vw_dump_logs() {
	local f

	for f in "$VW_DIR"/*.log; do
		[ -f "$f" ] || continue
		printf -- '--- tail of %s ---\n' "$(basename "$f")"
		tail -n 25 "$f"
	done
}

vw_cleanup() {
	local rc=$? p f ns left

	set +eE
	trap - EXIT ERR
	if [ $rc -ne 0 ] && [ $rc -ne 77 ]; then
		vw_dump_logs
	fi
	for p in "${vw_bg_pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	for f in "${vw_pidfiles[@]}"; do
		[ -f "$f" ] && kill "$(cat "$f" 2>/dev/null)" 2>/dev/null
	done
	# Daemons must be gone before their radios leave.
	for _ in $(seq 50); do
		left=
		for f in "${vw_pidfiles[@]}"; do
			[ -f "$f" ] && kill -0 "$(cat "$f" 2>/dev/null)" 2>/dev/null && left=1
		done
		[ -z "$left" ] && break
		sleep 0.1
	done
	for p in "${vw_bg_pids[@]}"; do
		kill -9 "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	for ns in "${vw_netns[@]}"; do
		ip netns delete "$ns" 2>/dev/null
	done
	if [ -n "$vw_module" ] && [ -d "/sys/module/$vw_module" ]; then
		printf '+ rmmod %s\n' "$vw_module"
		if ! timeout 30 rmmod "$vw_module"; then
			printf 'FAIL: cleanup: rmmod %s failed\n' "$vw_module"
			[ $rc -eq 0 ] && rc=1
		fi
	fi
	case $rc in
	0) printf 'PASS: %s\n' "$VW_NAME" ;;
	77) printf '%s\n' "${vw_skip_reason:-skipped}" ;;
	*) printf 'FAIL: %s (exit %d)\n' "$VW_NAME" "$rc" ;;
	esac
	exit $rc
}

vw_on_err() {
	local rc=$? line=$1

	# Subshells inherit the trap; report only the script's own failures.
	[ "$BASH_SUBSHELL" = 0 ] || return 0
	printf 'FAIL: line %s: "%s" exited %d\n' "$line" "$BASH_COMMAND" "$rc" >&2
}

trap vw_cleanup EXIT
trap 'vw_on_err $LINENO' ERR
trap 'exit 143' TERM
trap 'exit 130' INT

# ---- the kernel log -------------------------------------------------------

# shellcheck source=tests/scenarios/kernel-log.sh
. "$VW_LIB_DIR/kernel-log.sh"

# dmesg_clean: nothing in the kernel log the harness would fail the
# scenario for (it checks at the end; a scenario that checks after each
# phase says which one broke it). Prints what it found.
dmesg_clean() {
	local bad

	bad=$(dmesg | grep -E "$vw_bad_dmesg" | grep -v 'vwifi-runner:') || true
	[ -z "$bad" ] || { printf '%s\n' "$bad"; return 1; }
}

# ---- waiting --------------------------------------------------------------

# wait_for SECS CMD...: poll CMD (quietly) until it succeeds; fail after SECS
# seconds, showing CMD's last output.
wait_for() {
	local secs=$1 deadline

	shift
	deadline=$(($(date +%s%N) + secs * 1000000000))
	while ! "$@" >/dev/null 2>&1; do
		if [ "$(date +%s%N)" -ge $deadline ]; then
			printf 'timed out after %ss waiting for: %s\n' "$secs" "$*"
			"$@" || true
			return 1
		fi
		sleep 0.2
	done
}

# ---- driver ---------------------------------------------------------------

iface_phy() {
	basename "$(readlink -f "/sys/class/net/$1/phy80211")"
}

# vwifi_cmdline_params: the kernel command line's vwifi.NAME=VALUE words as
# NAME=VALUE, one a line. modprobe passes them to the module, insmod does
# not; run-guest.sh puts vwifi.dyndbg=+p there for the lifetime check.
vwifi_cmdline_params() {
	local w

	for w in $(</proc/cmdline); do
		case $w in
		vwifi.*=*) printf '%s\n' "${w#vwifi.}" ;;
		esac
	done
}

# load_vwifi N [PARAM=VALUE...]: N radios vw_phy0..N-1 with interfaces
# vw0..N-1, in init_net; vwifi gets the PARAMs at insmod too.
load_vwifi() {
	local count=$1 i dep boot=()

	shift
	case $VW_DRIVER in
	vwifi)
		[ -f "$VW_KO" ] || fail "no vwifi.ko at $VW_KO"
		# insmod does not resolve dependencies: load them first.
		for dep in $(modinfo -F depends "$VW_KO" | tr ',' ' '); do
			pp modprobe "$dep"
		done
		vw_module=vwifi
		mapfile -t boot < <(vwifi_cmdline_params)
		pp insmod "$VW_KO" "station=$count" "${boot[@]}" "$@"
		;;
	hwsim)
		vw_module=mac80211_hwsim
		pp modprobe mac80211_hwsim "radios=$count"
		vw_hwsim_rename "$count"
		;;
	*) fail "unknown VW_DRIVER=$VW_DRIVER" ;;
	esac
	for ((i = 0; i < count; i++)); do
		wait_for 10 test -e "/sys/class/net/vw$i/phy80211" || fail "vw$i did not appear"
		[ "$(iface_phy "vw$i")" = "vw_phy$i" ] || fail "vw$i is on $(iface_phy "vw$i"), not vw_phy$i"
	done
}

# mac80211_hwsim names its radios phyN/wlanN: give them vwifi's names so the
# scenarios run unchanged on it (to check the harness, and for comparisons).
vw_hwsim_rename() {
	local count=$1 i=0 dev phy devs=()

	wait_for 10 vw_hwsim_count_is "$count" || fail "mac80211_hwsim did not create $count radios"
	# hwsim creates radio k as phy<base+k> with one netdev; sort by wiphy index.
	while read -r _ dev; do
		devs+=("$dev")
	done < <(for dev in /sys/class/net/*; do
		[ -e "$dev/phy80211" ] || continue
		printf '%s %s\n' "$(cat "$dev/phy80211/index")" "$(basename "$dev")"
	done | sort -n)
	for dev in "${devs[@]}"; do
		phy=$(iface_phy "$dev")
		pp iw phy "$phy" set name "vw_phy$i"
		pp ip link set "$dev" name "vw$i"
		i=$((i + 1))
	done
}

vw_hwsim_count_is() {
	local dev c=0

	for dev in /sys/class/net/*; do
		[ -e "$dev/phy80211" ] && c=$((c + 1))
	done
	[ $c -eq "$1" ]
}

# unload_driver: rmmod the driver now (it must succeed within 60 s).
unload_driver() {
	pp timeout 60 rmmod "$vw_module" || fail "rmmod $vw_module failed"
	vw_module=''
}

# put_in_netns PHY NS: move radio PHY (and its interface) into netns NS.
put_in_netns() {
	local phy=$1 ns=$2

	if [ ! -e "/run/netns/$ns" ]; then
		pp ip netns add "$ns"
		vw_netns+=("$ns")
		ip -n "$ns" link set lo up
	fi
	pp iw phy "$phy" set netns name "$ns"
}

# set_ip NS IFACE ADDR/PREFIX
set_ip() {
	n "$1" ip addr add "$3" dev "$2"
	n "$1" ip link set "$2" up
}

# mac_of NS IFACE
mac_of() {
	ip -n "$1" link show "$2" | awk '/link\/ether/ { print $2 }'
}

# scan_ns NS IFACE [iw scan arguments]: "iw dev IFACE scan ..." in NS, its
# output on stdout, given up after 10 s (exit 124). On 7.x kernels a netlink
# dump is refused with ENOBUFS while anything else waits on the socket and
# the dump's buffer would overrun iw's 8 KiB receive buffer; iw 5.19 then
# retries the refused dump for ever. Its socket also listens for events, so
# now and then a scan never prints (a few in a thousand here, with
# mac80211_hwsim too). Callers retry (wait_for, for 30 s or more)
# instead of hanging.
scan_ns() {
	local ns=$1 dev=$2

	shift 2
	timeout 10 ip netns exec "$ns" iw dev "$dev" scan "$@"
}

# ---- hostapd / wpa_supplicant ---------------------------------------------

# A copy of CONF for IFACE with its control directory private to NS; more
# "key=value" lines may follow (replacing keys of the same name).
vw_conf_variant() {
	local conf=$1 out=$2 iface=$3 ctrl=$4 kv key

	shift 4
	[ -f "$conf" ] || conf=$VW_EXAMPLES/$conf
	[ -f "$conf" ] || fail "no config $1"
	sed -e "s|^interface=.*|interface=$iface|" \
		-e "s|^ctrl_interface=.*|ctrl_interface=$ctrl|" "$conf" >"$out"
	for kv in "$@"; do
		key=${kv%%=*}
		if grep -q "^$key=" "$out"; then
			sed -i "s|^$key=.*|$kv|" "$out"
		else
			printf '%s\n' "$kv" >>"$out"
		fi
	done
}

hostapd_ctrl() { printf '/run/hostapd-%s' "$1"; }
wpas_ctrl() { printf '/run/wpa_supplicant-%s' "$1"; }

# start_ap NS IFACE CONF [key=value...]: hostapd on IFACE in NS, waiting until
# the BSS is up. CONF is a path or a name under examples/.
start_ap() {
	local ns=$1 iface=$2 conf=$3 c pid dbg=()

	shift 3
	c=$VW_DIR/hostapd-$iface.conf
	pid=$VW_DIR/hostapd-$iface.pid
	vw_conf_variant "$conf" "$c" "$iface" "$(hostapd_ctrl "$ns")" "$@"
	[ "$VW_DEBUG" = 1 ] && dbg=(-d)
	vw_pidfiles+=("$pid")
	n "$ns" hostapd -B -t "${dbg[@]}" -P "$pid" -f "$VW_DIR/hostapd-$iface.log" "$c"
	wait_for 30 ap_enabled "$ns" "$iface" || fail "hostapd on $iface did not start"
}

ap_enabled() {
	hostapd_cli_ns "$1" "$2" status | grep -q '^state=ENABLED'
}

# start_sta NS IFACE CONF [key=value...]: wpa_supplicant on IFACE in NS (does
# not wait for the connection: see wait_connected). Network block keys are not
# rewritten; pass a whole config for variants.
start_sta() {
	local ns=$1 iface=$2 conf=$3 c pid dbg=()

	shift 3
	c=$VW_DIR/wpa_supplicant-$iface.conf
	pid=$VW_DIR/wpa_supplicant-$iface.pid
	vw_conf_variant "$conf" "$c" "$iface" "$(wpas_ctrl "$ns")" "$@"
	[ "$VW_DEBUG" = 1 ] && dbg=(-d)
	vw_pidfiles+=("$pid")
	n "$ns" wpa_supplicant -B -t "${dbg[@]}" -D nl80211 -i "$iface" -c "$c" \
		-P "$pid" -f "$VW_DIR/wpa_supplicant-$iface.log"
	wait_for 20 q "$ns" wpa_cli -p "$(wpas_ctrl "$ns")" -i "$iface" ping ||
		fail "wpa_supplicant on $iface did not start"
}

# wpa_cli_ns NS IFACE CMD...
# radios_in_netns N: N radios, radio i in its own namespace nsI with
# 10.0.0.(I+1)/24.
radios_in_netns() {
	local i

	load_vwifi "$1"
	for ((i = 0; i < $1; i++)); do
		put_in_netns "vw_phy$i" "ns$i"
		set_ip "ns$i" "vw$i" "10.0.0.$((i + 1))/24"
	done
}

# nic_stat NS IFACE NAME: one counter of ethtool -S IFACE (empty if absent)
nic_stat() {
	ip netns exec "$1" ethtool -S "$2" | awk -v k="$3:" '$1 == k { print $2 }'
}

# psk_sta_conf FILE KEY_MGMT [line...]: a wpa_supplicant configuration for
# the "test" network of examples/hostapd-wpa2.conf with this key management
# and these lines more in its network block (pairwise=GCMP, ieee80211w=2 ...).
psk_sta_conf() {
	local file=$1 key_mgmt=$2 line

	shift 2
	{
		printf 'ctrl_interface=/var/run/wpa_supplicant\nnetwork={\n'
		printf '\tssid="test"\n\tkey_mgmt=%s\n\tproto=RSN\n' "$key_mgmt"
		for line in "$@"; do
			printf '\t%s\n' "$line"
		done
		printf '\tpsk="12345678"\n}\n'
	} >"$file"
}

# sae_sta_conf FILE PASSWORD [line...]: a WPA3-Personal (SAE, PMF
# required) wpa_supplicant configuration for the "test" network, with
# these global lines before it (sae_pwe=2, sae_groups=20 ...).
sae_sta_conf() {
	local file=$1 password=$2

	shift 2
	{
		printf 'ctrl_interface=/var/run/wpa_supplicant\n'
		[ $# = 0 ] || printf '%s\n' "$@"
		printf 'network={\n\tssid="test"\n\tkey_mgmt=SAE\n'
		printf '\tproto=RSN\n\tieee80211w=2\n'
		printf '\tsae_password="%s"\n}\n' "$password"
	} >"$file"
}

# owe_sta_conf FILE [line...]: an OWE (Opportunistic Wireless Encryption,
# PMF required) wpa_supplicant configuration for the "test" network, with
# these lines more in its network block (owe_group=20 ...).
owe_sta_conf() {
	local file=$1 line

	shift
	{
		printf 'ctrl_interface=/var/run/wpa_supplicant
network={
'
		printf '	ssid="test"
	key_mgmt=OWE
	proto=RSN
	ieee80211w=2
'
		for line in "$@"; do
			printf '	%s
' "$line"
		done
		printf '}
'
	} >"$file"
}

# owe_join NS IFACE CONF ADDR: wpa_supplicant with the OWE CONF on IFACE
# until it connects (and, on hwsim, pings ADDR).
#
# mac80211_hwsim (the reference): mac80211's station repeats an
# association request it has no answer to after 200 ms; in a TCG guest
# hostapd takes about that long for the DH, answers both requests, and
# the keys of its second answer are not the ones the station took from
# the first: hostapd drops message 4 of the handshake ("in invalid
# state") and starts another the station cannot finish. On hwsim a
# connection that does not complete and ping is tried again, at most
# three times. vwifi's AP asks hostapd once while a request is under
# way: there the first connection must work.
owe_join() {
	local ns=$1 iface=$2 conf=$3 addr=$4 try

	for try in 1 2 3; do
		start_sta "$ns" "$iface" "$conf"
		if [ "$VW_DRIVER" != hwsim ]; then
			wait_connected "$ns" "$iface"
			return
		fi
		if wait_for 20 wpa_state_is "$ns" "$iface" COMPLETED &&
			q "$ns" ping -c 2 -W 2 "$addr"; then
			return
		fi
		log "hwsim: try $try did not complete (repeated request?)"
		stop_sta "$ns" "$iface"
	done
	fail "$iface did not connect in three tries"
}

# two_and_monitor [insmod params...]: three radios; vw0 and vw1 in ns0 and
# ns1 with 10.0.0.1 and .2/24, and mon0, a monitor interface of vw_phy2,
# up in ns2 (its channel is the caller's: iw dev mon0 set freq ...).
# shellcheck disable=SC2120 # scenarios pass parameters, two_watched none
two_and_monitor() {
	local i

	load_vwifi 3 "$@"
	for i in 0 1 2; do
		put_in_netns "vw_phy$i" "ns$i"
	done
	set_ip ns0 vw0 10.0.0.1/24
	set_ip ns1 vw1 10.0.0.2/24
	n ns2 iw phy vw_phy2 interface add mon0 type monitor
	n ns2 ip link set mon0 up
}

# two_watched: two_and_monitor, mon0 on channel 6 (2437 MHz) capturing
# into $VW_DIR/air.pcap, whose path is in pcap.
two_watched() {
	# shellcheck disable=SC2119 # no insmod parameters
	two_and_monitor
	n ns2 iw dev mon0 set freq 2437
	pcap=$VW_DIR/air.pcap
	capture_start "$pcap"
}

# capture_start FILE: tcpdump on mon0 (ns2) writing FILE (8 MiB buffer),
# its pid in capture_pid, once it has written the file's header.
capture_start() {
	bg ns2 tcpdump -i mon0 -B 8192 -U -w "$1"
	capture_pid=${vw_bg_pids[-1]}
	wait_for 10 test -s "$1" || fail "tcpdump on mon0 wrote nothing"
}

# capture_stop: ends capture_start's tcpdump. Killed, it drops what it has
# not read yet: it gets a moment for the last frames first (beacons keep
# the file growing, so waiting for it to go quiet would not end).
capture_stop() {
	sleep 2
	pp kill "$capture_pid" || true
	wait "$capture_pid" 2>/dev/null || true
}

# bss_of_two AP_CONF STA_CONF: three radios, each in its own namespace ns0..2
# with 10.0.0.1..3/24; hostapd with AP_CONF on vw0, wpa_supplicant with
# STA_CONF on vw1 and vw2, both connected.
bss_of_two() {
	radios_in_netns 3
	start_ap ns0 vw0 "$1"
	start_sta ns1 vw1 "$2"
	start_sta ns2 vw2 "$2"
	wait_connected ns1 vw1
	wait_connected ns2 vw2
}

wpa_cli_ns() {
	local ns=$1 iface=$2

	shift 2
	ip netns exec "$ns" wpa_cli -p "$(wpas_ctrl "$ns")" -i "$iface" "$@"
}

# hostapd_cli_ns NS IFACE CMD...
hostapd_cli_ns() {
	local ns=$1 iface=$2

	shift 2
	ip netns exec "$ns" hostapd_cli -p "$(hostapd_ctrl "$ns")" -i "$iface" "$@"
}

wpa_state_is() {
	wpa_cli_ns "$1" "$2" status | grep -qx "wpa_state=$3"
}

link_connected() {
	ip netns exec "$1" iw dev "$2" link | grep -q '^Connected to'
}

link_disconnected() {
	ip netns exec "$1" iw dev "$2" link | grep -q '^Not connected'
}

# wait_connected NS IFACE [SECS]: associated (iw link) and, when
# wpa_supplicant runs on IFACE, its handshake done (wpa_state=COMPLETED).
wait_connected() {
	local ns=$1 iface=$2 secs=${3:-60}

	log "waiting for $iface to connect"
	wait_for "$secs" link_connected "$ns" "$iface" || fail "$iface did not connect"
	if [ -S "$(wpas_ctrl "$ns")/$iface" ]; then
		wait_for "$secs" wpa_state_is "$ns" "$iface" COMPLETED ||
			fail "$iface associated but wpa_supplicant did not complete"
	fi
}

wait_disconnected() {
	local ns=$1 iface=$2 secs=${3:-30}

	log "waiting for $iface to disconnect"
	wait_for "$secs" link_disconnected "$ns" "$iface" || fail "$iface did not disconnect"
}

# count_in FILE REGEX: number of lines of FILE matching REGEX (0 if none).
count_in() {
	local c

	c=$(grep -cE "$2" "$1" 2>/dev/null) || true
	printf '%s\n' "${c:-0}"
}

# ---- assertions -----------------------------------------------------------

# assert_grep REGEX CMD...: run CMD (traced, output shown); its output must
# match the extended REGEX.
assert_grep() {
	local re=$1 out

	shift
	printf '+ %s\n' "$*"
	out=$("$@" 2>&1) || fail "'$*' failed: $out"
	printf '%s\n' "$out"
	grep -qE -- "$re" <<<"$out" || fail "'$*' does not show /$re/"
}

# assert_no_grep REGEX CMD...: CMD's output must not match REGEX.
assert_no_grep() {
	local re=$1 out

	shift
	printf '+ %s\n' "$*"
	out=$("$@" 2>&1) || true
	printf '%s\n' "$out"
	if grep -qE -- "$re" <<<"$out"; then
		fail "'$*' shows /$re/"
	fi
}

# assert_file_grep REGEX FILE: a line of FILE matches REGEX (shown).
assert_file_grep() {
	printf '# %s contains /%s/\n' "$(basename "$2")" "$1"
	grep -E -- "$1" "$2" | tail -n 5 || fail "$(basename "$2") has no /$1/"
}

# ping_ok NS ADDR [COUNT]: COUNT echo requests from NS to ADDR, 0% loss.
ping_ok() {
	local ns=$1 addr=$2 count=${3:-5} out

	printf '+ ip netns exec %s ping -c %s %s\n' "$ns" "$count" "$addr"
	out=$(ip netns exec "$ns" ping -n -c "$count" -i 0.2 -W 3 "$addr" 2>&1) || true
	printf '%s\n' "$out"
	grep -qE '[^0-9.]0(\.0+)?% packet loss' <<<"$out" || fail "ping $addr from $ns lost packets"
}

# ping_fails NS ADDR [COUNT]: no reply at all.
ping_fails() {
	local ns=$1 addr=$2 count=${3:-3} out

	printf '+ ip netns exec %s ping -c %s %s   (must fail)\n' "$ns" "$count" "$addr"
	out=$(ip netns exec "$ns" ping -n -c "$count" -i 0.2 -W 1 "$addr" 2>&1) || true
	printf '%s\n' "$out"
	grep -qE ' 0 received|100% packet loss|unreachable' <<<"$out" ||
		fail "ping $addr from $ns got replies"
}

# ipv6_ll NS IFACE: IFACE's link-local IPv6 address once DAD is done.
ll_ready() {
	ip -n "$1" -6 addr show dev "$2" scope link | grep -q 'inet6 fe80' &&
		! ip -n "$1" -6 addr show dev "$2" scope link | grep -q tentative
}

ipv6_ll() {
	wait_for 20 ll_ready "$1" "$2" || fail "$2 has no usable IPv6 link-local address"
	ip -n "$1" -6 addr show dev "$2" scope link | awk '/inet6 fe80/ { sub(/\/.*/, "", $2); print $2; exit }'
}

# bg NS CMD...: run CMD in NS in the background (killed by the cleanup).
bg() {
	local ns=$1

	shift
	printf '+ ip netns exec %s %s &\n' "$ns" "$*"
	ip netns exec "$ns" "$@" >>"$VW_DIR/bg.log" 2>&1 &
	vw_bg_pids+=($!)
}

# require CMD...: skip unless each command exists.
require() {
	local c

	for c in "$@"; do
		command -v "$c" >/dev/null || skip "$c is not installed"
	done
}

[ "$(id -u)" = 0 ] || skip "scenarios need root (they run inside the test guest)"
require ip iw hostapd hostapd_cli wpa_supplicant wpa_cli ping
log "scenario $VW_NAME, driver $VW_DRIVER, kernel $(uname -r)"

# ---- bands, regulatory, rates (the 802.11n/ac scenarios, 4x-*.sh) ---------
#
# The regulatory domain is the guest's, not a namespace's. At boot it is the
# world domain (00) from wireless-regdb's regulatory.db, which cfg80211
# loads from /lib/firmware: it marks all of 5 GHz "no IR", so nothing may
# start radiating there (no AP, no IBSS, no active scan). An AP config sets
# country_code (hostapd asks the kernel for that country); IBSS and monitor
# users run "iw reg set CC" first.

# hostapd settings of an HT40+ / VHT80 BSS on channel 36 in Germany, for
# start_ap's key=value arguments.
vw_ap_5ghz=(hw_mode=a channel=36 country_code=DE ieee80211d=1)
vw_ap_ht40=("${vw_ap_5ghz[@]}" ieee80211n=1 'ht_capab=[HT40+][SHORT-GI-20][SHORT-GI-40]')
# shellcheck disable=SC2034  # used by the scenarios
vw_ap_vht80=("${vw_ap_ht40[@]}" ieee80211ac=1 'vht_capab=[SHORT-GI-80]'
	vht_oper_chwidth=1 vht_oper_centr_freq_seg0_idx=42)

# reg_country: the alpha2 of the guest's regulatory domain ("00": world).
reg_country() {
	iw reg get | awk '$1 == "country" { sub(/:$/, "", $2); print $2; exit }'
}

reg_is() {
	[ "$(reg_country)" = "$1" ]
}

# reg_set CC: the guest's regulatory domain becomes country CC (waited
# for); reg_world_at_exit too.
reg_set() {
	pp iw reg set "$1"
	wait_for 10 reg_is "$1" || fail "the regulatory domain did not become $1"
	reg_world_at_exit
}

# reg_world_at_exit: put the world domain back when the scenario ends, so
# the next scenario starts as a fresh system does (a country set by "iw reg
# set" or hostapd's country_code outlives the radios: cfg80211 stays
# loaded). Runs before vw_cleanup, which gets the scenario's exit status.
reg_world_at_exit() {
	trap vw_reg_exit EXIT
}

vw_reg_exit() {
	local rc=$?

	iw reg set 00 >/dev/null 2>&1 || true
	(exit $rc)
	vw_cleanup
}

# stop_ap NS IFACE: stop the hostapd start_ap started on IFACE (by its pid
# file) and wait until it is gone.
stop_ap() {
	local pid

	pid=$(cat "$VW_DIR/hostapd-$2.pid") || fail "no hostapd pid file for $2"
	pp kill "$pid"
	wait_for 10 vw_pid_gone "$pid" || fail "hostapd on $2 did not stop"
}

# stop_sta NS IFACE: wpa_supplicant on IFACE stopped (and gone)
stop_sta() {
	local pid

	pid=$(cat "$VW_DIR/wpa_supplicant-$2.pid") || fail "no wpa_supplicant pid file for $2"
	pp kill "$pid"
	wait_for 10 vw_pid_gone "$pid" || fail "wpa_supplicant on $2 did not stop"
}

vw_pid_gone() {
	! kill -0 "$1" 2>/dev/null
}

# link_rate NS IFACE tx|rx: the "tx bitrate:" or "rx bitrate:" value of
# "iw dev IFACE link" ("866.7 MBit/s VHT-MCS 9 80MHz short GI VHT-NSS 2").
link_rate() {
	ip netns exec "$1" iw dev "$2" link |
		awk -v f="$3 bitrate:" '{ line = $0; sub(/^[ \t]+/, "", line) }
			index(line, f) == 1 { sub(f "[ \t]*", "", line); print line; exit }'
}

# rate_mcs RATE: the MCS index in a bitrate as iw prints it (HT "MCS 15",
# VHT "VHT-MCS 9"); nothing for a legacy rate.
rate_mcs() {
	sed -nE 's/.*[ -]MCS ([0-9]+).*/\1/p' <<<"$1"
}

# rate_after_ping_is NS IFACE PEER tx|rx REGEX: a burst of pings to PEER,
# then the link's tx or rx bitrate matches REGEX. The rate is the one of the
# last data frame; mac80211's rate control (hwsim) needs a few dozen frames
# before it leaves its first guess.
rate_after_ping_is() {
	ip netns exec "$1" ping -n -q -c 20 -i 0.01 -w 2 "$3" >/dev/null 2>&1 || true
	grep -qE -- "$5" <<<"$(link_rate "$1" "$2" "$4")"
}

# wait_rate NS IFACE PEER tx|rx REGEX [SECS]: poll rate_after_ping_is; fail
# showing the last rate.
wait_rate() {
	local secs=${6:-20}

	if ! wait_for "$secs" rate_after_ping_is "$1" "$2" "$3" "$4" "$5"; then
		fail "$2's $4 bitrate is '$(link_rate "$1" "$2" "$4")', not /$5/"
	fi
	log "$2 $4 bitrate: $(link_rate "$1" "$2" "$4")"
}
