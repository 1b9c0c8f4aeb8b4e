"""exporter: 政府工作报告重点工作任务完成情况的规范化数据、工作簿与 PDF。"""

__version__ = "0.1.0"
# The program named as producer/application in every output's properties.
PRODUCER = "exporter"
