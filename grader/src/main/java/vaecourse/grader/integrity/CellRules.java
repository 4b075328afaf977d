package vaecourse.grader.integrity;

import java.util.List;
import java.util.Set;

/**
 * What one student cell may declare and use.
 *
 * @param stubs the methods the task asks for, as its stub declares them (none for an added cell)
 * @param stubTypes the types the task asks for, as its stub declares them
 * @param reserved names the cell may not declare: what the locked and test cells call or name as
 *     types, and the other tasks' methods
 * @param testVariables variables the test cells declare, which an answer may not read
 * @param forbid the task's rules: packages, classes and {@code Class.method}s the answer may not
 *     use
 * @param index the classes on the worker's class path, to expand package rules to simple names
 */
public record CellRules(
    List<Signature> stubs,
    Set<String> stubTypes,
    Set<String> reserved,
    Set<String> testVariables,
    List<String> forbid,
    ClassIndex index) {

  /** Copies the collections. */
  public CellRules {
    stubs = List.copyOf(stubs);
    stubTypes = Set.copyOf(stubTypes);
    reserved = Set.copyOf(reserved);
    testVariables = Set.copyOf(testVariables);
    forbid = List.copyOf(forbid);
  }

  /**
   * A method's name and types as written, qualified names reduced to simple ones.
   *
   * @param name the method name
   * @param returnType the return type
   * @param parameterTypes the parameter types in order
   */
  public record Signature(String name, String returnType, List<String> parameterTypes) {
    /** Copies the list. */
    public Signature {
      parameterTypes = List.copyOf(parameterTypes);
    }

    /** {@code NDArray name(NDArray, NDArray)}. */
    public String text() {
      return returnType + " " + name + "(" + String.join(", ", parameterTypes) + ")";
    }
  }
}
