/** The training loop: optimizer steps, early stopping, checkpoints, history and progress. */
package vaecourse.training;
