# shellcheck shell=bash
# The air between test guests, host side. Sourced by tests/qemu/multi.sh,
# which sets it up around the guests of a cross-VM scenario, and by the host
# part of those scenarios (tests/scenarios-vm/vm-lib.sh), which restarts the
# medium. Three set-ups, named by VW_AIR:
#
#   medium          vwifi-medium listens on a unix socket; each guest's
#                   virtio-net NIC dials it:
#                     -netdev stream,id=air,server=off,addr.type=unix,addr.path=S
#   medium-connect  each guest's QEMU listens on a socket of its own and
#                   vwifi-medium dials every guest (-C unix:S), again each
#                   second while a connection is down. QEMU 7.2 never
#                   reconnects as a stream client but accepts a new
#                   connection as a server: this is the set-up in which a
#                   restarted medium finds its guests again.
#   bridge          no medium: a Linux bridge of tap devices, in a network
#                   namespace of its own that QEMU runs in:
#                     -netdev tap,id=air,ifname=vwtapN,script=no,downscript=no
#
# Every guest gets a virtio-net NIC on that netdev with MAC 52:54:00:00:00:NN
# (NN its number in hex), so the driver's default machine number, the NIC's
# last byte, differs between guests.
#
# Variables (exported by multi.sh, so the host part of a scenario has them):
#   VW_AIR        the set-up
#   VW_AIR_N      number of guests
#   VW_AIR_DIR    a short directory for the unix sockets (a socket path must
#                 fit in 108 bytes) and the pid file
#   VW_AIR_OUT    where the medium's log and captures go
#   VW_AIR_NS     the bridge's network namespace
#   VW_MEDIUM     the vwifi-medium binary
#   VW_MEDIUM_CTL its control socket ($VW_AIR_DIR/ctl)

# the MTU of the taps and the bridge: an 802.11 frame of 2304 bytes after
# the Ethernet and air headers, with room to spare
VW_AIR_MTU=2400

air_note() {
	printf 'air: %s\n' "$*" >&2
}

# air_mac I: the MAC address of guest I's air NIC.
air_mac() {
	printf '52:54:00:00:00:%02x\n' "$1"
}

# air_qemu_args I: QEMU's arguments for guest I's air NIC, one per line.
air_qemu_args() {
	local i=$1 netdev

	case $VW_AIR in
	medium)
		netdev="stream,id=air,server=off,addr.type=unix,addr.path=$VW_AIR_DIR/medium.sock"
		;;
	medium-connect)
		netdev="stream,id=air,server=on,addr.type=unix,addr.path=$VW_AIR_DIR/guest$i.sock"
		;;
	bridge)
		netdev="tap,id=air,ifname=vwtap$i,script=no,downscript=no"
		;;
	*) return 1 ;;
	esac
	printf '%s\n' -netdev "$netdev" -device "virtio-net-pci,netdev=air,mac=$(air_mac "$i")"
}

air_medium_pid() {
	cat "$VW_AIR_DIR/medium.pid" 2>/dev/null
}

air_medium_running() {
	local pid

	pid=$(air_medium_pid) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# air_medium_start [PCAP]: start vwifi-medium in the background (it returns
# once its sockets exist), capturing to $VW_AIR_OUT/PCAP (air.pcap).
air_medium_start() {
	local pcap=${1:-air.pcap} i args

	args=(-d -p "$VW_AIR_DIR/medium.pid" -l "$VW_AIR_OUT/medium.log"
		-s "$VW_AIR_DIR/medium.sock" -c "$VW_MEDIUM_CTL"
		--pcap "$VW_AIR_OUT/$pcap")
	if [ "$VW_AIR" = medium-connect ]; then
		for ((i = 1; i <= VW_AIR_N; i++)); do
			args+=(-C "unix:$VW_AIR_DIR/guest$i.sock")
		done
	fi
	printf '+ %s %s\n' "$VW_MEDIUM" "${args[*]}"
	"$VW_MEDIUM" "${args[@]}"
}

# air_medium_stop [SIGNAL]: stop the medium (TERM; KILL as a crash would)
# and wait up to 10 s until it is gone.
air_medium_stop() {
	local sig=${1:-TERM} pid i

	pid=$(air_medium_pid) || return 0
	[ -n "$pid" ] || return 0
	printf '+ kill -%s %s   (vwifi-medium)\n' "$sig" "$pid"
	kill "-$sig" "$pid" 2>/dev/null || return 0
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		air_note "vwifi-medium $pid still runs 10 s after SIG$sig; killing it"
		kill -KILL "$pid" 2>/dev/null
		return 1
	fi
	[ "$sig" = KILL ] && rm -f "$VW_AIR_DIR/medium.pid"
	return 0
}

# air_bridge_up: the namespace, a bridge and a tap per guest, all up, with
# the MTU raised so that full 802.11 frames pass.
air_bridge_up() {
	local i ns=$VW_AIR_NS

	ip netns add "$ns" || return 1
	ip -n "$ns" link set lo up
	ip -n "$ns" link add vwbr type bridge stp_state 0 forward_delay 0 || return 1
	for ((i = 1; i <= VW_AIR_N; i++)); do
		ip netns exec "$ns" ip tuntap add dev "vwtap$i" mode tap || return 1
		ip -n "$ns" link set "vwtap$i" mtu "$VW_AIR_MTU" master vwbr up || return 1
	done
	ip -n "$ns" link set vwbr mtu "$VW_AIR_MTU" up
}

air_bridge_down() {
	ip netns delete "$VW_AIR_NS" 2>/dev/null
	return 0
}

# air_up: everything the guests' NICs need, before they boot.
air_up() {
	case $VW_AIR in
	medium | medium-connect)
		[ -x "$VW_MEDIUM" ] || {
			air_note "no vwifi-medium at $VW_MEDIUM"
			return 1
		}
		air_medium_start air.pcap
		;;
	bridge) air_bridge_up ;;
	*)
		air_note "unknown air set-up '$VW_AIR'"
		return 1
		;;
	esac
}

air_down() {
	case $VW_AIR in
	medium | medium-connect) air_medium_stop TERM ;;
	bridge) air_bridge_down ;;
	esac
}

# air_wrap: the command prefix QEMU runs under (the bridge's namespace).
air_wrap() {
	[ "$VW_AIR" = bridge ] && printf '%s\n' ip netns exec "$VW_AIR_NS"
	return 0
}
