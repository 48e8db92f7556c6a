#!/usr/bin/env python3
"""Workbooks for hocai's tests, made and read by openpyxl (an outside client, not hocai's code).

  workbooks.py inspect FILE                 the workbook as JSON: sheets, cells (value, type, format),
                                            column formats and data validations
  workbooks.py set-format IN OUT COLS FMT   number format FMT on the number cells of columns COLS
                                            (letters, comma-separated) below the header, as a clerk's
                                            Format Cells → Custom does
  workbooks.py features OUT                 an experts roster using what a workbook can hold
  workbooks.py fill IN OUT JSON             the template IN with rows (a JSON list of lists) typed in
  workbooks.py bomb OUT | strings OUT | laughs OUT | damaged OUT    malformed workbooks
"""
import datetime
import json
import sys
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904


def value(cell):
    v = cell.value
    if isinstance(v, (datetime.datetime, datetime.date)):
        return {"v": v.isoformat()[:10], "t": "date", "f": cell.number_format}
    if isinstance(v, bool):
        return {"v": v, "t": "bool", "f": cell.number_format}
    if isinstance(v, (int, float)):
        return {"v": v, "t": "number", "f": cell.number_format}
    if v is None:
        return {"v": None, "t": "empty", "f": cell.number_format}
    return {"v": str(v), "t": "text", "f": cell.number_format}


def inspect(path):
    workbook = openpyxl.load_workbook(path)
    sheets = []
    for sheet in workbook.worksheets:
        sheets.append({
            "name": sheet.title,
            "max_row": sheet.max_row,
            "rows": [[value(c) for c in row] for row in sheet.iter_rows(max_row=min(sheet.max_row, 200))],
            "columns": {k: d.number_format for k, d in sheet.column_dimensions.items()},
            "validations": [{"sqref": str(v.sqref), "type": v.type, "formula1": v.formula1}
                            for v in sheet.data_validations.dataValidation],
            "frozen": sheet.freeze_panes,
        })
    print(json.dumps({"sheets": sheets}, ensure_ascii=False))


def set_format(source, target, columns, number_format):
    workbook = openpyxl.load_workbook(source)
    sheet = workbook.worksheets[0]
    for letter in columns.split(","):
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = number_format
    workbook.save(target)


def features(target):
    workbook = openpyxl.Workbook()
    workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.title = "Chuyên gia"
    sheet["A1"] = "DANH SÁCH CHUYÊN GIA CẤP TỈNH"
    sheet.merge_cells("A1:H1")
    sheet.append(["Họ và tên", "Số CCCD", "Ngày sinh", "Giới tính", "Số điện thoại", "Xã/Phường", "Ngày công nhận", "Đã ký"])
    # Row 3: a rich-text name, the CCCD and the phone as numbers shown with their zeros, a date
    # cell (1904 system), a date typed as text, a boolean in a column hocai ignores.
    sheet.append([CellRichText([TextBlock(InlineFont(b=True), "Nguyễn "), "Văn An"]), 19085000901,
                  datetime.date(1985, 2, 1), "Nam", 912345678, "Đại Từ", "15/03/2025", True])
    sheet["B3"].number_format = "000000000000"
    sheet["E3"].number_format = "0000000000"
    sheet["C3"].number_format = "dd/mm/yyyy"
    sheet.append([])
    # Row 5: text CCCD, a date-time cell, a score-like float that is not a date.
    sheet.append(["Trần Thị Bình", "001190000902", datetime.datetime(1990, 9, 5, 14, 30), "Nữ", None, "Phường Phan Đình Phùng",
                  datetime.date(2025, 3, 16), False])
    sheet["C5"].number_format = "yyyy-mm-dd hh:mm"
    sheet["G5"].number_format = "d/m/yyyy"
    # Row 6: the CCCD as a plain number (its zero lost) and a merged class of two rows below.
    sheet.append(["Lê Văn Cường", 19085000903, datetime.date(1985, 2, 3), "Nam", None, "Đại Từ", datetime.date(2025, 3, 17), None])
    sheet["C6"].number_format = "dd/mm/yyyy"
    sheet["G6"].number_format = "dd/mm/yyyy"
    # A header over two rows: the person's columns merged down, the last two under a label merged
    # across; a commune merged down over the two data rows.
    two = workbook.create_sheet("Hai dòng")
    two.append(["Họ và tên", "Số CCCD", "Ngày sinh", "Giới tính", "Nơi ở và công nhận", None])
    two.append([None, None, None, None, "Xã/Phường", "Ngày công nhận"])
    for column in "ABCD":
        two.merge_cells(f"{column}1:{column}2")
    two.merge_cells("E1:F1")
    two.append(["Hoàng Văn Em", "019085000905", "05/02/1985", "Nam", "Phường Phan Đình Phùng", "19/03/2025"])
    two.append(["Hoàng Thị Gấm", "019185000906", "06/02/1985", "Nữ", None, "19/03/2025"])
    two.merge_cells("E3:E4")
    other = workbook.create_sheet("Khác")
    other.append(["Họ và tên", "Số CCCD", "Ngày sinh", "Giới tính", "Xã/Phường", "Ngày công nhận"])
    other.append(["Phạm Văn Dũng", "019085000904", "04/02/1985", "Nam", "Đại Từ", "18/03/2025"])
    workbook.save(target)


def fill(source, target, rows):
    workbook = openpyxl.load_workbook(source)
    sheet = workbook.worksheets[0]
    for row in json.loads(rows):
        sheet.append(row)
    workbook.save(target)


PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
}
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_TAIL = '</sheetData></worksheet>'
HEADER_ROW = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'


def malformed(target, sheet, strings):
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            for chunk in sheet:
                part.write(chunk.encode())
        with archive.open("xl/sharedStrings.xml", "w") as part:
            for chunk in strings:
                part.write(chunk.encode())


def bomb(target):
    # 1 GiB of spaces between two rows: a few megabytes zipped.
    block = " " * (1 << 20)
    malformed(target, [SHEET_HEAD, HEADER_ROW] + [block] * 1024 + [SHEET_TAIL],
              ['<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Họ và tên</t></si></sst>'])


def strings(target):
    # 64 MiB of distinct strings.
    def items():
        yield '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        for block in range(1 << 10):
            yield "".join(f"<si><t>{block:04d}-{i:05d}-{'x' * 40}-{(block * 7919 + i) % 99991:05d}</t></si>" for i in range(1 << 10))
        yield "</sst>"
    malformed(target, [SHEET_HEAD, HEADER_ROW, SHEET_TAIL], items())


def laughs(target):
    entities = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    malformed(target, [SHEET_HEAD, HEADER_ROW, SHEET_TAIL],
              [f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'])


def damaged(target):
    features(target)
    with open(target, "rb") as file:
        data = file.read()
    with open(target, "wb") as file:
        file.write(data[: len(data) // 2])


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"inspect": inspect, "set-format": set_format, "features": features, "fill": fill,
     "bomb": bomb, "strings": strings, "laughs": laughs, "damaged": damaged}[command](*args)
