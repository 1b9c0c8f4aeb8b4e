"""User-facing wording, gathered by topic so a message is changed in one place."""

from __future__ import annotations

# -- importing task tables (formats/table.py, formats/pagetext.py) ------------------------------------
COLUMNS_EXAMPLE = "--columns 序号,主要任务,牵头单位,落实情况"
FIELD_NAMES = {
    "number": "序号",
    "task": "任务",
    "units": "牵头单位",
    "co_units": "配合单位",
    "leaders": "牵头领导",
    "owners": "责任人",
    "progress": "完成情况",
    "problems": "存在问题",
    "next_steps": "下一步打算",
    "deadline": "完成时限",
    "status": "完成状态",
    "remarks": "备注",
    "extra": "其他列（原样保留）",
}
HEADER_MAPPING = "表头：{mapping}"
HEADER_SKIPPED = "按 --columns 读取，跳过表格前 {count} 行（页面自带的表头或标题）"
NUMBER_GAP = "提示：缺少序号 {span}（共 {count} 项，{last} 之后是 {number}）；如非有意删减，请检查来源是否完整"
NO_TABLE = "没有找到任务表格"
NO_TABLE_HINT = (
    "导入的应是任务表格的页面文本：表头（如“序号 主要任务 牵头单位 落实情况”）之后每个任务一行或每格一行，"
    "或“1.任务”后跟“牵头单位：…”的清单；页面没有表头时用 " + COLUMNS_EXAMPLE + " 说明各列。"
)
NO_TITLE = "没有找到文件标题"
NO_TITLE_HINT = "在表格之前加一行标题，例如“2023年《政府工作报告》重点工作任务完成情况”。"
NO_TASK_ROWS = "表格中没有任何带序号的任务"
NO_HEADER = "没有找到表头：看到的表格有 {count} 列，但认不出哪一列是任务"
NO_HEADER_SEEN = "{message}；表格第一行是“{cells}”"
NO_HEADER_HINT = (
    "用 {example} 按顺序说明各列（列名见 exporter/formats/headers.yaml 的同义词表），或在页面文本中补上表头行。"
)
ROW_ONLY_NUMBER = "这一行只有序号“{text}”，没有任务内容"
ROW_HINT = "每个任务应有序号和任务内容；请检查这一行是否与上下行错开。"
ROW_WIDTH = "这一行有 {found} 格，而表头有 {expected} 列"
ROW_WIDTH_HINT = "检查这一行是否多了或少了分隔符（制表符、“|”），或用 --columns 说明各列。"
ROW_PIECES_AMBIGUOUS = (
    "这一行以空格和换行分成 {found} 段，而表头有 {expected} 列，分法不止一种："
    "“{piece}”可以归入“{first}”，也可以归入“{second}”"
)
ROW_PIECES_HINT = "在各格之间改用制表符或“|”分隔（或每格占一行），使每一格都分得清，然后重新导入；不会替您猜测。"
ROW_STRAY = "无法识别的行：“{text}”（不以序号开头，前面也没有可以接续的任务行）"
ROW_STRAY_HINT = "以空格分隔各格的表格，每个任务行应以序号开头，部分标题写作“一、…”；请把这一行并入所属的行，或删除。"
ROW_CONTINUES_TASK = "提示：第 {line} 行“{text}”只有第一格有字、没有序号，按任务 {number} 的任务内容的下一行读入"
ROW_NUMBER_INSIDE = (
    "任务 {number} 这一行中间还有一个单独的数字“{inner}”，其后的文字足够再成一行：可能是两个任务连成了一行"
)
ROW_NUMBER_INSIDE_HINT = (
    "如果“{inner}”是下一个任务的序号，请在它之前换行（每个任务一行）；如果是正文中的数字，请删去它两边的空格。"
)
BAD_NUMBER = "无法识别的序号“{text}”"
BAD_NUMBER_HINT = "序号应是阿拉伯数字，如“9”“9.”“（9）”“第9项”；请改正这一行的序号后重新导入。"
MISSING_NUMBER = "任务缺少序号"
MISSING_TASK = "任务缺少内容"
MISSING_UNITS = "任务缺少牵头责任单位"
MISSING_UNITS_HINT = "在这一行的单位列填上牵头单位。"
DUPLICATE_NUMBER = "序号 {number} 重复（{where}已有）"
DECREASING_NUMBER = "序号 {number} 排在 {last} 之后，序号应从小到大"
FIRST_COLUMN_NUMBER = "每格一行的表格，第一列应是序号"
PROSE_REFUSED = (
    "没有找到任务表格：页面有 {lines} 行文字（其中 {numbered} 行以序号开头），"
    "但没有表头、没有“牵头单位：…”这样的标注，也没有写在括号里的责任单位"
)
ITEM_WITHOUT_UNITS = "这一项没有标注责任单位：“{text}…”"
ITEM_WITHOUT_UNITS_HINT = "在这一项之后加一行“牵头单位：…”，或在句末括号里写明单位，例如（市发展改革委牵头）。"
PAREN_WITH_ITEMS = "“{text}…”写明了责任单位，其后却是带序号的任务“{item}…”：分不清它是一项任务还是小标题"
PAREN_WITH_ITEMS_HINT = (
    "它是小标题时，删去其中的责任单位（写到其下各项任务上）；它是任务时，其后各项应并入它的文字，"
    "或改用与它同级的序号“（二）”“（三）”。"
)
PAREN_UNCLEAR = "“{text}…”没有标注责任单位，其后也没有“1.…”这样的任务：分不清它是一项任务还是小标题"
PAREN_UNCLEAR_HINT = "它是任务时，在其后加一行“责任单位：…”或在句末括号里写明单位；它是小标题时，其后应是带序号的任务。"
PAREN_RENUMBERED = (
    "提示：任务以“（一）（二）…”编号，第 {line} 行又从“（{numeral}）”编起；已按出现顺序编为序号 1–{count}"
)
NUMBER_CLASH = "“{text}…”的序号是 {number}，却排在序号 {last} 之后：清单混用了“1.”和“（一）”两种任务序号"
NUMBER_CLASH_HINT = "把任务序号统一成一种（都写“1.”“2.”或都写“（一）”“（二）”），使序号从小到大，再重新导入。"
MERGED_ROWS = "任务 {number} 的完成情况中夹着像单位名称的一行，其后又是正文“{text}”：可能是下一项任务的序号缺失或写错"
SENTENCE_IN_DEADLINE = (
    "任务 {number} 的完成时限中夹着一句正文“{text}”：可能是同一序号下的第二行（原表合并了序号和单位的单元格），"
    "或下一项任务的序号缺失"
)
SENTENCE_IN_DEADLINE_HINT = (
    "这句是本任务的第二行时，把它接在任务文字之后，两个时限写成一行（如“5月底前动工；12月底前”）；"
    "它是另一项任务时，给它补上自己的序号和各列。改好后重新导入。"
)
TITLE_FROM_FILE = "提示：页面没有标题，以文件名“{title}”作标题；可在数据文件的 document.title 中改正"
STRAY_LINE = "无法识别的行：“{text}”（在标题和下一项任务之间）"
STRAY_LINE_HINT = (
    "清单中的每一行应是部分标题（如“一、…”）、带序号的任务（如“1.…”）或“牵头单位：…”这样的标注；"
    "请把这一行并入上一行标题或删除。"
)
COLUMNS_OPTION_BAD = "应写两列以上，用逗号分隔，例如 序号,主要任务,牵头单位,落实情况"


# ---------------------------------------------------------------------------------------------
# Reading input files (inputs.py)
INPUT_MISSING = "找不到{what}“{path}”"
INPUT_MISSING_HINT = "检查文件名和路径。"
INPUT_FOLDER = "“{path}”是文件夹，不是{what}"
INPUT_FOLDER_HINT = "指定一个文件。"
INPUT_NOT_REGULAR = "{what}“{path}”不是普通文件（而是{kind}），不会读取"
INPUT_NOT_REGULAR_HINT = "指定一个保存在磁盘上的文件；要从管道读入，请写 - 表示标准输入。"
INPUT_TOO_BIG = "{what}“{path}”有 {size}，超过上限 {limit}，不会读取"
INPUT_TOO_BIG_HINT = "确认文件选对了；数据文件通常不到 1 MB。"
INPUT_UNREADABLE = "无法读取{what}“{path}”：{reason}"
INPUT_UNREADABLE_HINT = "检查文件权限。"
STDIN_TOO_BIG = "标准输入的内容超过上限 {limit}，不会读取"

# What a non-regular file is, by its kind.
FILE_KINDS = {
    "fifo": "命名管道（FIFO）",
    "char": "字符设备",
    "block": "块设备",
    "socket": "套接字",
    "other": "特殊文件",
}

# ---------------------------------------------------------------------------------------------
# Writing output (output.py). The overwrite policy is stated in the README: an explicit -o may
# replace an existing regular file, never an input, a non-regular file or a folder.
OUTPUT_IS_FOLDER = "输出路径“{path}”是一个文件夹"
OUTPUT_IS_FOLDER_HINT = "用 -o 指定文件名，例如 -o 结果.xlsx"
OUTPUT_SLASH = "输出路径“{path}”以 / 结尾，表示文件夹，而这里要写入一个文件"
OUTPUT_SLASH_HINT = "去掉末尾的 /，写成文件名，例如 -o 结果.xlsx；按单位拆分时才写入文件夹（--split-by unit）。"
OUTPUT_FOLDER_MISSING = "输出文件夹“{folder}”不存在"
OUTPUT_FOLDER_MISSING_HINT = "先创建该文件夹，或换一个输出路径。"
OUTPUT_IS_INPUT = "输出文件“{path}”就是本次读取的{what}，写入会把它覆盖"
OUTPUT_IS_INPUT_HINT = "用 -o 换一个输出文件名，例如在名字后加上“-新”。"
OUTPUT_NOT_REGULAR = "输出路径“{path}”是{kind}，不是普通文件，不会写入或替换它"
OUTPUT_NOT_REGULAR_HINT = "用 -o 指定一个普通文件；要输出到标准输出，请写 -o -。"
OUTPUT_BROKEN_LINK = "输出路径“{path}”是指向不存在位置的符号链接，不会写入或替换它"
OUTPUT_BROKEN_LINK_HINT = "删除或修正这个链接，或用 -o 换一个输出路径。"
OUTPUT_LINK_NOT_REGULAR = "输出路径“{path}”是符号链接，指向的“{target}”不是普通文件，不会写入"
OUTPUT_NAME_TOO_LONG = "输出文件名过长（{size} 字节，文件系统上限 {limit} 字节）：{name}"
OUTPUT_NAME_TOO_LONG_HINT = "用 -o 指定一个短一些的文件名。"
OUTPUT_EMPTY = "输出路径是空的"
OUTPUT_EMPTY_HINT = "用 -o 指定文件名，或写 -o - 输出到标准输出。"
OUTPUT_CANNOT_CREATE = "无法在“{folder}”中写文件：{reason}"
OUTPUT_CANNOT_CREATE_HINT = "检查文件夹的写入权限，或用 -o 换一个输出路径。"
OUTPUT_CANNOT_WRITE = "无法写入“{path}”：{reason}"
OUTPUT_CANNOT_WRITE_HINT = "检查磁盘空间和写入权限。"
STDOUT_FAILED = "无法写入标准输出：{reason}"
STDOUT_FAILED_HINT = "检查输出重定向的去处（磁盘是否已满、管道是否已关闭），或用 -o 写入文件。"
FOLDER_IS_FILE = "输出文件夹“{path}”已存在，但它不是文件夹"
FOLDER_IS_FILE_HINT = "用 -o 换一个文件夹名。"
FOLDER_CANNOT_CREATE = "无法创建文件夹“{path}”：{reason}"
FOLDER_CANNOT_CREATE_HINT = "检查路径和写入权限。"

