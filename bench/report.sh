#!/bin/bash
# The table of make bench, from the result lines that bench/run.sh gathered:
#
#   bench/report.sh RESULTS.tsv [OUT.md]
#
# Prints the table (markdown with aligned columns, readable as it is) and
# writes the same to OUT.md. Each cell is the median of the runs with min
# and max; "n/a (reason)" where nothing could be measured. Input lines,
# tab-separated: META KEY VALUE, EXPECT KEY DRIVER, RESULT KEY DRIVER VALUE,
# NA KEY DRIVER REASON, JOB NAME STATUS SECONDS, KLOG JOB LINE.
#
# Exits 0 when every figure has a value and no kernel log line was flagged,
# 1 otherwise.
set -euo pipefail

in=${1:?usage: report.sh RESULTS.tsv [OUT.md]}
md=${2:-/dev/null}
[ -f "$in" ] || {
	echo "error: no $in" >&2
	exit 2
}

tmp=$(mktemp)
rc=0
awk -F'\t' '
function fmt(x, a) {
	a = x < 0 ? -x : x
	if (a >= 100) return sprintf("%.0f", x)
	if (a >= 10) return sprintf("%.1f", x)
	if (a >= 1) return sprintf("%.2f", x)
	if (a == 0) return "0"
	return sprintf("%.3f", x)
}
# sorted values of k (key SUBSEP driver) into s[1..n]; returns n
function sorted(k, s,    n, i, j, t) {
	n = nres[k]
	for (i = 1; i <= n; i++) s[i] = val[k, i] + 0
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && s[j - 1] > s[j]; j--) {
			t = s[j]; s[j] = s[j - 1]; s[j - 1] = t
		}
	return n
}
function median(k,    s, n) {
	n = sorted(k, s)
	if (n == 0) return ""
	return n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
}
# the kind of measurement (BENCH_ONLY) that gives key for drv
function kind(key, drv) {
	if (key ~ /_vht80$/) return "vht80"
	if (key ~ /^(tcp|udp|ping)_/) return drv == "veth" ? "veth" : "net"
	if (key ~ /^assoc_/) return "assoc"
	if (key ~ /^sae_/) return "sae"
	if (key ~ /^radios_/) return "radios"
	if (key ~ /^medium_/) return "medium"
	return key
}
function cell(key, drv,    k, s, n, c, why) {
	k = key SUBSEP drv
	n = sorted(k, s)
	if (n == 0 && meta["only"] != "" && index(" " meta["only"] " ", " " kind(key, drv) " ") == 0)
		return "not run (BENCH_ONLY)"
	if (n == 0) {
		missing++
		why = reason[k]
		if (why == "") why = meta["guest_ok"] == "no" ? "the run did not finish" : "no result"
		return "n/a (" why ")"
	}
	c = fmt(median(k))
	if (n > 1) c = c " (" fmt(s[1]) ".." fmt(s[n]) ")"
	if (nna[k] > 0) {
		c = c ", " nna[k] " of " n + nna[k] " runs failed"
		failed_runs++
	}
	return c
}
function ratio(key, a, b,    x, y) {
	x = median(key SUBSEP a); y = median(key SUBSEP b)
	if (x == "" || y == "" || y + 0 == 0) return "-"
	return sprintf("%.2f", x / y)
}
# row(key, label, unit, better, drivers that apply)
function row(key, label, unit, better, applies,    c, d, i) {
	nrows++
	R[nrows, 1] = label; R[nrows, 2] = unit; R[nrows, 3] = better
	split("vwifi hwsim veth", d, " ")
	for (i = 1; i <= 3; i++)
		R[nrows, 3 + i] = index(" " applies " ", " " d[i] " ") ? cell(key, d[i]) : "-"
	R[nrows, 7] = index(applies, "hwsim") ? ratio(key, "vwifi", "hwsim") : "-"
	R[nrows, 8] = index(applies, "veth") ? ratio(key, "vwifi", "veth") : "-"
}
function table(ncol, hdr, out,    w, i, j, line, sep, h, v) {
	split(hdr, h, "|")
	for (j = 1; j <= ncol; j++) w[j] = length(h[j])
	for (i = 1; i <= nrows; i++)
		for (j = 1; j <= ncol; j++)
			if (length(R[i, j]) > w[j]) w[j] = length(R[i, j])
	line = "|"; sep = "|"
	for (j = 1; j <= ncol; j++) {
		line = line " " sprintf("%-" w[j] "s", h[j]) " |"
		v = ""
		while (length(v) < w[j]) v = v "-"
		sep = sep " " v " |"
	}
	out = line "\n" sep "\n"
	for (i = 1; i <= nrows; i++) {
		line = "|"
		for (j = 1; j <= ncol; j++) line = line " " sprintf("%-" w[j] "s", R[i, j]) " |"
		out = out line "\n"
	}
	nrows = 0
	return out
}
function target(what, r, op, goal,    ok) {
	if (r == "-") { tl = tl "- " what ": n/a\n"; return }
	ok = op == ">=" ? r + 0 >= goal : r + 0 <= goal
	tl = tl sprintf("- %s: %s (goal %s %s): %s\n", what, r, op, goal, ok ? "met" : "NOT met")
}

