package vaecourse.grader.pipeline;

import vaecourse.grader.notebook.Notebook;

/**
 * An instructor notebook on its way to a student (or grading) version; steps change it in place.
 */
public final class SourceContext {
  private final String fileName;
  private final Notebook notebook;

  /**
   * Wraps a notebook read from {@code fileName}.
   *
   * @param fileName the file name (used in messages and as the assignment name)
   * @param notebook the notebook, changed in place by the steps
   */
  public SourceContext(String fileName, Notebook notebook) {
    this.fileName = fileName;
    this.notebook = notebook;
  }

  /** The file name. */
  public String fileName() {
    return fileName;
  }

  /** The assignment name: the file name without {@code .ipynb}. */
  public String assignmentName() {
    return fileName.endsWith(".ipynb")
        ? fileName.substring(0, fileName.length() - ".ipynb".length())
        : fileName;
  }

  /** The notebook being transformed. */
  public Notebook notebook() {
    return notebook;
  }
}
