"""The printed 《社会工作者再登记申请表》 (or 首次登记申请表): A4, ruled tables, one CJK font.

`render_application_form(data)` returns the PDF as bytes. Layout, top to bottom: title block
with QR code, 基本信息 (with the photo at the rule pack's ID-photo size), 证书及登记情况 (on a
re-registration with the expiring period, 原登记有效期, and its 登记证书编号), 继续教育情况
(re-registration only; header row repeated on every page), 材料清单, 承诺声明 with the
applicant's signature line, 所在单位意见 and 审核意见 (one block per review level), each
with room for a 42 mm official seal under the office's name and, for the review blocks,
同意/不同意 boxes. Sections are numbered in order (一、二、…), so a first-registration form
has no empty continuing-education section. Footer "第 X 页 共 Y 页" on every page.

Pages: the activity table may break across pages; every other section stays whole. When a
page would hold less than a third of a page of content, the form is laid out again with the
closing sections kept together (see `render_application_form`), so no near-empty page
ends the form. Table columns share one grid: the label/value tables have the same column
edges, and so do the activity table and the materials list. Text in cells is broken between
words, not inside them (`cjk_wrap`).

A form generated while the fix list still has items (`open_fix_items` > 0) carries on every
page a red line above the footer and a diagonal watermark "预审未通过，草稿": printed too
early, it cannot be taken for the form to sign and hand in.

Output is deterministic (ReportLab's invariant mode: no timestamps or random IDs), so the same
data gives the same bytes. Rendering is serialised by a lock: ReportLab keeps per-document
state in shared objects (fonts) and is not safe to run in two threads at once.

The modules, bottom up: `page` (the page's geometry, colours, column grids, and the paragraph
and table styles every section uses), `drawings` (the drawn parts: title block with the QR
code, headings, the photo box, tick boxes, the opinion blocks' writing and seal areas),
`sections` (one table per section), `document` (the story, the page-fill re-layout, the
document template and the footer canvas).
"""

from .document import render_application_form, unprintable_characters

__all__ = ["render_application_form", "unprintable_characters"]
