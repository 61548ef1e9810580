# shellcheck shell=bash
# Helpers of the cross-VM scenarios (tests/scenarios-vm/NN-name.sh), which
# tests/qemu/multi.sh runs in several QEMU guests at once, their air NICs
# joined through vwifi-medium or a bridge of taps (tests/qemu/air.sh).
# Sourced at the top of each scenario, by a path that holds both in the tree
# and in a guest's share (where the scenario itself sits in tests/scenarios/):
#
#   . "$(dirname "$0")/../scenarios-vm/vm-lib.sh"
#
# A scenario declares its set-up in its header comment,
#
#   # vm-guests: 3        how many guests (1 to 9)
#   # vm-air: medium      medium, medium-connect or bridge
#   # vm-check: yes       also part of make check (keep those fast)
#   # vm-skip: REASON     not run, reported as skipped for REASON (a known
#                         bug elsewhere; VW_VM_NO_SKIP=1 runs it anyway)
#
# defines a function per role, guest1 ... guestN (run in that guest) and
# optionally host (run on the host, beside the medium), and ends with
# "vm_main". Each role is a scenario of its own for lib.sh (set -e, traced
# commands, a trap that cleans up; exit 0, 77 skip, else fail); the scenario
# passes when every role passed and no guest's kernel log shows a problem.
#
# Roles coordinate through state they observe (an AP waits until it lists
# its stations, a station until it is connected, pings retry until a
# deadline) and through marker files in a folder that the guests and the
# host share, $VW_SHARED: mark, publish, await, fetch, barrier. A role that
# fails leaves failed.ROLE there (skipped.ROLE when it skips) and the awaits
# of the others give up at once. vm_main ends every role with a barrier, so
# no guest takes its radios away while another still needs them.
#
# Environment, from multi.sh: VW_ROLE (guestN or host), VW_GUEST (N, 0 on
# the host), VW_GUESTS, VW_HOST_ROLE (1 when the scenario has a host role),
# VW_SHARED, VW_AIR, VW_AIR_MAC (the guest's air NIC), VW_VM_TIMEOUT; on the
# host also those of tests/qemu/air.sh.

VW_VM_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/scenarios/lib.sh
. "$VW_VM_LIB_DIR/../scenarios/lib.sh"

VW_ROLE=${VW_ROLE:-}
VW_GUEST=${VW_GUEST:-0}
VW_GUESTS=${VW_GUESTS:-1}
VW_HOST_ROLE=${VW_HOST_ROLE:-0}
VW_VM_TIMEOUT=${VW_VM_TIMEOUT:-300}
[ -n "$VW_ROLE" ] || skip "SKIP: $VW_NAME is a cross-VM scenario: run it with tests/qemu/multi.sh"
[ -d "${VW_SHARED:-/nonexistent}" ] || fail "no shared folder (VW_SHARED=${VW_SHARED:-})"

vm_aborted=0

# ---- markers --------------------------------------------------------------

# mark NAME [VALUE]: create marker NAME (holding VALUE) for the other roles;
# written aside and renamed, so a reader never sees half of it.
mark() {
	printf '%s\n' "${2:-}" >"$VW_SHARED/.$1.$VW_ROLE"
	mv -f "$VW_SHARED/.$1.$VW_ROLE" "$VW_SHARED/$1"
}

publish() {
	log "publish $1=$2"
	mark "$1" "$2"
}

