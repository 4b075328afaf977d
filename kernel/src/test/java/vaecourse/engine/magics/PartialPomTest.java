package vaecourse.engine.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** %%loadFromPOM's cell bodies made into POMs, as IJava makes them. */
class PartialPomTest {
  private static String at(String xml, String xpath) throws Exception {
    Document d =
        PartialPom.secureFactory()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(xml)));
    return XPathFactory.newInstance().newXPath().evaluate(xpath, d);
  }

  @Test
  void looseDependenciesAndRepositoriesAreGatheredWithDefaultCoordinates() throws Exception {
    String pom =
        PartialPom.complete(
            "<repository><id>r</id><url>file:///repo</url></repository>\n"
                + "<dependency><groupId>g</groupId><artifactId>a</artifactId>"
                + "<version>1</version></dependency>\n"
                + "<dependencies><dependency><groupId>g</groupId><artifactId>b</artifactId>"
                + "<version>2</version></dependency></dependencies>");
    assertEquals("4.0.0", at(pom, "/project/modelVersion"));
    assertEquals("vaecourse.notebook", at(pom, "/project/groupId"));
    assertEquals("2", at(pom, "count(/project/dependencies/dependency)"));
    assertEquals("b", at(pom, "/project/dependencies/dependency[2]/artifactId"));
    assertEquals("file:///repo", at(pom, "/project/repositories/repository/url"));
  }

  @Test
  void aWholeProjectIsTakenAsItIs() throws Exception {
    String pom =
        PartialPom.complete(
            "<project><modelVersion>4.0.0</modelVersion><groupId>mine</groupId>"
                + "<artifactId>x</artifactId><version>3</version></project>");
    assertEquals("mine", at(pom, "/project/groupId"));
    assertEquals("0", at(pom, "count(/project/dependencies)"));
  }

  @Test
  void doctypesAndBrokenXmlAreRefused() {
    MagicException doctype =
        assertThrows(
            MagicException.class,
            () ->
                PartialPom.complete(
                    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><dependency/>"));
    assertTrue(doctype.getMessage().contains("document type declaration"), doctype.getMessage());
    MagicException broken =
        assertThrows(MagicException.class, () -> PartialPom.complete("<dependency>\n<groupId>"));
    assertTrue(broken.getMessage().contains("line 2"), broken.getMessage());
  }
}
