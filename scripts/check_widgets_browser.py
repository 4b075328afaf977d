"""Widgets in a real browser, behind ./course test (run with Debian's python3).

Starts the classic Notebook server (Debian's notebook 6.4 with jupyter-js-widgets 2.1, protocol
version 1) on a copy of a course notebook, opens it in headless Chromium through chromedriver, runs
every cell and checks that none failed, moves the explorer's D slider and checks that the explorer's
output changed, that the kernel and front end agreed on the widget protocol, and that the browser
console shows no error. Screenshots before and after the move are written to OUT_DIR, and on a
failure every code cell's source and outputs (cells.txt).

Usage: check_widgets_browser.py NOTEBOOK OUT_DIR
Prints one line per check and exits 1 on a failure.
"""
import json
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

notebook, out_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out_dir.mkdir(parents=True, exist_ok=True)
RUN_LIMIT_S = 240
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}", flush=True)
    return ok


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, predicate, limit_s):
    deadline = time.time() + limit_s
    while time.time() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception:  # the page may still be loading
            pass
        time.sleep(0.5)
    raise TimeoutError(f"waited {limit_s} s for {what}")


def code_cells():
    """Every code cell's prompt, source and outputs (as JSON text) as the browser holds them."""
    return driver.execute_script(
        "return Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').map(c =>"
        " ({prompt: String(c.input_prompt_number), source: c.get_text(),"
        "   outputs: JSON.stringify(c.output_area.outputs),"
        "   failed: c.output_area.outputs.some(o => o.output_type === 'error')}))")


def save_cells(path, cells=None):
    """Writes every code cell's source and outputs and prints the first error: the screenshot
    shows only the end of the notebook."""
    try:
        cells = code_cells() if cells is None else cells
    except Exception as e:
        print(f"     (could not read the cells: {e!r})")
        return
    with open(path, "w") as f:
        for i, c in enumerate(cells):
            f.write(f"--- code cell {i + 1}, In [{c['prompt']}]\n{c['source']}\n--- outputs\n{c['outputs']}\n")
    errors = [(i, c) for i, c in enumerate(cells) if c["failed"]]
    if errors:
        i, c = errors[0]
        print(f"     first error in code cell {i + 1} (In [{c['prompt']}]): {c['outputs'][:1500]}")
    print(f"     every code cell's outputs: {path}")


work = pathlib.Path(tempfile.mkdtemp(prefix="widgets-browser-"))
shutil.copy(notebook, work / notebook.name)
port, token = free_port(), secrets.token_hex(16)
# The notebook runs from a copy outside the course folder: point it at the course's data.
course_home = pathlib.Path(__file__).resolve().parent.parent
env = dict(os.environ, COURSE_PROFILE=os.environ.get("COURSE_PROFILE", "ci"),
           COURSE_DATASETS=os.environ.get("COURSE_DATASETS", str(course_home / "datasets")))
server_log = open(out_dir / "notebook-server.log", "w")
server = subprocess.Popen(
    ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--allow-root", f"--port={port}",
     "--ip=127.0.0.1", f"--NotebookApp.token={token}", f"--notebook-dir={work}",
     "--MappingKernelManager.default_kernel_name=vae-java"],
    env=env, stdout=server_log, stderr=subprocess.STDOUT)