# vm_peers_ok: stop when another role failed or skipped.
vm_peers_ok() {
	local f who

	for f in "$VW_SHARED"/failed.* "$VW_SHARED"/skipped.*; do
		[ -e "$f" ] || continue
		who=${f##*/}
		who=${who#*.}
		[ "$who" = "$VW_ROLE" ] && continue
		vm_aborted=1
		case ${f##*/} in
		failed.*) fail "$who failed: $VW_ROLE stops" ;;
		*) skip "SKIP: $who skipped ($(tail -n 1 "$f"))" ;;
		esac
	done
}

# await NAME [SECS]: wait until marker NAME exists (default: the scenario's
# whole time).
await() {
	local name=$1 secs=${2:-$VW_VM_TIMEOUT} deadline

	log "waiting for $name"
	deadline=$(($(date +%s) + secs))
	while [ ! -e "$VW_SHARED/$name" ]; do
		vm_peers_ok
		[ "$(date +%s)" -lt $deadline ] || fail "timed out after ${secs}s waiting for $name"
		sleep 0.2
	done
}

# fetch NAME [SECS]: await NAME, print its value.
fetch() {
	await "$@" >&2
	cat "$VW_SHARED/$1"
}

vm_roles() {
	local i

	for ((i = 1; i <= VW_GUESTS; i++)); do
		printf 'guest%d\n' "$i"
	done
	[ "$VW_HOST_ROLE" = 1 ] && printf 'host\n'
	return 0
}

# barrier NAME [SECS]: mark NAME.ROLE, wait for the same of every role.
barrier() {
	local name=$1 secs=${2:-$VW_VM_TIMEOUT} r

	mark "$name.$VW_ROLE"
	for r in $(vm_roles); do
		await "$name.$r" "$secs"
	done
}

vm_exit_rc() {
	return "$1"
}

vm_exit() {
	local rc=$?

	set +eE
	trap - ERR
	if [ $rc -eq 77 ]; then
		mark "skipped.$VW_ROLE" "${vw_skip_reason:-skipped}"
	elif [ $rc -ne 0 ] && [ $vm_aborted = 0 ]; then
		mark "failed.$VW_ROLE" "exit $rc"
	fi
	# lib.sh's cleanup reads the exit status from $?
	vm_exit_rc "$rc"
	vw_cleanup
}
trap vm_exit EXIT

# vm_main: run this role, then wait for every other to be done.
vm_main() {
	declare -F "$VW_ROLE" >/dev/null || fail "$VW_NAME has no role $VW_ROLE"
	log "role $VW_ROLE of $VW_NAME: $VW_GUESTS guests, air ${VW_AIR:-?}"
	"$VW_ROLE"
	log "$VW_ROLE done; waiting for the others"
	barrier finished
}

# ---- guests: the air NIC and the driver -----------------------------------

VW_NIC=

# air_nic: the virtio-net NIC multi.sh gave this guest for its air
# ($VW_AIR_MAC), up; its name in VW_NIC.
air_nic() {
	local d

	[ -n "${VW_AIR_MAC:-}" ] || fail "no VW_AIR_MAC: this guest has no air NIC"
	[ -d /sys/module/virtio_net ] || pp modprobe virtio_net
	wait_for 20 vm_nic_present || fail "no NIC with address $VW_AIR_MAC"
	for d in /sys/class/net/*; do
		[ "$(cat "$d/address")" = "$VW_AIR_MAC" ] && VW_NIC=${d##*/}
	done
	# only air frames on the air: no IPv6 chatter of the NIC's own
	sysctl -qw "net.ipv6.conf.$VW_NIC.disable_ipv6=1" 2>/dev/null || true
	pp ip link set "$VW_NIC" up
	log "air NIC: $VW_NIC ($VW_AIR_MAC)"
}

