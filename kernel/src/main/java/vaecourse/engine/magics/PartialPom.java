package vaecourse.engine.magics;

import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The body of a {@code %%loadFromPOM} cell made into a POM, as IJava does: a whole {@code
 * <project>} is taken as it is; otherwise loose {@code <dependency>} and {@code <repository>}
 * elements (and the children of {@code <dependencies>} and {@code <repositories>}) are gathered
 * into a project, other elements are kept, and missing coordinates get defaults. Document type
 * declarations are refused, so a pasted POM cannot pull in external entities.
 */
public final class PartialPom {
  private PartialPom() {}

  /**
   * The POM text for a cell body.
   *
   * @throws MagicException when the body is not well-formed XML (the message gives the line)
   */
  public static String complete(String body) throws MagicException {
    if (body.toUpperCase(java.util.Locale.ROOT).contains("<!DOCTYPE")) {
      throw new MagicException(
          "the cell holds a document type declaration (<!DOCTYPE ...>), which a POM never needs"
              + " and which could read other files: remove it");
    }
    Document in;
    DocumentBuilder builder;
    try {
      builder = secureFactory().newDocumentBuilder();
      builder.setErrorHandler(new QuietErrors());
      in = builder.parse(new InputSource(new StringReader("<cell>" + body + "</cell>")));
    } catch (SAXParseException e) {
      throw new MagicException(
          "the cell is not well-formed XML at line "
              + e.getLineNumber()
              + ": "
              + e.getMessage()
              + " (write <dependency> and <repository> elements, or a whole <project>)");
    } catch (Exception e) {
      throw new MagicException("cannot read the cell as XML: " + e.getMessage(), e);
    }
    Element cell = in.getDocumentElement();
    Element single = onlyElement(cell);
    if (single != null && single.getTagName().equals("project")) {
      return write(single);
    }
    Document out = builder.newDocument();
    Element project = out.createElement("project");
    out.appendChild(project);
    Element dependencies = out.createElement("dependencies");
    Element repositories = out.createElement("repositories");
    boolean[] has = new boolean[4];
    String[] coordinates = {"modelVersion", "groupId", "artifactId", "version"};
    String[] defaults = {"4.0.0", "vaecourse.notebook", "cell", "1"};
    NodeList children = cell.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (!(children.item(i) instanceof Element e)) {
        continue;
      }
      switch (e.getTagName()) {
        case "dependency" -> dependencies.appendChild(out.importNode(e, true));
        case "repository" -> repositories.appendChild(out.importNode(e, true));
        case "dependencies" -> copyChildren(e, dependencies, out);
        case "repositories" -> copyChildren(e, repositories, out);
        default -> {
          for (int k = 0; k < coordinates.length; k++) {
            has[k] |= e.getTagName().equals(coordinates[k]);
          }
          project.appendChild(out.importNode(e, true));
        }
      }
    }
    for (int k = coordinates.length - 1; k >= 0; k--) {
      if (!has[k]) {
        Element c = out.createElement(coordinates[k]);
        c.setTextContent(defaults[k]);
        project.insertBefore(c, project.getFirstChild());
      }
    }
    project.appendChild(dependencies);
    project.appendChild(repositories);
    return write(project);
  }

  /** A parser that refuses DOCTYPEs and external entities. */
  static DocumentBuilderFactory secureFactory() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(false);
    return f;
  }

  /** Errors become exceptions only; the default handler would also print them to stderr. */
  private static final class QuietErrors implements org.xml.sax.ErrorHandler {
    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) throws SAXParseException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
      throw e;
    }
  }

  private static Element onlyElement(Element parent) {
    Element found = null;
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (n instanceof Element e) {
        if (found != null) {
          return null;
        }
        found = e;
      } else if (n.getNodeType() == Node.TEXT_NODE && !n.getTextContent().isBlank()) {
        return null;
      }
    }
    return found;
  }

  private static void copyChildren(Element from, Element to, Document out) {
    NodeList children = from.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e) {
        to.appendChild(out.importNode(e, true));
      }
    }
  }

  private static String write(Element root) throws MagicException {
    try {
      TransformerFactory tf = TransformerFactory.newInstance();
      tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer t = tf.newTransformer();
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      StringWriter w = new StringWriter();
      t.transform(new DOMSource(root), new StreamResult(w));
      return w.toString();
    } catch (Exception e) {
      throw new MagicException("cannot write the POM: " + e.getMessage(), e);
    }
  }
}