driver = None
try:
    base = f"http://127.0.0.1:{port}"
    wait_for("the notebook server", lambda: urllib.request.urlopen(f"{base}/api?token={token}").status == 200, 60)

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,2000",
                "--disable-dev-shm-usage", f"--user-data-dir={work / 'profile'}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.get(f"{base}/notebooks/{notebook.name}?token={token}")

    # The kernel is up and jupyter-js-widgets has checked the kernel's widget protocol version.
    wait_for("the kernel", lambda: driver.execute_script(
        "return Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()"), 90)
    driver.execute_script("Jupyter.notebook.execute_all_cells();")
    start = time.time()
    wait_for("every cell to run", lambda: driver.execute_script(
        "return Jupyter.notebook.get_cells().every(c => c.cell_type !== 'code' ||"
        " (c.input_prompt_number !== undefined && c.input_prompt_number !== '*' && c.input_prompt_number !== null))"),
        RUN_LIMIT_S)
    print(f"notebook ran in {time.time() - start:.1f} s", flush=True)
    cells = code_cells()
    failed = sum(c["failed"] for c in cells)
    if not check("every code cell ran without an error", failed == 0, f"{failed} cells failed"):
        save_cells(out_dir / "cells.txt", cells)

    # The explorer: the last cell whose widget area holds sliders, and its output widget.
    def explorer():
        areas = driver.find_elements(By.CSS_SELECTOR, ".cell .widget-area")
        for area in areas:
            if area.find_elements(By.CSS_SELECTOR, ".ui-slider-handle"):
                outs = area.find_elements(By.CSS_SELECTOR, ".output_area")
                text = " ".join(o.get_attribute("innerHTML") for o in outs)
                if "<img" in text or "<svg" in text:
                    return area
        return None

    area = wait_for("the explorer's figure", explorer, 60)
    check("the explorer shows sliders and a figure in its output area", area is not None)
    driver.execute_script("arguments[0].scrollIntoView();", area)
    driver.save_screenshot(str(out_dir / "before.png"))

    def output_html():
        return " ".join(o.get_attribute("innerHTML") for o in
                        area.find_elements(By.CSS_SELECTOR, ".output_area"))

    before = output_html()
    readouts = area.find_elements(By.CSS_SELECTOR, ".widget-readout")
    before_readouts = [r.text for r in readouts]
    handle = area.find_elements(By.CSS_SELECTOR, ".ui-slider-handle")[-1]   # D, the last slider
    ActionChains(driver).click_and_hold(handle).move_by_offset(60, 0).release().perform()
    after_readouts = wait_for("the slider's readout to change", lambda: (
        [r.text for r in area.find_elements(By.CSS_SELECTOR, ".widget-readout")]
        if [r.text for r in area.find_elements(By.CSS_SELECTOR, ".widget-readout")] != before_readouts
        else None), 20)
    new_d = after_readouts[-1]
    check("moving the D slider changes its value", new_d != before_readouts[-1],
          f"{before_readouts} -> {after_readouts}")
    after = wait_for("the figure for the new D", lambda: (
        output_html() if f"D = {new_d}," in output_html() and "<img" in output_html() or
        f"D = {new_d}," in output_html() and "<svg" in output_html() else None), 90)
    check("the output area was redrawn for the new D", after != before and f"D = {new_d}," in after)
    check("the old figure was replaced, not added to", after.count("Gradient variance") == before.count("Gradient variance"),
          f"{before.count('Gradient variance')} figure titles before, {after.count('Gradient variance')} after")
    driver.save_screenshot(str(out_dir / "after.png"))

    logs = driver.get_log("browser")
    (out_dir / "console.json").write_text(json.dumps(logs, indent=1))
    # Debian's packaged front end itself logs these in headless Chromium, with or without widgets:
    # MathJax's HTML-CSS output probes fonts and image sizes with 'about:blank', and a jQuery UI
    # stylesheet carries a data: GIF that Chromium refuses. Every other error fails the check.
    known = ("Access to font at 'about:blank'", "about:blank - Failed to load resource",
             "data:image/gif;base64,")
    severe = [e for e in logs if e.get("level") == "SEVERE" and not any(k in e["message"] for k in known)]
    for e in logs:
        if e.get("level") == "SEVERE" and e not in severe:
            print(f"     (front-end asset message, not counted: {e['message'][:120]})")
    check("the browser console shows no error", not severe, "; ".join(e["message"] for e in severe)[:2000])
    check("kernel and front end agreed on widget protocol version 1",
          any("Widget backend and frontend versions are compatible" in e["message"] for e in logs),
          "no compatibility message in the console")
except Exception as e:  # a timeout or a missing element: report it as a failure with a screenshot
    check("the browser check ran to the end", False, repr(e))
    if driver is not None:
        driver.save_screenshot(str(out_dir / "failure.png"))
        (out_dir / "console.json").write_text(json.dumps(driver.get_log("browser"), indent=1))
        save_cells(out_dir / "cells.txt")
finally:
    if driver is not None:
        driver.quit()
    server.terminate()
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        server.kill()
    server_log.close()
    shutil.rmtree(work, ignore_errors=True)

print(f"widgets in the browser: {sum(results)} passed, {len(results) - sum(results)} failed")
sys.exit(0 if results and all(results) else 1)
