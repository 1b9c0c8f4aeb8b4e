"""The PDF's logical structure (tagged PDF): Document → P (附件), H1 (title), P, Table → THead/TBody → TR → TH/TD.

The layout creates the nodes in published order and hangs each drawn line on its cell's node (or on
None: an artifact, such as a repeated header row or a page number); drawing gives every run of lines
of one node on one page a marked-content id; `write_tree` writes the nodes as structure elements with
the parent tree that maps marked content back to them.
"""

from __future__ import annotations

from exporter.formats.pdf.objects import Name, PdfFile, Ref, serialize

COLUMN_HEADER = {"O": Name("Table"), "Scope": Name("Column")}  # a TH that heads its column


def spanning(columns: int) -> dict:
    """A TD that spans the whole row (section and subsection rows)."""
    return {"O": Name("Table"), "ColSpan": columns}


class Node:
    """A structure element: its standard type, attributes and kids (nodes, or (page, MCID) pairs)."""

    __slots__ = ("role", "parent", "attrs", "kids", "ref")

    def __init__(self, role: str, parent: Node | None = None, attrs: dict | None = None):
        self.role = role
        self.parent = parent
        self.attrs = attrs
        self.kids: list = []
        self.ref: Ref | None = None
        if parent is not None:
            parent.kids.append(self)

    def walk(self):
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed([k for k in node.kids if type(k) is Node]))


def write_tree(pdf: PdfFile, root: Node, pages: list[Ref], owners: list[list[Node]]) -> Ref:
    """Write the structure elements, the parent tree and the StructTreeRoot; returns the latter.

    `owners[i][m]` is the node that marked-content id m on page i belongs to.
    """
    tree = pdf.reserve()
    nodes = list(root.walk())
    for node in nodes:
        node.ref = pdf.reserve()
    for node in nodes:
        kids, page = [], None
        for kid in node.kids:
            if type(kid) is Node:
                kids.append(f"{int(kid.ref)} 0 R")
                continue
            on, mcid = kid
            if page is None:
                page = on
            kids.append(str(mcid) if on == page else f"<</Type /MCR /Pg {int(pages[on])} 0 R /MCID {mcid}>>")
        parent = node.parent.ref if node.parent is not None else tree
        text = f"<</Type /StructElem /S /{node.role} /P {int(parent)} 0 R"
        if page is not None:
            text += f" /Pg {int(pages[page])} 0 R"
        if kids:
            text += f" /K [{' '.join(kids)}]"
        if node.attrs:
            text += f" /A {serialize(node.attrs)}"
        pdf.add(text + ">>", ref=node.ref)
    nums = " ".join(f"{i} [{' '.join(f'{int(n.ref)} 0 R' for n in marks)}]" for i, marks in enumerate(owners))
    parent_tree = pdf.add(f"<</Nums [{nums}]>>")
    pdf.add(
        f"<</Type /StructTreeRoot /K [{int(root.ref)} 0 R] /ParentTree {int(parent_tree)} 0 R "
        f"/ParentTreeNextKey {len(owners)}>>",
        ref=tree,
    )
    return tree
