package vaecourse.plot;

import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A tablesaw {@link Table} for display in a notebook: an HTML table and the same as text. Long
 * tables show their first rows and say how many were left out.
 */
public final class TableView {

  /** Rows shown by default. */
  public static final int DEFAULT_ROWS = 40;

  private final Table table;
  private final int maxRows;

  private TableView(Table table, int maxRows) {
    this.table = table;
    this.maxRows = maxRows;
  }

  /** A view of the table showing at most {@value #DEFAULT_ROWS} rows. */
  public static TableView of(Table table) {
    return of(table, DEFAULT_ROWS);
  }

  /**
   * A view showing at most {@code maxRows} rows.
   *
   * @throws IllegalArgumentException if {@code maxRows < 1}
   */
  public static TableView of(Table table, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1 but was " + maxRows);
    }
    return new TableView(table, maxRows);
  }

  /** The table as an HTML fragment. */
  public String toHtml() {
    StringBuilder html = new StringBuilder("<div class=\"vaecourse-table\"><table>\n");
    if (table.name() != null && !table.name().isBlank()) {
      html.append("<caption>").append(Figure.escape(table.name())).append("</caption>\n");
    }
    html.append("<thead><tr>");
    for (String name : table.columnNames()) {
      html.append("<th>").append(Figure.escape(name)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    int shown = Math.min(maxRows, table.rowCount());
    for (int r = 0; r < shown; r++) {
      html.append("<tr>");
      for (int c = 0; c < table.columnCount(); c++) {
        html.append("<td>").append(Figure.escape(table.getString(r, c))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table>");
    if (table.rowCount() > shown) {
      html.append("<p>").append(table.rowCount() - shown).append(" more rows not shown</p>");
    }
    return html.append("</div>").toString();
  }

  /** The table as text. */
  public String toText() {
    String text = table.print(maxRows);
    return table.rowCount() > maxRows
        ? text + "\n" + (table.rowCount() - maxRows) + " more rows not shown"
        : text;
  }

  /** Kernel display: {@code text/html} and {@code text/plain}. */
  public Map<String, String> toMimeBundle() {
    Map<String, String> bundle = new LinkedHashMap<>();
    bundle.put("text/plain", toText());
    bundle.put("text/html", toHtml());
    return bundle;
  }

  @Override
  public String toString() {
    return toText();
  }
}
