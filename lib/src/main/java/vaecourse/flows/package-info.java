/**
 * Normalizing flows: invertible layers that return their output together with \(\log|\det J|\)
 * (planar, NICE additive coupling with scaling, RealNVP affine coupling) and their composition.
 */
package vaecourse.flows;
