import QuizCore

/// Prints an explanation for a person: marks (✓ ✗ ◐ ○ !) that read without colour, colour
/// when the terminal has it, and every line wrapped at the terminal width.
struct ExplanationRenderer {
  var width: Int
  var style: Style
  var language: Language

  func render(_ explanation: Explanation) -> [String] {
    let markdown = MarkdownRenderer(width: width, style: style)
    var lines: [String] = []
    for line in explanation.lines {
      switch line {
      case .verdict(let outcome, let text):
        switch outcome {
        case .correct: lines.append(style.green(style.bold(text)))
        case .partial: lines.append(style.yellow(style.bold(text)))
        case .incorrect: lines.append(style.red(style.bold(text)))
        }
      case .pickedRight(let text), .covered(let text):
        lines += markdown.wrapped(text, indent: "    ", first: "  " + style.green("✓") + " ")
      case .pickedWrong(let text), .uncovered(let text):
        lines += markdown.wrapped(text, indent: "    ", first: "  " + style.red("✗") + " ")
      case .missed(let text):
        lines += markdown.wrapped(text, indent: "    ", first: "  " + style.yellow("○") + " ")
      case .misconception(let text):
        lines += markdown.wrapped(text, indent: "    ", first: "  " + style.red("!") + " ")
      case .note(let text):
        lines += markdown.wrapped(text, indent: "  ", first: "  ")
      case .estimate(let text):
        lines += markdown.wrapped(text, indent: "  ", first: "  ").map(style.dim)
      case .review(let text):
        lines += markdown.wrapped(text, indent: "    ", first: "  " + style.yellow("?") + " ")
      case .correctAnswer(let text):
        lines += labelled(language.text("explanationrenderer.answer"), text, markdown)
      case .modelAnswer(let text):
        lines += labelled(language.text("explanationrenderer.model-answer"), text, markdown)
      case .explanation(let text):
        lines += labelled(language.text("explanationrenderer.why"), text, markdown)
      case .spoken(let text):
        lines += markdown.wrapped(text, indent: "    ", first: "  ").map(style.bold)
      case .said(let text):
        lines += markdown.wrapped(text, indent: "    ", first: "  · ")
      case .bestPath(let text):
        lines += labelled(language.text("explanationrenderer.best-path"), text, markdown)
      case .reread(let reference):
        lines.append(style.dim(language.text("explanationrenderer.re-read")) + style.cyan("read \(reference)"))
      }
    }
    return lines
  }

  private func labelled(_ label: String, _ text: String, _ markdown: MarkdownRenderer) -> [String] {
    let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    var lines: [String] = []
    for (index, paragraph) in paragraphs.enumerated() {
      lines += markdown.wrapped(paragraph, indent: "", first: index == 0 ? style.bold(label) : "")
    }
    return lines.isEmpty ? [style.bold(label)] : lines
  }
}