# Reasons for OSError numbers people meet, said in Chinese (the system's words follow).
OS_REASONS = {
    "ENOSPC": "磁盘空间不足",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "EROFS": "文件系统只读",
    "ENAMETOOLONG": "文件名过长",
    "EPIPE": "管道已关闭",
    "EBADF": "输出已关闭",
    "EDQUOT": "超出磁盘配额",
    "EIO": "读写错误",
    "ENOENT": "路径不存在",
    "ENOTDIR": "路径中有一段不是文件夹",
    "EISDIR": "是文件夹",
}

# ---------------------------------------------------------------------------------------------
# Command-line options (cli.py)
OPTION_EMPTY = "选项 {option} 的值是空的"
OPTION_EMPTY_HINT = "写上要用的值，或者去掉这个选项。"
ATTACHMENT_BAD = "--attachment 的值“{value}”不是附件编号"
ATTACHMENT_BAD_HINT = "写成正整数，例如 --attachment 2；只标“附件”二字时写 --attachment ''。"
DIFF_EXIT_NOTE = "有差异时退出码为 1，没有差异为 0，出错为 2。"

# ---------------------------------------------------------------------------------------------
# What an `import` source turned out to be (formats/sniff.py)
SOURCE_KINDS = {
    "pdf": "这是 PDF 文件；本程序不从 PDF 中提取表格",
    "ole": "这是旧版 Office 文件（.doc 或 .xls），不是页面文本",
    "zip": "这是压缩包或 Word/WPS 文档（.zip/.docx），不是页面文本",
    "utf16": "这是 UTF-16 编码的文本，但缺少字节顺序标记，无法确定怎样读取",
    "utf32": "这是 UTF-32 编码的文本，无法读取",
}
SOURCE_KIND_HINT = (
    "在网页上全选复制页面文字，粘贴到记事本并“另存为”UTF-8 编码的 .txt 文件再导入；导出后编辑过的工作簿请另存为 .xlsx。"
)

# -- data format 2: the table's columns (formats/datafile.py, data/README.md) -----------------------
COLUMN_EXAMPLE = "例如：\n  columns:\n    - {field: number, label: 序号}\n    - {field: task, label: 主要任务}"
FORMAT_UNSUPPORTED = "不支持的格式版本“{value}”"
FORMAT_UNSUPPORTED_HINT = "本程序读取 format: 1 和 format: 2；新文件请写 format: 2。"
COLUMNS_IN_FORMAT_1 = "格式 1 的文件不能有 columns"
COLUMNS_IN_FORMAT_1_HINT = "要列出表格的列，请把第一行改为 format: 2；否则删去 columns。"
COLUMNS_MISSING = "缺少字段 columns（表格的列，按发布的顺序）"
COLUMNS_NOT_LIST = "columns 应是非空的列表，每项是一列"
COLUMN_UNKNOWN_FIELD = "列的字段“{field}”不认识"
COLUMN_UNKNOWN_FIELD_HINT = "可用的字段是：{fields}；表格中其他的列写成 field: extra，label 为表头文字。"
COLUMN_NO_LABEL = "列“{field}”缺少表头文字 label"
COLUMN_NO_LABEL_HINT = "写出发布时的表头，例如 {{field: {field}, label: {example}}}。"
COLUMN_REPEATED = "列的字段“{field}”重复（第 {line} 行已有）"
COLUMN_REPEATED_HINT = "每个字段只能有一列；表格中其他的列写成 field: extra。"
EXTRA_REPEATED = "其他列“{label}”重复（第 {line} 行已有）"
EXTRA_REPEATED_HINT = "extra 列的表头文字必须互不相同。"
COLUMN_REQUIRED = "columns 中缺少{name}列 {field}"
COLUMN_REQUIRED_HINT = "每项任务都有序号和任务内容：加上 {{field: {field}, label: {label}}}。"
TASK_FIELD_NOT_A_COLUMN = "任务中有字段“{field}”（{name}），但 columns 中没有这一列"
TASK_FIELD_NOT_A_COLUMN_HINT = "在 columns 中加上 {{field: {field}, label: 表头文字}}，或删去这一字段。"
EXTRA_UNKNOWN_LABEL = "其他列 extra 中的“{label}”不是表格的列"
EXTRA_UNKNOWN_LABEL_HINT = "columns 中 extra 列的表头是：{labels}；请检查拼写，或在 columns 中加上这一列。"
EXTRA_NO_COLUMN_HINT = "columns 中没有 extra 列；请先在 columns 中加上 {field: extra, label: 表头文字}。"
UNIT_IN_BOTH = "单位“{units}”同时列为牵头单位和配合单位"
UNIT_IN_BOTH_HINT = "一个单位在一项任务中只有一种角色：从 units 或 co_units 中删去一处。"

# -- timestamps (exporter/timestamps.py) -------------------------------------------------------------
BAD_SOURCE_DATE_EPOCH = "环境变量 SOURCE_DATE_EPOCH 的值“{value}”不是有效的时间戳"
BAD_SOURCE_DATE_EPOCH_HINT = (
    "写成自 1970-01-01 起的秒数（非负整数），例如 1706745600；或删除该变量，按文件的成文日期标注时间。"
)

# ---- File properties of PDF, OFD and Word (model.file_subject) ---------------------------------------
FILE_SUBJECT = "重点工作任务完成情况"
FILE_SUBJECT_TASKS = FILE_SUBJECT + "（任务 {numbers}，共 {count} 项）"

# ---- Word (.docx): the template's docx: part ---------------------------------------------------------
DOCX_TEMPLATE_MISSING = "模板缺少 docx 部分（Word 文档的页面、字体和列宽）"
DOCX_TEMPLATE_MISSING_HINT = "在模板开头写 extends: official 继承默认设置，或参照 templates/official.yaml 补上。"
DOCX_NOT_A_MAPPING = "模板的 docx.{name} 应是映射（键: 值）"
DOCX_NOT_A_MAPPING_HINT = "参照 templates/official.yaml 的 docx 部分。"
DOCX_FONT_FORM = "模板设置 docx.fonts.{role} 应写成 {{name: 字体名, size: 字号}}"
DOCX_FONT_FORM_HINT = "例如 {name: 仿宋, size: 小四}。"
DOCX_FONT_CHARSET = "docx.fonts.{role}.charset“{value}”不是认得的字符集"
DOCX_FONT_CHARSET_HINT = "写 gb2312（*_GB2312 字体）或 gbk；不限字符集的字体不写 charset。"
DOCX_FONT_FALLBACK = "docx.fonts.{role} 写了 charset，却没有写 fallback（字符集以外的字用什么字体）"
DOCX_FONT_FALLBACK_HINT = "例如 {name: 仿宋_GB2312, size: 小四, charset: gb2312, fallback: 仿宋}。"
DOCX_COLUMN_WIDTH = "docx.table.columns.{field}.width“{value}”无法识别"
DOCX_COLUMN_WIDTH_HINT = "写成 30%、14mm 或 *（平分其余宽度）。"
DOCX_COLUMN_ALIGN = "docx.table.columns.{field} 的对齐方式“{align}/{valign}”无法识别"
COLUMN_ALIGN_HINT = "align 可为 left、center、right；valign 可为 top、middle、bottom。"
DOCX_COLUMN_ALIGN_HINT = COLUMN_ALIGN_HINT
DOCX_COLOR = "颜色 docx.table.shade.{name}“{value}”无法识别"
DOCX_COLOR_HINT = "写成六位十六进制，例如 D9D9D9；none 为不加底色。"
DOCX_SHARE = "docx.{name}“{value}”应是 0% 到 100% 之间的比例"
DOCX_SHARE_HINT = "例如 25%。"
DOCX_MARGINS = "pdf.margins 太大，Word 文档的版心放不下表格"
DOCX_MARGINS_HINT = "减小页边距（PDF、OFD 与 Word 文档共用 pdf.margins）。"
DOCX_MOVED = "模板设置 docx.{name} 已不再使用：Word 文档与 PDF、OFD 共用 {home}"
DOCX_MOVED_HINT = "把这一项写到 {home} 下（三种格式一起生效），并从 docx 部分删去。"
DOCX_COLUMN_FIELD = "docx.table.columns 中的“{key}”不是数据文件的字段"
DOCX_COLUMN_FIELD_HINT = "可用的字段是：{fields}。"

# ---- Word (.docx): writing the document ------------------------------------------------------------
DOCX_CONTROL_CHARACTER = "{where}含有无法写入 Word 文档的控制字符 {chars}"
DOCX_CONTROL_CHARACTER_HINT = "删去这些字符后再导出（exporter check 会指出位置）。"
# where the character is, before DOCX_CONTROL_CHARACTER
DOCX_WHERE_FRONT = "表格前的文字（附件标注、标题、说明）"
DOCX_WHERE_HEADER = "表头"  # = WHERE_HEADER
DOCX_WHERE_HEADING = "标题行“{text}”"
DOCX_WHERE_PAGE_NUMBER = "模板的页码格式"

