#!/usr/bin/env python3
"""Prints '<passed> <failed> <skipped>' summed over every Surefire/Failsafe XML report under a tree.

Counts <testcase> elements rather than the <testsuite> totals: Surefire writes tests="0" on the suite of a
JUnit @ParameterizedClass although its test cases are listed (and do fail the build)."""
import pathlib
import sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
tests = failures = skipped = 0
for report in root.glob("**/target/*-reports/TEST-*.xml"):
    if "node_modules" in report.parts:
        continue
    for case in ET.parse(report).getroot().iter("testcase"):
        tests += 1
        if case.find("failure") is not None or case.find("error") is not None:
            failures += 1
        elif case.find("skipped") is not None:
            skipped += 1
print(tests - failures - skipped, failures, skipped)
