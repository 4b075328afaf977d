/**
 * The Jupyter kernel "Java (VAE course)": Jupyter messaging from jupyter-jvm-basekernel, cells run
 * by the {@link vaecourse.engine.Engine}, IJava's notebook API and environment variables.
 */
package vaecourse.kernel;
