package vaecourse.distributions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import vaecourse.Constants;

/** Closed-form Kullback-Leibler divergences between Gaussians. */
public final class KlDivergence {

  /** Relative tolerance for the symmetry check of covariance matrices. */
  public static final double SYMMETRY_TOLERANCE = 1e-8;

  private KlDivergence() {}

  /**
   * \( \mathrm{KL}(\mathcal{N}(\mu, \operatorname{diag}\sigma^2) \,\|\, \mathcal{N}(0, I)) =
   * \tfrac12 \sum_d (\mu_d^2 + \sigma_d^2 - 1 - \log\sigma_d^2) \) (Kingma and Welling, 2014,
   * appendix B).
   *
   * @param mu means, shape {@code [batch, dim]}
   * @param logVar log-variances, same shape
   * @return shape {@code [batch]}
   */
  public static NDArray diagonalToStandardNormal(NDArray mu, NDArray logVar) {
    Checks.sameShape("logVar", logVar, "mu", mu);
    return Constants.times(mu.square().add(logVar.exp()).sub(1).sub(logVar), 0.5)
        .sum(new int[] {-1});
  }

  /**
   * \( \mathrm{KL}(q \,\|\, p) = \tfrac12 \sum_d \left( \log\sigma_{p,d}^2 - \log\sigma_{q,d}^2 +
   * \frac{\sigma_{q,d}^2 + (\mu_{q,d} - \mu_{p,d})^2}{\sigma_{p,d}^2} - 1 \right) \) for diagonal
   * Gaussians.
   *
   * @return shape {@code [batch]}
   */
  public static NDArray diagonal(NDArray muQ, NDArray logVarQ, NDArray muP, NDArray logVarP) {
    Checks.sameShape("logVarQ", logVarQ, "muQ", muQ);
    Checks.broadcastable("muQ", muQ, "muP", muP);
    Checks.broadcastable("muQ", muQ, "logVarP", logVarP);
    NDArray ratio = logVarQ.exp().add(muQ.sub(muP).square()).mul(logVarP.neg().exp());
    return Constants.times(ratio.add(logVarP).sub(logVarQ).sub(1), 0.5).sum(new int[] {-1});
  }

  /**
   * KL between two multivariate normals with full covariances, in tensor operations (so it can be
   * differentiated): \[ \mathrm{KL}(\mathcal{N}_0 \,\|\, \mathcal{N}_1) = \tfrac12 \left(
   * \operatorname{tr}(\Sigma_1^{-1}\Sigma_0) + (\mu_1 - \mu_0)^\top \Sigma_1^{-1} (\mu_1 - \mu_0) -
   * k + \log\det\Sigma_1 - \log\det\Sigma_0 \right). \] The log-determinants come from a Cholesky
   * factorization written as \(k\) Schur-complement steps, \( \log\det A = \log a_{11} +
   * \log\det(A_{22} - a_{21}a_{21}^\top / a_{11}) \), which also proves positive definiteness; the
   * inverse is the engine's. Meant for small \(k\) (the loop is over dimensions).
   *
   * @param mu0 mean of the first normal, shape {@code [k]}
   * @param cov0 its covariance, shape {@code [k, k]}, symmetric positive definite
   * @param mu1 mean of the second normal, shape {@code [k]}
   * @param cov1 its covariance, shape {@code [k, k]}
   * @return a scalar array (shape {@code []})
   * @throws IllegalArgumentException if shapes disagree, a value is NaN or a covariance is not
   *     positive definite
   */
  public static NDArray multivariateNormal(NDArray mu0, NDArray cov0, NDArray mu1, NDArray cov1) {
    Checks.rank("mu0", mu0, 1, "[k]");
    long k = mu0.getShape().get(0);
    Shape square = new Shape(k, k);
    Checks.sameShape("mu1", mu1, "mu0", mu0);
    if (!cov0.getShape().equals(square) || !cov1.getShape().equals(square)) {
      throw new IllegalArgumentException(
          "cov0 and cov1 must have shape "
              + square
              + ", but have "
              + cov0.getShape()
              + " and "
              + cov1.getShape());
    }
    Checks.noNaN("mu0", mu0);
    Checks.noNaN("cov0", cov0);
    Checks.noNaN("mu1", mu1);
    Checks.noNaN("cov1", cov1);
    NDArray logDet0 = logDetPositiveDefinite("cov0", cov0);
    NDArray logDet1 = logDetPositiveDefinite("cov1", cov1);
    NDArray inv1 = cov1.inverse();
    NDArray trace = inv1.mul(cov0.transpose()).sum();
    NDArray diff = mu1.sub(mu0).reshape(1, k);
    NDArray quad = diff.matMul(inv1).matMul(diff.transpose()).reshape(new Shape());
    return Constants.times(trace.add(quad).sub(k).add(logDet1).sub(logDet0), 0.5);
  }

