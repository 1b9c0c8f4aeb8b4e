"""User-facing wording, gathered by topic so a message is changed in one place."""
from __future__ import annotations

# -- importing task tables (formats/table.py, formats/pagetext.py) ------------------------------------
COLUMNS_EXAMPLE = "--columns 序号,主要任务,牵头单位,落实情况"
FIELD_NAMES = {
    "number": "序号", "task": "任务", "units": "牵头单位", "co_units": "配合单位", "leaders": "牵头领导",
    "owners": "责任人", "progress": "完成情况", "problems": "存在问题", "next_steps": "下一步打算",
    "deadline": "完成时限", "status": "完成状态", "remarks": "备注", "extra": "其他列（原样保留）",
}
HEADER_MAPPING = "表头：{mapping}"
HEADER_SKIPPED = "按 --columns 读取，跳过表格前 {count} 行（页面自带的表头或标题）"
NUMBER_GAP = "提示：缺少序号 {span}（共 {count} 项，{last} 之后是 {number}）；如非有意删减，请检查来源是否完整"
NO_TABLE = "没有找到任务表格"
NO_TABLE_HINT = ("导入的应是任务表格的页面文本：表头（如“序号 主要任务 牵头单位 落实情况”）之后每个任务一行或每格一行，"
                 "或“1.任务”后跟“牵头单位：…”的清单；页面没有表头时用 " + COLUMNS_EXAMPLE + " 说明各列。")
NO_TITLE = "没有找到文件标题"
NO_TITLE_HINT = "在表格之前加一行标题，例如“2023年《政府工作报告》重点工作任务完成情况”。"
NO_TASK_ROWS = "表格中没有任何带序号的任务"
NO_HEADER = "没有找到表头：看到的表格有 {count} 列，但认不出哪一列是任务"
NO_HEADER_HINT = ("用 {example} 按顺序说明各列（列名见 exporter/formats/headers.yaml 的同义词表），"
                  "或在页面文本中补上表头行。")
ROW_ONLY_NUMBER = "这一行只有序号“{text}”，没有任务内容"
ROW_HINT = "每个任务应有序号和任务内容；请检查这一行是否与上下行错开。"
ROW_WIDTH = "这一行有 {found} 格，而表头有 {expected} 列"
ROW_WIDTH_HINT = "检查这一行是否多了或少了分隔符（制表符、“|”），或用 --columns 说明各列。"
BAD_NUMBER = "无法识别的序号“{text}”"
BAD_NUMBER_HINT = "序号应是阿拉伯数字，如“9”“9.”“（9）”“第9项”；请改正这一行的序号后重新导入。"
MISSING_NUMBER = "任务缺少序号"
MISSING_TASK = "任务缺少内容"
MISSING_UNITS = "任务缺少牵头责任单位"
MISSING_UNITS_HINT = "在这一行的单位列填上牵头单位。"
DUPLICATE_NUMBER = "序号 {number} 重复（{where}已有）"
DECREASING_NUMBER = "序号 {number} 排在 {last} 之后，序号应从小到大"
