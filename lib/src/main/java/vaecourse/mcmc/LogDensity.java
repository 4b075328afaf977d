package vaecourse.mcmc;

/**
 * A log-density known up to a constant, with its gradient, on plain doubles: the fast path for
 * samplers on a few parameters (no tensor call per leapfrog step).
 */
@FunctionalInterface
public interface LogDensity {

  /**
   * \(\log \pi(\theta)\) up to a constant, and \(\nabla_\theta \log \pi(\theta)\).
   *
   * @param theta the point, length \(D\) (not modified)
   * @param grad receives the gradient, length \(D\)
   * @return \(\log \pi(\theta)\)
   */
  double logDensityAndGradient(double[] theta, double[] grad);
}
