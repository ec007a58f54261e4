"""Spreadsheet exports that cannot run what a resident typed (CSV injection): shared by every admin export."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_spreadsheet_formula(value):
    """Stop a spreadsheet from running an answer as a formula (CSV injection): prefix a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CsvFormulaSafeMixin:
    """For a Wagtail listing or report view with CSV export: every cell that starts like a formula is text."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: escape_spreadsheet_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )
