package vaecourse.grader.integrity;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.jshell.Snippet;

/**
 * Decides, from its syntax alone, whether a student's cell may run in the same JShell state as the
 * tests.
 *
 * <p><b>Why this design.</b> The grader runs answers and tests in one JShell state, as the student
 * does in Jupyter, because the tests must call the answer's functions and see the notebook's
 * variables. JShell gives no way to compile the test cells in a scope the answers cannot reach:
 * every top-level declaration replaces an earlier one of the same name for all later cells, and an
 * import or a statement changes the state for everything after it. So instead of separating the two
 * at run time, the grader admits into that state only cells that cannot change it:
 *
 * <ol>
 *   <li>a cell holds declarations only: methods and types, no statement, expression, top-level
 *       variable or import, so running the cell itself changes nothing the tests read;
 *   <li>the task's methods keep the signature its stub declares, and every other declaration (a
 *       helper) has a name that no locked or test cell calls or names as a type, and that no other
 *       cell declares, so no name a test uses can be redefined or shadowed, whatever cell does it;
 *   <li>method bodies, which run when a test calls them, may not assign to anything they do not
 *       declare (the notebook's variables, library statics, seeds), may not read the variables test
 *       cells declare (the tests' inputs and expected values), may not use reflection, files, the
 *       network, threads, processes, the console streams, seeds or the grading and engine code, may
 *       not change a tensor in place, and may not subclass or implement anything (no fake tensors);
 *   <li>the task's rules ({@code metadata.course.forbid}) name library packages, classes and
 *       methods the answer may not use.
 * </ol>
 *
 * <p>The state a test cell sees is then the instructor's state plus the answer's new declarations:
 * a hidden test runs against the answer's functions from the same clean state it would see with the
 * reference solution. A cell that breaks a rule is not run; its task is graded as unanswered, with
 * the rule and the code in the feedback. The check is syntactic: a rule on a package catches the
 * package's class names and qualified names; an object of a forbidden class reached without naming
 * it is caught only when the rule names the method ({@code LogDensities.normalDiag} forbids every
 * call named {@code normalDiag}).
 */
public final class AnswerScreen {
  /** Types an answer may not name: reflection, I/O, threads, processes, the grading code. */
  static final Set<String> DENIED_TYPES =
      Set.of(
          "Thread",
          "ThreadGroup",
          "ThreadLocal",
          "Runtime",
          "ProcessBuilder",
          "ProcessHandle",
          "ClassLoader",
          "URLClassLoader",
          "MethodHandles",
          "MethodHandle",
          "VarHandle",
          "Unsafe",
          "Proxy",
          "Field",
          "Method",
          "Constructor",
          "AccessibleObject",
          "StackWalker",
          "Executors",
          "ExecutorService",
          "ForkJoinPool",
          "CompletableFuture",
          "Timer",
          "File",
          "Files",
          "Path",
          "Paths",
          "FileInputStream",
          "FileOutputStream",
          "FileReader",
          "FileWriter",
          "RandomAccessFile",
          "FileChannel",
          "ZipFile",
          "JarFile",
          "ObjectInputStream",
          "URL",
          "URI",
          "Socket",
          "ServerSocket",
          "HttpClient",
          "ServiceLoader",
          "ModuleLayer",
          "ManagementFactory",
          "ToolProvider",
          "ScriptEngineManager",
          "JShell",
          "Check",
          "Course",
          "Instrumentation");

  /** Members an answer may not call or name, whatever the receiver. */
  static final Set<String> DENIED_MEMBERS =
      Set.of(
          "forName",
          "getDeclaredField",
          "getDeclaredFields",
          "getDeclaredMethod",
          "getDeclaredMethods",
          "getDeclaredConstructor",
          "getDeclaredConstructors",
          "getField",
          "getFields",
          "getMethod",
          "getMethods",
          "getConstructor",
          "getConstructors",
          "setAccessible",
          "trySetAccessible",
          "getClassLoader",
          "getResource",
          "getResourceAsStream",
          "getSystemResource",
          "getSystemResourceAsStream",
          "getStackTrace",
          "getAllStackTraces",
          "addShutdownHook",
          "setRandomSeed",
          "setSeed",
          "setDefaultUncaughtExceptionHandler",
          "getNDArrayInternal",
          "getModule",
          "privateLookupIn",
          "newInstance");

