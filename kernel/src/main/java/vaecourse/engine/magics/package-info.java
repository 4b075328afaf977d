/**
 * What IJava's magics need besides the engine: Maven resolution on Apache Maven Resolver, partial
 * POMs, finding the file a {@code %load} names, and the process's CPU clock for {@code %time}.
 */
package vaecourse.engine.magics;
