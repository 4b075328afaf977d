/**
 * Jupyter widgets for notebook code: sliders, a dropdown, a checkbox, a button, a text field, an
 * output area, boxes, and {@link vaecourse.widgets.Widgets#interact interact}, spoken over the
 * Jupyter widget protocol (version 1 for jupyter-js-widgets 2.x, version 2 for ipywidgets 7).
 */
package vaecourse.widgets;