# ---------------------------------------------------------------------------------------------
# -- Reading files that arrive from outside (formats/sniff.py, html.py, docx/reader.py, xlsx/foreign.py) --

# What a file seems to be, by its content, for messages ("文件看起来是 PDF 文档").
KIND_NAMES = {
    "pdf": "PDF 文档",
    "ofd": "OFD 版式文件",
    "pptx": "PowerPoint 演示文稿（.pptx）",
    "ppt": "PowerPoint 演示文稿（.ppt）",
    "zip": "压缩包（.zip）",
    "rar": "压缩包（.rar）",
    "7z": "压缩包（.7z）",
    "gzip": "压缩包（.gz）",
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "gif": "GIF 图片",
    "bmp": "BMP 图片",
    "tiff": "TIFF 图片",
    "binary": "无法识别的二进制文件",
    "ole": "无法识别的 Office 旧格式文件",
}
IMPORTABLE = "可以导入：网页（.html/.mhtml）、Word（.docx/.doc/.wps）、Excel（.xlsx/.xls）、页面文本（.txt）"
UNSUPPORTED_KIND = "文件看起来是{kind}，不是可以导入的表格"
OLD_OFFICE_BROKEN = "这是旧版 Office 文件（.doc/.xls/.wps），但读不出其中的内容（文件已损坏或不完整）"
UNSUPPORTED_HINT = {
    "pdf": "PDF 中的表格无法可靠还原；请找到发布该表格的网页或 Word/Excel 附件再导入，"
    "或在网页上全选复制页面文字存为 .txt 后导入。",
    "ofd": "OFD 中的表格无法可靠还原；请找到发布该表格的网页或 Word/Excel 附件再导入。",
    "zip": "先解压，再导入其中的网页、Word 或 Excel 文件。",
    "rar": "先解压，再导入其中的网页、Word 或 Excel 文件。",
    "7z": "先解压，再导入其中的网页、Word 或 Excel 文件。",
    "gzip": "先解压，再导入其中的网页、Word 或 Excel 文件。",
}
UNSUPPORTED_DEFAULT_HINT = "请提供表格本身：" + IMPORTABLE + "。"
EXTENSION_MISMATCH = "（文件名是 .{ext}，但内容是{kind}，已按{kind}读取）"

ENCRYPTED = "文件设置了打开密码，无法读取"
ENCRYPTED_HINT = "请发件单位提供没有密码的文件，或在 WPS/Office 中输入密码打开后，“另存为”一份不设密码的文件再导入。"
CORRUPT = "文件已损坏或不完整，无法作为{kind}读取"
CORRUPT_HINT = "用 WPS/Office 打开该文件，“另存为”新文件后再导入；打不开时请发件单位重新发送。"
ZIP_TOO_LARGE = "文件解压后过大（声明 {size}，上限 {limit}），可能是恶意构造的压缩文件，已拒绝读取"
ZIP_TOO_LARGE_HINT = "正常的表格解压后不会这么大；请确认文件来源，或在 WPS/Office 中打开后另存为新文件再导入。"
ZIP_TOO_MANY = "文件包含 {count} 个部件（上限 {limit}），可能是恶意构造的压缩文件，已拒绝读取"
EXTERNAL_LINKS = "工作簿引用了其他文件中的数据（外部链接：{targets}），这些单元格显示的只是上次保存时的值，无法核实"
EXTERNAL_LINKS_HINT = "在 Excel/WPS 中用“数据 → 编辑链接 → 断开链接”把引用变成数值，保存后再导入。"
TITLE_FROM_NAME = "提示：表格上方没有标题，以“{title}”作为标题（可在数据文件中修改）。"
EXTERNAL_LINKS_COUNT = "{count} 个"
# formats/active.py: macros and linked content are refused (never run, never fetched)
MACROS_FOUND = "文件含有宏（{what}），为安全起见不导入含宏的文件（宏没有运行）"
MACRO_VBA = "VBA 工程 {part}"
MACRO_SHEET = "Excel 4.0 宏表 {part}"
MACRO_BASIC = "宏脚本 {part}"
MACRO_OLE = "VBA 工程，存储“{storage}”"
MACRO_XLS_SHEET = "Excel 4.0 宏表“{sheet}”"
MACROS_HINT_WORD = "在 WPS/Word 中打开文件，“另存为”不含宏的 Word 文档（.docx）后再导入。"
MACROS_HINT_BOOK = "在 WPS/Excel 中打开文件，“另存为”不含宏的 Excel 工作簿（.xlsx）后再导入。"
LINKED_CONTENT = "文件中有链接到其他文件的对象或域（{targets}），其中显示的只是上次保存时的内容，无法核实"
LINKED_CONTENT_HINT = (
    "在 WPS/Word 中“文件 → 信息 → 编辑指向文件的链接”里断开链接（或选中域按 Ctrl+Shift+F9 变为普通文字），"
    "保存后再导入。"
)

NO_TABLE_IN = "{what}中没有找到表格"
NO_TABLE_IN_HINT = "导入的文件应包含“重点工作任务完成情况”表格（表头如“序号 重点工作任务 完成情况 牵头责任单位”）。"

CONTROL_CHARACTERS = "含有控制字符 {chars}"
CONTROL_CHARACTERS_HINT = "这些不可见字符多由复制粘贴带入，删除后再导入。"
CONTROL_REFERENCE = "含有代表控制字符的字符引用 {refs}（{chars}）"
MHTML_PAGE = "{file} 中的网页"
DECODE_FAILED = "网页的文字无法按 {encoding} 编码解读（第 {line} 行）"
DECODE_FAILED_HINT = "用浏览器打开该网页，“另存为”“网页，仅 HTML”（UTF-8 编码）后再导入。"
MHTML_NO_HTML = "MHTML 文件中没有网页正文（text/html 部分）"
MHTML_NO_HTML_HINT = "用浏览器重新“另存为”网页（.html 或 .mhtml）后再导入。"

SOFFICE_MISSING = "读取 {kind} 文件需要 LibreOffice，但本机没有找到（soffice 命令）"
SOFFICE_MISSING_HINT = (
    "安装 LibreOffice：Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui；Windows/macOS 从 https://zh-cn.libreoffice.org 下载安装。"
    "也可以在 WPS/Word 中把文件“另存为”.docx（或 Excel 的 .xlsx）后再导入。"
)
SOFFICE_FAILED = "LibreOffice 无法转换该 {kind} 文件（{detail}）"
SOFFICE_FAILED_HINT = "文件可能已损坏或设置了密码；在 WPS/Word 中打开后“另存为”.docx 再导入。"
SOFFICE_TIMEOUT = "LibreOffice 转换该 {kind} 文件超过 {seconds} 秒仍未完成，已停止"

NUMBER_FORMAT_UNSUPPORTED = "单元格的数字格式“{code}”无法还原为 Excel 中显示的文字（单元格的值是 {value}）"
NUMBER_FORMAT_UNSUPPORTED_HINT = (
    "在 Excel/WPS 中把该单元格改为常用格式（如 0%、yyyy年m月d日、#,##0.00）或“文本”，保存后再导入。"
)
NUMBERING_UNSUPPORTED = "这里的 Word 自动编号使用“{fmt}”格式，无法读出它显示的序号"
NUMBERING_UNSUPPORTED_HINT = (
    "在 WPS/Word 中选中这些段落，“开始 → 编号”改用 1. 2. 3. 或 一、二、三、 这类编号，或把编号转成普通文字后再导入。"
)
NUMBERING_PARAGRAPH = "{file} 表格前的段落“{text}”"
WORKBOOK_NO_SHEETS = "工作簿中没有可见的、有内容的工作表"

# -- export --add-column (ops/columns.py) -----------------------------------------------------------
CHECK_COLUMNS = "表格共 {count} 列：{labels}"
ADD_COLUMN_EMPTY = "--add-column 的表头是空的"
ADD_COLUMN_HINT = "写出要加的列的表头，例如 --add-column 完成情况。"
ADD_COLUMN_EXISTS = "表格已有“{existing}”列（{name}），不能再加“{label}”"
ADD_COLUMN_EXISTS_HINT = (
    "--add-column 只加表格中还没有的列；要收集完成情况，请对没有完成情况列的分解表使用。"
    "表头对应的字段见 exporter/formats/headers.yaml。"
)
ADD_COLUMN_HELP = (
    "在表格末尾加一个空列（可重复），如 --add-column 完成情况：表头按同义词表对应到字段，"
    "其他表头作为“其他列”。常与 --split-by unit 一起用，把分解表发给各单位填写。"
)

# ---- OFD: embedding fonts (formats/ofd/writer.py) ----------------------------------------------------
OFD_FONT_NOT_EMBEDDABLE = "字体“{alias}”的文件“{path}”无法嵌入 OFD：{reason}"
OFD_FONT_NOT_EMBEDDABLE_HINT = "换一个 TrueType 轮廓的 .ttf 或 .ttc 字体文件。"
# Templates (templates.py, formats/pdf/style.py, formats/pdf/layout.py, formats/xlsx/writer.py)
TEMPLATE_SIZE_RANGE = "模板设置 {what} 的值“{value}”不合适：应{rule}"
TEMPLATE_SIZE_RANGE_HINT = "写成 三号、16pt、28mm 这样的正数尺寸（页边距、间距可以是 0）。"
TEMPLATE_FLAG = "模板设置 {what} 应是 true 或 false，而不是“{value}”"
TEMPLATE_FLAG_HINT = "写 true（是）或 false（否），不要加引号。"
TEMPLATE_INT = "模板设置 {what} 应是 {low}–{high} 之间的整数，而不是“{value}”"
TEMPLATE_INT_HINT = "写一个 {low} 到 {high} 之间的整数，例如 2。"
TEMPLATE_IS_FOLDER = "模板“{path}”是文件夹，不是模板文件"
TEMPLATE_IS_FOLDER_HINT = "指定文件夹中的 .yaml 模板文件，或用内置模板名，例如 official。"
TEMPLATE_ALIAS = "模板使用了 YAML 锚点或别名（& 或 *），本程序不接受"
TEMPLATE_ALIAS_HINT = "把别名处直接写成完整的值。"
# The page PDF, OFD and Word share (formats/paper.py)
PAGE_SIZE = "pdf.page.size“{value}”无法识别"
PAGE_SIZE_HINT = "可用：{names}。"
PAGE_ORIENTATION = "pdf.page.orientation“{value}”无法识别"
PAGE_ORIENTATION_HINT = "写 landscape（横向）或 portrait（纵向）。"
PAGE_NUMBER_N = "模板设置 pdf.page_number.format“{value}”中须有一处 {{n}}（页码）"
PAGE_NUMBER_UNKNOWN_FIELD = "未知的字段 {{{field}}}"
PAGE_NUMBER_BRACES = "花括号不成对"
TEMPLATE_PAGE_NUMBER = "模板设置 pdf.page_number.format“{value}”无法使用：{problem}"
TEMPLATE_PAGE_NUMBER_HINT = '只能用 {n} 表示页码，例如 "— {n} —"；要写花括号本身时写成 {{ 和 }}。'
TEMPLATE_HEADER_TOO_TALL = (
    "表头行太高（{lines} 行，{height:.0f}pt），加上一行正文后超过版心高度 {room:.0f}pt，任何任务都放不进一页"
)
TEMPLATE_HEADER_TOO_TALL_HINT = "缩短模板 labels 中的表头文字，或加大该列宽度、减小表头字号。"
FONT_NOT_REGULAR = "字体“{alias}”的文件“{path}”不是普通文件（{kind}）"
HEADING_TOO_TALL = "{what}“{text}”排成 {lines} 行，一页放不下（每页最多 {room} 行）"
HEADING_TOO_TALL_HINT = "缩短这个标题，或在模板中减小 pdf.table.section / subsection 的字号。"
TOO_MANY_PAGES = "排版超过 {limit} 页仍未结束，已停止（模板的尺寸设置可能不合理）"
TOO_MANY_PAGES_HINT = "检查模板的字号、行距、边距和列宽；用默认模板 official 试一试。"

