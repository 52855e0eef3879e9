#!/usr/bin/env python3
"""Turns the raw outputs of benchmarks/run.sh into one markdown table (plus notes and details).

Usage: report.py RUN_DIR HEADER_FILE
RUN_DIR holds the JMH JSON files (caller.json, caller-burst.json, caller-log4j2.json, encode.json, extraction.json),
the teardown counters (stats.jsonl) and the EndToEnd JSON files (e2e-*.json, stop-*.json). HEADER_FILE holds the lines printed
above the table (date, CPU, cores, JDK, ...). Missing inputs show as "n/a" rather than failing the report.
"""
import json
import os
import statistics
import sys

RUN = sys.argv[1]
HEADER = sys.argv[2]
APPENDERS = [("NOOP", "no-op Logback appender"), ("SLUICE", "Sluice `RabbitMqAppender`"),
             ("SPRING", "Spring AMQP `AmqpAppender`")]


def load_json(name):
    path = os.path.join(RUN, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        text = f.read().strip()
    return json.loads(text) if text else None


def load_stats():
    path = os.path.join(RUN, "stats.jsonl")
    rows = []
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line:
                    rows.append(json.loads(line))
    return rows


def num(v):
    """JMH writes "NaN" (a string) for an error it could not compute."""
    return v if isinstance(v, (int, float)) and v == v else None


def fmt_int(v):
    v = num(v)
    return "n/a" if v is None else f"{int(round(v)):,}"


def fmt_ns(v):
    v = num(v)
    if v is None:
        return "n/a"
    return f"{v:,.0f}" if v >= 100 else f"{v:,.1f}"


caller = load_json("caller.json") or []
burst = load_json("caller-burst.json") or []
caller_log4j2 = load_json("caller-log4j2.json") or []
encode = load_json("encode.json") or []
all_stats = load_stats()
stats = [s for s in all_stats if "appender" in s]
samples = [s for s in all_stats if "sampleEvent" in s]


def jmh_entry(entries, method, appender):
    for e in entries:
        if e["benchmark"].endswith("." + method) and e["params"].get("appender") == appender:
            return e
    return None


def caller_figures(entries, method, appender):
    e = jmh_entry(entries, method, appender)
    if e is None:
        return None
    pm = e["primaryMetric"]
    alloc = e.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    return {"mean": pm["score"], "err": pm["scoreError"], "p50": pm["scorePercentiles"]["50.0"],
            "p99": pm["scorePercentiles"]["99.0"], "p999": pm["scorePercentiles"]["99.9"], "alloc": alloc,
            "pace": int(e["params"].get("paceMicros", "0"))}


def stats_for(method, appender, pace):
    for s in stats:
        if s["benchmark"].endswith("." + method) and s["appender"] == appender and s["paceMicros"] == pace:
            return s
    return None


def drop_note(method, appender, pace):
    s = stats_for(method, appender, pace)
    if s is None:
        return ""
    if appender == "SLUICE":
        offered = s.get("accepted", 0) + s.get("dropped", 0)
        pct = 100.0 * s.get("dropped", 0) / offered if offered else 0.0
        return f"dropped {fmt_int(s.get('dropped'))} of {fmt_int(offered)} ({pct:.1f}%)"
    if appender == "SPRING":
        return f"backlog {fmt_int(s.get('backlog'))} at end of {fmt_int(s.get('calls'))} calls"
    return ""


# ---- caller cost ---------------------------------------------------------------------------------------
paced = {(m, a): caller_figures(caller, m, a) for m in ("threads1", "threads2") for a, _ in APPENDERS}
pace_us = next((f["pace"] for f in paced.values() if f), None)
burst_fig = {(m, a): caller_figures(burst, m, a) for m in ("threads1", "threads2") for a, _ in APPENDERS}
log4j2_fig = {a: caller_figures(caller_log4j2, "log4j2Threads1", a) for a, _ in APPENDERS}


def cell_mean_p99(f):
    return "n/a" if f is None else f"{fmt_ns(f['mean'])} / {fmt_ns(f['p99'])}"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


# ---- encode -----------------------------------------------------------------------------------------------
def encode_fig(method):
    for e in encode:
        if e["benchmark"].endswith("." + method):
            return {"ns": e["primaryMetric"]["score"], "err": e["primaryMetric"]["scoreError"],
                    "bytes": e.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")}
    return None


enc = {m: encode_fig(m) for m in ("buildEventOnly", "formatMessage", "compose", "composeJson",
                                  "composeRabbitEncoder")}


def net(method):
    f, base = enc.get(method), enc.get("buildEventOnly")
    if f is None or base is None:
        return None
    return {"ns": f["ns"] - base["ns"], "bytes": (f["bytes"] or 0) - (base["bytes"] or 0)}


# ---- extraction ---------------------------------------------------------------------------------------
extraction = load_json("extraction.json") or []


def extraction_fig(method, message):
    for e in extraction:
        if e["benchmark"].endswith("." + method) and e.get("params", {}).get("message") == message:
            return {"ns": e["primaryMetric"]["score"], "err": e["primaryMetric"]["scoreError"],
                    "bytes": e.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")}
    return None


def extraction_cost(message):
    on, off = extraction_fig("composeOn", message), extraction_fig("composeOff", message)
    if on is None or off is None:
        return None
    return {"ns": on["ns"] - off["ns"], "bytes": (on["bytes"] or 0) - (off["bytes"] or 0)}


ext = {m: extraction_cost(m) for m in ("KV", "JSON")}


# ---- end to end ---------------------------------------------------------------------------------------
def e2e(name):
    d = load_json(name)
    if not d:
        return None
    rates = [r["eventsPerSec"] for r in d["runs"] if r.get("complete")]
    d["median"] = statistics.median(rates) if len(rates) == len(d["runs"]) and rates else None
    d["rates"] = [r["eventsPerSec"] if r.get("complete") else None for r in d["runs"]]
    return d


def stop(name):
    d = load_json(name)
    if not d:
        return None
    d["lost"] = [r["lost"] for r in d["runs"]]
    return d


e2e_sluice, e2e_spring, e2e_lines = e2e("e2e-sluice.json"), e2e("e2e-spring.json"), e2e("e2e-sluice-lines.json")
ceiling = e2e("ceiling.json")
ceiling_pipelined = e2e("ceiling-pipelined.json")


def cpu_cell(d):
    if d is None or not d.get("runs"):
        return "n/a"
    def med(key):
        vals = [r["cpu"][key] for r in d["runs"] if key in r.get("cpu", {})]
        return statistics.median(vals) if vals else None
    broker, jvm, util, sender = (med("brokerCpuMicrosPerEvent"), med("jvmCpuMicrosPerEvent"),
                                 med("machineCpuUtilization"), med("senderCpuMicrosPerEvent"))
    text = f"broker {fmt_ns(broker)} / JVM {fmt_ns(jvm)}"
    if sender:
        text += f" (Sluice sender thread {fmt_ns(sender)})"
    if util is not None:
        text += f"; CPU busy {100 * util:.0f}%"
    return text
stop_sluice, stop_block, stop_spring = stop("stop-sluice.json"), stop("stop-sluice-block.json"), stop("stop-spring.json")


def e2e_cell(d):
    if d is None:
        return "n/a"
    if d["median"] is None:
        return "incomplete: " + ", ".join("timeout" if r is None else fmt_int(r) for r in d["rates"])
    return f"**{fmt_int(d['median'])}** (runs: {', '.join(fmt_int(r) for r in d['rates'])}; N={fmt_int(d['events'])})"


def stop_cell(d, sluice):
    if d is None:
        return "n/a"
    lost = d["lost"]
    text = f"**{fmt_int(max(lost))}** of {fmt_int(d['events'])}"
    if len(lost) > 1:
        text += f" (runs: {', '.join(fmt_int(x) for x in lost)})"
    if sluice:
        worst = max(d["runs"], key=lambda r: r["lost"])
        st = worst.get("sluiceStats", {})
        parts = []
        for key, label in (("dropped_queue_full", "queue full at the call"), ("dropped_shutdown", "at shutdown"),
                           ("failed", "failed")):
            if st.get(key):
                parts.append(f"{fmt_int(st[key])} {label}")
        if parts:
            text += "; counted by Sluice: " + ", ".join(parts)
    else:
        backlog = [r.get("backlogAtStop") for r in d["runs"]]
        if any(b is not None for b in backlog):
            text += f"; queued at stop(): {', '.join(fmt_int(b) for b in backlog)}"
    return text


# ---- SLS: Sluice SlsAppender vs the official aliyun-log-logback-appender (run.sh phases sls-*) -------------------
# Inputs: sls-caller.json (CallerCostBenchmark appender=SLS, and NOOP with --only), caller.json (NOOP),
# sls-caller-official.json (OfficialSlsCallerCostBenchmark OFFICIAL_NOOP / OFFICIAL_SLS), sls-e2e-*.json, stats.jsonl.
sls_caller = load_json("sls-caller.json") or []
sls_official = load_json("sls-caller-official.json") or []


def sls_figures():
    return {"noop15": caller_figures(sls_caller, "threads1", "NOOP") or caller_figures(caller, "threads1", "NOOP"),
            "sluice": caller_figures(sls_caller, "threads1", "SLS"),
            "noop12": caller_figures(sls_official, "threads1", "OFFICIAL_NOOP"),
            "official": caller_figures(sls_official, "threads1", "OFFICIAL_SLS")}


def sls_stats(appender):
    for s in stats:
        if s["benchmark"].endswith(".threads1") and s["appender"] == appender:
            return s
    return None


def sls_kept_up(appender):
    s = sls_stats(appender)
    if s is None:
        return "n/a"
    text = f"stored {fmt_int(s.get('receivedBySls'))} of {fmt_int(s.get('calls'))} calls"
    if "dropped" in s:
        text += f"; dropped {fmt_int(s.get('dropped'))}, failed {fmt_int(s.get('failed'))}, queued {fmt_int(s.get('queued'))}"
    if "errorStatuses" in s:
        text += f"; error statuses {fmt_int(s.get('errorStatuses'))}"
    return text


def sls_cpu_cell(d):
    if d is None or not d.get("runs"):
        return "n/a"
    def med(key):
        vals = [r["cpu"][key] for r in d["runs"] if key in r.get("cpu", {})]
        return statistics.median(vals) if vals else None
    return (f"JVM {fmt_ns(med('jvmCpuMicrosPerEvent'))} (sender threads {fmt_ns(med('senderCpuMicrosPerEvent'))}, "
            f"logging thread {fmt_ns(med('producerCpuMicrosPerEvent'))}, receiver {fmt_ns(med('receiverCpuMicrosPerEvent'))})")


def sls_wire_cell(d):
    if d is None or not d.get("runs"):
        return "n/a"
    r = d["runs"][len(d["runs"]) // 2]
    lost = [x.get("lost") for x in d["runs"]]
    dup = [x.get("duplicates") for x in d["runs"]]
    text = (f"{fmt_int(r.get('requests'))} requests for N (non-200: {fmt_int(r.get('requestsNot200'))}); "
            f"{r.get('rawBytesPerEvent')} B raw → {r.get('bodyBytesPerEvent')} B {r.get('compression')} per event; "
            f"lost {', '.join(fmt_int(x) for x in lost)}; duplicates {', '.join(fmt_int(x) for x in dup)}")
    if d.get("errorStatuses"):
        text += f"; error statuses {fmt_int(d['errorStatuses'])}"
    return text


def sls_requests(d):
    if d is None or not d.get("runs"):
        return "n/a"
    return f"{fmt_int(d['runs'][0].get('requests'))} requests"


def sls_table():
    f = sls_figures()
    if not any(f.values()) and not os.path.exists(os.path.join(RUN, "sls-e2e-sluice.json")):
        return []
    rows = []
    noop = (f"Logback 1.5: {cell_mean_p99(f['noop15'])}<br>Logback 1.2 (isolated): {cell_mean_p99(f['noop12'])}")
    mean_r = ratio(f["sluice"] and f["sluice"]["mean"], f["official"] and f["official"]["mean"])
    p99_r = ratio(f["sluice"] and f["sluice"]["p99"], f["official"] and f["official"]["p99"])
    verdict = "n/a"
    if mean_r is not None:
        verdict = (f"{'met' if mean_r <= 0.5 else 'NOT met'}: mean {mean_r:.2f}× official (≤0.5×)"
                   + ("" if p99_r is None else f"; p99 {p99_r:.2f}×"))
        if f["noop15"] and f["noop12"]:
            net_s, net_o = f["sluice"]["mean"] - f["noop15"]["mean"], f["official"]["mean"] - f["noop12"]["mean"]
            net_r = ratio(net_s, net_o)
            if net_r is not None:
                verdict += f"; above each no-op: {fmt_ns(net_s)} vs {fmt_ns(net_o)} ns ({net_r:.2f}×)"
    pace = next((x["pace"] for x in f.values() if x), None)
    rows.append([f"(e) caller ns/call, mean / p99, 1 thread (paced, 1 event / {pace} µs)", noop,
                 cell_mean_p99(f["sluice"]), cell_mean_p99(f["official"]), verdict])
    def alloc(appender, fig):
        s = sls_stats(appender)
        a = "n/a" if s is None or s.get("callerAllocBytesPerCall") is None else fmt_int(s["callerAllocBytesPerCall"])
        return a + " / " + ("n/a" if fig is None or fig["alloc"] is None else fmt_int(fig["alloc"]))
    rows.append(["(e) bytes allocated per call: calling thread / whole JVM (incl. sender and receiver)",
                 f"1.5: {alloc('NOOP', f['noop15'])}<br>1.2: {alloc('OFFICIAL_NOOP', f['noop12'])}",
                 alloc("SLS", f["sluice"]), alloc("OFFICIAL_SLS", f["official"]), "—"])
    rows.append(["(e) did the sender keep up? (whole trial)", "—", sls_kept_up("SLS"), sls_kept_up("OFFICIAL_SLS"), "—"])
    e_s, e_o = e2e("sls-e2e-sluice.json"), e2e("sls-e2e-official.json")
    r = ratio(e_s and e_s["median"], e_o and e_o["median"])
    rows.append(["(f) end to end, events/s stored by the receiver, median of runs", "—",
                 e2e_cell(e_s) + " (defaults + overflow=block)", e2e_cell(e_o) + " (defaults)",
                 "n/a" if r is None else f"{'met' if r >= 3 else 'NOT met'}: {r:.2f}× official (≥3×)"])
    l_s, l_o = e2e("sls-e2e-sluice-rtt30.json"), e2e("sls-e2e-official-rtt30.json")
    if l_s or l_o:
        rl = ratio(l_s and l_s["median"], l_o and l_o["median"])
        rows.append(["(f′) same, every answer 30 ms late (as over a WAN to a real SLS region)", "—",
                     e2e_cell(l_s) + f"; {sls_requests(l_s)}", e2e_cell(l_o) + f"; {sls_requests(l_o)}",
                     "n/a" if rl is None else f"{'met' if rl >= 3 else 'NOT met'}: {rl:.2f}× official (≥3×)"])
    rows.append(["(f) CPU µs per event during (f), median (receiver in the same JVM)", "—", sls_cpu_cell(e_s),
                 sls_cpu_cell(e_o), "—"])
    rows.append(["(f) requests, bytes, losses", "—", sls_wire_cell(e_s), sls_wire_cell(e_o), "—"])
    header = ["SLS measurement", "no-op appender", "Sluice `SlsAppender`",
              "official `aliyun-log-logback-appender` 0.1.27", "Target (Sluice)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |")
    lines += ["", "SLS notes:",
              "- Both appenders ship to one `sluice-testkit` `SlsReceiver` in the benchmark JVM (signature check, lz4 "
              "decode, in-memory store), so the receiver's CPU competes with the appender on the same 2 cores. The "
              "official appender (0.1.27, producer 0.3.17) runs in its own Logback 1.2 context in an isolated class "
              "loader (its protobuf 2.5 / Logback 1.2 clash with ours); its no-op baseline runs in that same isolated "
              "Logback 1.2, Sluice's in Logback 1.5. Same call, MDC, pacing and JMH settings as (a).",
              "- The official appender runs with its defaults: `includeLocation=true` (a stack walk per call on the "
              "calling thread), lingerMs 2 s, batches of 4096 logs / 512 KB, 100 MB buffer with `maxBlockMs` 60 s "
              "(a full buffer blocks the caller, then fails the event with an error status), `mdcFields` = the two "
              "workload entries. Sluice: defaults (batchSize 4096 for SLS, linger 200 ms, lz4) with overflow=block.",
              "- End to end: warm-up 20,000 events; per run the receiver is emptied, one thread logs N events as fast "
              "as accepted, timed until the receiver stores N logs; lost/duplicates from the order ids in the stored "
              "messages. `seconds − logSeconds` in the details is the tail after the last call: for the official "
              "appender it includes up to lingerMs (2 s) for its last, partial batch, a large share of its time at "
              "N=100,000; its logging thread also pays the caller cost above for every event.",
              "- (f′): the receiver stores each request at once but answers 30 ms later. An appender with k requests "
              "in flight is then bound by k × batch size / (latency + processing): Sluice sends up to `maxInFlight` "
              "(default 4) requests of ≤ `batchSize` (4096 for SLS) logs at once, each on its own I/O thread; the "
              "official producer sends batches of up to 4096 logs from `ioThreadCount` (= cores) threads.", ""]
    return lines


def sls_details():
    lines = []
    f = sls_figures()
    if any(f.values()):
        lines += ["SLS caller cost, all percentiles (ns):", "",
                  "| appender | mean ± err | p50 | p99 | p99.9 | B/call (JVM) |", "|---|---|---|---|---|---|"]
        for name, fig in (("no-op, Logback 1.5", f["noop15"]), ("Sluice SlsAppender", f["sluice"]),
                          ("no-op, Logback 1.2 isolated", f["noop12"]), ("official appender", f["official"])):
            if fig:
                lines.append(f"| {name} | {fmt_ns(fig['mean'])} ± {fmt_ns(fig['err'])} | {fmt_ns(fig['p50'])} | "
                             f"{fmt_ns(fig['p99'])} | {fmt_ns(fig['p999'])} | {fmt_int(fig['alloc'])} |")
        lines.append("")
    for name in ("sls-e2e-sluice.json", "sls-e2e-official.json", "sls-e2e-sluice-rtt30.json",
                 "sls-e2e-official-rtt30.json"):
        d = load_json(name)
        if d:
            lines.append(f"- {name}: {d.get('receiver', '')}, options {json.dumps(d.get('options', {}))}"
                         f", receiver answers delayed {d.get('receiverDelayMs', 0)} ms")
            for run in d["runs"]:
                lines.append(f"  - `{json.dumps(run)}`")
    if lines:
        lines.append("")
    return lines
# ---- end of SLS -----------------------------------------------------------------------------------------------


# ---- table --------------------------------------------------------------------------------------------
rows = []
p = f"paced, 1 event / {pace_us} µs / thread" if pace_us else "paced"
for m, label in (("threads1", "1 thread"), ("threads2", "2 threads")):
    cells = [cell_mean_p99(paced[(m, a)]) for a, _ in APPENDERS]
    s_vs_noop = ratio(paced[(m, "SLUICE")] and paced[(m, "SLUICE")]["mean"],
                      paced[(m, "NOOP")] and paced[(m, "NOOP")]["mean"])
    s_vs_spring = ratio(paced[(m, "SLUICE")] and paced[(m, "SLUICE")]["mean"],
                        paced[(m, "SPRING")] and paced[(m, "SPRING")]["mean"])
    p99_vs_spring = ratio(paced[(m, "SLUICE")] and paced[(m, "SLUICE")]["p99"],
                          paced[(m, "SPRING")] and paced[(m, "SPRING")]["p99"])
    verdict = "n/a"
    if s_vs_noop is not None and s_vs_spring is not None:
        ok = s_vs_noop <= 1.5 and s_vs_spring <= 1.0
        verdict = (f"{'met' if ok else 'NOT met'}: mean {s_vs_noop:.2f}× no-op (≤1.5×), "
                   f"{s_vs_spring:.2f}× Spring (≤1×); p99 {p99_vs_spring:.2f}× Spring")
    rows.append([f"(a) caller ns/call, mean / p99, {label} ({p})"] + cells + [verdict])

thread_alloc = []
for a, _ in APPENDERS:
    st = stats_for("threads1", a, pace_us)
    thread_alloc.append("n/a" if st is None or st.get("callerAllocBytesPerCall") is None
                        else fmt_int(st["callerAllocBytesPerCall"]))
rows.append(["(a) bytes allocated by the log call on the calling thread (1 thread, paced; arguments excluded)"]
            + thread_alloc + ["—"])

alloc_cells = []
for a, _ in APPENDERS:
    f = paced[("threads1", a)]
    alloc_cells.append("n/a" if f is None or f["alloc"] is None else f"{fmt_int(f['alloc'])}")
rows.append(["(a) bytes allocated per event, whole JVM (caller + sender + client threads; JMH gc.alloc.rate.norm), 1 thread, paced"] + alloc_cells + ["—"])

drops = []
for a, _ in APPENDERS:
    notes = [drop_note(m, a, pace_us) for m in ("threads1", "threads2")]
    drops.append("—" if a == "NOOP" else " / ".join(n for n in notes if n) or "n/a")
rows.append(["(a) did the sender keep up? (1 thread / 2 threads, whole trial)"] + drops + ["—"])

for m, label in (("threads1", "1 thread"), ("threads2", "2 threads")):
    cells = []
    for a, _ in APPENDERS:
        f = burst_fig[(m, a)]
        if a == "SPRING":
            cells.append("not run (unbounded queue: grows without limit)")
        elif f is None:
            cells.append("n/a")
        else:
            note = drop_note(m, a, 0)
            cells.append(cell_mean_p99(f) + (f"; {note}" if note else ""))
    rows.append([f"(a′) caller ns/call, mean / p99, {label}, back-to-back (no pacing)"] + cells + ["—"])

l4j_pace = next((f["pace"] for f in log4j2_fig.values() if f), None)
l4j_vs_noop = ratio(log4j2_fig["SLUICE"] and log4j2_fig["SLUICE"]["mean"], log4j2_fig["NOOP"] and log4j2_fig["NOOP"]["mean"])
l4j_vs_spring = ratio(log4j2_fig["SLUICE"] and log4j2_fig["SLUICE"]["mean"],
                      log4j2_fig["SPRING"] and log4j2_fig["SPRING"]["mean"])
rows.append([f"(e) Log4j2 caller ns/call, mean / p99, 1 thread (paced, 1 event / {l4j_pace} µs; synchronous loggers): "
             "no-op Log4j2 appender / `<SluiceRabbitMq>` / Spring AMQP's Log4j2 `RabbitMQ` appender, async=true"]
            + [cell_mean_p99(log4j2_fig[a]) for a, _ in APPENDERS]
            + ["n/a" if l4j_vs_noop is None else
               f"{'met' if l4j_vs_noop <= 1.5 else 'NOT met'}: mean {l4j_vs_noop:.2f}× no-op (≤1.5×)"
               + ("" if l4j_vs_spring is None else f"; {l4j_vs_spring:.2f}× Spring")])
l4j_alloc = []
for a, _ in APPENDERS:
    st = stats_for("log4j2Threads1", a, l4j_pace)
    extra = "" if a == "NOOP" else drop_note("log4j2Threads1", a, l4j_pace)
    l4j_alloc.append(("n/a" if st is None or st.get("callerAllocBytesPerCall") is None
                      else fmt_int(st["callerAllocBytesPerCall"])) + (f"; {extra}" if extra else ""))
rows.append(["(e) Log4j2: bytes allocated by the log call on the calling thread; did the sender keep up?"]
            + l4j_alloc + ["—"])

cj, cr = net("composeJson"), net("composeRabbitEncoder")
rows.append(["(b) sender encode: compose + JSON, ns/event / B/event (`-prof gc`)", "—",
             "n/a" if cj is None else f"**{fmt_ns(cj['ns'])} ns / {fmt_int(cj['bytes'])} B**"
             + ("" if cr is None else f" (with routing key + EncodedEvent: {fmt_ns(cr['ns'])} ns / {fmt_int(cr['bytes'])} B)"),
             "—", "—"])

if ext["KV"] is None or ext["JSON"] is None:
    ext_cell, ext_verdict = "n/a", "n/a"
else:
    ext_cell = " / ".join(f"**{fmt_ns(ext[m]['ns'])}**" for m in ("KV", "JSON")) + " ns (" + " / ".join(
        f"{fmt_int(ext[m]['bytes'])} B" for m in ("KV", "JSON")) + ")"
    worst = max(ext["KV"]["ns"], ext["JSON"]["ns"])
    ext_verdict = f"{'met' if worst < 1000 else 'NOT met'}: < 1 µs"
rows.append(["(b′) extraction cost ns/event (KV 200 chars / JSON 1 KB)", "—", ext_cell, "—", ext_verdict])

r = ratio(e2e_sluice and e2e_sluice["median"], e2e_spring and e2e_spring["median"])
rc = ratio(e2e_sluice and e2e_sluice["median"], ceiling_pipelined and ceiling_pipelined["median"])
rows.append(["(c) end to end, events/s counted by the consumer, median of runs", "—", e2e_cell(e2e_sluice)
             + " (defaults + overflow=block, publisher confirms on, maxInFlight 4)", e2e_cell(e2e_spring),
             ("n/a" if r is None else f"{'met' if r >= 1.0 else 'NOT met'}: {r:.2f}× Spring (≥1.0×)")
             + ("" if rc is None else f"; {'met' if rc >= 0.95 else 'NOT met'}: {rc:.2f}× the pipelined bare client (≥0.95×)")])
rows.append(["(c) CPU µs per event during (c), median: broker process / benchmark JVM (incl. consumer); machine CPU busy",
             "—", cpu_cell(e2e_sluice), cpu_cell(e2e_spring), "—"])
if ceiling:
    r3 = ratio(ceiling["median"], e2e_spring and e2e_spring["median"])
    rows.append(["(c″) reference: bare amqp-client loop, one message per event, Sluice's properties, confirm every 1,024",
                 "—", e2e_cell(ceiling) + "; " + cpu_cell(ceiling), "—",
                 "n/a" if r3 is None else f"{r3:.2f}× Spring: the ceiling for one message per event here"])
if ceiling_pipelined:
    r4 = ratio(ceiling_pipelined["median"], e2e_spring and e2e_spring["median"])
    rows.append(["(c3) reference: the same loop keeping up to 4,096 messages unconfirmed (pipelined confirms)",
                 "—", e2e_cell(ceiling_pipelined) + "; " + cpu_cell(ceiling_pipelined), "—",
                 "n/a" if r4 is None else f"{r4:.2f}× Spring: the ceiling for confirmed publishing here"])
if e2e_lines:
    r2 = ratio(e2e_lines["median"], e2e_spring and e2e_spring["median"])
    rows.append(["(c′) end to end, Sluice with format=json-lines (non-default)", "—", e2e_cell(e2e_lines), "—",
                 "n/a" if r2 is None else f"{'met' if r2 >= 10 else 'NOT met'}: {r2:.2f}× Spring (≥10×)"])

worst_default = max(stop_sluice["lost"]) if stop_sluice else None
rows.append(["(d) lost when the LoggerContext stops right after the last call (worst run)", "—",
             "defaults: " + stop_cell(stop_sluice, True) + "<br>overflow=block: " + stop_cell(stop_block, True),
             stop_cell(stop_spring, False),
             "n/a" if worst_default is None else
             ("met" if worst_default == 0 and (stop_block is None or max(stop_block["lost"]) == 0) else "NOT met")
             + ": nothing lost"])

header = ["Measurement"] + [label for _, label in APPENDERS] + ["Target (Sluice)"]
out = []
with open(HEADER) as f:
    out.append(f.read().rstrip())
out.append("")
out.append("| " + " | ".join(header) + " |")
out.append("|" + "|".join(["---"] * len(header)) + "|")
for row in rows:
    out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |")
out.append("")
out.extend(sls_table())  # SLS section

# ---- notes and details ----------------------------------------------------------------------------------
notes = [
    "Caller cost: JMH SampleTime, forks=1, warmup 3×2 s, measurement 4×2 s paced / 2×2 s back-to-back (warmup 2×2 s), one fork and one LoggerContext per "
    "appender and thread count; `log.info(\"order {} placed by user={} amount={}\", Long, String, BigDecimal)` "
    "with 2 MDC entries. *Paced*: each thread parks between calls (outside the timed region) so that every "
    "sender keeps up; this includes the cold-cache cost a real application pays. *Back-to-back*: an async "
    "appender falls behind within milliseconds, so Sluice then mostly measures its drop path.",
    "Log4j2 caller cost (e): as (a), one thread, warmup 2×2 s, measurement 3×2 s, synchronous loggers with "
    "Log4j2's default thread-local reusable events, 2 ThreadContext entries; each appender built by its builder "
    "in its own LoggerContext.",
    "Encode: AverageTime, one thread, warmup 3×2 s, measurement 4×2 s, `-prof gc`; each op builds a fresh representative event (Logback "
    "LoggingEvent + the adapter's snapshot), which is measured alone and subtracted.",
    "Extraction: AverageTime, one thread, `-prof gc`; `FieldComposer.compose` of the same event with `extractJson` and "
    "`extractKv` on minus off: a 198-char message with 5 key=value pairs among prose (KV), a 1 KB JSON object with "
    "16 members incl. nested ones (JSON).",
    "End to end: one thread logs N events as fast as the appender accepts them; timed from the first call until "
    "an AmqpCollector (queue bound with `#`) has counted N distinct events. Sluice uses overflow=block so that "
    "no event is dropped (the default overflow=drop would discard most of a burst of this size). Spring AMQP's "
    "queue is unbounded; it sends without publisher confirms.",
    "Lost at stop: a warmed connection, N=50,000 events back-to-back, `LoggerContext.stop()` right after the "
    "last call, then counted after 2 s without arrivals.",
]
out.append("Notes:")
for n in notes:
    out.append(f"- {n}")
out.append("")

out.append("<details><summary>Details</summary>")
out.append("")
out.append("Caller cost, all percentiles (ns):")
out.append("")
out.append("| run | appender | threads | mean ± err | p50 | p99 | p99.9 | B/call (JVM) |")
out.append("|---|---|---|---|---|---|---|---|")
for name, figs in (("paced", paced), ("back-to-back", burst_fig),
                   ("Log4j2 paced", {("threads1", a): f for a, f in log4j2_fig.items()})):
    for (m, a), f in figs.items():
        if f:
            out.append(f"| {name} | {a} | {m[-1]} | {fmt_ns(f['mean'])} ± {fmt_ns(f['err'])} | {fmt_ns(f['p50'])} | "
                       f"{fmt_ns(f['p99'])} | {fmt_ns(f['p999'])} | {fmt_int(f['alloc'])} |")
out.append("")
out.append("Encode steps (gross, including building the event; net = gross − buildEventOnly):")
out.append("")
out.append("| step | ns/op ± err | B/op | net ns | net B |")
out.append("|---|---|---|---|---|")
for m, f in enc.items():
    if f:
        n = net(m) if m != "buildEventOnly" else None
        out.append(f"| {m} | {fmt_ns(f['ns'])} ± {fmt_ns(f['err'])} | {fmt_int(f['bytes'])} | "
                   f"{'—' if n is None else fmt_ns(n['ns'])} | {'—' if n is None else fmt_int(n['bytes'])} |")
out.append("")
if samples:
    out.append(f"Representative event as Sluice encodes it ({samples[0]['sampleEventBytes']} bytes of JSON):")
    out.append("")
    out.append("```json")
    out.append(samples[0]["sampleEvent"])
    out.append("```")
    out.append("")
out.append("Teardown counters of the caller benchmarks:")
out.append("")
for s in stats:
    out.append(f"- `{json.dumps(s)}`")
out.append("")
out.append("End-to-end and stop runs:")
out.append("")
for name in ("e2e-sluice.json", "e2e-sluice-lines.json", "e2e-spring.json", "ceiling.json", "ceiling-pipelined.json", "stop-sluice.json",
             "stop-sluice-block.json", "stop-spring.json", "burst-sluice.json", "burst-sluice-noreserve.json"):
    d = load_json(name)
    if d:
        out.append(f"- {name}: {d.get('broker', '')}, options {json.dumps(d.get('options', {}))}")
        for run in d["runs"]:
            out.append(f"  - `{json.dumps(run)}`")
out.append("")
out.extend(sls_details())  # SLS section
out.append("</details>")
if not [n for n in os.listdir(RUN) if n.endswith(".json") and not n.startswith("sls-")]:
    # Only the SLS phases ran (run.sh --only sls): leave out the other tables, which would be all n/a.
    with open(HEADER) as f:
        out = [f.read().rstrip(), ""] + sls_table() + ["<details><summary>Details</summary>", ""] + sls_details() \
            + ["</details>"]
print("\n".join(out))
