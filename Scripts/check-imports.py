#!/usr/bin/env python3
"""Checks that Package.swift says exactly what each target imports: every module a target's sources import is a
declared dependency, and every declared dependency is imported somewhere in the target (the standard library's
modules and Foundation excepted). Exit 1 naming each mismatch. Scripts/test.sh runs it.

    python3 Scripts/check-imports.py
"""

import glob
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLATFORM = {"Foundation", "FoundationEssentials", "Dispatch", "Synchronization", "Testing", "Glibc", "Darwin"}
IMPORT = re.compile(r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:public |package |internal )?import (?:\w+ )?(\w+)", re.M)


def main() -> int:
    manifest = json.loads(
        subprocess.run(
            ["swift", "package", "dump-package"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
    )
    problems = []
    for target in manifest["targets"]:
        if target["type"] == "system":
            continue
        declared = set()
        for dependency in target["dependencies"]:
            for kind in ("byName", "product", "target"):
                if kind in dependency:
                    declared.add(dependency[kind][0])
        folder = target.get("path") or f"{'Tests' if target['type'] == 'test' else 'Sources'}/{target['name']}"
        imported = set()
        for file in glob.glob(str(ROOT / folder / "**" / "*.swift"), recursive=True):
            imported.update(IMPORT.findall(Path(file).read_text(encoding="utf-8")))
        imported -= PLATFORM
        for module in sorted(imported - declared):
            problems.append(f"{target['name']} imports {module} but does not declare it")
        for module in sorted(declared - imported):
            problems.append(f"{target['name']} declares {module} but no source imports it")
    for problem in problems:
        print(f"error: Package.swift: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"check-imports: OK: {len(manifest['targets'])} targets declare exactly what they import")
    return 0


if __name__ == "__main__":
    sys.exit(main())
