package io.byproduct.hittool.review;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The survey code in an assignment's {@code Answer}: MTurk's QuestionFormAnswers XML, the
 * {@code FreeText} of the answer whose {@code QuestionIdentifier} is {@code surveycode}. The XML
 * is the worker's submission: doctypes and external entities are refused.
 */
public final class SurveyCodeAnswer {

  static final String QUESTION = "surveycode";

  private SurveyCodeAnswer() {}

  /** The code, or null when the answer has none or is not well-formed XML. */
  public static String of(String answerXml) {
    if (answerXml == null || answerXml.isBlank()) {
      return null;
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(false);
      Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(answerXml)));
      NodeList answers = doc.getElementsByTagName("Answer");
      for (int i = 0; i < answers.getLength(); i++) {
        Element answer = (Element) answers.item(i);
        if (QUESTION.equalsIgnoreCase(text(answer, "QuestionIdentifier"))) {
          return text(answer, "FreeText");
        }
      }
      return null;
    } catch (Exception malformed) {
      return null;
    }
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }
}
