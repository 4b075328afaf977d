/**
 * The Java agent of every course JVM: it makes the PyTorch engine own the memory of every tensor it
 * builds from Java values, so that gradients never read a freed buffer.
 */
package vaecourse.agent;