# ---------------------------------------------------------------------------------------------
# Data file checks added against hostile input (formats/datafile.py)
DATA_INVISIBLE = "{what}只有看不见的字符（{codes}）"
DATA_INVISIBLE_HINT = "填写实际的文字，或删除这一项；零宽字符（U+200B 等）常随网页复制进来。"
DATA_UNIT_SPACES = "单位“{unit}”的开头或结尾有空格"
DATA_UNIT_SPACES_HINT = "删去单位名称前后的空格，否则按单位选择和拆分时会当成另一个单位。"
DATA_NUMBER_RANGE = "序号“{value}”超出范围：应是 1 到 {limit} 之间的整数"
DATA_NUMBER_RANGE_HINT = "改正这一任务的序号。"
DATA_FIELD_TOO_LONG = "document.{key} 过长，超过单元格上限 {limit} 字"
DATA_FIELD_TOO_LONG_HINT = "删减这一项；标题和文件信息应是短的文字。"
DATA_NUMBER_GAP = "提示：序号 {after} 之后缺少 {span}（共 {count} 项）；如非有意删减，请检查是否漏了任务"

# Reading the data file (formats/datafile.py)
# The YAML parser's problems, said in Chinese; the parser's own words follow in brackets.
YAML_PROBLEMS = {
    "mapping values are not allowed": "这里不能出现“键: 值”（常见原因：文字里有“: ”却没加引号，或缩进不对）",
    "did not find expected key": "缩进不一致，找不到应有的键",
    "did not find expected '-' indicator": "列表项的缩进不一致",
    "did not find expected node content": "这里缺少内容",
    "did not find expected ',' or ']'": "方括号 [ ] 没有成对",
    "did not find expected ',' or '}'": "花括号 { } 没有成对",
    "found unexpected end of stream": "文件在引号或括号闭合之前结束了",
    "found character that cannot start any token": "出现了不能作为开头的字符（如 Tab、@ 或 `）",
    "found a tab character": "缩进里有制表符 Tab，YAML 只能用空格缩进",
    "found unknown escape character": "双引号里有无法识别的转义符 \\",
    "could not find expected ':'": "缺少冒号",
}
YAML_PROBLEM = "{chinese}（{problem}）"
# What each task field is called in data-file messages ("完成情况 progress 应是列表")
DATA_FIELD_NAMES = {
    "units": "牵头责任单位",
    "co_units": "配合单位",
    "leaders": "牵头领导",
    "owners": "责任人",
    "progress": "完成情况",
    "problems": "存在问题",
    "next_steps": "下一步工作打算",
    "deadline": "完成时限",
    "status": "完成状态",
    "remarks": "备注",
}
DATA_SPACE = "空格"
DATA_NOT_MAPPING = "{what}应是“键: 值”的映射"
DATA_NOT_MAPPING_HINT = "按 data/README.md 中的示例书写这一部分。"
DATA_BAD_KEY = "{what}中有无法识别的键"
DATA_BAD_KEY_HINT = "键应是简单的文字，例如 title。"
DATA_KEY_REPEATED = "{what}中的键“{key}”重复出现"
DATA_KEY_REPEATED_HINT = "删除重复的一行。"
DATA_NOT_TEXT = "{what}应是一段文字，而不是列表或映射"
DATA_NOT_TEXT_HINT = "把{what}写成一行文字。"
DATA_CONTROL_CHARACTER = "{what}含有控制字符 {chars}"
DATA_CONTROL_CHARACTER_HINT = "删除这些不可见字符；多段内容请写成列表中的多个项目。"
DATA_NOT_LIST = "{what}应是列表（每项一行，以“- ”开头）"
DATA_NOT_LIST_HINT = "把{what}写成列表，例如：\n    - 第一段"
DATA_BLANK_ITEM = "{what}中有空白的项目"
DATA_BLANK_ITEM_HINT = "删除这一项或填写内容。"
DATA_AN_ITEM = "{what}中的一项"
DATA_UNKNOWN_FIELD = "{what}中有未知的字段“{field}”"
DATA_FIELDS_HINT = "可用的字段是：{fields}；请检查拼写。"
DATA_WHAT_FILE = "文件"
DATA_WHAT_TOP = "文件顶层"
DATA_NO_FORMAT = "缺少字段 format"
DATA_NO_FORMAT_HINT = "在文件开头加一行 format: {version}"
DATA_NO_SECTIONS = "缺少字段 sections"
DATA_NO_SECTIONS_HINT = "按 data/README.md 的示例加上 sections 列表。"
DATA_SECTIONS_EMPTY = "sections 应是非空的列表"
DATA_SECTIONS_EMPTY_HINT = "至少写一个部分，每个部分含 tasks 列表。"
DATA_WHAT_COLUMN = "列"
DATA_WHAT_COLUMN_FIELD = "列的字段 field"
DATA_COLUMN_NO_FIELD = "列缺少字段 field"
DATA_WHAT_COLUMN_LABEL = "列的表头 label"
EXTRA_LABEL_EXAMPLE = "联系电话"
DATA_NO_DOCUMENT = "缺少字段 document"
DATA_NO_DOCUMENT_HINT = "加上 document: 并在其下写 title 等字段。"
DATA_NO_TITLE = "document 缺少标题 title"
DATA_NO_TITLE_HINT = "加上一行 title: 文件标题"
DATA_WHAT_SECTION = "部分"
DATA_WHAT_SECTION_NUMERAL = "部分序号 numeral"
DATA_WHAT_SECTION_TITLE = "部分标题 title"
DATA_SECTION_NUMERAL = "部分序号“{numeral}”不是中文数字"
DATA_SECTION_NUMERAL_HINT = "写成 一、二、……十二 这样的中文数字。"
DATA_SUBSECTIONS_NOT_LIST = "subsections 应是列表"
DATA_SUBSECTIONS_NOT_LIST_HINT = "每个小标题写成以“- ”开头的一项。"
DATA_SECTION_EMPTY = "部分“{heading}”既没有 tasks 也没有 subsections"
DATA_SECTION_EMPTY_HINT = "加上该部分的任务列表 tasks。"
DATA_WHAT_SUBSECTION = "小标题"
DATA_WHAT_SUBSECTION_NUMERAL = "小标题序号 numeral"
DATA_WHAT_SUBSECTION_TITLE = "小标题 title"
DATA_SUBSECTION_NUMERAL = "小标题序号“{numeral}”不是中文数字"
DATA_SUBSECTION_NUMERAL_HINT = "写成 一、二、三 这样的中文数字。"
DATA_SUBSECTION_EMPTY = "小标题“{heading}”缺少 tasks"
DATA_SUBSECTION_EMPTY_HINT = "加上该小标题下的任务列表 tasks。"
DATA_TASKS_NOT_LIST = "tasks 应是列表"
DATA_TASKS_NOT_LIST_HINT = "每个任务写成以“- number:”开头的一项。"
DATA_WHAT_TASK = "任务"
DATA_NO_NUMBER = "任务缺少序号 number"
DATA_NO_NUMBER_HINT = "加上一行 number: 序号（整数）。"
DATA_BAD_NUMBER = "序号 number 应是正整数，而不是“{value}”"
DATA_BAD_NUMBER_HINT = "写成阿拉伯数字，例如 number: 86"
DATA_WHAT_TASK_TEXT = "任务内容 task"
DATA_NO_TASK = "任务缺少内容 task"
DATA_NO_TASK_HINT = "加上一行 task: 任务内容。"
DATA_TASK_EMPTY = "任务内容 task 是空的"
DATA_TASK_EMPTY_HINT = "填写任务内容。"
DATA_NO_UNITS = "任务缺少牵头责任单位 units"
DATA_NO_UNITS_HINT = "加上 units: 列表，第一项是牵头单位。"
DATA_UNITS_EMPTY = "牵头责任单位 units 是空的"
DATA_UNITS_EMPTY_HINT = "至少写一个单位，第一项是牵头单位。"
DATA_UNIT_REPEATED = "单位重复：{units}"
DATA_UNIT_REPEATED_HINT = "每个单位只写一次。"
DATA_TASK_TOO_LONG = "任务文字过长（{size} 字），超过单元格上限 {limit} 字"
DATA_TASK_TOO_LONG_HINT = "请删减或拆分这一任务的完成情况。"
DATA_TASK_UNKNOWN_FIELD = "任务中有未知的字段“{field}”"
DATA_WHAT_EXTRA = "其他列 extra"
DATA_WHAT_EXTRA_COLUMN = "其他列“{label}”"
DATA_NUMBER_REPEATED = "序号 {number} 重复（第 {line} 行已有）"
DATA_NUMBER_REPEATED_HINT = "每个任务的序号必须唯一，请改正其中一个。"
DATA_NUMBER_ORDER_HINT = "按序号顺序排列任务，或改正序号。"
DATA_SECTION_ORDER = "部分序号“{numeral}”没有按顺序排列"
DATA_SECTION_ORDER_HINT = "部分应按 一、二、三…… 的顺序排列。"
DATA_SUBSECTION_ORDER = "部分“{section}”中的小标题序号“{numeral}”没有按顺序排列"
DATA_SUBSECTION_ORDER_HINT = "小标题应按 （一）（二）（三）…… 的顺序排列。"
DATA_ALIAS = "文件使用了 YAML 锚点或别名（& 或 *），本程序不接受"
DATA_ALIAS_HINT = "把别名处直接写成完整的文字。"
DATA_FILE_CONTROL_CHARACTER = "文件含有不允许的控制字符 U+{code:04X}"
DATA_FILE_CONTROL_CHARACTER_HINT = "删除这个不可见字符后再试。"
YAML_CONTEXT = "（与第 {line} 行有关）"
YAML_SYNTAX = "YAML 语法错误{context}：{problem}"
YAML_SYNTAX_HINT = "检查这一行及上一行的缩进、冒号后的空格、括号和引号是否成对。"
YAML_UNREADABLE = "YAML 无法读取：{reason}"
YAML_UNREADABLE_HINT = "检查文件是否为 YAML 格式。"
DATA_EMPTY_FILE = "文件是空的"
DATA_EMPTY_FILE_HINT = "按 data/README.md 的示例填写数据。"
DATA_NOT_UTF8 = "文件不是 UTF-8 编码"
DATA_NOT_UTF8_HINT = "请把文件另存为 UTF-8 编码。"
IMPORT_CHECK_TASK = "（任务 {task}）"
IMPORT_CHECK_MORE = "等 {count} 处"
IMPORT_CHECK_FAILED = "导入的内容未通过检查{more}：{problems}"
IMPORT_CHECK_FAILED_HINT = "按提示改正来源中对应的任务后再导入。"