  /** Members of {@code System} an answer may not use. */
  static final Set<String> DENIED_SYSTEM =
      Set.of(
          "exit",
          "setOut",
          "setErr",
          "setIn",
          "setProperty",
          "setProperties",
          "clearProperty",
          "getenv",
          "load",
          "loadLibrary",
          "setSecurityManager",
          "console",
          "inheritedChannel",
          "getLogger");

  /** Packages an answer may not name. */
  static final List<String> DENIED_PACKAGES =
      List.of(
          "java.lang.reflect",
          "java.lang.invoke",
          "java.lang.management",
          "java.lang.instrument",
          "java.io",
          "java.nio",
          "java.net",
          "java.util.concurrent",
          "java.util.zip",
          "jdk.",
          "sun.",
          "com.sun.",
          "javax.script",
          "javax.tools",
          "vaecourse.grading",
          "vaecourse.engine",
          "vaecourse.kernel",
          "vaecourse.grader");

  /** Tensor operations that change their receiver, whose results could alter a test's inputs. */
  static final Set<String> IN_PLACE =
      Set.of(
          "addi",
          "subi",
          "muli",
          "divi",
          "modi",
          "powi",
          "negi",
          "signi",
          "set",
          "setScalar",
          "intern",
          "copyTo",
          "setRequiresGradient");

  private AnswerScreen() {}

  /**
   * The rules a cell breaks, empty when it may run.
   *
   * @param cell the cell's source
   * @param rules what the cell may declare and use
   * @param helpersElsewhere helper names other student cells already declare; the helpers this cell
   *     declares are added to it
   */
  public static List<Violation> screen(String cell, CellRules rules, Set<String> helpersElsewhere) {
    Map<String, Violation> found = new LinkedHashMap<>();
    List<Snippets.Piece> pieces = Snippets.split(cell);
    Set<String> stubNames = new HashSet<>();
    rules.stubs().forEach(s -> stubNames.add(s.name()));
    Set<String> ownMethodsSeen = new HashSet<>();
    for (Snippets.Piece piece : pieces) {
      Snippets.Piece p = piece.kind() == Snippet.Kind.ERRONEOUS ? classify(piece) : piece;
      String head = firstLine(p.source());
      switch (p.kind()) {
        case IMPORT ->
            add(
                found,
                Violation.Kind.IMPORT,
                "`"
                    + head
                    + "`: an answer cell may not import (imports change what names mean in the"
                    + " cells after it); write the full name, e.g. java.util.Arrays.sort(...)");
        case VAR ->
            add(
                found,
                Violation.Kind.VARIABLE,
                "`"
                    + head
                    + "`: an answer cell may declare methods and types only, not variables"
                    + " (a variable there would change the notebook's state for the tests)");
        case EXPRESSION, STATEMENT ->
            add(
                found,
                Violation.Kind.STATEMENT,
                "`"
                    + head
                    + "`: an answer cell may declare methods and types only; code outside a method"
                    + " runs when the cell runs and could change what the tests see");
        case ERRONEOUS -> {
          if (!Trees.parsesAsStatements(p.source())) {
            // A syntax error: the kernel's compiler (the same javac) rejects it and says why.
            continue;
          }
          add(
              found,
              Violation.Kind.STATEMENT,
              "`"
                  + head
                  + "`: this is not a method or type declaration; an answer cell may declare"
                  + " methods and types only, and code outside a method could change what the"
                  + " tests see");
        }
        case METHOD, TYPE_DECL -> {
          Optional<Tree> tree = Trees.parseMember(p.source());
          if (tree.isEmpty()) {
            // A syntax error: it cannot compile in the kernel either, which reports it.
            continue;
          }
          checkName(p, tree.get(), rules, stubNames, ownMethodsSeen, helpersElsewhere, found);
          new BodyScanner(rules, found).scanTop(tree.get());
        }
        default ->
            add(found, Violation.Kind.UNREADABLE, "`" + head + "`: not allowed in an answer cell");
      }
    }
    return List.copyOf(found.values());
  }

  /** What a piece JShell could not place is, by javac's parse of it as a class member. */
  private static Snippets.Piece classify(Snippets.Piece p) {
    Optional<Tree> tree = Trees.parseMember(p.source());
    if (tree.isPresent() && tree.get() instanceof MethodTree m) {
      return new Snippets.Piece(Snippet.Kind.METHOD, m.getName().toString(), p.source());
    }
    if (tree.isPresent() && tree.get() instanceof ClassTree c) {
      return new Snippets.Piece(Snippet.Kind.TYPE_DECL, c.getSimpleName().toString(), p.source());
    }
    if (tree.isPresent() && tree.get() instanceof VariableTree v) {
      return new Snippets.Piece(Snippet.Kind.VAR, v.getName().toString(), p.source());
    }
    return p;
  }

