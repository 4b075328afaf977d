package vaecourse.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import vaecourse.distributions.DiagonalGaussian;
import vaecourse.nn.BernoulliDecoder;
import vaecourse.nn.GaussianEncoder;
import vaecourse.priors.LaplacePrior;

/**
 * The Monte Carlo KL of a Vae with a Laplace prior against the closed form \[
 * \mathrm{KL}(\mathcal{N}(m, s^2) \,\|\, \mathrm{Lap}(0, \tau)) = -\tfrac12\log(2\pi e s^2) + \log
 * 2\tau + \mathbb{E}|z| / \tau, \quad \mathbb{E}|z| = s\sqrt{2/\pi}\, e^{-m^2/2s^2} + m(1 -
 * 2\Phi(-m/s)), \] summed over the coordinates (the mean of a folded normal).
 */
class LaplaceKlTest {

  private static final int SAMPLES = 40_000;

  /** About 5 standard errors of the 40,000-sample KL estimate for these encoders. */
  private static final double MC_TOL = 0.03;

  /** Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
  private static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double y =
        1
            - t
                * (0.254829592
                    + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }

  private static double phi(double x) {
    return 0.5 * (1 + erf(x / Math.sqrt(2)));
  }

  static double klToLaplace(double m, double s, double tau) {
    double absMean =
        s * Math.sqrt(2 / Math.PI) * Math.exp(-m * m / (2 * s * s)) + m * (1 - 2 * phi(-m / s));
    return -0.5 * Math.log(2 * Math.PI * Math.E * s * s) + Math.log(2 * tau) + absMean / tau;
  }

  @Test
  void monteCarloKlMatchesTheClosedForm() {
    Engine.getInstance().setRandomSeed(701);
    try (NDManager m = NDManager.newBaseManager()) {
      double tau = 1 / Math.sqrt(2);
      Vae vae =
          Vae.builder()
              .setEncoder(GaussianEncoder.mlp(6, 8, 2, 0.5))
              .setDecoder(BernoulliDecoder.mlp(2, 8, 6, 0.5))
              .optPrior(LaplacePrior.of(2, tau))
              .optSamples(SAMPLES)
              .optManager(m)
              .build();
      assertFalse(vae.usesAnalyticKl());
      NDArray x = m.create(new float[] {1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1}, new Shape(2, 6));
      DiagonalGaussian q = vae.encode(x);
      float[] mu = q.mu().toFloatArray();
      float[] lv = q.logVar().toFloatArray();
      float[] kl = vae.elboTerms(x).kl().toFloatArray();
      for (int i = 0; i < 2; i++) {
        double want = 0;
        for (int d = 0; d < 2; d++) {
          want += klToLaplace(mu[2 * i + d], Math.exp(lv[2 * i + d] / 2), tau);
        }
        assertEquals(want, kl[i], MC_TOL, "example " + i);
      }
    }
  }

  @Test
  void closedFormIsRightWhereItCanBeDoneByHand() {
    // m = 0: E|z| = s sqrt(2/pi). s = 1, tau = 1: -0.5 log(2 pi e) + log 2 + sqrt(2/pi).
    double want = -0.5 * Math.log(2 * Math.PI * Math.E) + Math.log(2) + Math.sqrt(2 / Math.PI);
    assertEquals(want, klToLaplace(0, 1, 1), 1e-7);
    // |m| >> s: E|z| -> |m|.
    assertEquals(
        -0.5 * Math.log(2 * Math.PI * Math.E * 0.01) + Math.log(2) + 5,
        klToLaplace(-5, 0.1, 1),
        1e-6);
  }
}
