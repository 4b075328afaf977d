"""Exported notebook HTML opens offline with its plotly.js charts drawn, and asks for nothing remote.

Usage: check_offline_html.py --kernel NAME --mathjax DIR --chromium PATH --out DIR [NOTEBOOK...]

Without notebooks it writes a small notebook with a loss-curve plot, a class-coloured scatter and a
chart of a tablesaw table, executes it through the Java kernel and checks that. For each notebook
it exports the course's offline HTML (scripts/notebook_html.py), once as is and once with the
require.js the classic Notebook page loads, opens each in headless Chromium with the network
blocked (a proxy on a closed local port, every host name unresolvable) and, through the DevTools
protocol over a pipe, checks that

  * every chart box was drawn by plotly.js with as many traces as its JSON holds (the PNG inside
    the box is gone), and plotly.js is inlined once in the file;
  * the page requested no URL but file: and data: ones;

and saves a screenshot of each chart (OUT/NAME[-requirejs]-chartK.png).
"""
import argparse
import base64
import fcntl
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import notebook_html  # noqa: E402

REQUIRE_JS = "/usr/share/javascript/requirejs/require.js"
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
SPEC_START = "var spec = "
SPEC_END = ";\n  function draw()"

FIXTURE_CELLS = [
    "import vaecourse.plot.*;\nimport tech.tablesaw.api.*;",
    # A training history: two series, the markers show on hover.
    'double[] epochs = {1, 2, 3, 4, 5, 6, 7, 8};\n'
    'LinePlot.create("Loss per epoch").xLabel("epoch").yLabel("negative ELBO (nats)")\n'
    '    .add("train", epochs, new double[] {212.4, 160.3, 141.8, 131.0, 124.9, 120.7, 117.9, 115.8})\n'
    '    .add("validation", epochs, new double[] {171.2, 146.9, 136.1, 129.6, 126.0, 123.9, 123.1, 123.4})',
    # A latent scatter: one trace per class.
    "var random = new java.util.Random(7);\n"
    "int n = 300;\n"
    "double[] zx = new double[n], zy = new double[n];\n"
    "int[] digit = new int[n];\n"
    "for (int i = 0; i < n; i++) {\n"
    "  digit[i] = i % 3;\n"
    "  zx[i] = 2.5 * Math.cos(2 * Math.PI * digit[i] / 3) + 0.6 * random.nextGaussian();\n"
    "  zy[i] = 2.5 * Math.sin(2 * Math.PI * digit[i] / 3) + 0.6 * random.nextGaussian();\n"
    "}\n"
    'ScatterPlot.of("Latent means", zx, zy, digit).classNames("zero", "one", "two")'
    '.xLabel("z1").yLabel("z2")',
    # A tablesaw table as a chart.
    'Table bounds = Table.create("Importance-weighted bound",\n'
    '    IntColumn.create("K", new int[] {1, 2, 5, 10, 50, 200}),\n'
    '    DoubleColumn.create("L_K", new double[] {-98.7, -97.9, -97.1, -96.6, -96.0, -95.8}));\n'
    'LinePlot.of(bounds, "K", "L_K").logX()',
]


def fixture(kernel, path):
    """Writes and executes the small notebook; returns the executed notebook's path."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Interactive charts, offline")]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in FIXTURE_CELLS]
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": kernel, "language": "java"}
    NotebookClient(nb, kernel_name=kernel, timeout=300).execute()
    nbformat.write(nb, path)
    return path


def expected_charts(notebook):
    """The number of traces of every chart in the notebook's outputs, in page order."""
    with open(notebook, encoding="utf-8") as f:
        nb = json.load(f)
    counts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html is None:
                continue
            html = "".join(html) if isinstance(html, list) else html
            for start in [m.end() for m in re.finditer(re.escape(SPEC_START), html)]:
                spec = json.loads(html[start : html.index(SPEC_END, start)].replace("<\\/", "</"))
                counts.append(len(spec["data"]))
    return counts