# ---------------------------------------------------------------------------------------------
# Returned workbooks (formats/xlsx/reader.py)
WORKBOOK_FORMULA = "单元格是公式（{formula}），但文件里没有保存它的计算结果，读出来会是空的"
WORKBOOK_FORMULA_HINT = "在 Excel 或 WPS 中打开工作簿并保存一次（保存计算结果）；或把公式改成它应显示的文字。"
WORKBOOK_UNREADABLE_CELL = "单元格里有内容，但它的类型标记与内容不符，读出来是空的"
WORKBOOK_UNREADABLE_CELL_HINT = "在 Excel 或 WPS 中打开，把这个单元格重新输入一遍（或复制为纯文字）后保存再导入。"
WORKBOOK_ROWS_MISSING = "任务 {numbers} 的行不见了（共 {count} 项，导出时在这张表上）"
WORKBOOK_ROWS_MISSING_COUNT = "导出时这张表有 {count} 项任务，现在只读到 {found} 项，有任务行被删除了"
WORKBOOK_ROWS_MISSING_HINT = (
    "从分发的原工作簿中把删去的行复制回来再导入；任务不能在工作簿中删除，确需删除请在合并后的数据文件中删除并说明。"
)
WORKBOOK_DAMAGED = "工作簿中的工作表内容已损坏，无法读取（{kind}）"
WORKBOOK_SHEET_DAMAGED = "工作表“{sheet}”的内容已损坏，无法读取（{kind}）"
WORKBOOK_DAMAGED_HINT = "用 Excel 或 WPS 打开后另存为 .xlsx 再试；若仍不行，请用分发的原工作簿重新填写。"

# Returned workbooks, read back row by row (formats/xlsx/reader.py)
SPAN_NONE = "没有任务"
SPAN_ONE = "任务 {first}"
SPAN_RANGE = "任务 {first}–{last}"
WHERE_SHEET = "工作表“{sheet}”"
WHERE_CELL = "单元格 {cell}"
WORKBOOK_CONTROL_CHARACTER = "含有控制字符 {chars}"
WORKBOOK_CONTROL_CHARACTER_HINT = "删除这些不可见字符后再导入。"
WORKBOOK_NUMBER_RANGE_HINT = "序号必须保持导出时的阿拉伯数字，不要修改序号列。"
WORKBOOK_NUMBER_BAD = "序号“{text}”不是正整数"
WORKBOOK_NUMBER_EMPTY = "序号是空的"
WORKBOOK_NUMBER_BAD_HINT = "序号必须保持导出时的阿拉伯数字，不要修改或清空序号列。"
WORKBOOK_NO_HEADER = "找不到表头行（{labels}）"
WORKBOOK_NO_HEADER_HINT = "不要删除或修改表头行；请在重新导出的工作簿中编辑。"
WORKBOOK_EXPECTED_ROW = "这里应是“{text}”。"
WORKBOOK_HEADING_ROWS_HINT = "部分和小标题行不能修改、删除或调换顺序。"
WORKBOOK_STRAY_ROW = "无法识别的行“{text}”（不是任务行，也不是本部分的标题行）"
WORKBOOK_NO_SECTION_ROW = "缺少部分标题行“{heading}”"
WORKBOOK_NO_SECTION_ROW_HINT = "不要删除部分标题行。"
WORKBOOK_NUMBER_REPEATED = "序号“{number}”重复（{where} 已有）"
WORKBOOK_NUMBER_REPEATED_HINT = "每项任务只能出现一次；删除多出的一行或改回原来的序号。"
WORKBOOK_WRONG_SECTION = "序号“{number}”不属于这一部分（导出时本部分为{span}）"
WORKBOOK_WRONG_SECTION_HINT = "任务行不能移到别的工作表；请把它移回原来的部分。"
WORKBOOK_UNDER_SUBSECTION = "小标题“{heading}”下"
WORKBOOK_BEFORE_SUBSECTIONS = "第一个小标题之前"
WORKBOOK_WRONG_SUBSECTION = "序号“{number}”不应在{place}（导出时那里是{span}）"
WORKBOOK_WRONG_SUBSECTION_HINT = "任务行不能移到别的小标题下；请把它移回原位。"
WORKBOOK_NUMBER_ORDER = "序号“{number}”排在“{previous}”之后，顺序被打乱"
WORKBOOK_NUMBER_ORDER_HINT = "任务应按序号从小到大排列；把这一行移回原位。"
WORKBOOK_CONTINUATIONS = (
    "任务 {number} 导出时有 {exported} 个续行，现在有 {count} 个；其中有跨行拆开的段落，无法确定怎样接回"
)
WORKBOOK_CONTINUATIONS_HINT = "恢复删去或新增的续行；要增删内容，请直接改写已有续行的“{label}”单元格。"
WORKBOOK_NO_SUBSECTION_ROW = "缺少小标题行“{heading}”"
WORKBOOK_NO_SUBSECTION_ROW_HINT = "小标题行不能删除或修改。"
WORKBOOK_TASK_EMPTY = "任务内容是空的"
WORKBOOK_TASK_EMPTY_HINT = "填写任务内容，或删除整行。"
AND_MORE = "等"
WORKBOOK_NO_PROGRESS_COLUMN = "“{text}”像续行，但这份表格没有完成情况列"
WORKBOOK_NO_PROGRESS_COLUMN_HINT = "序号列只能填阿拉伯数字；请改回导出时的序号。"
WORKBOOK_CONTINUATION_MOVED = "续行“{text}”不在任务 {number} 的行或其续行的正下方"
WORKBOOK_CONTINUATION_MOVED_HINT = (
    "续行只接续紧挨在它上面的任务 {number}；请把这一行移回任务 {number} 的下面，"
    "或把其中的文字并入任务 {number} 的“{label}”单元格后删除这一行。"
)
WORKBOOK_CONTINUATION_CELL = "续行的“{label}”单元格应为空"
WORKBOOK_CONTINUATION_CELL_HINT = "续行只接续“{progress}”；请把这里的文字移到任务 {number} 那一行的“{label}”单元格中。"
WORKBOOK_NOT_XLSX = "文件不是有效的 Excel 工作簿（.xlsx）"
WORKBOOK_NOT_XLSX_HINT = "确认文件是用 Excel、WPS 或 LibreOffice 另存为的 .xlsx 格式，而不是改了扩展名的其他文件。"
WORKBOOK_BROKEN = "工作簿已损坏或不是 .xlsx 格式，无法打开"
WORKBOOK_BROKEN_HINT = "用 Excel 或 WPS 打开后另存为 .xlsx 再试。"
WORKBOOK_EXTRA_SHEET = "工作表“{sheet}”不是导出时的工作表"
WORKBOOK_EXTRA_SHEET_HINT = "不要新增或重命名工作表；新增的内容请写进原有工作表的单元格中。"
WORKBOOK_SHEET_MISSING = "缺少工作表“{sheet}”"
WORKBOOK_SHEET_MISSING_HINT = "不要删除或重命名工作表；请在重新导出的工作簿中编辑。"

# ---------------------------------------------------------------------------------------------
# Merging returned parts (ops/compare.py, ops/origin.py)
MERGE_OTHER_DOCUMENT = "返回文件来自另一份文件（“{part}”），不是底稿“{base}”拆分出的，不能合并"
MERGE_OTHER_DOCUMENT_HINT = "确认底稿用对了（年份、版本）；返回文件应是用这份底稿 --split-by unit 分发后交回的。"
MERGE_NO_BASIS = (
    "注意：{part} 没有记录分发时的内容（由旧版本或手工制作），按与底稿的差异合并；"
    "底稿在分发后改过的地方若被它带回旧文字，会显示为该单位的改动，请核对。"
)
MERGE_BASE_CONFLICT = "合并冲突，共 {count} 处：单位改了的地方，底稿在分发后也改了，且改得不同；没有写出合并文件："
MERGE_BASE_CHANGED = "任务 {task} 的{field}：{part} 改过，底稿在分发后也改过"
MERGE_BASE_CONFLICT_HINT = "与该单位核实后，在底稿或返回文件中改成一致的文字再合并。"

