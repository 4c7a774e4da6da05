/** One CSV record (RFC 4180): fields with a comma, quote or line break are quoted. */
export function csvRecord(values: readonly (string | null)[]): string {
  return (
    values
      .map((value) => {
        if (value === null) return '';
        return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
      })
      .join(',') + '\r\n'
  );
}
