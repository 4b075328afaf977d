package vaecourse.grader.integrity;

/**
 * Why an answer cell is not run: one broken rule and the code that breaks it.
 *
 * @param kind the rule
 * @param message a sentence for the feedback page, naming the code and what to do
 */
public record Violation(Kind kind, String message) {
  /** The rules an answer cell can break. */
  public enum Kind {
    /** Code that runs outside a method when the cell runs (a statement or an expression). */
    STATEMENT,
    /** A variable declared at the top level of the cell. */
    VARIABLE,
    /** An import, which would change what names mean in the cells after it. */
    IMPORT,
    /** A declaration whose name the notebook's locked or test cells use. */
    SHADOWS,
    /** The task's method declared with another signature, or twice. */
    SIGNATURE,
    /** A helper declared in more than one cell. */
    DUPLICATE,
    /** An assignment to a variable or field the cell does not declare. */
    WRITES_STATE,
    /** A read of a variable a test cell declares. */
    READS_TESTS,
    /** Reflection, files, threads, processes, the console streams or the grading code. */
    DENIED_API,
    /** An in-place tensor operation ({@code addi}, {@code set}, ...). */
    IN_PLACE,
    /** A class that extends or implements a type, or an anonymous class. */
    SUBTYPE,
    /** A package, class or method the task's rules forbid. */
    FORBIDDEN,
    /** Code the grader cannot read as Java declarations. */
    UNREADABLE
  }
}