# Merging: the report and its conflicts (ops/compare.py)
MERGE_PARAGRAPH = "第{index}段“{text}”"
MERGE_PARAGRAPHS_CUT = "删去第{index}段起的内容"
MERGE_PARAGRAPHS_ALL_CUT = "完成情况全部删去"
MERGE_QUOTED = "“{text}”"
MERGE_NO_TITLE = "（无标题）"
MERGE_UNKNOWN_TASKS = "返回文件中的任务 {numbers} 在底稿中不存在，无法合并"
MERGE_UNKNOWN_TASKS_HINT = "确认底稿是否用对了（年份、版本）；若返回文件改动了序号，请改回底稿中的序号。"
MERGE_OTHER_TITLE = "注意：{part} 的标题“{title}”与底稿“{base}”不同，请确认底稿用对了；标题未合并。"
MERGE_MOVED = "注意：{part} 中任务 {task} 位于“{where}”，与底稿“{base_where}”不同；位置未合并，沿用底稿。"
MERGE_BASE_NOW = "底稿现在：{value}"
MERGE_VERSION = "{part}：{value}"
MERGE_DISAGREE = "任务 {task} 的{field}在 {parts} 中改得不一致："
MERGE_CONFLICT = "合并冲突，共 {count} 处，没有写出合并文件："
MERGE_CONFLICT_HINT = "与相关单位核实后，改正其中一个返回文件再合并；或先不合并其中一个文件。"
MERGE_PART_UNCHANGED = "{part}：没有改动"
MERGE_ITEM = "任务 {task} {field}"
MERGE_ITEM_SAME_AS = "（与 {part} 相同）"
MERGE_PART_CHANGED = "{part}：{items}"
MERGE_DONE = "合并完成：{edits} 处改动，涉及 {tasks} 项任务。"
MERGE_DONE_UNCHANGED = "合并完成：各返回文件与底稿相同，没有改动。"

# ---------------------------------------------------------------------------------------------
# Command line: what the files are called in messages (cli.py, inputs.py, output.py)
WHAT_DATA = "数据文件"
WHAT_SOURCE = "来源文件"
WHAT_TEMPLATE = "模板文件"
WHAT_BASE = "底稿"
WHAT_PART = "返回文件"
STDIN_NAME = "标准输入"

# Command line: help texts (cli.py). Command texts are written flush left; click prints them as it
# printed the docstrings they were.
HELP_MAIN = """把“政府工作报告重点工作任务完成情况”导出为规范化数据、Excel 工作簿、PDF、OFD 和 Word 文档。

\b
常用：
  exporter export xlsx                 导出内置 2023 年数据的工作簿
  exporter export pdf --section 九     把第九部分排成 PDF
  exporter import 页面.txt -o 数据.yaml 导入新发布的文件
"""
HELP_IMPORT = """把来源文件转成规范化数据文件。文件类型按内容识别：

\b
  网页（.html、.mhtml）、Word（.docx、.doc、.wps）、Excel（.xlsx、.xls），
  本工具导出后编辑过的工作簿（原样读回），发布页面的文本（.txt）。
.doc、.wps 需要本机装有 LibreOffice。

\b
例：exporter import 2023.txt -o data/2023.yaml
    exporter import 页面.html -o 2024.yaml
    exporter import 附件.docx -o 2024.yaml --columns 序号,重点工作任务,完成情况,牵头责任单位
"""
HELP_CHECK = (
    "检查数据文件：结构与类型、表格的列、序号唯一且递增、每项任务有内容（格式 1 还须有单位）、部分顺序、控制字符。"
    """

\b
没有问题时退出码为 0，有问题时列出每处问题（文件、行号、任务序号）并以 1 退出。
例：exporter check data/2023.yaml
"""
)
HELP_SECTIONS = """列出各部分及其任务序号范围和任务数。

\b
例：exporter sections
"""
HELP_UNITS = """列出所有单位（牵头和配合），及其牵头和参与的任务数。

\b
有“配合单位”列时，units 中的单位为牵头、co_units 中的为参与；
没有时，每项任务的第一个单位为牵头，其余为参与。
例：exporter units
"""
HELP_EXPORT = "导出工作簿（xlsx）、PDF、OFD 或 Word 文档（docx）。"
HELP_EXPORT_XLSX = """导出 Excel 工作簿：每个部分一个工作表，另有“目录”表。

\b
例：exporter export xlsx
    exporter export xlsx --section 九 -o 第九部分.xlsx
    exporter export xlsx --unit 市发展改革委
    exporter export xlsx --split-by unit -o 各单位/
    exporter export xlsx --split-by unit --add-column 完成情况 -o 各单位/   （分解表发给各单位填写）
"""
HELP_EXPORT_PDF = """导出 PDF：按原表格排版的公文附件，字体嵌入文件。

\b
例：exporter export pdf
    exporter export pdf --section 九 --attachment 2
    exporter export pdf --unit 市发展改革委 -o 发改委.pdf
"""
HELP_EXPORT_OFD = """导出 OFD（GB/T 33190 版式文档）：与 PDF 同样的页面、位置和字体，字体嵌入文件。

\b
供电子公文系统和归档使用。
例：exporter export ofd
    exporter export ofd --section 九 --attachment 2
    exporter export ofd --split-by unit -o 各单位/
"""
HELP_EXPORT_DOCX = """导出 Word 文档（.docx）：与 PDF 版式相同的公文附件，可在 Word、WPS 文字中修改。

\b
表头在每页重复，页码“— N —”单页居右、双页居左；字体按名称指定（不嵌入）。
例：exporter export docx
    exporter export docx --section 九 --attachment 2
    exporter export docx --split-by unit -o 各单位/
"""
HELP_DIFF = (
    """逐项列出两个数据文件之间的差异（任务、字段）。

\b
"""
    + DIFF_EXIT_NOTE
    + """
例：exporter diff data/2023.yaml 返回/市发展改革委.yaml
"""
)
HELP_MERGE = """把各单位返回的部分合并到底稿；同一字段被不同单位改得不一致时停止。

\b
例：exporter merge data/2023.yaml 返回/*.yaml -o 2023-合并.yaml
"""
# option help and metavars
HELP_DATA = "数据文件（默认：内置的 2023 年数据）。"
HELP_UNIT = "只保留该单位牵头或配合的任务，例如 --unit 市发展改革委。"
HELP_SECTION = "只导出这些部分：九、9，可重复或写成 二,三。"
HELP_IMPORT_OUTPUT = "写入的数据文件（默认：标准输出）。"
HELP_KEEP_PUNCTUATION = "保留来源中的半角标点，不恢复为全角。"
HELP_COLUMNS = (
    "表头认不出时，按表格各列的顺序写出它们对应的标准表头，用逗号分隔，"
    "例如 --columns 序号,重点工作任务,完成情况,牵头责任单位。"
)
HELP_TEMPLATE = "模板名（templates/ 中）或模板文件，默认 official。"
HELP_OUTPUT = "输出文件（默认按标题命名；- 为标准输出）。"
HELP_SPLIT_BY = "按单位拆分为多个文件，写入 -o 指定的文件夹。"
HELP_ATTACHMENT = "在首页左上角标注“附件N”（N 可省略为空字符串）。"
HELP_MERGE_OUTPUT = "合并后的数据文件。"
METAVAR_UNIT = "单位"
METAVAR_SECTION = "部分"
METAVAR_LABELS = "表头,…"
METAVAR_LABEL = "表头"

# Command line: what the commands report (cli.py)
PROGRESS = "\r{label}：{done}/{total}（{percent}%）"
PROGRESS_EXPORT = "正在生成 {fmt}"
PROGRESS_SPLIT = "正在按单位生成 {fmt}"
WROTE_DATA = "已写入 {path}：{sections} 个部分，{tasks} 项任务。"
WROTE_FILE = "已写入 {path}：{tasks} 项任务。"
WROTE_FOLDER = "已写入 {folder}/：{count} 个文件。"
CHECK_OK = "{file}：没有发现问题。{sections} 个部分，{subsections} 个小标题，{tasks} 项任务。"
SECTIONS_COMMAND_LINE = "{heading}\t任务 {range}\t共 {count} 项"
NO_SECTION_HEADING = "（不分部分）"
UNITS_COMMAND_LINE = "{unit}\t牵头 {led} 项\t参与 {joined} 项"
SPLIT_FOLDER_NAME = "{title}（按单位）"
SPLIT_TO_STDOUT = "按单位拆分时不能输出到标准输出"
SPLIT_TO_STDOUT_HINT = "用 -o 指定一个文件夹。"
SPLIT_WITH_UNIT = "--unit 与 --split-by unit 不能同时使用"
SPLIT_WITH_UNIT_HINT = "去掉 --unit 以导出每个单位各自的文件；只要一个单位时去掉 --split-by。"
ERROR_LINE = "错误：{message}"
USAGE_ERROR = "用法错误：{message}{hint}"
USAGE_HINT = "\n运行 `{command} --help` 查看用法。"
ABORTED = "已取消。"
INTERRUPTED = "已中断。"

# ---------------------------------------------------------------------------------------------
# Choosing sections and units (ops/select.py)
SECTION_DESCRIBED = "{heading}（任务 {range}）"
NO_SECTIONS = "没有第“{token}”部分：这份文件没有分部分"
NO_SECTIONS_HINT = "去掉 --section 选项，导出全部任务。"
NO_SUCH_SECTION = "没有第“{token}”部分。现有部分：{listing}"
NO_SUCH_SECTION_HINT = (
    "用中文或阿拉伯数字指定部分，例如 --section 九 或 --section 9；`exporter sections` 列出全部部分。"
)
NO_SUCH_UNIT = "没有单位“{unit}”。最接近的单位：{close}"
NO_SUCH_UNIT_HINT = "单位名称须与数据完全一致；`exporter units` 列出全部单位。"
UNIT_NOT_IN_SECTIONS = "单位“{unit}”在所选部分（{sections}）中没有任务"
UNIT_NOT_IN_SECTIONS_HINT = "这个单位的任务在其他部分；去掉 --section，或用 `exporter units` 查看各单位的任务。"

# A unit's own part: the line under its title (model.unit_line, every writer)
ROLE_LED = "牵头 {count} 项（{numbers}）"
ROLE_JOINED = "参与 {count} 项（{numbers}）"
UNIT_LINE = "本单位：{unit}"
UNIT_LINE_WITH_ROLES = "本单位：{unit}。{summary}"

