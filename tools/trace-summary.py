#!/usr/bin/env python3
"""Summarizes a Chromium trace recorded with BACKPROP_TRACE=<file> (tests/support/session.rs):
the main thread's long events by name, the long style recalculations and layouts with their
element counts, and, around the middle long style recalculation, what invalidated styles
(element and reason). Usage: tools/trace-summary.py <file> [threshold ms, default 20]."""

import json
import sys
from collections import Counter


def main() -> None:
    path = sys.argv[1]
    threshold = float(sys.argv[2]) * 1000 if len(sys.argv) > 2 else 20000.0
    trace = json.load(open(path))
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    long = [e for e in events if e.get("ph") == "X" and e.get("dur", 0) > threshold]
    print("long events:", Counter(e["name"] for e in long).most_common(12))
    styles = [e for e in long if e["name"] == "UpdateLayoutTree"]
    print("long style recalculations (ms, elements):", [(round(e["dur"] / 1000), e["args"].get("elementCount")) for e in styles[-12:]])
    layouts = [e for e in long if e["name"] == "Layout"]
    print(
        "long layouts (ms, dirty, total objects):",
        [(round(e["dur"] / 1000, 1), e["args"]["beginData"].get("dirtyObjects"), e["args"]["beginData"].get("totalObjects")) for e in layouts[-12:]],
    )
    if styles:
        middle = styles[len(styles) // 2]["ts"]
        near = [e for e in events if "Invalidation" in e.get("name", "") and abs(e["ts"] - middle) < 300000]
        counts = Counter((e["name"], str(e["args"].get("data", {}).get("reason")), e["args"].get("data", {}).get("nodeName")) for e in near)
        print("invalidations within 0.3 s of the middle one:")
        for (name, reason, node), n in counts.most_common(15):
            print(f"  {n:5} {name}: {reason} on {node}")


if __name__ == "__main__":
    main()
