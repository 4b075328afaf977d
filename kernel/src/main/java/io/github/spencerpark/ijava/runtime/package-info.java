/**
 * IJava's notebook API ({@code display}, {@code render}, {@code updateDisplay}) under IJava's own
 * package name, so that notebooks written for IJava run on this kernel and the other way round.
 */
package io.github.spencerpark.ijava.runtime;
