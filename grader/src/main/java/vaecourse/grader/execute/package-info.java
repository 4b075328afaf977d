/**
 * Runs a notebook's code cells in a separate engine worker process ({@code
 * vaecourse.engine.Worker}) with a heap limit, per-cell and whole-notebook time limits (a runaway
 * worker is replaced and the earlier cells replayed), a resident-memory, process and disk watchdog
 * and, where the OS allows, a bubblewrap sandbox with rlimits; reads the worker's
 * one-JSON-object-per-line protocol back into per-cell outcomes.
 */
package vaecourse.grader.execute;
