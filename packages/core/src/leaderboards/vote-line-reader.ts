import { parseVoteLine, VoteLineError } from './vote-line';
import { VoteTally } from './vote-tally';

const NEWLINE = '\n';
const CARRIAGE_RETURN = 0x0d;
const BYTE_ORDER_MARK = 0xfeff;

/** A line that is not a vote line, with its number (1-based) for the message. */
export class VoteFileError extends Error {
  override name = 'VoteFileError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: not a vote line (${reason})`);
  }
}

/**
 * Tallies an export (JSON lines) fed as text chunks of any size, as a file or stdin delivers
 * them: no I/O here, and no line is kept once counted, so memory stays that of the tally
 * whatever the file's size. Lines end with LF or CRLF; blank lines are skipped, a byte order
 * mark at the start is dropped, and the last line needs no line break. A bad line throws
 * VoteFileError with its number.
 *
 * Lines are read in place in the chunk (start and end offsets), so a line costs no string of
 * its own unless it needs the general path: see `scanExportLine`.
 */
export class VoteLineReader {
  readonly tally = new VoteTally();
  private lineNumber = 0;
  /** The start of a line that the previous chunk cut off. */
  private pending = '';
  private started = false;

  /** Lines read so far, blank ones included. */
  get lines(): number {
    return this.lineNumber;
  }

  push(chunk: string): void {
    let from = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === BYTE_ORDER_MARK) from = 1;
    }
    if (this.pending !== '') {
      const newline = chunk.indexOf(NEWLINE, from);
      if (newline < 0) {
        this.pending += chunk.slice(from);
        return;
      }
      const line = this.pending + chunk.slice(from, newline);
      this.pending = '';
      this.read(line, 0, line.length);
      from = newline + 1;
    }
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, from);
      if (newline < 0) break;
      this.read(chunk, from, newline);
      from = newline + 1;
    }
    if (from < chunk.length) this.pending = chunk.slice(from);
  }

  /** The input has ended: reads a last line left without a line break. */
  end(): VoteTally {
    if (this.pending !== '') {
      const line = this.pending;
      this.pending = '';
      this.read(line, 0, line.length);
    }
    return this.tally;
  }

  private read(text: string, start: number, end: number): void {
    this.lineNumber += 1;
    const stop = end > start && text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end;
    let line;
    try {
      line = parseVoteLine(text, start, stop);
    } catch (error) {
      if (error instanceof VoteLineError) throw new VoteFileError(this.lineNumber, error.message);
      throw error;
    }
    if (line) this.tally.add(line);
  }
}