$1 == "META" { meta[$2] = $3; next }
$1 == "RESULT" { k = $2 SUBSEP $3; val[k, ++nres[k]] = $4; next }
$1 == "NA" {
	k = $2 SUBSEP $3; nna[k]++
	if (reason[k] == "") reason[k] = $4
	else if (index(reason[k], $4) == 0) reason[k] = reason[k] "; " $4
	if (!(($3 ": " $4) in seen_na)) { seen_na[$3 ": " $4] = 1; nalist = nalist "- " $2 ", " $3 ": " $4 "\n" }
	next
}
$1 == "JOB" { jobs = jobs sprintf("%s %ss%s, ", $2, $4, $3 == 0 ? "" : " (exit " $3 ")"); next }
$1 == "KLOG" { klog = klog "    " $2 ": " $3 "\n"; nklog++; next }

END {
	for (k in nres) {
		split(k, p, SUBSEP)
		if (p[1] ~ /^medium_fanout_[0-9]+$/) fan[substr(p[1], 15) + 0] = 1
	}

	printf "## vwifi benchmarks, %s\n\n", meta["date"]
	printf "Kernel %s (Debian, series %s) in a QEMU guest under %s, %s vCPUs, %s; host %s.\n",
		meta["kernel"] == "" ? "?" : meta["kernel"], meta["series"], toupper(meta["accel"]),
		meta["vcpus"], meta["memory"] == "" ? "1 GiB" : meta["memory"], meta["host"]
	printf "Each cell: median (min..max) of %s run(s)%s; ratios are of medians.\n\n", meta["reps"],
		meta["quick"] == 1 ? " -- BENCH_QUICK smoke run, not for comparison" : ""

	hdr = "measurement|unit|better|vwifi|mac80211_hwsim|veth|vwifi/hwsim|vwifi/veth"
	row("tcp_ap_open", "TCP station->AP, open", "Mbit/s", "higher", "vwifi hwsim veth")
	row("tcp_sta_open", "TCP station->station via AP, open", "Mbit/s", "higher", "vwifi hwsim")
	row("tcp_ap_wpa2", "TCP station->AP, WPA2-CCMP", "Mbit/s", "higher", "vwifi hwsim")
	row("tcp_sta_wpa2", "TCP station->station via AP, WPA2-CCMP", "Mbit/s", "higher", "vwifi hwsim")
	row("tcp_ap_vht80", "TCP station->AP, VHT80 on 36, open", "Mbit/s", "higher", "vwifi hwsim")
	row("udp_pps_open", "UDP 64 B received, sender unlimited, open", "kpps", "higher", "vwifi hwsim veth")
	row("udp_pps_wpa2", "UDP 64 B received, sender unlimited, WPA2", "kpps", "higher", "vwifi hwsim")
	row("udp_loss_open", "UDP 64 B loss at " meta["udp_pps"] " pps, open", "%", "lower", "vwifi hwsim veth")
	row("udp_loss_wpa2", "UDP 64 B loss at " meta["udp_pps"] " pps, WPA2", "%", "lower", "vwifi hwsim")
	row("ping_open", "ping RTT station->AP (median of " meta["pings"] "), open", "ms", "lower", "vwifi hwsim veth")
	row("ping_wpa2", "ping RTT station->AP (median of " meta["pings"] "), WPA2", "ms", "lower", "vwifi hwsim")
	n = split(meta["assoc_n"], an, " ")
	for (i = 1; i <= n; i++)
		row("assoc_" an[i], an[i] " station(s) associated, WPA2, from daemon start", "s", "lower", "vwifi hwsim")
	ns = split(meta["sae_n"], sn, " ")
	for (i = 1; i <= ns; i++)
		row("sae_" sn[i], sn[i] " station(s) authorized, WPA3 SAE, from daemon start", "s", "lower", "vwifi hwsim")
	row("radios_time", meta["radios"] " radios created over netlink, one process", "s", "lower", "vwifi hwsim")
	row("radios_avail", "MemAvailable used per radio", "KiB", "lower", "vwifi hwsim")
	row("radios_slab", "Slab used per radio", "KiB", "lower", "vwifi hwsim")
	row("radios_unload", "module unload with " meta["radios"] " radios", "s", "lower", "vwifi hwsim")
	t1 = table(8, hdr)

	nk = 0
	for (k in fan) ks[++nk] = k + 0
	for (i = 2; i <= nk; i++)
		for (j = i; j > 1 && ks[j - 1] > ks[j]; j--) { t = ks[j]; ks[j] = ks[j - 1]; ks[j - 1] = t }
	for (i = 1; i <= nk; i++) {
		nrows++
		R[nrows, 1] = ks[i] " clients, each frame copied to the other " ks[i] - 1
		R[nrows, 2] = "frames/s in"; R[nrows, 3] = cell("medium_fanout_" ks[i], "medium")
	}
	if (nk == 0) {
		nrows++
		R[nrows, 1] = "frames relayed"; R[nrows, 2] = "frames/s in"; R[nrows, 3] = cell("medium_fanout", "medium")
	}
	nrows++
	R[nrows, 1] = "round trip through the medium (median)"; R[nrows, 2] = "us"
	R[nrows, 3] = cell("medium_rtt", "medium")
	nrows++
	R[nrows, 1] = "latency added (median, minus a bare socketpair)"; R[nrows, 2] = "us"
	R[nrows, 3] = cell("medium_added", "medium")
	t2 = table(3, "vwifi-medium on the host, loopback (make -C medium bench)|unit|value")

	target("WPA2 TCP station->AP, vwifi/hwsim", ratio("tcp_ap_wpa2", "vwifi", "hwsim"), ">=", 1.5)
	target("WPA2 TCP station->station, vwifi/hwsim", ratio("tcp_sta_wpa2", "vwifi", "hwsim"), ">=", 1.5)
	target("open TCP station->AP, vwifi/veth", ratio("tcp_ap_open", "vwifi", "veth"), ">=", 0.7)
	target("ping RTT open, vwifi/hwsim", ratio("ping_open", "vwifi", "hwsim"), "<=", 1)
	target("ping RTT WPA2, vwifi/hwsim", ratio("ping_wpa2", "vwifi", "hwsim"), "<=", 1)
	target(an[n] " stations associated, vwifi/hwsim", ratio("assoc_" an[n], "vwifi", "hwsim"), "<=", 0.5)
	target(meta["radios"] " radios, creation time vwifi/hwsim", ratio("radios_time", "vwifi", "hwsim"), "<", 1)
	target(meta["radios"] " radios, MemAvailable per radio vwifi/hwsim", ratio("radios_avail", "vwifi", "hwsim"), "<", 1)
	target(meta["radios"] " radios, Slab per radio vwifi/hwsim", ratio("radios_slab", "vwifi", "hwsim"), "<", 1)

	s = t1 "\n" t2 "\n"
	s = s "Targets of issue 5 (ratios of medians above):\n\n" tl "\n"
	if (nalist != "") s = s "Not measured or failed runs:\n\n" nalist "\n"
	if (nklog > 0) s = s "Kernel log lines flagged (BUG/WARNING/... as in make check):\n\n" klog "\n"
	else s = s "Kernel log: nothing flagged in any job.\n\n"
	s = s sprintf("Settings: TCP %s s per run, UDP %s s per run, %s stations max, %s radios; ",
		meta["tcp_secs"], meta["udp_secs"], an[n], meta["radios"])
	s = s "the whole make bench took " meta["minutes"] " min; host load average (1 min) " meta["load"] ".\n"
	if (jobs != "") s = s "Guest jobs (seconds): " substr(jobs, 1, length(jobs) - 2) ".\n"
	printf "%s", s
	status = (missing > 0 || failed_runs > 0 || nklog > 0 || meta["guest_ok"] == "no") ? 1 : 0
	printf "bench: %d figure(s) n/a, %d with failed runs, %d kernel log line(s) flagged\n",
		missing, failed_runs, nklog > "/dev/stderr"
	exit status
}' "$in" >"$tmp" || rc=$?
cat "$tmp"
[ "$md" = /dev/null ] || cp "$tmp" "$md"
rm -f "$tmp"
exit "$rc"
