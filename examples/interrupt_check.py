"""Runs examples/demo.sh on a pseudo-terminal, presses Ctrl-C when a given text appears, and prints a verdict.

Usage: python3 interrupt_check.py <demo-dir> <text to wait for>
Prints "exit=<code> left=<n> dir=<exists>" where left counts processes still carrying the demo's marker.
"""
import os
import signal
import subprocess
import sys
import time

demo_dir, trigger = sys.argv[1], sys.argv[2].encode()
root = os.environ["PATCHWORK_ROOT"]
pid, fd = os.forkpty()
if pid == 0:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a background test runner may have ignored it
    env = {k: v for k, v in os.environ.items() if k not in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY")}
    env["PATCHWORK_DEMO_DIR"] = demo_dir
    os.execvpe("bash", ["bash", os.path.join(root, "examples", "demo.sh")], env)

seen = b""
deadline = time.time() + 240
while trigger not in seen and time.time() < deadline:
    try:
        seen += os.read(fd, 4096)
    except OSError:
        break
os.write(fd, b"\x03")
while True:
    try:
        if not os.read(fd, 4096):
            break
    except OSError:
        break
_, status = os.waitpid(pid, 0)
left = subprocess.run(["pgrep", "-f", "[p]atchwork.demo=" + demo_dir], capture_output=True, text=True).stdout.split()
print("exit=%d left=%d dir=%s triggered=%s" % (
    os.waitstatus_to_exitcode(status), len(left), os.path.exists(demo_dir), trigger in seen))