  private static void checkName(
      Snippets.Piece p,
      Tree tree,
      CellRules rules,
      Set<String> stubNames,
      Set<String> ownMethodsSeen,
      Set<String> helpersElsewhere,
      Map<String, Violation> found) {
    String name = p.name();
    if (tree instanceof MethodTree m && stubNames.contains(name)) {
      CellRules.Signature got = signature(m);
      boolean matches = rules.stubs().stream().anyMatch(s -> s.equals(got));
      if (!matches) {
        String want =
            rules.stubs().stream()
                .filter(s -> s.name().equals(name))
                .map(CellRules.Signature::text)
                .findFirst()
                .orElse(name);
        add(
            found,
            Violation.Kind.SIGNATURE,
            "`"
                + got.text()
                + "`: the task asks for `"
                + want
                + "`; keep the stub's signature (no overloads of the task's method)");
      } else if (!ownMethodsSeen.add(got.text())) {
        add(found, Violation.Kind.SIGNATURE, "`" + got.text() + "` is declared twice in the cell");
      }
      return;
    }
    if (p.kind() == Snippet.Kind.TYPE_DECL && rules.stubTypes().contains(name)) {
      return;
    }
    if (rules.reserved().contains(name)) {
      add(
          found,
          Violation.Kind.SHADOWS,
          "`"
              + firstLine(p.source())
              + "`: the name "
              + name
              + " is used by the notebook's locked or test cells, and declaring it here would"
              + " change what they run; give your helper another name");
      return;
    }
    if (!helpersElsewhere.add(name)) {
      add(
          found,
          Violation.Kind.DUPLICATE,
          "`"
              + firstLine(p.source())
              + "`: "
              + name
              + " is already declared in another cell; declare each helper once, in one cell");
    }
  }

  /** The signature of a method as written, qualified type names reduced to simple ones. */
  static CellRules.Signature signature(MethodTree m) {
    List<String> params = new ArrayList<>();
    for (VariableTree v : m.getParameters()) {
      params.add(simpleType(v.getType()));
    }
    return new CellRules.Signature(
        m.getName().toString(),
        m.getReturnType() == null ? "void" : simpleType(m.getReturnType()),
        params);
  }

  private static String simpleType(Tree type) {
    return type.toString().replaceAll("\\b[a-z_][\\w$]*\\.", "").replace(" ", "");
  }

  private static String firstLine(String source) {
    String s = source.strip();
    for (String line : s.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("//") && !t.startsWith("/*") && !t.startsWith("*")) {
        return t.length() > 100 ? t.substring(0, 97) + "..." : t;
      }
    }
    return s.length() > 100 ? s.substring(0, 97) + "..." : s;
  }

  private static void add(Map<String, Violation> found, Violation.Kind kind, String message) {
    found.putIfAbsent(message, new Violation(kind, message));
  }

  /** Walks one declaration with the names in scope, flagging what its code may not do. */
  private static final class BodyScanner extends TreeScanner<Void, Void> {
    private final CellRules rules;
    private final Map<String, Violation> found;
    private final Deque<Set<String>> scopes = new ArrayDeque<>();
    private final Map<String, String> forbiddenSimple = new LinkedHashMap<>();
    private final Map<String, String> forbiddenMethods = new LinkedHashMap<>();
    private final List<String> forbiddenQualified = new ArrayList<>();

    BodyScanner(CellRules rules, Map<String, Violation> found) {
      this.rules = rules;
      this.found = found;
      for (String rule : rules.forbid()) {
        String[] parts = rule.split("\\.");
        String last = parts[parts.length - 1];
        boolean method =
            parts.length >= 2
                && Character.isLowerCase(last.charAt(0))
                && Character.isUpperCase(parts[parts.length - 2].charAt(0));
        if (method) {
          forbiddenMethods.put(last, rule);
          forbiddenQualified.add(rule);
        } else if (Character.isUpperCase(last.charAt(0))) {
          forbiddenSimple.put(last, rule);
          forbiddenQualified.add(rule);
        } else {
          rules
              .index()
              .simpleNamesIn(rule)
              .forEach((simple, q) -> forbiddenSimple.put(simple, rule));
          forbiddenQualified.add(rule + ".");
        }
      }
    }

    void scanTop(Tree tree) {
      scopes.push(new HashSet<>());
      if (tree instanceof MethodTree m) {
        scopes.peek().add(m.getName().toString()); // recursion is local
      }
      scan(tree, null);
      scopes.pop();
    }

    private boolean isLocal(String name) {
      for (Set<String> s : scopes) {
        if (s.contains(name)) {
          return true;
        }
      }
      return false;
    }

    private void flag(Violation.Kind kind, String message) {
      add(found, kind, message);
    }

    @Override
    public Void visitClass(ClassTree node, Void p) {
      if (node.getExtendsClause() != null || !node.getImplementsClause().isEmpty()) {
        flag(
            Violation.Kind.SUBTYPE,
            "class "
                + node.getSimpleName()
                + " extends or implements a type; answer cells may declare plain classes and"
                + " records only (no stand-ins for the library's or the tests' types)");
      }
      Set<String> members = new HashSet<>();
      members.add(node.getSimpleName().toString());
      for (TypeParameterTree t : node.getTypeParameters()) {
        members.add(t.getName().toString());
      }
      for (Tree m : node.getMembers()) {
        if (m instanceof VariableTree v) {
          members.add(v.getName().toString());
        } else if (m instanceof MethodTree mt) {
          members.add(mt.getName().toString());
        } else if (m instanceof ClassTree c) {
          members.add(c.getSimpleName().toString());
        }
      }
      scopes.push(members);
      super.visitClass(node, p);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitMethod(MethodTree node, Void p) {
      Set<String> s = new HashSet<>();
      for (VariableTree v : node.getParameters()) {
        s.add(v.getName().toString());
      }
      for (TypeParameterTree t : node.getTypeParameters()) {
        s.add(t.getName().toString());
      }
      scopes.push(s);
      super.visitMethod(node, p);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitBlock(BlockTree node, Void p) {
      scopes.push(new HashSet<>());
      super.visitBlock(node, p);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
      Set<String> s = new HashSet<>();
      for (VariableTree v : node.getParameters()) {
        s.add(v.getName().toString());
      }
      scopes.push(s);
      super.visitLambdaExpression(node, p);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitForLoop(ForLoopTree node, Void p) {
      scopes.push(new HashSet<>());
      super.visitForLoop(node, p);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void p) {
      scopes.push(new HashSet<>());
      super.visitEnhancedForLoop(node, p);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitCatch(CatchTree node, Void p) {
      scopes.push(new HashSet<>());
      super.visitCatch(node, p);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitTry(TryTree node, Void p) {
      scopes.push(new HashSet<>());
      super.visitTry(node, p);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitVariable(VariableTree node, Void p) {
      scopes.peek().add(node.getName().toString());
      return super.visitVariable(node, p);
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void p) {
      String name = node.getName().toString();
      if (isLocal(name)) {
        return null;
      }
      if (DENIED_TYPES.contains(name)) {
        flag(
            Violation.Kind.DENIED_API,
            "uses "
                + name
                + ": answers may not use reflection, files, threads, processes,"
                + " seeds or the grading code");
      }
      if (rules.testVariables().contains(name)) {
        flag(
            Violation.Kind.READS_TESTS,
            "reads "
                + name
                + ", a variable of a test cell: an answer works on its own parameters only");
      }
      String rule = forbiddenSimple.get(name);
      if (rule != null) {
        flag(
            Violation.Kind.FORBIDDEN,
            "uses "
                + name
                + ", which this task forbids ("
                + rule
                + "): write it from tensor"
                + " operations");
      }
      if (forbiddenMethods.containsKey(name)) {
        flag(
            Violation.Kind.FORBIDDEN,
            "calls " + name + ", which this task forbids (" + forbiddenMethods.get(name) + ")");
      }
      if (DENIED_MEMBERS.contains(name)) {
        flag(Violation.Kind.DENIED_API, "calls " + name + ": not allowed in an answer");
      }
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void p) {
      String text = node.toString().replace(" ", "");
      memberName(node.getIdentifier().toString(), node.getExpression(), text);
      for (String pkg : DENIED_PACKAGES) {
        String bare = pkg.endsWith(".") ? pkg : pkg + ".";
        if ((text + ".").startsWith(bare) && !isLocal(rootOf(node))) {
          flag(
              Violation.Kind.DENIED_API,
              "uses " + text + ": answers may not use " + pkg.replaceAll("\\.$", "") + ".*");
          break;
        }
      }
      for (String q : forbiddenQualified) {
        if ((text + ".").startsWith(q.endsWith(".") ? q : q + ".") || text.startsWith(q)) {
          flag(
              Violation.Kind.FORBIDDEN,
              "uses " + text + ", which this task forbids (" + q.replaceAll("\\.$", "") + ")");
        }
      }
      return super.visitMemberSelect(node, p);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void p) {
      memberName(
          node.getName().toString(),
          node.getQualifierExpression(),
          node.getQualifierExpression() + "::" + node.getName());
      return super.visitMemberReference(node, p);
    }

    private void memberName(String member, ExpressionTree receiver, String text) {
      String recv = receiver == null ? "" : receiver.toString().replace(" ", "");
      if (DENIED_MEMBERS.contains(member)) {
        flag(Violation.Kind.DENIED_API, "calls " + text + ": not allowed in an answer");
      }
      if ((recv.equals("System") || recv.equals("java.lang.System"))
          && DENIED_SYSTEM.contains(member)) {
        flag(
            Violation.Kind.DENIED_API,
            "uses " + text + ": answers may not exit, redirect the console or read settings");
      }
      if (IN_PLACE.contains(member)) {
        flag(
            Violation.Kind.IN_PLACE,
            "calls "
                + text
                + ": answers may not change a tensor in place; use the form that returns a new"
                + " one (add instead of addi)");
      }
      if (forbiddenMethods.containsKey(member)) {
        flag(
            Violation.Kind.FORBIDDEN,
            "calls "
                + text
                + ", which this task forbids ("
                + forbiddenMethods.get(member)
                + "): write it from tensor operations");
      }
    }

    @Override
    public Void visitNewClass(NewClassTree node, Void p) {
      if (node.getClassBody() != null) {
        flag(
            Violation.Kind.SUBTYPE,
            "new "
                + node.getIdentifier()
                + "() { ... }: answers may not declare anonymous"
                + " classes (no stand-ins for the library's or the tests' types); use a lambda");
        scan(node.getArguments(), p);
        scan(node.getIdentifier(), p);
        return null;
      }
      return super.visitNewClass(node, p);
    }

    @Override
    public Void visitAssignment(AssignmentTree node, Void p) {
      target(node.getVariable());
      return super.visitAssignment(node, p);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
      target(node.getVariable());
      return super.visitCompoundAssignment(node, p);
    }

    @Override
    public Void visitUnary(UnaryTree node, Void p) {
      switch (node.getKind()) {
        case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
            target(node.getExpression());
        default -> {}
      }
      return super.visitUnary(node, p);
    }

    /** An assignment may change only what the declaration itself declares. */
    private void target(ExpressionTree target) {
      ExpressionTree t = target;
      while (t instanceof ParenthesizedTree pt) {
        t = pt.getExpression();
      }
      if (t instanceof IdentifierTree id) {
        if (!isLocal(id.getName().toString())) {
          flag(
              Violation.Kind.WRITES_STATE,
              "assigns to "
                  + id.getName()
                  + ", which this cell does not declare: answers may not change the notebook's"
                  + " variables");
        }
        return;
      }
      if (t instanceof ArrayAccessTree a) {
        String root = rootOf(a.getExpression());
        if (!isLocal(root)) {
          flag(
              Violation.Kind.WRITES_STATE,
              "writes into "
                  + a.getExpression()
                  + ", an array this cell does not declare: answers may not change the"
                  + " notebook's data");
        }
        return;
      }
      if (t instanceof MemberSelectTree m) {
        String base = m.getExpression().toString();
        if (!base.equals("this")) {
          flag(
              Violation.Kind.WRITES_STATE,
              "assigns to "
                  + m.toString().replace(" ", "")
                  + ": answers may set only the fields of their own objects (this.x = ...),"
                  + " never a library's or the notebook's state");
        }
      }
    }

    private static String rootOf(Tree t) {
      Tree cur = t;
      while (true) {
        if (cur instanceof MemberSelectTree m) {
          cur = m.getExpression();
        } else if (cur instanceof ArrayAccessTree a) {
          cur = a.getExpression();
        } else if (cur instanceof ParenthesizedTree pt) {
          cur = pt.getExpression();
        } else if (cur instanceof MethodInvocationTree mi) {
          cur = mi.getMethodSelect();
        } else if (cur instanceof IdentifierTree id) {
          return id.getName().toString();
        } else {
          return "";
        }
      }
    }
  }
}