vm_nic_present() {
	grep -qx "$VW_AIR_MAC" /sys/class/net/*/address
}

# load_air COUNT [PARAM=VALUE...]: vwifi.ko with COUNT radios whose air goes
# out on the air NIC (module parameter transport=, unless PARAMs say
# transport= themselves), radios vw0.. checked as load_vwifi does; then the
# NIC's MTU must fit a full 802.11 frame.
load_air() {
	local count=$1 i dep mtu params=()

	shift
	[ "$VW_DRIVER" = vwifi ] || skip "SKIP: cross-VM scenarios need vwifi.ko (VW_DRIVER=$VW_DRIVER)"
	[ -f "$VW_KO" ] || fail "no vwifi.ko at $VW_KO"
	[ -n "$VW_NIC" ] || air_nic
	params=("station=$count" "transport=$VW_NIC")
	[[ " $* " == *" transport="* ]] && params=("station=$count")
	mapfile -t -O ${#params[@]} params < <(vwifi_cmdline_params)
	for dep in $(modinfo -F depends "$VW_KO" | tr ',' ' '); do
		pp modprobe "$dep"
	done
	vw_module=vwifi
	pp insmod "$VW_KO" "${params[@]}" "$@"
	for ((i = 0; i < count; i++)); do
		wait_for 10 test -e "/sys/class/net/vw$i/phy80211" || fail "vw$i did not appear"
		[ "$(iface_phy "vw$i")" = "vw_phy$i" ] || fail "vw$i is on $(iface_phy "vw$i"), not vw_phy$i"
	done
	if [ "$(cat /sys/module/vwifi/parameters/transport 2>/dev/null)" = "$VW_NIC" ]; then
		check_nic_mtu
	fi
}

# check_nic_mtu: the transport raised the NIC's MTU to fit an 802.11 frame
# of 2304 bytes behind the air header.
check_nic_mtu() {
	local mtu

	mtu=$(cat "/sys/class/net/$VW_NIC/mtu")
	log "$VW_NIC: mtu $mtu"
	[ "$mtu" -ge 2304 ] || fail "$VW_NIC kept mtu $mtu: the transport could not raise it to 2304"
}

# machine_of MAC: the last byte, the machine number radio addresses carry.
machine_of() {
	printf '%d\n' "0x${1##*:}"
}

# check_machine IFACE [N]: IFACE (still in this namespace) has an address
# ending with machine number N, by default this guest's (the driver's
# default: the last byte of the transport NIC's address).
check_machine() {
	local mac want=${2:-$VW_GUEST}

	mac=$(cat "/sys/class/net/$1/address")
	log "$1: $mac"
	[ "$(machine_of "$mac")" = "$want" ] ||
		fail "$1 has address $mac: machine number is not $want"
}

# ---- guests: access points and stations -----------------------------------

# vm_ap PHY NS ADDR [key=value...]: radio PHY into NS with ADDR/24, hostapd
# (WPA2-PSK, examples/hostapd-wpa2.conf) on it; publishes bssid.ROLE.
# Software-emulated guests sharing two CPUs can take longer than hostapd's
# four 1 s EAPOL-Key retries to answer: allow eight.
vm_ap() {
	local phy=$1 ns=$2 addr=$3 iface

	shift 3
	iface=$(vm_phy_iface "$phy")
	put_in_netns "$phy" "$ns"
	set_ip "$ns" "$iface" "$addr/24"
	start_ap "$ns" "$iface" hostapd-wpa2.conf wpa_pairwise_update_count=8 "$@"
	publish "bssid.$VW_ROLE" "$(mac_of "$ns" "$iface")"
}

# ap_of_two: this guest's first radio as the AP of namespace ap, 10.0.0.1,
# with the stations of guests 2 and 3 associated and answering pings.
ap_of_two() {
	load_air 1
	vm_ap vw_phy0 ap 10.0.0.1
	wait_stations ap vw0 2
	ping_until ap 10.0.0.2
	ping_until ap 10.0.0.3
}

# vm_phy_iface PHY: the interface of radio PHY (in init_net).
vm_phy_iface() {
	local d

	for d in /sys/class/net/*; do
		[ -e "$d/phy80211" ] && [ "$(iface_phy "${d##*/}")" = "$1" ] && {
			printf '%s\n' "${d##*/}"
			return 0
		}
	done
	fail "no interface on $1"
}

# vm_sta PHY NS ADDR BSSID [SECS [CONF]]: radio PHY into NS with ADDR/24,
# wpa_supplicant (CONF, default examples/wpa_supplicant.conf) on it,
# connected to BSSID within SECS (default 120: the guests boot together
# under emulation).
vm_sta() {
	local phy=$1 ns=$2 addr=$3 bssid=$4 secs=${5:-120}
	local conf=${6:-wpa_supplicant.conf} iface

	iface=$(vm_phy_iface "$phy")
	put_in_netns "$phy" "$ns"
	set_ip "$ns" "$iface" "$addr/24"
	start_sta "$ns" "$iface" "$conf"
	wait_connected "$ns" "$iface" "$secs"
	assert_grep "^Connected to $bssid" ip netns exec "$ns" iw dev "$iface" link
	assert_grep $'^\tsignal: -?[0-9]+ dBm' ip netns exec "$ns" iw dev "$iface" link
}

# station_count NS IFACE: authorized stations of the AP on IFACE.
station_count() {
	ip netns exec "$1" iw dev "$2" station dump | grep -cE $'^\tauthorized:\tyes' || true
}

station_count_is() {
	[ "$(station_count "$1" "$2")" -ge "$3" ]
}

# wait_stations NS IFACE N [SECS]: the AP on IFACE lists N authorized
# stations.
wait_stations() {
	local ns=$1 iface=$2 want=$3 secs=${4:-120}

	log "waiting for $want stations on $iface"
	wait_for "$secs" station_count_is "$ns" "$iface" "$want" ||
		fail "$iface has $(station_count "$ns" "$iface") authorized stations, not $want"
}

