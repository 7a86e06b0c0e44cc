#!/bin/sh
# timeline.sh [FILE...] > timeline.svg: a bar chart of the quotations
# published each day (the articles' dates, nsplit -u doc), each bar titled
# with the day, its count and who was quoted.  POSIX sh and awk and the
# programs only.  Articles without a date are left out.
set -eu
"$(dirname "$0")/dated-quotes.sh" "$@" | cut -f1,5 | awk -F'\t' '
# The days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant).
function days(y, m, d,    era, yoe, doy) {
	y += 0; m += 0; d += 0     # substr gives strings, which compare as strings
	y -= m <= 2
	era = int(y / 400)
	yoe = y - era * 400
	doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
	return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
}
function xml(s) {
	gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); gsub(/"/, "\\&quot;", s)
	return s
}
$1 ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ {
	d = $1
	n[d]++
	who = $2 == "" ? "(no speaker named)" : $2
	if (!((d, who) in seen)) {
		seen[d, who] = 1
		names[d] = names[d] (names[d] == "" ? "" : ", ") who
	}
}
END {
	W = 800; H = 320; L = 50; R = 20; T = 40; B = 50
	pw = W - L - R; ph = H - T - B
	# Days run over the axis less a margin at each end, clear of the y axis.
	X = L + 8; xw = pw - 16
	printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n", W, H, W, H
	printf "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", W, H
	printf "<text x=\"%d\" y=\"22\" font-size=\"15\">Quotations per day</text>\n", L
	first = ""; max = 0
	for (d in n) {
		if (first == "" || d < first) first = d
		if (d > last) last = d
		if (n[d] > max) max = n[d]
	}
	if (first == "") {
		printf "<text x=\"%d\" y=\"%d\">no dated quotations</text>\n</svg>\n", L, T + ph / 2
		exit
	}
	d0 = days(substr(first, 1, 4), substr(first, 6, 2), substr(first, 9, 2))
	d1 = days(substr(last, 1, 4), substr(last, 6, 2), substr(last, 9, 2))
	span = d1 - d0 + 1
	bw = xw / span * 0.8; if (bw < 3) bw = 3; if (bw > 14) bw = 14
	# Axes, and a grid line at each whole count (at most five of them).
	printf "<g stroke=\"#444\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", L, T + ph, L + pw, T + ph
	printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>\n", L, T, L, T + ph
	step = int((max + 4) / 5)
	for (c = step; c <= max; c += step) {
		y = T + ph - c / max * ph
		printf "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", L, y, L + pw, y
		printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", L - 6, y + 4, c
	}
	# A tick and a label at the first of each month.
	split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mon, " ")
	y = substr(first, 1, 4) + 0; m = substr(first, 6, 2) + 0
	for (;;) {
		dm = days(y, m, 1)
		if (dm > d1) break
		if (dm >= d0) {
			x = X + (dm - d0 + 0.5) / span * xw
			printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#444\"/>", x, T + ph, x, T + ph + 5
			printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s %d</text>\n", x, T + ph + 18, mon[m], y
		}
		if (++m > 12) { m = 1; y++ }
	}
	for (d in n) {
		x = X + (days(substr(d, 1, 4), substr(d, 6, 2), substr(d, 9, 2)) - d0 + 0.5) / span * xw - bw / 2
		h = n[d] / max * ph
		printf "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3b6ea5\">", x, T + ph - h, bw, h
		printf "<title>%s: %d (%s)</title></rect>\n", d, n[d], xml(names[d])
	}
	printf "<text x=\"%d\" y=\"%d\" fill=\"#666\">%s to %s, %d days</text>\n", L, H - 8, first, last, span
	printf "</svg>\n"
}'
