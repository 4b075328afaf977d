/**
 * Figures for notebooks: line plots, labelled scatter plots, image grids and tables, each shown as
 * a PNG, as self-contained interactive HTML/SVG (values on hover, no scripts or CDN) and as text.
 */
package vaecourse.plot;
