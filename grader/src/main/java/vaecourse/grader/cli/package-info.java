/** The {@code vae-grader} command line: {@code generate}, {@code validate} and {@code grade}. */
package vaecourse.grader.cli;
