import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A small element tree read with Foundation's XML parser, each element with the line and
/// column it starts at, so that problems found later can be located.
final class XMLItem {
  let name: String
  let attributes: [String: String]
  let line: Int
  let column: Int
  fileprivate(set) var children: [XMLItem] = []
  /// The character data directly inside the element (text and CDATA), in order.
  fileprivate(set) var text = ""

  init(name: String, attributes: [String: String], line: Int, column: Int) {
    self.name = name
    self.attributes = attributes
    self.line = line
    self.column = column
  }

  /// The first child called `name`.
  func child(_ name: String) -> XMLItem? { children.first { $0.name == name } }

  /// Every child called `name`.
  func children(_ name: String) -> [XMLItem] { children.filter { $0.name == name } }

  /// The text of `<name><text>…</text></name>`, Moodle's way of holding text.
  func textOf(_ name: String) -> String? { child(name)?.child("text")?.text }

  /// The trimmed text of `<name>…</name>`.
  func value(_ name: String) -> String? {
    child(name).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
  }

  /// Reads a document; a syntax error comes back with the parser's error code and place.
  static func parse(_ text: String) -> Result<XMLItem, XMLSyntaxError> {
    let builder = Builder()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = builder
    parser.shouldResolveExternalEntities = false
    // The parser can report an error and still say it succeeded (a document cut short).
    let succeeded = parser.parse()
    if let failure = builder.failure { return .failure(failure) }
    if succeeded, let root = builder.root { return .success(root) }
    let code = (parser.parserError as NSError?)?.code ?? 4
    return .failure(XMLSyntaxError(code: code, line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1)))
  }

  private final class Builder: NSObject, XMLParserDelegate {
    var stack: [XMLItem] = []
    var root: XMLItem?
    /// The first error, where the parser was when it found it.
    var failure: XMLSyntaxError?

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      let element = XMLItem(
        name: elementName, attributes: attributes, line: parser.lineNumber, column: max(parser.columnNumber, 1))
      if let parent = stack.last { parent.children.append(element) } else { root = element }
      stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
      _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
      stack.last?.text += String(decoding: block, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
      guard failure == nil else { return }
      failure = XMLSyntaxError(
        code: (parseError as NSError).code, line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1))
    }
  }
}

/// Where and why an XML document could not be read.
struct XMLSyntaxError: Error {
  /// libxml2's error number (`xmlParserErrors`), which `InteropProblem.xmlSyntax` explains.
  var code: Int
  var line: Int
  var column: Int
}