# ---------------------------------------------------------------------------------------------
# Comparing documents: what `diff` prints (ops/compare.py)
# What each task field is called in diff and merge texts (FIELD_NAMES for the rest)
DIFF_FIELD_NAMES = {"task": "任务内容", "progress": "完成情况", "units": "单位"}
# What each document field (meta key) is called
META_NAMES = {
    "title": "标题",
    "issuer": "发布机构",
    "index_no": "索引号",
    "category": "信息分类",
    "written": "成文日期",
    "published": "发布日期",
    "validity": "有效性",
    "source": "来源",
    "effective": "生效时间",
    "expires": "废止时间",
    "doc_no": "文号",
    "office": "所属机构",
    "name": "名称",
    "contact_office": "政策咨询机关",
    "contact_phone": "政策咨询电话",
    "views": "浏览量",
    "posted": "发表时间",
    "editor": "编辑",
    "preamble": "前言",
    "unit": "单位",
}
# Change.action: both the value compared in code and the word printed
ACTION_EDITED = "修改"
ACTION_ADDED = "新增"
ACTION_REMOVED = "删除"
LIST_SEPARATOR = "、"
PARAGRAPH_SEPARATOR = "；"
EDIT_REPLACED = "“{old}”改为“{new}”"
EDIT_DELETED = "删去“{old}”"
EDIT_INSERTED = "在“{before}”后加入“{new}”"
EDIT_INSERTED_AT_START = "开头加入“{new}”"
DIFF_OLD = "原：{text}"
DIFF_NEW = "新：{text}"
DIFF_EDITS = "改动：{edits}"
UNITS_LEAD_CHANGED = "牵头单位由“{old}”改为“{new}”"
UNITS_ADDED = "增加{units}"
UNITS_REMOVED = "删除{units}"
UNITS_REORDERED = "顺序调整"
TASK_BLOCK_TASK = "任务内容：{text}"
TASK_BLOCK_PARAGRAPH = "完成情况第{index}段：{text}"
TASK_BLOCK_UNITS = "单位：{units}"
LABELLED_VALUE = "{label}：{value}"
DIFF_MOVED = "位置 移动：由“{old}”移到“{new}”"
DIFF_TASK_EDITED = "任务内容 修改"
DIFF_PARAGRAPH = "完成情况 第{index}段 {action}"
DIFF_UNITS_EDITED = "单位 修改：{summary}"
DIFF_VALUE_ADDED = "{label} 新增：{value}"
DIFF_VALUE_REMOVED = "{label} 删除（原为：{value}）"
DIFF_VALUE_EDITED = "{label} 修改"
SUMMARY_EDITED = "修改 {count} 项任务"
SUMMARY_ADDED = "新增 {count} 项任务"
SUMMARY_REMOVED = "删除 {count} 项任务"
SUMMARY_FIELDS = "文件信息或标题 {count} 处"
SUMMARY_COLUMNS = "表格的列 {count} 处"
SUMMARY_SEPARATOR = "，"
DIFF_PART_NOTE = "说明：{part} 是“{unit}”的返回部分（{tasks} 项任务），只与 {full} 中的这些任务比较。"
DIFF_PART_SAME = "返回部分与底稿相应任务的内容相同，没有改动。"
DIFF_SAME = "两个文件内容相同。"
DIFF_COUNT = "共 {count} 处差异：{summary}。"
DIFF_FIELDS_HEADING = "文件信息"
DIFF_COLUMNS_HEADING = "表格的列"
DIFF_COLUMN_ADDED = "新增“{label}”列"
DIFF_COLUMN_REMOVED = "删除“{label}”列"
DIFF_COLUMN_RENAMED = "表头“{old}”改为“{new}”"
DIFF_HEADINGS_HEADING = "部分和小标题"
DIFF_SECTION = "部分"
DIFF_SUBSECTION = "小标题"
DIFF_IN_SECTION = "（在“{section}”中）"
DIFF_HEADING_EDITED = "{what} 修改{where}"
DIFF_HEADING_ADDED = "{what} 新增{where}：{text}"
DIFF_HEADING_REMOVED = "{what} 删除{where}：{text}"
DIFF_NO_SECTION = "不分部分"
DIFF_TASK_ADDED = "任务 {task} 新增（{section}）"
DIFF_TASK_REMOVED = "任务 {task} 删除（原在“{section}”）"
DIFF_TASK = "任务 {task}"

# ---------------------------------------------------------------------------------------------
# Loading templates (templates.py)
WHAT_SIZE = "尺寸"
WHAT_FONT_SIZE = "字号"
SIZE_UNREADABLE = "{what}“{value}”无法识别"
SIZE_UNREADABLE_HINT = "写成 三号、16pt、28mm 或 1.8cm 这样的形式。"
TEMPLATE_SETTING_MISSING = "模板缺少设置 {path}"
TEMPLATE_SETTING_MISSING_HINT = "在模板中补上这一项，或在模板开头写 extends: official 继承默认设置。"
RULE_POSITIVE = "大于 0"
RULE_NOT_NEGATIVE = "不小于 0"
TEMPLATE_FILE_MISSING = "模板文件“{name}”不存在"
TEMPLATE_FILE_MISSING_HINT = "检查路径，或用内置模板名，例如 official。"
TEMPLATE_UNKNOWN = "没有名为“{name}”的模板。可用模板：{names}"
TEMPLATE_UNKNOWN_HINT = "用 --template 指定内置模板名或模板文件路径。"
TEMPLATE_CYCLE = "模板“{path}”循环继承"
TEMPLATE_CYCLE_HINT = "检查各模板的 extends 字段。"
TEMPLATE_NOT_YAML = "模板不是有效的 YAML"
TEMPLATE_NOT_YAML_HINT = "检查缩进与冒号，文件须为 UTF-8 编码。"
TEMPLATE_NOT_MAPPING = "模板应是“键: 值”的映射"
TEMPLATE_NOT_MAPPING_HINT = "参照 templates/official.yaml 书写。"

# ---------------------------------------------------------------------------------------------
# How every error is printed (errors.py)
WHERE_FILE_LINE = "{file} 第 {line} 行"
WHERE_LINE = "第 {line} 行"
WHERE_TASK = "任务 {task}"
WHERE_SEPARATOR = "，"
MESSAGE_AT = "{where}：{message}"
HINT_LINE = "\n  修改方法：{hint}"
PROBLEMS_FOUND = "发现 {count} 处问题"
DATA_PROBLEMS = "数据文件有 {count} 处问题："
PROBLEM_ITEM = "- {problem}"

# Sizes in messages (inputs.size_text, for input files and zip parts alike)
SIZE_MB = "{mb:,.0f} MB"
SIZE_BYTES = "{n:,} 字节"

# What is being read, in messages about its parts (formats/__init__.py, office.py)
READ_KIND_NAMES = {
    "text": "页面文本",
    "html": "网页",
    "mhtml": "网页（MHTML）",
    "docx": "Word 文档（.docx）",
    "doc": "Word 97-2003 文档",
    "wps": "WPS 文字文档",
    "rtf": "RTF 文档",
    "odt": "OpenDocument 文本",
    "xlsx": "Excel 工作簿（.xlsx）",
    "xls": "Excel 97-2003 工作簿",
    "ods": "OpenDocument 表格",
}
OFFICE_FILE = "Office 文件"
# What LibreOffice is asked to convert (office.py)
CONVERTED_KIND_NAMES = {
    "doc": "Word 97-2003（.doc）",
    "wps": "WPS 文字（.wps）",
    "rtf": "RTF",
    "odt": "OpenDocument 文本（.odt）",
}
SOFFICE_NO_OUTPUT = "退出码 {code}，没有生成文件"

# Writing (output.py, naming.py, ops/split.py)
STDOUT_CLOSED = "标准输出已关闭"
FALLBACK_FILE_STEM = "导出"
# The unit overview workbook (ops/split.py, formats/xlsx/overview.py)
OVERVIEW_TITLE = "单位任务一览"
OVERVIEW_STEM = "00-" + OVERVIEW_TITLE
OVERVIEW_HEADERS = ["单位", "牵头任务数", "牵头任务序号", "参与任务数", "参与任务序号", "合计"]
OVERVIEW_SUMMARY = "共 {tasks} 项任务，{units} 个单位"
OVERVIEW_SUMMARY_TITLED = "{title}　" + OVERVIEW_SUMMARY
OVERVIEW_FILE_TITLE = "{title}（" + OVERVIEW_TITLE + "）"
SPLIT_NOTHING = "所选范围内没有任务，无法按单位拆分"
SPLIT_NOTHING_HINT = "检查 --section 选项。"
SPLIT_UNASSIGNED = (
    "注意：任务 {numbers}（共 {count} 项）没有牵头单位或配合单位，不在任何单位的文件中；补上单位后再拆分。"
)

# Paragraph style names shown in Word (formats/docx/writer.py)
DOCX_STYLE_NAMES = {
    "AttachmentLabel": "附件标注",
    "DocTitle": "附件标题",
    "Preamble": "说明",
    "UnitLine": "本单位说明",
    "TableHeader": "表头",
    "TableSection": "表格部分",
    "TableSubsection": "表格小标题",
    "TableCenter": "表格正文居中",
    "PageNumber": "页码",
}

# ---------------------------------------------------------------------------------------------
# The workbook's hidden `_meta` sheet (formats/xlsx/meta.py)
META_SHEET_NOTE = "本表记录导出时的文件信息，供 exporter import 读回编辑后的工作簿，请勿修改或删除。"
META_BROKEN = "隐藏工作表“{sheet}”第 {row} 行已损坏：{what}"
META_BROKEN_HINT = "这张隐藏表记录导出时的信息，不能修改；请在重新导出的工作簿中再做编辑。"
META_NOT_A_NUMBER = "“{value}”不是数字"
META_NOT_AN_INTEGER = "“{value}”不是整数"
META_MISSING = "这不是由 exporter export xlsx 导出的工作簿（没有隐藏工作表“{sheet}”）"
META_MISSING_HINT = "只能读回本程序导出的工作簿；其他来源的文件请先整理成数据文件（.yaml）。"
META_NO_MARK = "缺少标记"
META_VERSION = "工作簿由不同版本的程序导出（格式 {version}，本程序读取 1 和 {current}）"
META_VERSION_HINT = "用同一版本的 exporter 重新导出后再编辑。"
META_NOT_JSON = "{kind} 不是有效的 JSON"
META_NOT_MAPPING = "{kind} 应是映射"
META_BAD_COLUMNS = "columns 不是有效的列清单"
META_UNKNOWN_COLUMNS = "columns 中的列无法识别"
META_SUBSECTION_ORPHAN = "小标题不在其部分之后"
META_BAD_CONTINUATION = "续行记录无法识别"
META_CONTINUATION_INCOMPLETE = "续行记录缺少序号或行数"
META_NUMBERS_NOT_JSON = "任务序号记录不是有效的 JSON"
META_BAD_NUMBERS = "任务序号记录无法识别"
META_UNKNOWN_RECORD = "无法识别的记录“{kind}”"
META_NO_TITLE = "缺少文件标题"

