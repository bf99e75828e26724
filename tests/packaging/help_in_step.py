#!/usr/bin/env python3
"""Every program's man page (man/PROG.N.scd) and shell completions (completions/) list the
options its --help lists, and no other: the man page and the completions are written by
hand, so this catches an option added, renamed or removed in one place only.

usage: help_in_step.py BUILD_DIR SOURCE_DIR
"""
import pathlib
import re
import subprocess
import sys

build, source = map(pathlib.Path, sys.argv[1:3])
problems = []
checked = 0


def help_options(prog):
    out = subprocess.run([str(build / prog), "--help"], capture_output=True, text=True,
                         check=True).stdout
    # boost::program_options: "  -d [ --db ] arg   ..." or "  --dump   ..."
    return set(re.findall(r"^  (?:-\w \[ )?--([a-z0-9][a-z0-9-]*)", out, re.M))


def man_options(text):
    section = re.search(r"^# OPTIONS\n(.*?)^# ", text, re.M | re.S)
    if not section:
        return set()
    found = set()
    for line in section.group(1).splitlines():
        if line.startswith("*-"):  # an item's head line, e.g. "*-d*, *--db* _DIR_"
            found.update(re.findall(r"\*--([a-z0-9][a-z0-9-]*)\*", line))
    return found


def compare(what, listed, wanted):
    for o in sorted(wanted - listed):
        problems.append(f"{what}: --{o} is in --help but not here")
    for o in sorted(listed - wanted):
        problems.append(f"{what}: --{o} is not an option of --help")


for page in sorted((source / "man").glob("*.scd")):
    prog = page.name.split(".")[0]
    if not (build / prog).exists():
        problems.append(f"{page}: no program {prog} in {build}")
        continue
    wanted = help_options(prog)
    checked += 1
    compare(f"man/{page.name}", man_options(page.read_text()), wanted)
    zsh = source / "completions" / "zsh" / f"_{prog}"
    fish = source / "completions" / "fish" / f"{prog}.fish"
    bash = source / "completions" / "bash" / prog
    for f in (zsh, fish, bash):
        if not f.exists():
            problems.append(f"{f}: missing")
    if zsh.exists():
        compare(str(zsh.relative_to(source)),
                set(re.findall(r"--([a-z0-9][a-z0-9-]*)[=\[}]", zsh.read_text())), wanted)
    if fish.exists():
        compare(str(fish.relative_to(source)),
                set(re.findall(r"^complete -c \S+ .*?-l ([a-z0-9-]+)", fish.read_text(), re.M)),
                wanted)

# every program built has its man page (and so its completions, checked above)
for prog in sorted(build.glob("ndx-*")):
    if prog.is_file() and prog.stat().st_mode & 0o111 and "." not in prog.name:
        if not list((source / "man").glob(prog.name + ".[1-9].scd")):
            problems.append(f"{prog.name}: no man page man/{prog.name}.1.scd")

for p in problems:
    print(p)
print(f"{checked} programs checked, {len(problems)} problems")
sys.exit(1 if problems or not checked else 0)
