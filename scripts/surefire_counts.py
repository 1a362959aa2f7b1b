#!/usr/bin/env python3
"""Prints '<passed> <failed> <skipped>' summed over every Surefire/Failsafe XML report under a tree."""
import pathlib
import sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
tests = failures = skipped = 0
for report in root.glob("**/target/*-reports/TEST-*.xml"):
    if "node_modules" in report.parts:
        continue
    suite = ET.parse(report).getroot()
    tests += int(suite.get("tests", 0))
    failures += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(tests - failures - skipped, failures, skipped)
