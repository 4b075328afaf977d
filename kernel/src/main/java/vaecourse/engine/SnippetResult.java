package vaecourse.engine;

import java.util.List;

/**
 * What one snippet of a cell did: its place in the cell, what it printed and what it displayed.
 *
 * @param line the cell line (1-based) where the snippet starts
 * @param source the snippet's source text
 * @param stdout what it wrote to {@code System.out}
 * @param stderr what it wrote to {@code System.err}
 * @param outputs rich outputs it produced, the value of an expression included
 */
public record SnippetResult(
    int line, String source, String stdout, String stderr, List<DisplayOutput> outputs) {
  /** Copies the outputs. */
  public SnippetResult {
    outputs = List.copyOf(outputs);
  }
}
