import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkVoteLine,
  EXPORT_OUTCOMES,
  parseVoteLine,
  scanExportLine,
  VoteFileError,
  VoteLineError,
  VoteLineReader,
  VoteTally,
  type ExportedVote,
} from '../src';

/** A line exactly as `exportVotes` writes it: JSON.stringify in ExportedVote's field order. */
const exportLine = (vote: ExportedVote) =>
  JSON.stringify({
    arena: vote.arena,
    category: vote.category,
    challenge: vote.challenge,
    model_a: vote.model_a,
    model_b: vote.model_b,
    outcome: vote.outcome,
    voter: vote.voter,
    created_at: vote.created_at,
  });

const vote = (fields: Partial<ExportedVote> = {}): ExportedVote => ({
  arena: 'text-to-image',
  category: 'portraits',
  challenge: null,
  model_a: 'alpha-image',
  model_b: 'beta-diffusion',
  outcome: 'model_a',
  voter: '0f4c07a89bd634c60db3976544a4fe26',
  created_at: '2025-01-01T00:00:01.013Z',
  ...fields,
});

/** What the general path decides: the vote, or the error's message. */
function general(text: string): unknown {
  try {
    return text.trim() === '' ? null : checkVoteLine(JSON.parse(text));
  } catch (error) {
    return (error as Error).message;
  }
}

function decided(text: string): unknown {
  try {
    return parseVoteLine(text);
  } catch (error) {
    expect(error).toBeInstanceOf(VoteLineError);
    return (error as Error).message;
  }
}

/** Names as exports have them, and names with everything JSON must escape. */
const name = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

