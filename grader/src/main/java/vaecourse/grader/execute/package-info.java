/**
 * Runs a notebook's code cells in a separate engine worker process ({@code
 * vaecourse.engine.Worker}) with a heap limit, a wall-clock limit, a resident-memory watchdog and,
 * where the OS allows, a sandbox; reads the worker's one-JSON-object-per-line protocol back into
 * per-cell outcomes.
 */
package vaecourse.grader.execute;