  /**
   * \( \log\det A \) of a symmetric positive definite matrix through Schur complements (a Cholesky
   * factorization in tensor operations, differentiable).
   *
   * @param name the parameter name for error messages
   * @param a shape {@code [k, k]}
   * @return a scalar array
   * @throws IllegalArgumentException if a pivot is not positive
   */
  public static NDArray logDetPositiveDefinite(String name, NDArray a) {
    Checks.rank(name, a, 2, "[k, k]");
    long k = a.getShape().get(0);
    NDArray rest = a;
    NDArray total = null;
    for (long i = 0; i < k; i++) {
      NDArray pivot = rest.get("0, 0");
      double value = pivot.getDouble();
      if (!(value > 0)) {
        throw new IllegalArgumentException(
            name + " must be positive definite, but Cholesky pivot " + i + " is " + value);
      }
      NDArray logPivot = pivot.log();
      total = total == null ? logPivot : total.add(logPivot);
      if (i + 1 < k) {
        NDArray col = rest.get("1:, 0:1");
        NDArray block = rest.get("1:, 1:");
        rest = block.sub(col.matMul(col.transpose()).div(pivot));
      }
    }
    return total;
  }

  /**
   * The same KL in double precision with commons-math3 (Cholesky decompositions, no inverse
   * formed), for checking and for small problems stated with plain arrays.
   *
   * @return the KL divergence in nats
   * @throws IllegalArgumentException if sizes disagree, a value is NaN, or a covariance is not
   *     symmetric positive definite
   */
  public static double multivariateNormal(
      double[] mu0, double[][] cov0, double[] mu1, double[][] cov1) {
    int k = mu0.length;
    if (mu1.length != k) {
      throw new IllegalArgumentException(
          "mu1 length " + mu1.length + " does not match mu0 length " + k);
    }
    RealMatrix s0 = matrix("cov0", cov0, k);
    RealMatrix s1 = matrix("cov1", cov1, k);
    CholeskyDecomposition c0 = cholesky("cov0", s0);
    CholeskyDecomposition c1 = cholesky("cov1", s1);
    RealVector m0 = new ArrayRealVector(finite("mu0", mu0));
    RealVector m1 = new ArrayRealVector(finite("mu1", mu1));
    RealMatrix solved = c1.getSolver().solve(s0);
    double trace = solved.getTrace();
    RealVector diff = m1.subtract(m0);
    double quad = diff.dotProduct(c1.getSolver().solve(diff));
    double logDet0 = logDet(c0);
    double logDet1 = logDet(c1);
    return 0.5 * (trace + quad - k + logDet1 - logDet0);
  }

  private static double logDet(CholeskyDecomposition c) {
    RealMatrix l = c.getL();
    double sum = 0;
    for (int i = 0; i < l.getRowDimension(); i++) {
      sum += Math.log(l.getEntry(i, i));
    }
    return 2 * sum;
  }

  private static CholeskyDecomposition cholesky(String name, RealMatrix m) {
    try {
      return new CholeskyDecomposition(
          m, SYMMETRY_TOLERANCE, CholeskyDecomposition.DEFAULT_ABSOLUTE_POSITIVITY_THRESHOLD);
    } catch (NonSymmetricMatrixException e) {
      throw new IllegalArgumentException(name + " must be symmetric: " + e.getMessage(), e);
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new IllegalArgumentException(name + " must be positive definite: " + e.getMessage(), e);
    }
  }

  private static RealMatrix matrix(String name, double[][] values, int k) {
    if (values.length != k) {
      throw new IllegalArgumentException(
          name + " must be " + k + " x " + k + ", but has " + values.length + " rows");
    }
    for (int i = 0; i < k; i++) {
      if (values[i].length != k) {
        throw new IllegalArgumentException(
            name
                + " must be "
                + k
                + " x "
                + k
                + ", but row "
                + i
                + " has length "
                + values[i].length);
      }
      finite(name + "[" + i + "]", values[i]);
    }
    return new Array2DRowRealMatrix(values, true);
  }

  private static double[] finite(String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException(
            name + " must not contain NaN, but entry " + i + " is NaN");
      }
    }
    return values;
  }
}
