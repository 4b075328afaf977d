"""A notebook as one HTML file that opens offline: local MathJax, print CSS, no CDN scripts.

Usage: notebook_html.py NOTEBOOK.ipynb OUT.html MATHJAX_DIR

nbconvert's lab template links require.js and widget managers from a CDN; nothing in the course's
outputs needs them, so they are dropped. The plotly.js charts carry their library inline
(vaecourse.plot.Plotly), so they draw without a network too.
"""
import re
import sys

import nbformat
from nbconvert import HTMLExporter

PRINT_HEAD = """
<style>
  @page { size: A4; margin: 14mm 12mm; }
  @media print {
    body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    .jp-Notebook { padding: 0 !important; }
    .jp-Cell { break-inside: avoid-page; }
    /* The charts' zoom and download buttons mean nothing on paper; a 640-pixel chart is wider
       than the output column of an A4 page, so charts print at 85 % instead of being cut. */
    .vaecourse-plotly .modebar-container { display: none !important; }
    .vaecourse-plotly { zoom: 0.85; }
    .jp-OutputArea-output { overflow-x: visible !important; }
    /* Code is written to 80 columns: at 11 px a line of 80 fits the input column of A4. */
    .jp-InputArea-editor pre, .jp-InputArea-editor .highlight pre { font-size: 11px !important; }
  }
  /* Long code and output lines wrap instead of running off the page. */
  pre, .highlight pre, .jp-OutputArea-output pre {
    white-space: pre-wrap !important; word-wrap: break-word !important;
    overflow-wrap: anywhere !important; overflow: visible !important;
  }
  img { max-width: 100% !important; height: auto; }
  table { border-collapse: collapse; }
  .jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { border: 1px solid #bbb; padding: 2px 6px; }
  #MathJax_Message { display: none !important; }
</style>
<script type="text/x-mathjax-config">
  MathJax.Hub.Config({ messageStyle: "none", showMathMenu: false,
    "HTML-CSS": { availableFonts: ["TeX"], imageFont: null },
    tex2jax: { inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]],
               displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]], processEscapes: true } });
  MathJax.Hub.Queue(function () { document.body.setAttribute("data-mathjax-done", "1"); });
</script>
"""


def to_html(source, mathjax_dir):
    """The offline HTML of the notebook file `source`."""
    exporter = HTMLExporter(template_name="lab")
    exporter.mathjax_url = "file://" + mathjax_dir + "/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
    body, _ = exporter.from_notebook_node(nbformat.read(source, as_version=4))
    # Offline: drop scripts fetched from the network (require.js, widget managers).
    body = re.sub(r'<script[^>]*src="https?://[^"]*"[^>]*>\s*</script>', "", body)
    return body.replace("</head>", PRINT_HEAD + "</head>", 1)


def main(argv):
    source, target, mathjax_dir = argv
    with open(target, "w", encoding="utf-8") as f:
        f.write(to_html(source, mathjax_dir))


if __name__ == "__main__":
    main(sys.argv[1:])
