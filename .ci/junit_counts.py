"""Counts for .ci/run, in the plain closing-line form `NAME: N passed, N failed, N skipped`.

    junit_counts.py NAME REPORT.xml   one pytest run's JUnit report; exits 1 unless some test ran and none
                                      failed or errored (no report means pytest did not finish)
    junit_counts.py --total LINE...   the sum of such lines, as `total: ...`
"""

import re
import sys
import xml.etree.ElementTree as ET


def report(name: str, path: str) -> int:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        print(f"{name}: no report (pytest did not finish)")
        return 1
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests, failures, errors, skipped = (sum(int(s.get(key, 0)) for s in suites)
                                        for key in ("tests", "failures", "errors", "skipped"))
    passed = tests - failures - errors - skipped
    note = "" if tests else " (no test ran)"
    print(f"{name}: {passed} passed, {failures + errors} failed, {skipped} skipped{note}")
    return 0 if passed and not failures + errors else 1


def total(lines: list[str]) -> int:
    sums = [0, 0, 0]
    for line in lines:
        found = re.search(r"(\d+) passed, (\d+) failed, (\d+) skipped", line)
        if found:
            sums = [s + int(n) for s, n in zip(sums, found.groups())]
    print(f"total: {sums[0]} passed, {sums[1]} failed, {sums[2]} skipped")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(total(args[1:]) if args[:1] == ["--total"] else report(*args))
