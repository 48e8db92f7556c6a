/* The libxlsxwriter side of scripts/bench-xlsx-writer: reads a CSV roster (UTF-8, comma, quotes)
 * and writes it as one sheet of text cells, in libxlsxwriter's constant-memory mode, the way
 * hocai's own writer writes a rejects workbook. With --read-only it only reads the CSV, so that
 * the reading can be taken away from the time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: xlsx-write IN.csv OUT.xlsx [--read-only]\n"); return 64; }
    int read_only = argc > 3 && strcmp(argv[3], "--read-only") == 0;
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 1; }
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *workbook = read_only ? NULL : workbook_new_opt(argv[2], &options);
    lxw_worksheet *sheet = read_only ? NULL : workbook_add_worksheet(workbook, "Danh sach");
    lxw_format *text = read_only ? NULL : workbook_add_format(workbook);
    if (text) format_set_num_format(text, "@");
    char *line = NULL, cell[65536];
    size_t capacity = 0;
    long row = 0, cells = 0;
    while (getline(&line, &capacity, in) > 0) {
        int column = 0, quoted = 0;
        size_t length = 0;
        for (char *p = line;; p++) {
            char c = *p;
            if (quoted) {
                if (c == '"' && p[1] == '"') { cell[length++] = '"'; p++; }
                else if (c == '"') quoted = 0;
                else if (c) cell[length++] = c;
                else break;
                continue;
            }
            if (c == '"') { quoted = 1; continue; }
            if (c == ',' || c == '\n' || c == '\r' || c == 0) {
                cell[length] = 0;
                if (sheet && length) worksheet_write_string(sheet, row, column, cell, text);
                cells++;
                column++;
                length = 0;
                if (c != ',') break;
                continue;
            }
            cell[length++] = c;
        }
        row++;
    }
    free(line);
    fclose(in);
    if (workbook && workbook_close(workbook) != LXW_NO_ERROR) { fprintf(stderr, "libxlsxwriter failed\n"); return 1; }
    fprintf(stderr, "%ld rows, %ld cells\n", row, cells);
    return 0;
}