# ---------------------------------------------------------------------------------------------
# Template settings shared by the writers (formats/xlsx/writer.py, formats/pdf/style.py)
TEMPLATE_COLOR = "颜色 {what}“{value}”无法识别"
TEMPLATE_FONT_FORM = "模板设置 {path} 应写成 {{name: 字体名, size: 字号}}"
TEMPLATE_FIELDS_HINT = "可用的字段是：{fields}。"

# ---- Excel workbook (formats/xlsx/writer.py) -------------------------------------------------------
XLSX_COLOR_HINT = "写成六位十六进制，例如 D9D9D9。"
XLSX_LABEL_MISSING = "模板缺少标签 labels.contents"
XLSX_LABEL_MISSING_HINT = "在模板的 labels 中补上这一项。"
XLSX_FONT_FORM_HINT = "例如 {name: 宋体, size: 五号}"
XLSX_COLUMN_NOT_FIELD = "模板设置 xlsx.columns 中的“{key}”不是数据文件的字段"
XLSX_CONTENTS_COLUMNS = "模板设置 xlsx.contents_columns 应是三个列宽"
XLSX_CONTENTS_COLUMNS_HINT = "例如 [58, 14, 10]"
XLSX_BORDER = "边框样式 xlsx.border.style“{style}”无法识别"
XLSX_BORDER_HINT = "可用 thin、medium、hair、dotted、none 等。"
XLSX_MARGIN_MISSING = "模板缺少页边距 xlsx.page.margins.{name}"
XLSX_MARGIN_MISSING_HINT = "写全 top、bottom、left、right、header、footer。"
XLSX_NOT_POSITIVE = "模板设置 xlsx.{what} 应是正数，而不是“{value}”"
XLSX_NOT_POSITIVE_HINT = "例如 36 或 1.45"
XLSX_CONTROL_CHARACTER = "{where}含有不允许的控制字符 {chars}"
XLSX_CONTROL_CHARACTER_HINT = "在数据文件中删除这些不可见字符，然后用 exporter check 检查。"
XLSX_STYLE_NAME = "任务表-{role}"  # cell style names, shown in Excel's style gallery
XLSX_CONTENTS_FALLBACK = "目录"
# where a text is, before XLSX_CONTROL_CHARACTER (and the PDF's coverage message)
WHERE_TITLE = "文件标题"
WHERE_HEADER = "表头"
WHERE_CONTENTS_HEADER = "目录表头"
WHERE_SECTION = "部分“{heading}”"
WHERE_SUBSECTION = "小标题“{heading}”"
WHERE_NUMBER = "序号"
WHERE_UNIT_LINE = "本单位说明"

# ---------------------------------------------------------------------------------------------
# PDF: characters no font can draw (formats/pdf/coverage.py)
PLACE_ATTACHMENT = "附件标注"
PLACE_TITLE = "标题"
PLACE_UNIT_LINE = WHERE_UNIT_LINE
PLACE_PREAMBLE = "前言"
PLACE_HEADER = WHERE_HEADER
PLACE_CONTINUED = "续表标注"
PLACE_PAGE_NUMBER = "页码"
PLACE_SECTION = "第{numeral}部分标题"
PLACE_SUBSECTION = WHERE_SUBSECTION
PLACE_TASK = WHERE_TASK
PLACES_MORE = " 等 {count} 处"
MISSING_GLYPH = "“{char}”（U+{code:04X}，{places}）"
FONT_NAMED = "{alias}（{file}）"
NO_GLYPHS = "有 {count} 个字符在模板配置的字体中都没有字形，无法排版：{chars}。已查找的字体：{fonts}"
NO_GLYPHS_HINT = (
    "在模板的 pdf.fallback 中加入含有这些字符的字体（TTF/TTC），"
    "或在数据文件中改正这些字符（例如生僻字改用通用规范汉字）。"
)

# PDF: fonts named in the template (formats/pdf/fonts.py)
FONT_FILE_PROBLEM = "字体“{alias}”的文件“{path}”{why}"
FONT_CFF = "这是 PostScript（CFF）轮廓的 OpenType 字体，无法嵌入 PDF"
FONT_CFF_HINT = "改用 TrueType 轮廓的字体（.ttf/.ttc），或用 fontTools 转换（见 fonts/build_fonts.py）。"
FONT_NO_SUBFONT = "字体集中没有第 {subfont} 个字体"
FONT_NO_SUBFONT_HINT = "检查模板中该字体的 subfont 值（从 0 起数）。"
FONT_NOT_TRUETYPE = "不是可用的 TrueType 字体（{text}）"
FONT_NOT_TRUETYPE_HINT = "换一个 .ttf 或 .ttc 字体文件。"
FONT_UNREADABLE = "无法读取字体“{alias}”的文件“{path}”：{reason}"
FONT_UNREADABLE_HINT = INPUT_UNREADABLE_HINT
FONTS_NOT_MAPPING = "模板的 fonts 应是“别名: 字体文件”的映射"
FONTS_NOT_MAPPING_HINT = "参照 templates/official.yaml 的 fonts 部分。"
FONT_ALIAS_UNKNOWN = "模板使用了未定义的字体别名“{alias}”。已定义：{known}"
FONT_ALIAS_UNKNOWN_HINT = "在模板的 fonts 部分加上这个别名，或改用已定义的别名。"
FONT_ALIASES_NONE = "（无）"
FONT_SUBFONT_BAD = "字体“{alias}”的 subfont 应是 0 或正整数，而不是“{subfont}”"
FONT_SUBFONT_BAD_HINT = "TTC 字体集中第一个字体为 0。"
FONT_NO_FILE = "字体“{alias}”没有指定文件"
FONT_NO_FILE_HINT = "写成 别名: 文件名.ttf 或 {file: 文件名.ttc, subfont: 0}。"
FONT_IS_FOLDER = "文件夹"
FONT_NOT_REGULAR_HINT = "在模板的 fonts 部分改成字体文件（.ttf、.otf 或 .ttc）的路径。"
FONT_MISSING = "字体“{alias}”的文件“{path}”不存在"
FONT_MISSING_HINT = "把字体文件放到该位置，或在模板的 fonts 部分改成实际路径（绝对路径，或相对于模板文件的路径）。"
FONT_TTC_INDEX = "字体“{alias}”是 TTC 字体集“{name}”，须指定用其中第几个字体"
FONT_TTC_INDEX_HINT = "写成 {alias}: {{file: {file}, subfont: 0}}（从 0 起数）。"

# PDF: layout (formats/pdf/layout.py)
HEADING_SECTION = "部分标题"
HEADING_SUBSECTION = DIFF_SUBSECTION

# PDF: the template's pdf: part (formats/pdf/style.py)
PDF_NOT_MAPPING = "模板的 {path} 应是映射（键: 值）"
PDF_NOT_MAPPING_HINT = "参照 templates/official.yaml 的 pdf 部分。"
PDF_GRAY = "{what} 应是 0（黑）到 1（白）之间的灰度，而不是“{value}”"
PDF_GRAY_HINT = "例如 0.9 为浅灰；写 none 表示不加底色。"
PDF_COLUMN_NOT_FIELD = "pdf.table.columns 中的“{key}”不是数据文件的字段"
PDF_COLUMN_WIDTH = "pdf.table.columns.{key}.width“{value}”无法识别"
PDF_COLUMN_WIDTH_HINT = "写成 30%、14mm 或 *（按内容）。"
PDF_COLUMN_ALIGN = "pdf.table.columns.{key} 的对齐方式“{align}/{valign}”无法识别"
PDF_COLUMNS_TOO_WIDE = "表格有 {count} 列，pdf.table.columns 的列宽之和超过了版心宽度，有的列放不下文字"
PDF_COLUMNS_TOO_WIDE_HINT = "减小百分比或毫米数，或把一列写成 *；列很多时可改用 A3 纸（pdf.page.size: A3）。"
PDF_FALLBACK_NOT_LIST = "pdf.fallback 应是字体别名的列表"
PDF_FALLBACK_NOT_LIST_HINT = "例如 fallback: [serif]。"
PDF_COLUMN_TOO_NARROW = "pdf.table.columns.{key} 太窄，放不下一个字"
PDF_COLUMN_TOO_NARROW_HINT = "加大该列宽度或减小 padding。"
PDF_MARGINS = "pdf.margins 太大，版心放不下表格"
PDF_MARGINS_HINT = "减小上下页边距。"


# Where a received table's row or cell is (formats/docx/reader.py, formats/xlsx/foreign.py, html.py)
WHERE_DOCX_ROW = "{file} 表 {table} 第 {row} 行"
WHERE_SHEET_CELL = "{file} 工作表“{sheet}”{cell}"
WHERE_SHEET_ROW = "工作表“{sheet}”第 {row} 行"
WHAT_WORD_DOCUMENT = "Word 文档"
# Someone's workbook, by kind (formats/xlsx/foreign.py); READ_KIND_NAMES names .xls/.ods without the suffix
WORKBOOK_KIND_NAMES = {
    "xlsx": READ_KIND_NAMES["xlsx"],
    "xls": "Excel 97-2003 工作簿（.xls）",
    "ods": "OpenDocument 表格（.ods）",
}

# Page text and tables read from it (formats/pagetext.py, pagelist.py, table.py)
TEXT_NOT_UTF8 = "文件不是 UTF-8 编码，无法读取"
TEXT_NOT_UTF8_HINT = "请用记事本或 WPS 把文件“另存为”UTF-8 编码后重新导入（例如 iconv -f GB18030 -t UTF-8）。"
TEXT_CONTROL_CHARACTER = "含有控制字符 {chars}"
TEXT_CONTROL_CHARACTER_HINT = "这些不可见字符多由复制粘贴带入，删除后再导入。"
CELL_PER_LINE_HINT = "序号之后应依次是各列的内容，每格占一行。"
TABLE_STRAY_LINE = "无法识别的行：“{text}”"
TABLE_STRAY_LINE_HINT = (
    "表格中的每一行应是部分标题（如“一、…”）、小标题（如“(一)…”）或任务序号及其内容；"
    "请检查这一行是否属于上一行的标题，或删除多余的文字。"
)
INPUT_NAME = "<输入>"
# where a row is (table.py reads the line number back from WHERE_LINE: keep "第 N 行")
WHERE_TABLE_ROW = "表 {table} 第 {row} 行"