pings_once() {
	ip netns exec "$1" ping -n -c 1 -W 1 "$2"
}

# ping_all NS ADDR [COUNT] [PING_ARGS...]: COUNT echo requests (5) from NS
# to ADDR, every one answered. Unlike lib.sh's ping_ok, it waits for late
# replies (up to 10 s, -w): once it has had replies, ping -W only waits two
# round trips for the last one, and on a loaded host running several
# emulated guests a reply that comes later is not a lost one.
ping_all() {
	local ns=$1 addr=$2 count=${3:-5} out

	shift 3 2>/dev/null || shift $#
	printf '+ ip netns exec %s ping -c %s %s%s\n' "$ns" "$count" "${*:+$* }" "$addr"
	out=$(ip netns exec "$ns" ping -n -c "$count" -i 0.2 -w 10 "$@" "$addr" 2>&1) || true
	printf '%s\n' "$out"
	grep -qE '[^0-9.]0(\.0+)?% packet loss' <<<"$out" || fail "ping ${*:+$* }$addr from $ns lost packets"
}

# ping_until NS ADDR [SECS] [COUNT]: wait until ADDR answers at all (it may
# still be booting or connecting), then COUNT pings all answered.
ping_until() {
	local ns=$1 addr=$2 secs=${3:-90} count=${4:-5}

	log "waiting for $addr to answer from $ns"
	wait_for "$secs" pings_once "$ns" "$addr" || fail "$addr never answered from $ns"
	ping_all "$ns" "$addr" "$count"
}

# ---- the host part --------------------------------------------------------

if [ "$VW_ROLE" = host ]; then
	# shellcheck source=tests/qemu/air.sh
	. "$VW_VM_LIB_DIR/../qemu/air.sh"
fi

# mctl ARGS...: vwifi-tool medium on the medium's control socket, traced.
mctl() {
	local tool=$VW_TOP/tool/vwifi-tool

	[ -x "$tool" ] || skip "SKIP: no tool/vwifi-tool (make tool)"
	pp "$tool" medium -S "$VW_MEDIUM_CTL" "$@"
}

mctl_out() {
	"$VW_TOP/tool/vwifi-tool" medium -S "$VW_MEDIUM_CTL" "$@"
}

# medium_stat NAME: one counter of vwifi-tool medium stats --json.
medium_stat() {
	mctl_out stats --json | sed -n "s/^ *\"$1\": *\([0-9]*\).*/\1/p"
}

# medium_got_only_air: the guests put air frames on the medium, nothing
# else, all well-formed (its stats, shown, count no drop of either kind).
medium_got_only_air() {
	local c

	mctl stats
	for c in drop_not_air drop_malformed; do
		[ "$(medium_stat "$c")" = 0 ] || fail "the medium counted $(medium_stat "$c") $c"
	done
}

# medium_nodes: how many nodes the medium lists.
medium_nodes() {
	mctl_out node | awk 'NR > 1' | grep -c . || true
}

medium_nodes_are() {
	[ "$(medium_nodes)" = "$1" ]
}

# ---- more assertions ------------------------------------------------------

# ping_size NS ADDR SIZE: three pings of SIZE bytes, not fragmented (-M do),
# all answered: full-sized frames cross the air.
ping_size() {
	ping_all "$1" "$2" 3 -M 'do' -s "$3"
}

# tcp_server NS: an iperf3 server in NS, in the background (the cleanup
# stops it).
tcp_server() {
	bg "$1" iperf3 -s
}

tcp_once() {
	ip netns exec "$1" timeout 20 iperf3 -c "$2" -t 2 -f m --connect-timeout 5000 \
		>"$VW_DIR/iperf-$1-$2.txt" 2>&1
}

# tcp_ok NS ADDR [SECS]: a 2-second TCP transfer from NS to the iperf3
# server at ADDR completes (retried until SECS: the server may be busy with
# another client, or not started yet).
tcp_ok() {
	local ns=$1 addr=$2 secs=${3:-90}

	printf '+ ip netns exec %s iperf3 -c %s -t 2\n' "$ns" "$addr"
	wait_for "$secs" tcp_once "$ns" "$addr" || {
		cat "$VW_DIR/iperf-$ns-$addr.txt"
		fail "no TCP transfer from $ns to $addr"
	}
	grep -E 'sender|receiver' "$VW_DIR/iperf-$ns-$addr.txt"
}
