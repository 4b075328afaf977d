/**
 * Session set-up for the course notebooks: {@link vaecourse.Course#start(long)} reads the run
 * {@link vaecourse.Profile}, seeds the generators and picks the device.
 */
package vaecourse;
