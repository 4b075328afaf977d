/**
 * Figures for notebooks: line plots, labelled scatter plots, image grids, density contours and
 * tables (alone or in a row), each shown as a PNG, as self-contained interactive HTML (values on
 * hover, no scripts or CDN) and as text. Charts with axes are drawn by JFreeChart.
 */
package vaecourse.plot;
