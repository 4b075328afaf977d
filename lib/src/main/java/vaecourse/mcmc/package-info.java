/**
 * Markov chain Monte Carlo on small continuous targets given as plain Java functions: Hamiltonian
 * Monte Carlo with several chains, Stan's convergence diagnostics (rank-normalized split \(\hat
 * R\), effective sample size), and an exact Metropolis kernel on a grid.
 */
package vaecourse.mcmc;