class Chromium:
    """Headless Chromium driven through the DevTools protocol on fds 3 and 4 (no websocket)."""

    def __init__(self, binary, profile):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        args = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
            "--user-data-dir=" + profile, "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--allow-file-access-from-files",
            # The network is blocked: a proxy on a closed local port, no name resolves.
            "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--window-size=1100,900", "about:blank",
        ]

        def plumb():
            # Move both ends above 4 first so that neither dup2 overwrites the other.
            read_end = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self._process = subprocess.Popen(
            args, preexec_fn=plumb, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            if time.time() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=60):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(method + " failed: " + json.dumps(reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method, timeout=60):
        deadline = time.time() + timeout
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._read_message(deadline)
            if event.get("method") == method:
                return event
            self.events.append(event)

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()


PROBE = """(() => {
  const boxes = Array.from(document.querySelectorAll('.vaecourse-plotly'));
  return JSON.stringify({
    plotly: typeof window.Plotly === 'object' ? window.Plotly.version : null,
    requirejs: typeof window.requirejs === 'function',
    boxes: boxes.map(b => {
      const r = b.getBoundingClientRect();
      return {drawn: b.getAttribute('data-drawn') === '1',
              traces: b.querySelectorAll('g.trace').length,
              points: b.querySelectorAll('g.trace path.point').length,
              pictures: b.querySelectorAll('img').length,
              x: r.left + window.scrollX, y: r.top + window.scrollY,
              width: r.width, height: r.height};
    })});
})()"""


def check_page(chromium, html_path, expected, shots_prefix):
    """Opens one HTML file; returns a list of failures (empty when it passed)."""
    target = chromium.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = chromium.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
        "sessionId"]
    chromium.send("Network.enable", session=session)
    chromium.send("Page.enable", session=session)
    chromium.events.clear()
    chromium.send("Page.navigate", {"url": "file://" + html_path}, session=session)
    chromium.wait_event("Page.loadEventFired", timeout=90)
    state = None
    deadline = time.time() + 30
    while time.time() < deadline:
        result = chromium.send(
            "Runtime.evaluate", {"expression": PROBE, "returnByValue": True}, session=session)
        state = json.loads(result["result"]["value"])
        if len(state["boxes"]) == len(expected) and all(b["drawn"] for b in state["boxes"]):
            break
        time.sleep(0.5)
    # MathJax typesets after the load event and moves what follows: measure the boxes once it is done.
    settled = ("!window.MathJax || !window.MathJax.Hub"
               " || document.body.getAttribute('data-mathjax-done') === '1'")
    deadline = time.time() + 30
    while time.time() < deadline and not chromium.send(
            "Runtime.evaluate", {"expression": settled, "returnByValue": True},
            session=session)["result"]["value"]:
        time.sleep(0.5)
    result = chromium.send(
        "Runtime.evaluate", {"expression": PROBE, "returnByValue": True}, session=session)
    state = json.loads(result["result"]["value"])
    requested = [
        e["params"]["request"]["url"] for e in chromium.events
        if e.get("method") == "Network.requestWillBeSent" and e.get("sessionId") == session]
    remote = [u for u in requested if not u.startswith(LOCAL_SCHEMES)]
    failures = []
    name = os.path.basename(html_path)
    if remote:
        failures.append(f"{name}: the page asked for remote URLs: {remote[:5]}")
    if state["plotly"] is None:
        failures.append(f"{name}: window.Plotly is not defined")
    if len(state["boxes"]) != len(expected):
        failures.append(f"{name}: {len(state['boxes'])} chart boxes, the notebook has {len(expected)}")
    for k, (box, traces) in enumerate(zip(state["boxes"], expected), 1):
        if not box["drawn"] or box["traces"] != traces or box["pictures"] != 0:
            failures.append(
                f"{name}: chart {k} drawn={box['drawn']} with {box['traces']} traces "
                f"(expected {traces}) and {box['pictures']} PNGs left")
        if box["width"] > 0 and box["height"] > 0:
            # Scrolled into view and measured there (clips are in page coordinates).
            where = json.loads(chromium.send("Runtime.evaluate", {"expression": f"""(() => {{
              const b = document.querySelectorAll('.vaecourse-plotly')[{k - 1}];
              b.scrollIntoView(); const r = b.getBoundingClientRect();
              return JSON.stringify({{x: r.left + window.scrollX, y: r.top + window.scrollY,
                                     width: r.width, height: r.height}});
            }})()""", "returnByValue": True}, session=session)["result"]["value"])
            time.sleep(0.3)
            shot = chromium.send("Page.captureScreenshot", {
                "format": "png", "clip": dict(where, scale=1)}, session=session)
            with open(f"{shots_prefix}-chart{k}.png", "wb") as f:
                f.write(base64.b64decode(shot["data"]))
    print(f"  {name}: plotly.js {state['plotly']}, require.js {state['requirejs']}, "
          f"{len(state['boxes'])} charts, traces {[b['traces'] for b in state['boxes']]}, "
          f"{len(requested)} requests ({len(remote)} remote)")
    chromium.send("Target.closeTarget", {"targetId": target})
    return failures


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--mathjax", required=True)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args(argv)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    notebooks = args.notebooks
    if not notebooks:
        started = time.time()
        notebooks = [fixture(args.kernel, os.path.join(out, "plotly-offline.ipynb"))]
        print(f"  executed the chart notebook through the kernel in {time.time() - started:.1f} s")
    if not os.path.isfile(REQUIRE_JS):
        sys.exit(f"{REQUIRE_JS} is missing: install the Debian package libjs-requirejs")
    failures = []
    with tempfile.TemporaryDirectory() as profile:
        chromium = Chromium(args.chromium, profile)
        try:
            for notebook in notebooks:
                expected = expected_charts(notebook)
                if not expected:
                    failures.append(f"{notebook}: no plotly charts in its outputs")
                    continue
                stem = os.path.join(out, os.path.basename(notebook)[: -len(".ipynb")])
                html = notebook_html.to_html(notebook, args.mathjax)
                inlined = html.count("window.Plotly = Plotly")
                if inlined != 1:
                    failures.append(f"{notebook}: plotly.js is inlined {inlined} times, not once")
                # The classic Notebook page loads require.js before any output.
                with_require = html.replace(
                    "<head>", f'<head>\n<script src="file://{REQUIRE_JS}"></script>', 1)
                for suffix, page in (("", html), ("-requirejs", with_require)):
                    path = stem + suffix + ".html"
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(page)
                    failures += check_page(chromium, path, expected, stem + suffix)
        finally:
            chromium.close()
    for failure in failures:
        print("FAIL " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
