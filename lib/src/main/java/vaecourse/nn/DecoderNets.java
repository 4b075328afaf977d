package vaecourse.nn;

/** Small factories shared by the decoders. */
final class DecoderNets {

  private DecoderNets() {}

  static Mlp mlp(int latentDim, int hiddenDim, int dataDim, double weightSigma) {
    if (latentDim <= 0) {
      throw new IllegalArgumentException("latentDim must be > 0, but was " + latentDim);
    }
    return Mlp.builder()
        .setInputDim(latentDim)
        .optHiddenDims(hiddenDim)
        .setOutputDim(dataDim)
        .optWeightSigma(weightSigma)
        .build();
  }
}
