#!/usr/bin/env python3
"""Writes a synthetic course of N questions (all eight types, 20 lessons) for benchmarks.

usage: scripts/gen-course.py N DIR
"""
import os
import sys


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count, folder = int(sys.argv[1]), sys.argv[2]
    lessons = [f"lesson-{i}" for i in range(1, 21)]
    os.makedirs(os.path.join(folder, "lessons"), exist_ok=True)
    os.makedirs(os.path.join(folder, "questions"), exist_ok=True)
    with open(os.path.join(folder, "course.yaml"), "w", encoding="utf-8") as f:
        f.write("id: generated\ntitle: 生成的课程\nversion: 1.0.0\nlessons:\n")
        f.writelines(f"  - {lesson}\n" for lesson in lessons)
    for lesson in lessons:
        with open(os.path.join(folder, "lessons", f"{lesson}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\nid: {lesson}\ntitle: 第{lesson}课\nobjectives: [掌握要点]\nminutes: 20\n---\n\n## 要点\n\n正文。\n")
    per_lesson = count // len(lessons)
    kinds = [
        "  type: single\n  choices:\n    - {text: 核实身份, correct: true, feedback: 对}\n"
        "    - {text: 威胁起诉, feedback: 不可以}\n    - {text: 联系家人, feedback: 不可以}\n"
        "    - {text: 要求全额还款, feedback: 不现实}\n",
        "  type: multiple\n  choices:\n    - {text: 录音, correct: true}\n    - {text: 签收, correct: true}\n"
        "    - {text: 威胁, feedback: 违法}\n",
        "  type: truefalse\n  answer: true\n  feedback_false: 催收函到达即可中断时效。\n",
        "  type: short\n  answers:\n    - {text: 3年}\n    - {text: 三年}\n",
        "  type: numeric\n  unit: 天\n  answers:\n    - {value: 46, tolerance: 0.5}\n"
        "    - {value: 92, fraction: 0, feedback: 算反了}\n",
        "  type: matching\n  pairs:\n    - {prompt: 有抵押, answer: 实现抵押权}\n"
        "    - {prompt: 有还款意愿, answer: 和解协议}\n  distractors: [立即核销]\n",
        "  type: ordering\n  items: [核对地址, 起草催收函, 寄送, 归档凭证]\n",
        "  type: open\n  rubric:\n    points:\n      - {text: 电话, weight: 1, keywords: [[电话, 致电]]}\n"
        "      - {text: 上门, weight: 1, keywords: [[上门, 拜访]]}\n    model_answer: 电话、上门拜访\n",
    ]
    for lesson in lessons:
        with open(os.path.join(folder, "questions", f"{lesson}.yaml"), "w", encoding="utf-8") as f:
            for index in range(per_lesson):
                f.write(
                    f"- id: {lesson}.q{index}\n  lesson: {lesson}\n  source: {lesson}#要点\n"
                    f"  tags: [实务, 合规]\n  difficulty: 2\n"
                    f"  prompt: 借款人逾期 {index} 天，催收员首先应当做什么？这是第 {index} 题。\n"
                    f"  explanation: 先核实身份，再谈债务，避免把欠款信息泄露给无关的人；其他做法都可能违规。\n"
                )
                f.write(kinds[index % len(kinds)])


if __name__ == "__main__":
    main()
