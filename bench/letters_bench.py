"""Benchmark: 100 official letters rendered to PDF, as separate files and as one combined PDF.

Target (issue 7): under 2 s for the 100 letters. Run from the repository root:
    python -m bench.letters_bench        (or call bench_letters())
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
import time
from pathlib import Path

from reports.fonts import describe_fonts, letter_fonts
from reports.letter_pdf import LetterDoc, LetterTable, render_letter, render_letters
from reports.linebreak import words

TOWNS = ["东城", "西城", "南山", "北湖", "青石", "白沙", "红岭", "金桥", "柳溪", "桃源",
         "梅岭", "竹园", "松涛", "杏花", "荷塘", "龙泉", "凤凰", "石门", "清水", "云峰"]
PROBLEM_TEXTS = [
    "三会一课记录不完整，支部委员会会议记录缺少议题和表决情况",
    "党费收缴台账不规范，部分党员党费未按月交纳",
    "发展党员程序不规范，入党积极分子培养考察记录缺失",
    "组织生活会质量不高，批评和自我批评流于形式",
    "党员活动室制度上墙不全，阵地使用率低",
    "主题党日活动未按月开展，活动记录简单",
    "软弱涣散党组织整顿工作推进缓慢，整改措施未落实到位",
]
KINDS = [("提", "提示函", ["工作任务", "主要内容", "有关要求", "完成时限", "存档目录"]),
         ("督", "督办函", ["序号", "党组织", "问题描述", "类别", "整改时限"]),
         ("警", "预警函", ["序号", "党组织", "问题描述", "整改时限", "逾期天数"])]


def sample_letters(n: int = 100) -> list[LetterDoc]:
    """``n`` varied letters: every township, the three kinds, 3 to 15 table rows."""
    docs = []
    for i in range(n):
        town = TOWNS[i % len(TOWNS)] + "镇"
        code, kind, headers = KINDS[i % 3]
        rows = []
        for r in range(3 + (i * 7) % 13):
            text = PROBLEM_TEXTS[(i + r) % len(PROBLEM_TEXTS)]
            branch = f"{town}第{r + 1}党支部"
            if code == "提":
                rows.append([f"任务{r + 1}", text, "按时完成并报送佐证材料", f"2026年3月{r + 10}日",
                             f"台账/{2026}/{r + 1:02d}"])
            elif code == "督":
                rows.append([str(r + 1), branch, text, "严重" if r % 5 == 0 else "一般",
                             f"2026年3月{r + 8}日"])
            else:
                rows.append([str(r + 1), branch, text, f"2026年2月{r + 1}日", str(r + 3)])
        docs.append(LetterDoc(
            agency_name="中共某某县委组织部",
            number=f"某组{code}〔2026〕{i // 3 + 1}号",
            title=f"关于{town}党委基层党建工作的{kind}",
            recipient=f"中共{town}委员会",
            paragraphs=[
                f"根据县委工作安排，县委组织部于2026年2月对{town}基层党组织建设情况进行了督查。"
                "现将有关情况函告如下，请高度重视，认真研究制定措施，明确责任人和完成时限。",
                "请于2026年3月20日前将落实情况书面报县委组织部组织科（联系电话：0771-1234567）。"
                "逾期未报的，将按照《基层党建工作督查办法》有关规定予以通报。",
            ],
            table=LetterTable(headers, rows),
            attachments=["整改情况报告模板"] if i % 2 else [],
            signature="中共某某县委组织部",
            date=datetime.date(2026, 3, 1 + i % 28),
            copies=["县纪委监委"] if code == "警" else [],
        ))
    return docs


def bench_letters(n: int = 100, out_dir: str | Path | None = None) -> dict[str, float]:
    """Render ``n`` letters to separate PDFs and to one combined PDF; print and return seconds."""
    t0 = time.perf_counter()
    letter_fonts()  # once per process
    t_fonts = time.perf_counter() - t0
    t0 = time.perf_counter()
    words("关于基层党建工作")  # the word segmenter's dictionary, loaded once per process
    t_words = time.perf_counter() - t0
    docs = sample_letters(n)
    tmp = None
    if out_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="letters-bench-")
        out_dir = tmp.name
    folder = Path(out_dir)
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        for k, doc in enumerate(docs):
            render_letter(doc, folder / f"{k:03d}.pdf")
        separate, separate_cpu = time.perf_counter() - t0, time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        combined_path = render_letters(docs, folder / "combined.pdf")
        combined, combined_cpu = time.perf_counter() - t0, time.process_time() - c0
        size_kb = sum(p.stat().st_size for p in folder.glob("*.pdf")) / 1024
    finally:
        if tmp is not None:
            tmp.cleanup()
    print(f"fonts (first registration): {t_fonts:.3f} s")
    print(f"title word segmenter (first use): {t_words:.3f} s")
    print(f"{n} letters, separate PDFs: {separate:.3f} s (cpu {separate_cpu:.3f} s)")
    print(f"{n} letters, one combined PDF ({combined_path.name}): {combined:.3f} s "
          f"(cpu {combined_cpu:.3f} s)")
    print(f"target: under 2 s; output {size_kb:.0f} KiB in all")
    for role, face in describe_fonts().items():
        print(f"  font {role}: {face}")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice is not installed: the .docx → PDF comparison was not run")
    else:
        print(f"LibreOffice found at {soffice}: the .docx → PDF comparison is not implemented "
              "(needs .docx letters; python-docx is not a dependency)")
    return {"fonts": t_fonts, "separate": separate, "separate_cpu": separate_cpu,
            "combined": combined, "combined_cpu": combined_cpu}


if __name__ == "__main__":
    bench_letters()
