#!/bin/bash
# Guest side of the harness: PID 1 after the initramfs switched root (see
# tests/qemu/init). run-guest.sh copied this file into the read-write share
# with an env file, the scenarios and the examples.
#
# For each scenario: clear the kernel log, run it under a timeout with its
# output in results/NAME.out, tidy up whatever it left (daemons, netns,
# modules), then save the kernel log to results/NAME.dmesg and the exit status
# and duration to results/NAME.rc. The host judges the results. At the end
# the guest powers itself off.

S=/run/vwifi/share
R=$S/results
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LANG=C.UTF-8

console() {
	echo "vwifi-runner: $*" >/dev/console
}

poweroff_now() {
	sync
	echo o >/proc/sysrq-trigger
	sleep 10
}

# shellcheck source=/dev/null
. $S/env || { console "no env"; poweroff_now; }
mkdir -p "$R"

# The extracted kernel's modules stand in for the host's /lib/modules, so a
# plain modprobe (and the kernel's own request_module) finds them.
if [ -d /lib/modules ]; then
	mount --bind /run/vwifi/kernel/lib/modules /lib/modules
fi
hostname "vwifi-guest${VW_GUEST:-}"
ip link set lo up
sysctl -qw kernel.hung_task_timeout_secs=20 2>/dev/null
sysctl -qw kernel.printk="4 4 1 7"
# ip netns wants a shared /run/netns; one that survives scenario cleanups.
mkdir -p /run/netns
# Guests that run together (tests/qemu/multi.sh) share a folder, uncached
# so that each sees at once what the others write.
if [ -n "${VW_SHARED:-}" ]; then
	mkdir -p "$VW_SHARED"
	mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,rw,cache=none \
		vwshared "$VW_SHARED" || console "cannot mount the shared folder"
fi

console "kernel $(uname -r), driver ${VW_DRIVER}, scenarios: ${VW_SCENARIOS}"

# Whatever a scenario left behind must not leak into the next one.
tidy() {
	local ns

	local p daemons=(hostapd wpa_supplicant iperf3 ping)

	for p in "${daemons[@]}"; do
		pkill -x "$p" 2>/dev/null && echo "tidy: killed leftover $p"
	done
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		alive=
		for p in "${daemons[@]}"; do
			pgrep -x "$p" >/dev/null && alive=1
		done
		[ -z "$alive" ] && break
		sleep 0.5
	done
	for p in "${daemons[@]}"; do
		pkill -9 -x "$p" 2>/dev/null
	done
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
		ip netns delete "$ns" 2>/dev/null
	done
	if [ -d /sys/module/vwifi ]; then
		timeout 30 rmmod vwifi || console "tidy: rmmod vwifi failed"
	fi
	if [ -d /sys/module/mac80211_hwsim ]; then
		timeout 30 rmmod mac80211_hwsim || console "tidy: rmmod mac80211_hwsim failed"
	fi
	rm -rf /tmp/vwifi-* /run/hostapd* /run/wpa_supplicant*
}

# What the processes were doing 3 s before a scenario's timeout: the one
# that hangs shows its wait channel, and its kernel stack if it runs or
# sleeps uninterruptibly.
hang_report() {
	local p

	echo "== 3 s before the timeout: processes (kernel threads left out)"
	ps -eo pid,stat,wchan:24,time,args | awk '$5 !~ /^\[/' | cut -c1-150
	for p in $(ps -eo pid,stat,comm | awk '$2 ~ /^[RD]/ && $3 != "ps" { print $1 }'); do
		[ -r "/proc/$p/stack" ] || continue
		echo "== kernel stack of $p ($(cat "/proc/$p/comm" 2>/dev/null))"
		head -n 8 "/proc/$p/stack"
	done
}

for sc in $VW_SCENARIOS; do
	name=${sc%.sh}
	console "start $name"
	dmesg -C
	echo "vwifi-runner: start $name" >/dev/kmsg
	# A scenario that needs longer says so near its top: "# vw-timeout: SECS".
	limit=$VW_TIMEOUT
	want=$(sed -n '1,5s/^# vw-timeout: *\([0-9][0-9]*\) *$/\1/p' "$S/tests/scenarios/$sc")
	[ -n "$want" ] && [ "$want" -gt "$limit" ] && limit=$want
	t0=$(date +%s%N)
	VW_RESULTS=$R/$name timeout -k 10 "$limit" \
		bash "$S/tests/scenarios/$sc" >"$R/$name.out" 2>&1 </dev/null &
	pid=$!
	(sleep $((limit - 3)) && hang_report) >"$R/$name.hang" 2>&1 &
	watch=$!
	wait $pid
	rc=$?
	t1=$(date +%s%N)
	kill $watch 2>/dev/null
	[ $rc = 124 ] && echo "TIMEOUT after ${limit}s" >>"$R/$name.out"
	tidy >>"$R/$name.out" 2>&1
	# last, where judge() and the CI recap show a failure's tail
	[ $rc = 124 ] && cat "$R/$name.hang" >>"$R/$name.out"
	rm -f "$R/$name.hang"
	# Give the hung-task and refcount checkers a moment after teardown.
	sleep 1
	dmesg >"$R/$name.dmesg"
	echo "$rc $(((t1 - t0) / 1000000))" >"$R/$name.rc"
	console "done $name rc=$rc ($(((t1 - t0) / 1000000)) ms)"
done

touch "$R/.done"
console "all done"
poweroff_now
