"""Requests per second against a URL on loopback: wrk when installed, else a bounded Python loop."""

import http.client
import re
import shutil
import subprocess
import threading
import time
from urllib.parse import urlsplit


def requests_per_second(url, seconds=5, connections=4, headers=None, allow_errors=False):
    if shutil.which("wrk"):
        command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s"]
        for name, value in (headers or {}).items():
            command += ["-H", f"{name}: {value}"]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        if non_2xx and not allow_errors:
            raise RuntimeError(f"{url}: {non_2xx.group(1)} error responses")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return _python_loop(url, seconds, connections, headers or {}, allow_errors)


def _python_loop(url, seconds, connections, headers, allow_errors):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    counts = [0] * connections
    deadline = time.monotonic() + seconds

    def worker(index):
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status >= 400 and not allow_errors:
                raise RuntimeError(f"{url}: HTTP {response.status}")
            counts[index] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds
