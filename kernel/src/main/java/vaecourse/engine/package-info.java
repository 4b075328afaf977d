/**
 * Runs Java notebook cells in-process on JShell with limits that hold: a per-cell timeout and
 * interrupt, a trapped {@code System.exit}, an out-of-memory report and an output cap. The {@link
 * vaecourse.engine.Engine} is shared by the Jupyter kernel and, through the line protocol of {@link
 * vaecourse.engine.Worker}, by the autograder.
 */
package vaecourse.engine;