describe('vote lines', () => {
  it('reads an export line on the fast path, as JSON.parse would', () => {
    const text = exportLine(vote({ challenge: 'rainy-street', outcome: 'both_bad' }));
    expect(scanExportLine(text, 0, text.length)).toEqual({
      arena: 'text-to-image',
      category: 'portraits',
      model_a: 'alpha-image',
      model_b: 'beta-diffusion',
      outcome: 'both_bad',
    });
    // In place, inside a longer text: only start..end is read.
    const framed = `xx${text}\nyy`;
    expect(scanExportLine(framed, 2, 2 + text.length)).toEqual(
      scanExportLine(text, 0, text.length),
    );
    // An export filtered to no arena or category carries nulls: still the fast path.
    const bare = exportLine(vote({ arena: null as never, category: null as never }));
    expect(scanExportLine(bare, 0, bare.length)).toMatchObject({ arena: null, category: null });
  });

  it('decides every line as the general path does, whatever the names hold', () => {
    fc.assert(
      fc.property(
        name,
        fc.option(name),
        name,
        name,
        fc.constantFrom(...EXPORT_OUTCOMES, 'left', ''),
        fc.option(name),
        (arena, category, modelA, modelB, outcome, challenge) => {
          const text = exportLine(
            vote({
              arena,
              category: category as string,
              model_a: modelA,
              model_b: modelB,
              outcome: outcome as ExportedVote['outcome'],
              challenge,
            }),
          );
          expect(decided(text)).toEqual(general(text));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('takes the fast path for plain names and leaves escapes to JSON.parse', () => {
    const plain = exportLine(vote());
    expect(scanExportLine(plain, 0, plain.length)).toBeDefined();
    const escaped = exportLine(vote({ model_a: 'alpha "image"\n' }));
    expect(scanExportLine(escaped, 0, escaped.length)).toBeUndefined();
    expect(parseVoteLine(escaped)).toMatchObject({ model_a: 'alpha "image"\n' });
  });

  it('reads lines in any key order, with white space or extra fields, by the general path', () => {
    const reordered = '{ "outcome": "tie", "model_b": "b", "model_a": "a", "extra": [1, {}] }';
    expect(scanExportLine(reordered, 0, reordered.length)).toBeUndefined();
    expect(parseVoteLine(reordered)).toEqual({
      model_a: 'a',
      model_b: 'b',
      outcome: 'tie',
      arena: null,
      category: null,
    });
    expect(parseVoteLine('  \t ')).toBeNull();
  });

  it.each([
    ['{"model_a":"a","model_b":"b"', /JSON/],
    ['[1,2]', /expected a JSON object/],
    ['null', /expected a JSON object/],
    ['{"model_a":"a","outcome":"tie"}', /model_b must be a non-empty string/],
    ['{"model_a":"","model_b":"b","outcome":"tie"}', /model_a must be a non-empty string/],
    ['{"model_a":"a","model_b":"b","outcome":"left"}', /outcome must be one of/],
    ['{"model_a":"a","model_b":"a","outcome":"tie"}', /same model \(a\)/],
    ['{"model_a":"a","model_b":"b","outcome":"tie","category":""}', /category must be/],
    ['{"model_a":"a","model_b":"b","outcome":"tie","arena":7}', /arena must be/],
  ])('refuses %s', (text, message) => {
    expect(() => parseVoteLine(text)).toThrow(message);
  });
});

/** The tally's counts in a stable order, for comparing two ways of reading. */
const sorted = (tally: VoteTally) =>
  tally.counts().sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

describe('VoteLineReader', () => {
  const lines = [
    exportLine(vote()),
    exportLine(vote({ outcome: 'model_b', category: 'logos' })),
    exportLine(vote({ model_a: 'beta-diffusion', model_b: 'alpha-image', outcome: 'tie' })),
    exportLine(vote({ arena: 'image-editing', model_a: 'gamma-ñ-✓', outcome: 'both_bad' })),
    exportLine(vote()),
  ];
  const text = lines.join('\n') + '\n';

  function read(...chunks: string[]): VoteTally {
    const reader = new VoteLineReader();
    for (const chunk of chunks) reader.push(chunk);
    return reader.end();
  }

  it('tallies the same whatever the chunks, cut anywhere', () => {
    const whole = sorted(read(text));
    expect(
      whole.reduce((n, row) => n + row.leftWins + row.rightWins + row.ties + row.bothBad, 0),
    ).toBe(5);
    for (let cut = 0; cut <= text.length; cut += 1) {
      expect(sorted(read(text.slice(0, cut), text.slice(cut)))).toEqual(whole);
    }
    expect(sorted(read(...text.split('')))).toEqual(whole);
  });

  it('reads CRLF, blank lines, a byte order mark and a last line without a break', () => {
    const whole = sorted(read(text));
    expect(sorted(read(lines.join('\r\n') + '\r\n'))).toEqual(whole);
    expect(sorted(read('\uFEFF' + lines.join('\n\n  \n\r\n')))).toEqual(whole);
    expect(sorted(read('\uFEFF', text))).toEqual(whole);
  });

  it('names the line of a bad or truncated vote, counting blank lines', () => {
    const bad = [lines[0], '', lines[1], '{"model_a":"a"}', lines[2]].join('\r\n');
    expect(() => read(bad)).toThrow(new VoteFileError(4, 'model_b must be a non-empty string'));
    const truncated = text + lines[0]!.slice(0, 40);
    const reader = new VoteLineReader();
    reader.push(truncated);
    expect(reader.lines).toBe(5);
    let error: unknown;
    try {
      reader.end();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VoteFileError);
    expect((error as VoteFileError).line).toBe(6);
    expect((error as VoteFileError).message).toMatch(/^line 6: not a vote line \(.*JSON/);
  });
});

describe('VoteTally', () => {
  it('keeps scopes and sides apart, even where joined names would coincide', () => {
    const tally = new VoteTally();
    tally.add({ arena: 'a', category: 'b\u0000c', model_a: 'x', model_b: 'y', outcome: 'tie' });
    tally.add({ arena: 'a\u0000b', category: 'c', model_a: 'x', model_b: 'y', outcome: 'tie' });
    tally.add({ arena: 'a', category: 'b\u0000c', model_a: 'y', model_b: 'x', outcome: 'model_a' });
    tally.add({ arena: 'a', category: 'b\u0000c', model_a: 'x', model_b: 'y', outcome: 'model_b' });
    tally.add({ model_a: 'x', model_b: 'y', outcome: 'both_bad' });
    expect(sorted(tally)).toEqual(
      sorted({
        counts: () => [
          {
            arena: 'a',
            category: 'b\u0000c',
            challenge: null,
            left: 'x',
            right: 'y',
            leftWins: 0,
            rightWins: 1,
            ties: 1,
            bothBad: 0,
          },
          {
            arena: 'a\u0000b',
            category: 'c',
            challenge: null,
            left: 'x',
            right: 'y',
            leftWins: 0,
            rightWins: 0,
            ties: 1,
            bothBad: 0,
          },
          {
            arena: 'a',
            category: 'b\u0000c',
            challenge: null,
            left: 'y',
            right: 'x',
            leftWins: 1,
            rightWins: 0,
            ties: 0,
            bothBad: 0,
          },
          {
            arena: null,
            category: null,
            challenge: null,
            left: 'x',
            right: 'y',
            leftWins: 0,
            rightWins: 0,
            ties: 0,
            bothBad: 1,
          },
        ],
      } as VoteTally),
    );
  });
});
