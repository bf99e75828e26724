"""Starting ndx-serve on a fresh index for the browser and API tests."""
import os
import re
import shutil
import subprocess
import tempfile
import time


class Server:
    """ndx-serve on a free loopback port, over an index of `inputs` built in a temp dir."""

    def __init__(self, build, inputs, cwd, extra_args=()):
        self.build = build
        self.tmp = tempfile.mkdtemp(prefix="ndx-serve-test-")
        self.db = os.path.join(self.tmp, "db")
        env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", HOME=self.tmp)
        env.pop("NDX_DB", None)
        env.pop("XDG_DATA_HOME", None)
        self.env = env
        subprocess.run([os.path.join(build, "ndx-index"), "--quiet", "--db", self.db, *inputs],
                       cwd=cwd, env=env, check=True)
        self.log = open(os.path.join(self.tmp, "serve.log"), "w+")
        self.proc = subprocess.Popen(
            [os.path.join(build, "ndx-serve"), "--db", self.db, "--listen", "127.0.0.1:0",
             *extra_args], cwd=cwd, env=env, stderr=self.log, stdout=subprocess.DEVNULL)
        self.port = None
        deadline = time.time() + 20
        while time.time() < deadline and self.port is None:
            if self.proc.poll() is not None:
                raise RuntimeError("ndx-serve exited: " + self.stderr())
            m = re.search(r"at http://127\.0\.0\.1:(\d+)/", self.stderr())
            if m:
                self.port = int(m.group(1))
            time.sleep(0.05)
        if self.port is None:
            raise RuntimeError("ndx-serve did not start: " + self.stderr())
        self.url = "http://127.0.0.1:%d" % self.port

    def stderr(self):
        self.log.flush()
        with open(self.log.name) as f:
            return f.read()

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                code = self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                code = self.proc.wait()
            if code != 0:
                raise RuntimeError("ndx-serve exited with %d after SIGTERM" % code)
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
